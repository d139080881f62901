import { NotFoundError } from '../../src/errors.js';
import type { HttpClient } from '../../src/http/client.js';

/** What every Vercel API call needs: the platform's HTTP client and the run's abort signal. */
export interface VercelCall {
  http: HttpClient;
  signal?: AbortSignal | undefined;
}

/** Path segment for a project id/name, env id or domain name. */
export const segment = encodeURIComponent;

/** For reads and deletes only: a 404 means "not there", which the caller decides how to treat. */
export async function orAbsent<T>(promise: Promise<T>): Promise<T | undefined> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}
