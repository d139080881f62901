import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { FaultInjector, RateWindow, type RequestInfo } from '../../src/simulator-kit/faults.js';
import { listenOnLoopback, readBody, sendJson } from '../../src/simulator-kit/server.js';
import { SimHttpError, type SimOptions, type SimResponse } from './sim/http.js';
import { route } from './sim/router.js';
import { VercelSimState } from './sim/state.js';
import { createBodyValidator, type BodyValidator } from './sim/validate.js';

export { seedVercelSandbox } from './sim/sandbox-seed.js';
export { VercelSimState } from './sim/state.js';
export type { SimDomain, SimEnv, SimProject } from './sim/state.js';

export interface VercelSimulatorOptions {
  port?: number;
  token?: string;
  teamId?: string;
  /** Largest page any list returns: forces several pages in tests. */
  pageSize?: number;
  projectPagination?: SimOptions['projectPagination'];
  /** A fixed window per simulator (Vercel's real limits are per endpoint and unpublished). */
  rateLimit?: { limit: number; windowMs: number };
}

/** One request as the simulator saw it: method, path without query, and the query. Never a body. */
export interface VercelRequestLog extends RequestInfo {
  query: Record<string, string>;
}

export interface VercelSimulator {
  url: string;
  token: string;
  teamId: string;
  faults: FaultInjector;
  state: VercelSimState;
  requests: VercelRequestLog[];
  close(): Promise<void>;
}

export const SANDBOX_VERCEL_TOKEN = 'sandbox-vercel-token';
export const SANDBOX_VERCEL_TEAM = 'team_sandbox';
const PERSONAL_ACCOUNT = 'user_sandbox';

/**
 * A loopback Vercel REST API for the operations gitplane uses (shared/platform-apis/vercel.md §6):
 * Bearer auth, `teamId` scoping, id-or-name lookup, timestamp paging, the three variable types
 * with their visibility rules, partial batch creates, conflicts, the error envelope, rate-limit
 * headers and 429s, and request bodies validated against the OpenAPI schemas.
 */
export async function startVercelSimulator(options: VercelSimulatorOptions = {}): Promise<VercelSimulator> {
  const token = options.token ?? SANDBOX_VERCEL_TOKEN;
  const teamId = options.teamId ?? SANDBOX_VERCEL_TEAM;
  const state = new VercelSimState(teamId, PERSONAL_ACCOUNT);
  const faults = new FaultInjector();
  const requests: VercelRequestLog[] = [];
  const window = new RateWindow(options.rateLimit?.limit ?? 10_000, options.rateLimit?.windowMs ?? 60_000);
  const simOptions: SimOptions = { projectPagination: options.projectPagination ?? 'timestamp', ...(options.pageSize ? { pageSize: options.pageSize } : {}) };
  const validate = createBodyValidator();

  const server = await listenOnLoopback(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const info: VercelRequestLog = { method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams) };
    requests.push(info);
    const rate = window.hit();
    const fault = faults.take(info);
    if (fault?.kind === 'delay') await sleep(fault.ms);
    if (fault?.kind === 'rate-limit' || (rate.exceeded && fault === undefined)) {
      const retryAfter = fault?.kind === 'rate-limit' ? fault.retryAfterSeconds : Math.max(1, rate.resetEpochSeconds - Math.floor(Date.now() / 1000));
      req.resume();
      return sendRateLimited(res, info, window.limit, retryAfter, rate.headers);
    }
    if (fault?.kind === 'server-error') {
      req.resume();
      return sendJson(res, fault.status ?? 500, { error: { code: 'internal_server_error', message: 'An unexpected internal error occurred' } }, rate.headers);
    }
    const response = await handle(req, url, { token, teamId, state, options: simOptions, validate });
    // A lost answer: the request was applied, then the connection dies before any byte of the reply.
    if (fault?.kind === 'drop-response') {
      req.socket.destroy();
      return;
    }
    sendJson(res, response.status, response.body, rate.headers);
  }, options.port);

  return { url: server.url, token, teamId, faults, state, requests, close: () => server.close() };
}

interface HandleContext {
  token: string;
  teamId: string;
  state: VercelSimState;
  options: SimOptions;
  validate: BodyValidator;
}

async function handle(req: IncomingMessage, url: URL, ctx: HandleContext): Promise<SimResponse> {
  try {
    const text = await readBody(req);
    if (req.headers.authorization !== `Bearer ${ctx.token}`) {
      throw new SimHttpError(403, 'forbidden', req.headers.authorization ? 'Not authorized' : 'The request is missing an authentication token', {
        [req.headers.authorization ? 'invalidToken' : 'missingToken']: true,
      });
    }
    const accountId = scope(url.searchParams, ctx.teamId);
    const found = route(req.method ?? 'GET', url.pathname);
    if (!found) throw new SimHttpError(404, 'not_found', `The requested path ${url.pathname} was not found`);
    let body: unknown;
    if (text !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        throw new SimHttpError(400, 'bad_request', 'Invalid JSON in the request body');
      }
    }
    return found.handler({ method: req.method ?? 'GET', params: found.params, query: url.searchParams, body, accountId, state: ctx.state, options: ctx.options, validate: ctx.validate });
  } catch (error) {
    if (error instanceof SimHttpError) return { status: error.status, body: error.toBody() };
    throw error;
  }
}

/**
 * `teamId` (or the team's `slug`) selects the team; without either, the token owner's personal
 * account, where team projects are simply not found. A team the token is not a member of is 403.
 */
function scope(query: URLSearchParams, teamId: string): string {
  const requested = query.get('teamId');
  const slug = query.get('slug');
  if (requested !== null) {
    if (requested !== teamId) throw new SimHttpError(403, 'forbidden', 'Not authorized');
    return teamId;
  }
  if (slug !== null) {
    if (slug !== teamId.replace(/^team_/, '')) throw new SimHttpError(403, 'forbidden', 'Not authorized');
    return teamId;
  }
  return PERSONAL_ACCOUNT;
}

/** 429 as vercel.md §2 shows it: `limit {remaining, reset, resetMs, total}`, plus `Retry-After` in seconds. */
function sendRateLimited(res: ServerResponse, info: RequestInfo, total: number, retryAfterSeconds: number, headers: Record<string, string>): void {
  const resetMs = Date.now() + retryAfterSeconds * 1000;
  const reset = Math.ceil(resetMs / 1000);
  sendJson(
    res,
    429,
    {
      error: {
        code: 'rate_limited',
        message: `The rate limit of ${total} exceeded for '${info.method} ${info.path}'. Try again in ${retryAfterSeconds} seconds`,
        limit: { remaining: 0, reset, resetMs, total },
      },
    },
    { ...headers, 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset), 'retry-after': String(retryAfterSeconds) },
  );
}
