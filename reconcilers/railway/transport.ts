import { HttpClient, type ErrorParser } from '../../src/http/client.js';
import { MissingCredentialsError, PlatformTerminalError } from '../../src/errors.js';
import type { Logger } from '../../src/log/logger.js';
import { Secret } from '../../src/secret.js';

export const DEFAULT_RAILWAY_API_URL = 'https://backboard.railway.com/graphql/v2';
export const RAILWAY_TOKEN_VARIABLE = 'RAILWAY_API_TOKEN';

interface GraphQLErrorBody {
  message?: unknown;
  extensions?: { code?: unknown };
  path?: unknown;
}

/**
 * Railway's bodies: `{"errors":[{message, extensions:{code}}]}` for GraphQL failures (400 for a
 * document that does not validate, 429 when throttled: that body is undocumented) and
 * `{"message":"Not Found"}` for unknown paths.
 */
export const parseRailwayError: ErrorParser = (status, body) => {
  const errors = (body as { errors?: GraphQLErrorBody[] } | undefined)?.errors;
  if (Array.isArray(errors) && errors.length > 0) {
    const first = errors[0];
    const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : undefined;
    return { ...(code ? { code } : {}), message: errors.map((e) => String(e.message ?? 'unknown error')).join('; ') };
  }
  const message = (body as { message?: unknown } | undefined)?.message;
  if (typeof message === 'string') return { message };
  return { message: typeof body === 'string' && body.length > 0 ? body.slice(0, 200) : `HTTP ${status}` };
};

/** The endpoint is the whole URL (RAILWAY_API_URL); requests go to it with an empty path. */
export function createRailwayHttpClient(processEnv: Readonly<Record<string, string | undefined>>, log: Logger): HttpClient {
  const token = processEnv[RAILWAY_TOKEN_VARIABLE];
  if (!token) {
    throw new MissingCredentialsError(`${RAILWAY_TOKEN_VARIABLE} is not set`, {
      hint: `set ${RAILWAY_TOKEN_VARIABLE} to a Railway account or workspace token (railway.com/account/tokens)`,
    });
  }
  return new HttpClient({
    platform: 'railway',
    baseUrl: processEnv['RAILWAY_API_URL'] || DEFAULT_RAILWAY_API_URL,
    // Account and workspace tokens go in Authorization; project tokens would need
    // Project-Access-Token and cannot list projects, so they are not supported here.
    headers: { authorization: new Secret(`Bearer ${token}`) },
    parseError: parseRailwayError,
    credentialHint: RAILWAY_TOKEN_VARIABLE,
    log,
    // Railway's Hobby plan allows 10 requests per second; Pro allows 50.
    ratePerSecond: 10,
    concurrency: 4,
  });
}

export interface GraphQLCall {
  operationName: string;
  query: string;
  variables?: Readonly<Record<string, unknown>>;
  /** Queries are safe to resend; mutations are not (a lost answer becomes AmbiguousResultError). */
  mutation: boolean;
}

/**
 * Sends one GraphQL document. Railway answers resolver failures with HTTP 200 and an `errors`
 * array (and `data: null`), so a 200 is not success: any error entry fails the call with
 * Railway's message. Its `extensions.code` is INTERNAL_SERVER_ERROR even for authorization
 * failures, so nothing here branches on it.
 */
export async function graphqlRequest<T>(http: HttpClient, call: GraphQLCall, signal?: AbortSignal): Promise<T> {
  const response = await http.request<{ data?: T | null; errors?: GraphQLErrorBody[] }>(
    {
      method: 'POST',
      path: '',
      body: { query: call.query, variables: call.variables ?? {}, operationName: call.operationName },
      idempotent: !call.mutation,
      operation: call.operationName,
    },
    signal,
  );
  const body = response.body;
  const errors = body?.errors;
  if (Array.isArray(errors) && errors.length > 0) {
    const message = errors.map((e) => String(e.message ?? 'unknown error')).join('; ');
    const notAuthorized = errors.some((e) => e.message === 'Not Authorized');
    throw new PlatformTerminalError(
      `railway: ${call.operationName} failed: ${message}`,
      { platform: 'railway', status: response.status, operation: call.operationName },
      notAuthorized
        ? {
            hint: `Railway says "Not Authorized" both for a token without access and for an id that does not exist: check that ${RAILWAY_TOKEN_VARIABLE} is an account or workspace token that can see this project`,
          }
        : undefined,
    );
  }
  if (body?.data === undefined || body.data === null) {
    throw new PlatformTerminalError(`railway: ${call.operationName} returned no data`, {
      platform: 'railway',
      status: response.status,
      operation: call.operationName,
    });
  }
  return body.data;
}
