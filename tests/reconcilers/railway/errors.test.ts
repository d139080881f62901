import { request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AmbiguousResultError, MissingCredentialsError, PlatformTerminalError } from '../../../src/errors.js';
import { silentLogger } from '../../../src/log/logger.js';
import { RailwayApi } from '../../../reconcilers/railway/client.js';
import { railwayReconciler } from '../../../reconcilers/railway/index.js';
import { seedRailwaySandbox, startRailwaySimulator } from '../../../reconcilers/railway/simulator.js';
import { apiService, count, envModel, harness, workerService, type Harness } from './helpers.js';

describe('railway errors and transport', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
    seedRailwaySandbox(h.sim, { worker: false });
  });
  afterEach(() => h.close());

  it('turns GraphQL errors in a 200 into terminal errors with Railway’s message and a token hint', async () => {
    const api = new RailwayApi(h.http);
    const failure = api.projectScope('00000000-0000-4000-8000-000000000000');
    await expect(failure).rejects.toBeInstanceOf(PlatformTerminalError);
    await expect(failure).rejects.toThrow('railway: ProjectScope failed: Not Authorized');
    const error = (await failure.catch((e: unknown) => e)) as PlatformTerminalError;
    expect(error.hint).toContain('RAILWAY_API_TOKEN');
    expect(error.details.status).toBe(200);
  });

  it('answers a bad token with HTTP 200 "Not Authorized", which fails observe for the whole platform', async () => {
    const http = railwayReconciler.createHttpClient({ RAILWAY_API_TOKEN: 'wrong', RAILWAY_API_URL: h.sim.url }, silentLogger());
    const env = envModel('production', [apiService('production')]);
    const observe = railwayReconciler.observe(railwayReconciler.desired(env), [], { ...h.ctx(env), http });
    await expect(observe).rejects.toThrow(/Not Authorized/);
    await http.close();
  });

  it('fails with one clear line when RAILWAY_API_TOKEN is missing', () => {
    expect(() => railwayReconciler.createHttpClient({}, silentLogger())).toThrow(MissingCredentialsError);
  });

  it('turns a document that does not validate into HTTP 400 and a terminal error', async () => {
    const api = new RailwayApi(h.http);
    const failure = api.call({ operationName: 'Bad', query: 'query Bad { projects { edges { node { nmae } } } }', mutation: false });
    const error = (await failure.catch((e: unknown) => e)) as PlatformTerminalError;
    expect(error).toBeInstanceOf(PlatformTerminalError);
    expect(error.details).toMatchObject({ status: 400, code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(error.message).toContain('Cannot query field "nmae" on type "Project"');
    expect(count(h.sim, 'Bad')).toBe(1); // not retried
  });

  it('retries after a 429 with Retry-After', async () => {
    h.sim.faults.add({ match: (r) => r.operation === 'Projects', fault: { kind: 'rate-limit', retryAfterSeconds: 1 }, times: 1 });
    const started = Date.now();
    const projects = await new RailwayApi(h.http).listProjects();
    expect(projects.map((p) => p.name)).toEqual(['acme-shop']);
    expect(count(h.sim, 'Projects')).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(h.http.stats.rateLimited).toBe(1);
  });

  it('never resends a mutation whose answer was lost', async () => {
    h.sim.faults.add({ match: (r) => r.operation === 'ServiceCreate', fault: { kind: 'drop-response' }, times: 1 });
    const env = envModel('production', [workerService('production')]);
    const desired = railwayReconciler.desired(env).find((d) => d.key.kind === 'service')!;
    const create = railwayReconciler.apply({ action: 'create', key: desired.key, desired: desired.spec, dependsOn: [] }, h.ctx(env));
    await expect(create).rejects.toBeInstanceOf(AmbiguousResultError);
    expect(count(h.sim, 'ServiceCreate')).toBe(1);
    // It did happen: the core's re-observe finds it.
    expect(h.sim.state.findService('acme-shop', 'worker')).toBeDefined();
  });

  it('reports a duplicate service name the way Railway does', async () => {
    const production = h.sim.state.findEnvironment('acme-shop', 'production');
    const failure = new RailwayApi(h.http).createService({ projectId: production.projectId, environmentId: production.id, name: 'api' });
    await expect(failure).rejects.toThrow('railway: ServiceCreate failed: Service api already exists in this project');
  });
});

describe('railway simulator HTTP surface', () => {
  it('serves only POST /graphql/v2, allows anonymous introspection and sends rate-limit headers', async () => {
    const sim = await startRailwaySimulator({ rateLimit: { limit: 2, windowMs: 60_000 } });
    try {
      const notFound = await request(sim.url.replace('/graphql/v2', '/graphql'), { method: 'POST', body: '{}' });
      expect(notFound.statusCode).toBe(404);
      expect(await notFound.body.json()).toMatchObject({ message: 'Not Found', requestId: expect.any(String) });

      const post = (body: unknown, token?: string) =>
        request(sim.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
      const introspection = await post({ query: '{ __schema { queryType { name } } }' });
      expect(introspection.statusCode).toBe(200);
      expect(introspection.headers['x-ratelimit-limit']).toBe('2');
      expect(introspection.headers['x-ratelimit-remaining']).toBe('1');
      expect(await introspection.body.json()).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });

      const anonymous = await post({ query: '{ projects { edges { node { id } } } }' });
      const body = (await anonymous.body.json()) as { errors: { message: string; extensions: { code: string }; traceId: string }[]; data: null };
      expect(anonymous.statusCode).toBe(200);
      expect(body.data).toBeNull();
      expect(body.errors[0]).toMatchObject({ message: 'Not Authorized', extensions: { code: 'INTERNAL_SERVER_ERROR' }, traceId: expect.stringMatching(/^\d+$/) });

      const throttled = await post({ query: '{ projects { edges { node { id } } } }' }, sim.token);
      expect(throttled.statusCode).toBe(429);
      expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
      expect(await throttled.body.json()).toEqual({ errors: [{ message: expect.any(String) }] });
    } finally {
      await sim.close();
    }
  });
});
