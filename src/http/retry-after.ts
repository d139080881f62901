/**
 * How long the platform asked us to wait, in milliseconds, from `Retry-After` (seconds or an HTTP
 * date) or, failing that, `X-RateLimit-Reset` when the remaining budget is zero.
 *
 * `X-RateLimit-Reset` is epoch seconds on Vercel; Railway does not document its unit (see
 * shared/platform-apis/railway.md §10), so a value that is too large to be seconds is read as
 * milliseconds and a small one as a delta in seconds.
 */
export function parseRetryAfter(headers: Readonly<Record<string, string>>, nowMs: number): number | undefined {
  const retryAfter = headers['retry-after'];
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - nowMs);
  }
  const remaining = headers['x-ratelimit-remaining'];
  const reset = headers['x-ratelimit-reset'];
  if (remaining === '0' && reset !== undefined) {
    const value = Number(reset);
    if (!Number.isFinite(value)) return undefined;
    if (value > 1e12) return Math.max(0, value - nowMs);
    if (value > 1e9) return Math.max(0, value * 1000 - nowMs);
    return value * 1000;
  }
  return undefined;
}
