/**
 * Error families, decided once where the error is created (usually the HTTP edge) and read from
 * the class, never from the message text.
 *
 * - RetryableError: the same request may succeed later (network, 429, 5xx).
 * - TerminalError: retrying cannot help (auth, validation, not found, conflict).
 * - AmbiguousResultError: a non-idempotent request was sent and its answer lost; the platform may or
 *   may not have acted. The caller must re-observe before deciding anything.
 */
export class GitplaneError extends Error {
  override readonly name: string = 'GitplaneError';
  /** One line telling a person what to do about it. */
  readonly hint?: string;

  constructor(message: string, options?: { hint?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    if (options?.hint !== undefined) this.hint = options.hint;
  }
}

export class TerminalError extends GitplaneError {
  override readonly name: string = 'TerminalError';
}

export class RetryableError extends GitplaneError {
  override readonly name: string = 'RetryableError';
}

export class AmbiguousResultError extends GitplaneError {
  override readonly name: string = 'AmbiguousResultError';
}

/** Credentials for a platform that a declared resource uses are missing. */
export class MissingCredentialsError extends TerminalError {
  override readonly name: string = 'MissingCredentialsError';
}

/** Raised by adapters and the HTTP layer; carries what the platform said, never request bodies. */
export interface PlatformErrorDetails {
  platform: string;
  status?: number;
  code?: string;
  /** What was being done, e.g. `POST /v11/projects`. */
  operation: string;
}

export class PlatformTerminalError extends TerminalError {
  override readonly name: string = 'PlatformTerminalError';
  readonly details: PlatformErrorDetails;
  constructor(message: string, details: PlatformErrorDetails, options?: { hint?: string; cause?: unknown }) {
    super(message, options);
    this.details = details;
  }
}

/** 404 from a read: the thing is absent. Reads only; a 404 on a write is a terminal error. */
export class NotFoundError extends PlatformTerminalError {
  override readonly name: string = 'NotFoundError';
}

export class PlatformRetryableError extends RetryableError {
  override readonly name: string = 'PlatformRetryableError';
  readonly details: PlatformErrorDetails;
  /** Milliseconds the platform asked us to wait, when it said. */
  readonly retryAfterMs?: number;
  constructor(message: string, details: PlatformErrorDetails, options?: { retryAfterMs?: number; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.details = details;
    if (options?.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

export class RateLimitedError extends PlatformRetryableError {
  override readonly name: string = 'RateLimitedError';
}

/** One line for a person: the message, then the hint when there is one. */
export function describeError(error: unknown): string {
  if (error instanceof GitplaneError) return error.hint ? `${error.message} (${error.hint})` : error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
