import { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Change, ResourceKey } from '../../../src/engine/types.js';
import { AmbiguousResultError, describeError, PlatformTerminalError } from '../../../src/errors.js';
import { silentLogger } from '../../../src/log/logger.js';
import { Secret } from '../../../src/secret.js';
import { VercelConflictError } from '../../../reconcilers/vercel/apply-support.js';
import { createVercelHttpClient } from '../../../reconcilers/vercel/http.js';
import { vercelReconciler } from '../../../reconcilers/vercel/index.js';
import { startVercelSimulator, type VercelSimulator } from '../../../reconcilers/vercel/simulator.js';
import { capturedLogger, contextFor, countRequests, model, variable, webService } from './helpers.js';

const CANARY = 'canary-4f1d9e-never-print-me';
const envKey: ResourceKey = { env: 'production', platform: 'vercel', kind: 'env', name: 'web.STRIPE_KEY' };
const stripeSpec = (value: unknown) => ({ key: 'STRIPE_KEY', target: ['production'], gitBranch: null, type: 'encrypted', value });
const createEnv = (value: unknown, spec: Record<string, unknown> = {}): Change => ({ action: 'create', key: envKey, desired: { ...stripeSpec(value), ...spec }, dependsOn: [] });

let sim: VercelSimulator;
let ctx: ReturnType<typeof contextFor>;
const env = model('production', [webService({}, { domains: [], variables: [variable('STRIPE_KEY', { kind: 'fromEnv', variable: 'PROD_STRIPE_KEY' })] })]);
beforeEach(async () => {
  sim = await startVercelSimulator();
  sim.state.createProject({ name: 'acme-shop-web' });
  ctx = contextFor(sim, env);
});
afterEach(async () => {
  await ctx.http.close();
  await sim.close();
});

