import type { VercelSimState } from './state.js';
import type { BodyValidator, OperationId } from './validate.js';

/** One parsed request, already authenticated and scoped to an account. */
export interface SimRequest {
  method: string;
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  body: unknown;
  /** The team id when `teamId` was given, else the token owner's personal account. */
  accountId: string;
  state: VercelSimState;
  options: SimOptions;
  validate: BodyValidator;
}

export interface SimOptions {
  /** Largest page any list returns, whatever `limit` asks: lets tests force several pages. */
  pageSize?: number;
  /** `GET /v10/projects` paging: timestamps with `until` (default) or continuation tokens with `from`. */
  projectPagination: 'timestamp' | 'token';
}

export interface SimResponse {
  status: number;
  body?: unknown;
}

/** Thrown by handlers; becomes Vercel's error envelope `{"error":{"code","message",...}}`. */
export class SimHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  toBody(): { error: Record<string, unknown> } {
    return { error: { code: this.code, message: this.message, ...this.extra } };
  }
}

export function ok(body: unknown, status = 200): SimResponse {
  return { status, body };
}

export function notFound(what: string, id: string): SimHttpError {
  return new SimHttpError(404, 'not_found', `Could not find the ${what}: ${id}`);
}

export function badRequest(message: string, extra: Record<string, unknown> = {}): SimHttpError {
  return new SimHttpError(400, 'bad_request', message, extra);
}

/** Validates a request body against the operation's schema; a failure is Vercel's 400 `bad_request`. */
export function requireValidBody(request: SimRequest, operation: OperationId): void {
  const problem = request.validate(operation, request.body);
  if (problem) throw badRequest(problem);
}
