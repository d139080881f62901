import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { AmbiguousResultError, NotFoundError, PlatformTerminalError } from '../../src/errors.js';
import { HttpClient } from '../../src/http/client.js';
import { parseRetryAfter } from '../../src/http/retry-after.js';
import { silentLogger } from '../../src/log/logger.js';
import { Secret } from '../../src/secret.js';
import { listenOnLoopback, readBody, sendJson, type RunningServer } from '../../src/simulator-kit/server.js';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse, n: number) => Promise<void> | void): Promise<RunningServer> {
  let n = 0;
  server = await listenOnLoopback((req, res) => handler(req, res, ++n));
  return server;
}

function client(url: string, extra: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}): HttpClient {
  return new HttpClient({
    platform: 'vercel',
    baseUrl: url,
    headers: { authorization: new Secret('Bearer t0ken') },
    parseError: (_status, body) => ({ message: (body as { error?: { message?: string } })?.error?.message ?? 'error' }),
    log: silentLogger(),
    credentialHint: 'VERCEL_TOKEN',
    retry: { minTimeoutMs: 10 },
    ...extra,
  });
}

describe('HttpClient', () => {
  it('sends auth and default query, parses JSON', async () => {
    const seen: { auth?: string; url?: string } = {};
    const { url } = await serve((req, res) => {
      seen.auth = req.headers.authorization;
      seen.url = req.url;
      sendJson(res, 200, { ok: true });
    });
    const http = client(url, { defaultQuery: { teamId: 'team_1' } });
    const response = await http.request<{ ok: boolean }>({ method: 'GET', path: '/v9/projects/web', query: { limit: 5 } });
    expect(response.body.ok).toBe(true);
    expect(seen).toEqual({ auth: 'Bearer t0ken', url: '/v9/projects/web?teamId=team_1&limit=5' });
    expect(http.stats.requests).toBe(1);
  });

  it('honours Retry-After on 429 and then succeeds, even for a create', async () => {
    const times: number[] = [];
    const { url } = await serve(async (req, res, n) => {
      await readBody(req);
      times.push(Date.now());
      if (n === 1) sendJson(res, 429, { error: { code: 'rate_limited', message: 'slow down' } }, { 'retry-after': '1' });
      else sendJson(res, 200, { id: 'prj_1' });
    });
    const http = client(url);
    const response = await http.request<{ id: string }>({ method: 'POST', path: '/v11/projects', body: { name: 'web' } });
    expect(response.body.id).toBe('prj_1');
    expect(times).toHaveLength(2);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(950);
    expect(http.stats.rateLimited).toBe(1);
  });

  it('refuses to wait longer than the cap and says so', async () => {
    const { url } = await serve((_req, res) => sendJson(res, 429, { error: { message: 'later' } }, { 'retry-after': '3600' }));
    const error = await client(url).request({ method: 'GET', path: '/x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformTerminalError);
    expect((error as PlatformTerminalError).hint).toMatch(/3600s/);
  });

  it('retries an idempotent read after a 503 but not a create', async () => {
    let reads = 0;
    let creates = 0;
    const { url } = await serve(async (req, res) => {
      await readBody(req);
      if (req.method === 'GET') {
        reads++;
        if (reads === 1) return sendJson(res, 503, { error: { message: 'busy' } });
        return sendJson(res, 200, {});
      }
      creates++;
      sendJson(res, 503, { error: { message: 'busy' } });
    });
    const http = client(url);
    await http.request({ method: 'GET', path: '/r' });
    expect(reads).toBe(2);
    await expect(http.request({ method: 'POST', path: '/c', body: {} })).rejects.toBeInstanceOf(AmbiguousResultError);
    expect(creates).toBe(1);
  });

  it('never resends a create whose response was lost', async () => {
    let creates = 0;
    const { url } = await serve(async (req, res) => {
      await readBody(req);
      creates++;
      res.socket?.destroy();
    });
    await expect(client(url).request({ method: 'POST', path: '/v11/projects', body: { name: 'web' } })).rejects.toBeInstanceOf(AmbiguousResultError);
    expect(creates).toBe(1);
  });

  it('maps 404 to NotFoundError and 403 to a terminal error naming the token variable', async () => {
    const { url } = await serve((req, res) => {
      if (req.url?.startsWith('/missing')) return sendJson(res, 404, { error: { code: 'not_found', message: 'Could not find the project' } });
      sendJson(res, 403, { error: { code: 'forbidden', message: 'Not authorized' } });
    });
    const http = client(url);
    await expect(http.request({ method: 'GET', path: '/missing' })).rejects.toBeInstanceOf(NotFoundError);
    const error = (await http.request({ method: 'GET', path: '/secret' }).catch((e: unknown) => e)) as PlatformTerminalError;
    expect(error).toBeInstanceOf(PlatformTerminalError);
    expect(error.message).toContain('403');
    expect(error.hint).toContain('VERCEL_TOKEN');
    expect(error.message).not.toContain('t0ken');
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds, HTTP dates and an exhausted rate-limit reset', () => {
    const now = Date.parse('2026-11-22T00:00:00Z');
    expect(parseRetryAfter({ 'retry-after': '7' }, now)).toBe(7000);
    expect(parseRetryAfter({ 'retry-after': 'Sun, 22 Nov 2026 00:00:05 GMT' }, now)).toBe(5000);
    expect(parseRetryAfter({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 3) }, now)).toBe(3000);
    expect(parseRetryAfter({ 'x-ratelimit-remaining': '5', 'x-ratelimit-reset': String(now / 1000 + 3) }, now)).toBeUndefined();
  });
});
