import { MissingCredentialsError } from '../../src/errors.js';
import { HttpClient, type HttpClientOptions } from '../../src/http/client.js';
import type { Logger } from '../../src/log/logger.js';
import { Secret } from '../../src/secret.js';

export const DEFAULT_VERCEL_API_URL = 'https://api.vercel.com';

/**
 * Reads Vercel's classic error envelope `{"error":{"code","message"}}` (vercel.md §2). The flat
 * `{"code","message"}` shape of some newer endpoints is accepted too. A body that is not JSON (a
 * proxy's HTML page) is not echoed: only the status is reported.
 */
export function parseVercelError(status: number, body: unknown): { code?: string; message: string } {
  if (typeof body === 'object' && body !== null) {
    const envelope = (body as { error?: unknown }).error;
    const source = typeof envelope === 'object' && envelope !== null ? envelope : body;
    const { code, message } = source as { code?: unknown; message?: unknown };
    if (typeof message === 'string') return { ...(typeof code === 'string' ? { code } : {}), message };
  }
  return { message: `HTTP ${status} without a Vercel error body` };
}

/**
 * The options gitplane's Vercel client runs with. Exposed separately so tests can shorten the retry
 * policy or pass undici's MockAgent without re-implementing the credential rules.
 */
export function vercelHttpOptions(
  processEnv: Readonly<Record<string, string | undefined>>,
  log: Logger,
  overrides: Partial<HttpClientOptions> = {},
): HttpClientOptions {
  const token = processEnv['VERCEL_TOKEN'];
  if (!token) {
    throw new MissingCredentialsError('vercel: VERCEL_TOKEN is not set', {
      hint: 'create a token at vercel.com/account/tokens and export VERCEL_TOKEN (and VERCEL_TEAM_ID for team projects)',
    });
  }
  const teamId = processEnv['VERCEL_TEAM_ID'];
  return {
    platform: 'vercel',
    baseUrl: processEnv['VERCEL_API_URL'] || DEFAULT_VERCEL_API_URL,
    headers: { authorization: new Secret(`Bearer ${token}`) },
    // Without teamId every request runs against the token owner's personal account, where team
    // projects look absent (vercel.md §1), so it goes on every request, not just some.
    ...(teamId ? { defaultQuery: { teamId } } : {}),
    parseError: parseVercelError,
    credentialHint: 'VERCEL_TOKEN',
    log,
    ...overrides,
  };
}

export function createVercelHttpClient(
  processEnv: Readonly<Record<string, string | undefined>>,
  log: Logger,
  overrides: Partial<HttpClientOptions> = {},
): HttpClient {
  return new HttpClient(vercelHttpOptions(processEnv, log, overrides));
}
