import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addressOf, type Change, type Desired } from '../../../src/engine/types.js';
import { TerminalError } from '../../../src/errors.js';
import type { EnvironmentModel } from '../../../src/model/environment.js';
import { railwayReconciler } from '../../../reconcilers/railway/index.js';
import { seedRailwaySandbox } from '../../../reconcilers/railway/simulator.js';
import type { RailwaySpec } from '../../../reconcilers/railway/specs.js';
import { apiService, applyAll, count, envModel, harness, plan, resolveDesired, variablesOf, workerService, type Harness } from './helpers.js';

describe('railway apply()', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
    seedRailwaySandbox(h.sim, { worker: false });
  });
  afterEach(() => h.close());

  async function planFor(env: EnvironmentModel) {
    const ctx = h.ctx(env);
    const desired: Desired<RailwaySpec>[] = resolveDesired(railwayReconciler.desired(env), ctx.processEnv as Record<string, string>);
    const observed = await railwayReconciler.observe(desired, [], ctx);
    return { ctx, desired, observed, changes: plan(desired, observed.observed) };
  }

  it('converges production: creates worker, fixes drift, one variable upsert per service, then an empty plan', async () => {
    h.sim.state.setVariable('acme-shop', 'production', 'api', 'FEATURE_FLAG', 'on');
    const env = envModel('production', [apiService('production'), workerService('production')]);
    const first = await planFor(env);
    expect(first.changes.map((c) => `${c.action} ${addressOf(c.key)}`).sort()).toEqual([
      'create railway.domain.api.api.acme-shop.com',
      'create railway.service.worker',
      'create railway.variable.api.LOG_LEVEL',
      'create railway.variable.api.REDIS_URL',
      'create railway.variable.api.STRIPE_SECRET_KEY',
      'create railway.variable.worker.QUEUE_CONCURRENCY',
      'create railway.variable.worker.REDIS_URL',
      'create railway.instance.worker',
      // SENTRY_DSN exists with another value than the ref resolves to in this test
      'update railway.instance.api',
      'update railway.variable.api.SENTRY_DSN',
    ].sort());

    const before = h.sim.requests.length;
    const run = await applyAll(first.changes, first.ctx);
    expect(run.failed).toEqual([]);
    expect(run.notices.some((n) => n.startsWith('add DNS record CNAME api.acme-shop.com → '))).toBe(true);

    const sent = h.sim.requests.slice(before);
    const upserts = sent.filter((r) => r.operationName === 'VariableCollectionUpsert');
    expect(upserts).toHaveLength(2);
    for (const upsert of upserts) {
      const input = variablesOf(upsert)['input'] as Record<string, unknown>;
      expect(input['replace']).toBe(false);
      expect(input['skipDeploys']).toBe(true);
    }
    expect(sent.some((r) => r.operationName === 'VariableUpsert')).toBe(false);

    const state = h.sim.state;
    expect(state.variablesOf('acme-shop', 'production', 'api')).toMatchObject({
      FEATURE_FLAG: 'on', // unmanaged: untouched
      LOG_LEVEL: 'warning',
      REDIS_URL: '${{ Redis.REDIS_URL }}', // stored as written
      STRIPE_SECRET_KEY: 'sk_test_from_env',
      DATABASE_URL: '${{ Postgres.DATABASE_URL }}',
    });
    // worker: created in production only (staging is a fork), with its settings; its secret is not invented.
    expect(state.findInstance('acme-shop', 'staging', 'worker')).toBeUndefined();
    expect(state.findInstance('acme-shop', 'production', 'worker')?.settings).toMatchObject({
      rootDirectory: 'worker',
      startCommand: 'node dist/worker.js',
      source: { repo: 'acme/shop' },
    });
    expect(state.variablesOf('acme-shop', 'production', 'worker')).toEqual({ REDIS_URL: '${{ Redis.REDIS_URL }}', QUEUE_CONCURRENCY: '8' });
    expect(state.findInstance('acme-shop', 'production', 'api')?.settings.numReplicas).toBe(2);
    // Settings were changed in production only.
    expect(state.findInstance('acme-shop', 'staging', 'api')?.settings.numReplicas).toBe(1);

    const again = await planFor(env);
    expect(again.changes).toEqual([]);
  });

  it('applies a variable change on its own (without a group) through the same single upsert', async () => {
    const env = envModel('production', [apiService('production')]);
    const { changes, ctx } = await planFor(env);
    const logLevel = changes.find((c) => addressOf(c.key) === 'railway.variable.api.LOG_LEVEL')!;
    const result = await railwayReconciler.apply(logLevel, ctx);
    expect(result.id).toMatch(/\/LOG_LEVEL$/);
    expect(h.sim.state.variablesOf('acme-shop', 'production', 'api')['LOG_LEVEL']).toBe('warning');
  });

  it('deletes an owned variable with variableDelete and leaves the others', async () => {
    const env = envModel('production', [apiService('production')]);
    const { observed, ctx } = await planFor(env);
    const dsn = observed.observed.find((o) => addressOf(o.key) === 'railway.variable.api.SENTRY_DSN')!;
    const change: Change<RailwaySpec> = { action: 'delete', key: dsn.key, id: dsn.id, observed: dsn.spec, dependsOn: [] };
    const [outcome] = await railwayReconciler.applyGroup!([change], ctx);
    expect(outcome?.ok).toBe(true);
    expect(count(h.sim, 'VariableDelete')).toBe(1);
    expect(Object.keys(h.sim.state.variablesOf('acme-shop', 'production', 'api'))).toEqual(['DATABASE_URL']);
  });

  it('refuses to send a variable without a value', async () => {
    const env = envModel('production', [apiService('production')]);
    const { ctx, desired } = await planFor(env);
    // A `secret` variable: the core never sends its create, and the adapter refuses it if it did.
    const secret = desired.find((d) => addressOf(d.key) === 'railway.variable.api.DATABASE_URL')!;
    const change: Change<RailwaySpec> = { action: 'create', key: secret.key, desired: secret.spec, dependsOn: [] };
    await expect(railwayReconciler.apply(change, ctx)).rejects.toBeInstanceOf(TerminalError);
    expect(count(h.sim, 'VariableCollectionUpsert')).toBe(0);
  });

  it('deletes a service from a fork environment only, leaving the other environment its instance', async () => {
    const env = envModel('staging', []);
    const api = h.sim.state.findService('acme-shop', 'api')!;
    const owned = [{ key: { env: 'staging', platform: 'railway' as const, kind: 'service', name: 'api' }, id: api.id, spec: { scope: { project: 'acme-shop', environment: 'staging' } } }];
    const ctx = h.ctx(env);
    const observed = await railwayReconciler.observe([], owned, ctx);
    const service = observed.observed.find((o) => addressOf(o.key) === 'railway.service.api')!;
    expect(service.id).toBe(api.id);
    await railwayReconciler.apply({ action: 'delete', key: service.key, id: service.id, observed: service.spec, dependsOn: [] }, ctx);
    const request = h.sim.requests.find((r) => r.operationName === 'ServiceDelete')!;
    expect(variablesOf(request)).toEqual({ id: api.id, environmentId: h.sim.state.findEnvironment('acme-shop', 'staging').id });
    expect(h.sim.state.findInstance('acme-shop', 'staging', 'api')).toBeUndefined();
    expect(h.sim.state.findInstance('acme-shop', 'production', 'api')).toBeDefined();
  });

  it('refuses a delete that Railway would carry into another non-fork environment', async () => {
    h.sim.state.findEnvironment('acme-shop', 'staging').sourceEnvironmentId = null;
    const env = envModel('production', [apiService('production')]);
    const { observed, ctx } = await planFor(env);
    const service = observed.observed.find((o) => addressOf(o.key) === 'railway.service.api')!;
    expect(service.notices?.[0]).toContain('Railway applies settings changes made here to staging as well');
    const deletion = railwayReconciler.apply({ action: 'delete', key: service.key, id: service.id, observed: service.spec, dependsOn: [] }, ctx);
    await expect(deletion).rejects.toThrow(/refusing to delete service api from environment production: .* also delete the service from staging/);
    expect(count(h.sim, 'ServiceDelete')).toBe(0);
  });

  it('changes the branch through the environment deployment trigger', async () => {
    const env = envModel('staging', [apiService('staging', { source: { kind: 'repo', repo: 'acme/shop', branch: 'release', rootDirectory: 'api' } })]);
    const { changes, ctx } = await planFor(env);
    const service = changes.find((c) => addressOf(c.key) === 'railway.service.api')!;
    expect(service).toMatchObject({ action: 'update', paths: ['branch'] });
    await railwayReconciler.apply(service, ctx);
    const staging = h.sim.state.findEnvironment('acme-shop', 'staging');
    expect(h.sim.state.triggers.filter((t) => t.environmentId === staging.id).map((t) => t.branch)).toEqual(['release']);
    expect(h.sim.state.triggers.filter((t) => t.environmentId !== staging.id).map((t) => t.branch)).toEqual(['main']);
  });

  it('creates and deletes the generated Railway domain', async () => {
    const env = envModel('staging', [{ ...apiService('staging', { serviceDomain: true }), domains: [], variables: [] }]);
    const { changes, ctx } = await planFor(env);
    const create = changes.find((c) => addressOf(c.key) === 'railway.domain.api.railway')!;
    const result = await railwayReconciler.apply(create, ctx);
    expect(result.outputs?.['domain']).toMatch(/^api-staging-[0-9a-f]+\.up\.railway\.app$/);

    const observed = await railwayReconciler.observe(railwayReconciler.desired(env), [], ctx);
    const domain = observed.observed.find((o) => addressOf(o.key) === 'railway.domain.api.railway')!;
    expect(domain.id).toBe(result.id);
    await railwayReconciler.apply({ action: 'delete', key: domain.key, id: domain.id, observed: domain.spec, dependsOn: [] }, ctx);
    expect(h.sim.state.serviceDomains).toEqual([]);
  });

  it('deletes a custom domain by id, and treats an instance delete as a no-op', async () => {
    const env = envModel('production', [apiService('production')]);
    const first = await planFor(env);
    await applyAll(first.changes.filter((c) => c.key.kind === 'domain'), first.ctx);
    const { observed, ctx } = await planFor(env);
    const domain = observed.observed.find((o) => addressOf(o.key) === 'railway.domain.api.api.acme-shop.com')!;
    await railwayReconciler.apply({ action: 'delete', key: domain.key, id: domain.id, observed: domain.spec, dependsOn: [] }, ctx);
    expect(h.sim.state.customDomains).toEqual([]);

    const instance = observed.observed.find((o) => addressOf(o.key) === 'railway.instance.api')!;
    const before = h.sim.requests.length;
    await railwayReconciler.apply({ action: 'delete', key: instance.key, id: instance.id, observed: instance.spec, dependsOn: [] }, ctx);
    expect(h.sim.requests.length).toBe(before);
  });
});
