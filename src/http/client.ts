import { setTimeout as sleep } from 'node:timers/promises';
import pLimit, { type LimitFunction } from 'p-limit';
import pRetry from 'p-retry';
import pThrottle from 'p-throttle';
import { Agent, request as undiciRequest, type Dispatcher } from 'undici';
import {
  AmbiguousResultError,
  NotFoundError,
  PlatformRetryableError,
  PlatformTerminalError,
  RateLimitedError,
  RetryableError,
} from '../errors.js';
import type { Logger } from '../log/logger.js';
import type { PlatformId } from '../model/environment.js';
import { Secret } from '../secret.js';
import { parseRetryAfter } from './retry-after.js';
import { HttpStats } from './stats.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod;
  /** Path relative to the base URL, e.g. `/v9/projects/web`. */
  path: string;
  query?: Readonly<Record<string, string | number | boolean | undefined>>;
  body?: unknown;
  /**
   * Whether sending the request twice is harmless. Defaults to true for GET, PUT and DELETE. A
   * non-idempotent request whose answer is lost is never resent: it fails with AmbiguousResultError
   * and the caller re-observes.
   */
  idempotent?: boolean;
  /** Short label for logs and errors; defaults to `METHOD path`. */
  operation?: string;
}

export interface HttpResponse<T = unknown> {
  status: number;
  headers: Readonly<Record<string, string>>;
  body: T;
}

/** How one platform says what went wrong; plugged in per platform. */
export type ErrorParser = (status: number, body: unknown) => { code?: string; message: string };

export interface RetryPolicy {
  retries: number;
  /** Stop retrying after this long in total, whatever `retries` says. */
  maxRetryTimeMs: number;
  /** Never wait longer than this for one Retry-After; a longer wait fails the request instead. */
  retryAfterCapMs: number;
  minTimeoutMs: number;
}

export interface HttpClientOptions {
  platform: PlatformId;
  baseUrl: string;
  /** Auth and other fixed headers. Secret values are revealed only when the request is sent. */
  headers: Readonly<Record<string, string | Secret>>;
  /** Query parameters added to every request (Vercel's `teamId`). */
  defaultQuery?: Readonly<Record<string, string>>;
  parseError: ErrorParser;
  log: Logger;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Requests in flight at once for this platform. */
  concurrency?: number;
  /** Requests started per second for this platform. */
  ratePerSecond?: number;
  /** What the platform's token variable is called, for error hints. */
  credentialHint?: string;
  /** Tests pass undici's MockAgent here. */
  dispatcher?: Dispatcher;
}

const DEFAULT_RETRY: RetryPolicy = { retries: 4, maxRetryTimeMs: 60_000, retryAfterCapMs: 30_000, minTimeoutMs: 250 };

/**
 * The one HTTP layer every platform client uses: base URL and auth, timeouts, a per-platform
 * concurrency and rate budget, retries for what is safe to retry, Retry-After honoured with a cap,
 * and request counters. Error families are decided here, once, from the status code.
 */
export class HttpClient {
  readonly platform: PlatformId;
  readonly stats = new HttpStats();
  readonly #options: HttpClientOptions;
  readonly #retry: RetryPolicy;
  readonly #limit: LimitFunction;
  readonly #throttled: <T>(fn: () => Promise<T>) => Promise<T>;
  readonly #dispatcher: Dispatcher;

  constructor(options: HttpClientOptions) {
    this.platform = options.platform;
    this.#options = options;
    this.#retry = { ...DEFAULT_RETRY, ...options.retry };
    this.#limit = pLimit(options.concurrency ?? 4);
    const throttle = pThrottle({ limit: options.ratePerSecond ?? 20, interval: 1000 });
    this.#throttled = throttle(<T>(fn: () => Promise<T>) => fn()) as <T>(fn: () => Promise<T>) => Promise<T>;
    this.#dispatcher =
      options.dispatcher ??
      new Agent({
        connections: options.concurrency ?? 4,
        connectTimeout: 10_000,
        headersTimeout: options.timeoutMs ?? 30_000,
        bodyTimeout: options.timeoutMs ?? 30_000,
      });
  }

  async request<T = unknown>(req: HttpRequest, signal?: AbortSignal): Promise<HttpResponse<T>> {
    const idempotent = req.idempotent ?? (req.method === 'GET' || req.method === 'PUT' || req.method === 'DELETE');
    const operation = req.operation ?? `${req.method} ${req.path}`;
    const log = this.#options.log.child({ platform: this.platform, operation });
    return pRetry(
      async () => this.#limit(() => this.#throttled(() => this.#send<T>(req, operation, idempotent, signal))),
      {
        retries: this.#retry.retries,
        maxRetryTime: this.#retry.maxRetryTimeMs,
        minTimeout: this.#retry.minTimeoutMs,
        factor: 2,
        randomize: true,
        ...(signal ? { signal } : {}),
        shouldRetry: (error) => error instanceof RetryableError,
        onFailedAttempt: async (error) => {
          // p-retry 6 calls this even after shouldRetry said no; only count and wait for real retries.
          if (!(error instanceof RetryableError) || error.retriesLeft === 0) return;
          this.stats.retries++;
          const waitMs = error instanceof PlatformRetryableError ? error.retryAfterMs : undefined;
          log.warn({ attempt: error.attemptNumber, retriesLeft: error.retriesLeft, waitMs, err: error.message }, 'request failed, retrying');
          if (waitMs !== undefined && waitMs > 0) await sleep(waitMs, undefined, signal ? { signal } : undefined);
        },
      },
    );
  }

