import { PlatformTerminalError } from '../../src/errors.js';
import type { VercelPagination } from './api-types.js';

/** Where the next page starts: `until` for a millisecond timestamp, `from` for a continuation token. */
export interface PageCursor {
  until?: number;
  from?: string;
}

export interface Page<T> {
  items: T[];
  pagination?: VercelPagination | undefined;
}

/** A list this long is a loop, not an account: stop rather than spin. */
const MAX_PAGES = 1000;

/**
 * Reads every page of a Vercel list. `pagination.next` is either a millisecond timestamp, sent
 * back as `until` (the general REST rule), or, on `GET /v10/projects`, a Base32 continuation token
 * sent back as `from` (vercel.md §3); `null` or a missing `pagination` ends the list. Like the
 * Terraform provider, we stop with an error when a cursor repeats instead of looping forever.
 */
export async function collectPages<T>(operation: string, fetchPage: (cursor: PageCursor) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let cursor: PageCursor = {};
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await fetchPage(cursor);
    items.push(...result.items);
    const next = result.pagination?.next;
    if (next === null || next === undefined || next === '') return items;
    const token = `${typeof next}:${String(next)}`;
    if (seen.has(token)) {
      throw new PlatformTerminalError(`vercel: ${operation} returned the same page cursor twice; the listing would never end`, { platform: 'vercel', operation });
    }
    seen.add(token);
    cursor = typeof next === 'number' ? { until: next } : { from: next };
  }
  throw new PlatformTerminalError(`vercel: ${operation} returned more than ${MAX_PAGES} pages`, { platform: 'vercel', operation });
}