describe('vercel under faults', () => {
  it('a create whose answer is lost is ambiguous, then found by re-reading, and never duplicated', async () => {
    sim.faults.add({ match: (r) => r.method === 'POST' && r.path.endsWith('/env'), fault: { kind: 'drop-response' }, times: 1 });
    const error = await vercelReconciler.apply(createEnv(new Secret('sk_1')), ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbiguousResultError);
    const project = sim.state.mustProject('acme-shop-web');
    expect(project.envs).toHaveLength(1);
    expect(countRequests(sim, 'POST', /\/env$/)).toBe(1);

    // What the core does next: observe again. The variable is there, with its id.
    const seen = await vercelReconciler.observe(vercelReconciler.desired(env).filter((d) => d.key.kind === 'env'), [], ctx);
    expect(seen.observed).toMatchObject([{ id: project.envs[0]!.id }]);
    // And a create run again (a retried apply) settles on the same variable.
    expect((await vercelReconciler.apply(createEnv(new Secret('sk_1')), ctx)).id).toBe(project.envs[0]!.id);
    expect(project.envs).toHaveLength(1);
  });

  it('a lost project create is ambiguous and a second create adopts the one that was made', async () => {
    sim.state.deleteProject('acme-shop-web');
    sim.faults.add({ match: (r) => r.method === 'POST' && r.path === '/v11/projects', fault: { kind: 'drop-response' }, times: 1 });
    const change: Change = { action: 'create', key: { ...envKey, kind: 'project', name: 'web' }, desired: { name: 'acme-shop-web', framework: 'nextjs' }, dependsOn: [] };
    await expect(vercelReconciler.apply(change, ctx)).rejects.toBeInstanceOf(AmbiguousResultError);
    const made = sim.state.mustProject('acme-shop-web');
    expect((await vercelReconciler.apply(change, ctx)).id).toBe(made.id);
    expect(sim.state.projects).toHaveLength(1);
  });

  it('waits out a 429 for its Retry-After, then succeeds', async () => {
    sim.faults.add({ match: (r) => r.method === 'GET' && r.path === '/v9/projects/acme-shop-web', fault: { kind: 'rate-limit', retryAfterSeconds: 1 }, times: 1 });
    const started = Date.now();
    const seen = await vercelReconciler.observe(vercelReconciler.desired(env), [], ctx);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(seen.observed.map((o) => o.key.kind)).toEqual(['project']);
    expect(ctx.http.stats.snapshot()).toMatchObject({ rateLimited: 1, retries: 1 });
    expect(countRequests(sim, 'GET', /^\/v9\/projects\/acme-shop-web$/)).toBe(2);
  });

  it('a rejected token is a terminal error whose hint names VERCEL_TOKEN', async () => {
    const bad = contextFor(sim, env, { token: 'not-the-token' });
    const error = await vercelReconciler.apply(createEnv('x', { type: 'plain' }), bad).catch((e: unknown) => e);
    await bad.http.close();
    expect(error).toBeInstanceOf(PlatformTerminalError);
    expect(describeError(error)).toMatch(/returned 403 forbidden: Not authorized \(check that VERCEL_TOKEN is set/);
  });

  it('treats a `failed[]` entry of a 201 as that change failing, or as the existing variable for ENV_CONFLICT', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const pool = agent.get('https://api.vercel.com');
    const conflict = { created: [], failed: [{ error: { code: 'ENV_CONFLICT', message: 'exists', envVarKey: 'STRIPE_KEY', target: ['production'] } }] };
    pool.intercept({ path: (p) => p.startsWith('/v10/projects/acme-shop-web/env'), method: 'POST' }).reply(201, conflict);
    pool.intercept({ path: (p) => p.startsWith('/v10/projects/acme-shop-web/env'), method: 'GET' }).reply(200, { envs: [{ id: 'env_1', key: 'STRIPE_KEY', value: 'c', type: 'encrypted', target: ['production'] }], pagination: { count: 1, next: null, prev: null } });
    pool.intercept({ path: (p) => p.startsWith('/v9/projects/acme-shop-web/env/env_1'), method: 'PATCH' }).reply(200, { id: 'env_1', key: 'STRIPE_KEY', value: 'c', type: 'encrypted' });
    pool.intercept({ path: (p) => p.startsWith('/v10/projects/acme-shop-web/env'), method: 'POST' }).reply(201, { created: [], failed: [{ error: { code: 'forbidden', message: 'Additional permissions are required to create production environment variables' } }] });
    const mocked = { ...ctx, http: createVercelHttpClient({ VERCEL_TOKEN: 't' }, silentLogger(), { dispatcher: agent }) };

    expect(await vercelReconciler.apply(createEnv(new Secret('sk')), mocked)).toEqual({ id: 'env_1' });
    await expect(vercelReconciler.apply(createEnv(new Secret('sk')), mocked)).rejects.toThrow(
      new VercelConflictError('vercel.env.web.STRIPE_KEY: Vercel did not create STRIPE_KEY: forbidden: Additional permissions are required to create production environment variables'),
    );
    agent.assertNoPendingInterceptors();
    await agent.close();
  });

  it('never lets a fromEnv value reach a log, an error message or the request log', async () => {
    const { log, lines } = capturedLogger();
    const logged = contextFor(sim, env, { log });
    const { id } = await vercelReconciler.apply(createEnv(new Secret(CANARY)), logged);
    const project = sim.state.mustProject('acme-shop-web');
    expect(project.envs[0]!.value).toBe(CANARY); // it did reach Vercel

    const observed = { ...stripeSpec({ opaque: true }), projectId: project.id };
    sim.faults.add({ match: (r) => r.method === 'PATCH', fault: { kind: 'server-error' }, times: 10 });
    const failedUpdate = await vercelReconciler
      .apply({ action: 'update', key: envKey, id, observed, desired: stripeSpec(new Secret(CANARY)), paths: ['value'], dependsOn: [] }, logged)
      .catch((e: unknown) => e);
    // The simulator refuses the body (a branch needs target preview): its message must not echo the value.
    const refused = await vercelReconciler.apply(createEnv(new Secret(CANARY), { key: 'OTHER', gitBranch: 'feature' }), logged).catch((e: unknown) => e);
    await logged.http.close();

    expect(describeError(refused)).toMatch(/400 bad_request/);
    const texts = [...lines, describeError(failedUpdate), describeError(refused), JSON.stringify(sim.requests), String((refused as Error).stack)];
    expect(lines.length).toBeGreaterThan(0);
    for (const text of texts) expect(text).not.toContain(CANARY);
  });
});