  async close(): Promise<void> {
    if (!this.#options.dispatcher) await this.#dispatcher.close();
  }

  async #send<T>(req: HttpRequest, operation: string, idempotent: boolean, signal?: AbortSignal): Promise<HttpResponse<T>> {
    const url = this.#url(req);
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'gitplane' };
    for (const [name, value] of Object.entries(this.#options.headers)) headers[name] = value instanceof Secret ? value.reveal() : value;
    const hasBody = req.body !== undefined;
    if (hasBody) headers['content-type'] = 'application/json';

    this.stats.count(req.method);
    let response: Dispatcher.ResponseData;
    try {
      response = await undiciRequest(url, {
        method: req.method,
        headers,
        body: hasBody ? JSON.stringify(req.body) : null,
        dispatcher: this.#dispatcher,
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      throw this.#networkError(error, operation, idempotent);
    }

    const responseHeaders = flattenHeaders(response.headers);
    const text = await response.body.text();
    const body = parseBody(text);
    this.stats.status(response.statusCode);

    if (response.statusCode < 400) return { status: response.statusCode, headers: responseHeaders, body: body as T };
    throw this.#statusError(response.statusCode, responseHeaders, body, operation, idempotent);
  }

  #url(req: HttpRequest): string {
    const base = this.#options.baseUrl.replace(/\/+$/, '');
    const url = new URL(base + req.path);
    for (const [name, value] of Object.entries({ ...this.#options.defaultQuery, ...req.query })) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    return url.toString();
  }

  #networkError(error: unknown, operation: string, idempotent: boolean): Error {
    const code = (error as { code?: string }).code ?? '';
    const details = { platform: this.platform, operation };
    const where = `${this.platform}: ${operation}`;
    if ((error as { name?: string }).name === 'AbortError') return error as Error;
    // A refused or timed-out connection never carried the request, so even a create is safe to resend.
    const neverSent = ['ECONNREFUSED', 'UND_ERR_CONNECT_TIMEOUT', 'ENOTFOUND', 'EAI_AGAIN'].includes(code);
    if (idempotent || neverSent) {
      return new PlatformRetryableError(`${where} failed: network error ${code || (error as Error).message}`, details, { cause: error });
    }
    return new AmbiguousResultError(`${where}: the connection failed after the request was sent (${code || 'network error'}); it may or may not have been applied`, {
      hint: 'gitplane re-reads the platform before deciding anything',
      cause: error,
    });
  }

  #statusError(status: number, headers: Readonly<Record<string, string>>, body: unknown, operation: string, idempotent: boolean): Error {
    const parsed = this.#options.parseError(status, body);
    const details = { platform: this.platform, status, operation, ...(parsed.code ? { code: parsed.code } : {}) };
    const where = `${this.platform}: ${operation} returned ${status}${parsed.code ? ` ${parsed.code}` : ''}: ${parsed.message}`;

    if (status === 429) {
      const waitMs = parseRetryAfter(headers, Date.now());
      if (waitMs !== undefined && waitMs > this.#retry.retryAfterCapMs) {
        return new PlatformTerminalError(where, details, { hint: `the platform asks to wait ${Math.ceil(waitMs / 1000)}s, longer than gitplane waits; run again later` });
      }
      this.stats.rateLimited++;
      // A 429 means the platform refused the request without acting on it, so a create may be resent.
      return new RateLimitedError(where, details, { retryAfterMs: waitMs ?? this.#retry.minTimeoutMs });
    }
    if (status >= 500) {
      if (idempotent) return new PlatformRetryableError(where, details, { retryAfterMs: parseRetryAfter(headers, Date.now()) ?? 0 });
      return new AmbiguousResultError(where, { hint: 'the platform failed mid-request; gitplane re-reads it before deciding anything' });
    }
    if (status === 404) return new NotFoundError(where, details);
    if (status === 401 || status === 403) {
      const hint = this.#options.credentialHint
        ? `check that ${this.#options.credentialHint} is set to a valid token with access to this resource`
        : 'check the platform token and its scope';
      return new PlatformTerminalError(where, details, { hint });
    }
    return new PlatformTerminalError(where, details);
  }
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
