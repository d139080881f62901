import { badRequest, type SimOptions } from './http.js';

/** Vercel's REST rule (vercel.md §3): `limit` up to 100; the per-endpoint default is ours (20, as the docs' examples). */
const MAX_LIMIT = 100;
const DEFAULT_LIMIT = 20;

export interface Paged<T> {
  items: T[];
  pagination: { count: number; next: number | string | null; prev: number | string | null };
}

export function pageLimit(query: URLSearchParams, options: SimOptions, fallback: number = DEFAULT_LIMIT): number {
  const raw = query.get('limit');
  let limit = fallback;
  if (raw !== null) {
    limit = Number(raw);
    if (!Number.isInteger(limit) || limit < 1) throw badRequest('Invalid request: `limit` should be a positive integer.');
    if (limit > MAX_LIMIT) throw badRequest(`Invalid request: \`limit\` should be <= ${MAX_LIMIT}.`);
  }
  return options.pageSize ? Math.min(limit, options.pageSize) : limit;
}

function timestampParam(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw badRequest(`Invalid request: \`${name}\` should be a number.`);
  return value;
}

/**
 * Newest first by a millisecond timestamp; `until` returns items strictly older, `since` strictly
 * newer; `next` is the timestamp of the last item when more remain, `null` at the end.
 */
export function pageByTimestamp<T>(items: readonly T[], stamp: (item: T) => number, query: URLSearchParams, limit: number, order: 'ASC' | 'DESC' = 'DESC'): Paged<T> {
  const until = timestampParam(query, 'until');
  const since = timestampParam(query, 'since');
  const sorted = [...items].sort((a, b) => (order === 'DESC' ? stamp(b) - stamp(a) : stamp(a) - stamp(b)));
  const eligible = sorted.filter((item) => (until === undefined || stamp(item) < until) && (since === undefined || stamp(item) > since));
  const page = eligible.slice(0, limit);
  const more = eligible.length > page.length;
  const first = page[0];
  const last = page[page.length - 1];
  return {
    items: page,
    pagination: { count: page.length, next: more && last !== undefined ? stamp(last) : null, prev: first !== undefined ? stamp(first) : null },
  };
}

/**
 * `GET /v10/projects` may answer with a Base32 continuation token in `next`, passed back as `from`
 * (vercel.md §3). The token's content is ours: the timestamp the next page starts before.
 */
export function pageByToken<T>(items: readonly T[], stamp: (item: T) => number, query: URLSearchParams, limit: number): Paged<T> {
  const from = query.get('from');
  const until = from === null ? undefined : decodeToken(from);
  const sorted = [...items].sort((a, b) => stamp(b) - stamp(a));
  const eligible = sorted.filter((item) => until === undefined || stamp(item) < until);
  const page = eligible.slice(0, limit);
  const last = page[page.length - 1];
  const more = eligible.length > page.length;
  return { items: page, pagination: { count: page.length, next: more && last !== undefined ? encodeToken(stamp(last)) : null, prev: null } };
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function encodeToken(value: number): string {
  let bits = '';
  for (const byte of Buffer.from(`until:${value}`, 'utf8')) bits += byte.toString(2).padStart(8, '0');
  let out = '';
  for (let i = 0; i < bits.length; i += 5) out += ALPHABET[parseInt(bits.slice(i, i + 5).padEnd(5, '0'), 2)];
  return out;
}

function decodeToken(token: string): number {
  let bits = '';
  for (const char of token) {
    const index = ALPHABET.indexOf(char);
    if (index === -1) throw badRequest('Invalid request: `from` is not a valid continuation token.');
    bits += index.toString(2).padStart(5, '0');
  }
  const bytes: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  const match = /^until:(\d+)$/.exec(Buffer.from(bytes).toString('utf8'));
  if (!match) throw badRequest('Invalid request: `from` is not a valid continuation token.');
  return Number(match[1]);
}
