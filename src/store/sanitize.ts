import { isSecret } from '../secret.js';

/** Deep copy with every Secret replaced, so nothing secret can be persisted or printed. */
export function sanitizeSpec<T>(value: T): T {
  return sanitize(value) as T;
}

function sanitize(value: unknown): unknown {
  if (isSecret(value)) return '(sensitive)';
  if (Array.isArray(value)) return value.map(sanitize);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = sanitize(v);
    return out;
  }
  return value;
}
