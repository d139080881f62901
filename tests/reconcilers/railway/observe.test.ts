import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addressOf, type Observed } from '../../../src/engine/types.js';
import { isSecret, type Secret } from '../../../src/secret.js';
import { railwayReconciler } from '../../../reconcilers/railway/index.js';
import { seedRailwaySandbox } from '../../../reconcilers/railway/simulator.js';
import { customDomainCreate, serviceCreate } from '../../../reconcilers/railway/simulator-operations.js';
import { apiService, envModel, harness, plan, resolveDesired, workerService, type Harness } from './helpers.js';

const addresses = (list: { key: Observed['key'] }[]) => list.map((o) => addressOf(o.key)).sort();

describe('railway observe()', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
    seedRailwaySandbox(h.sim, { worker: false });
  });
  afterEach(() => h.close());

  const observeProduction = async (services = [apiService('production'), workerService('production')]) => {
    const env = envModel('production', services);
    const desired = railwayReconciler.desired(env);
    const ctx = h.ctx(env);
    return { desired, ctx, result: await railwayReconciler.observe(desired, [], ctx) };
  };

  it('adopts the existing api service with its Railway id, settings and variables', async () => {
    const { result } = await observeProduction();
    const api = h.sim.state.findService('acme-shop', 'api')!;
    const byAddress = new Map(result.observed.map((o) => [addressOf(o.key), o]));
    const service = byAddress.get('railway.service.api')!;
    expect(service.id).toBe(api.id);
    expect(service.spec).toMatchObject({ name: 'api', repo: 'acme/shop', branch: 'main', image: null });
    expect(service.health).toBe('ready');
    expect(service.outputs?.['serviceId']).toBe(api.id);
    expect(byAddress.get('railway.instance.api')?.spec).toMatchObject({ numReplicas: 1, healthcheckPath: '/healthz', rootDirectory: 'api' });
    // Variables are always Secrets: the API gives plain text and gitplane cannot tell which are sensitive.
    const dsn = byAddress.get('railway.variable.api.DATABASE_URL')!.spec as { value: unknown };
    expect(isSecret(dsn.value)).toBe(true);
    expect((dsn.value as Secret).reveal()).toBe('${{ Postgres.DATABASE_URL }}'); // unrendered
    expect(JSON.stringify(dsn)).not.toContain('Postgres.DATABASE_URL');
    // worker does not exist yet: absent, not unknown.
    expect(result.unknown).toEqual([]);
    expect(addresses(result.observed).filter((a) => a.includes('worker'))).toEqual([]);
  });

  it('reports undeclared services and variables as unmanaged, and nothing of the other environment', async () => {
    h.sim.state.setVariable('acme-shop', 'production', 'api', 'FEATURE_FLAG', 'on');
    const { result } = await observeProduction();
    expect(addresses(result.unmanaged)).toEqual(['railway.service.Postgres', 'railway.service.Redis', 'railway.variable.api.FEATURE_FLAG']);
    const staging = h.sim.state.findEnvironment('acme-shop', 'staging');
    expect(result.observed.every((o) => (o.spec as { scope: { environmentId?: string } }).scope.environmentId !== staging.id)).toBe(true);
  });

  it('shows drift from a dashboard edit on the next observe', async () => {
    const first = await observeProduction();
    const before = plan(resolveDesired(first.desired, first.ctx.processEnv as Record<string, string>), first.result.observed);
    expect(before.find((c) => addressOf(c.key) === 'railway.instance.api')).toMatchObject({ action: 'update', paths: ['numReplicas'] });

    h.sim.state.editInstance('acme-shop', 'production', 'api', { healthcheckPath: '/status', numReplicas: 2 });
    h.sim.state.setVariable('acme-shop', 'production', 'api', 'REDIS_URL', 'redis://changed-by-hand');
    const second = await observeProduction();
    const after = plan(resolveDesired(second.desired, second.ctx.processEnv as Record<string, string>), second.result.observed);
    expect(after.find((c) => addressOf(c.key) === 'railway.instance.api')).toMatchObject({ action: 'update', paths: ['healthcheckPath'] });
    expect(after.find((c) => addressOf(c.key) === 'railway.variable.api.REDIS_URL')).toMatchObject({ action: 'update', paths: ['value'] });
  });

  it('keeps the request count constant from 2 to 40 variables and 1 to 5 domains', async () => {
    const measure = async () => {
      const before = h.sim.requests.length;
      await observeProduction();
      return h.sim.requests.length - before;
    };
    const small = await measure();
    const state = h.sim.state;
    const api = state.findService('acme-shop', 'api')!;
    const production = state.findEnvironment('acme-shop', 'production');
    for (let i = 0; i < 38; i++) state.setVariable('acme-shop', 'production', 'api', `EXTRA_${i}`, `v${i}`);
    for (let i = 0; i < 5; i++) {
      customDomainCreate(state, { domain: `d${i}.acme-shop.com`, environmentId: production.id, projectId: api.projectId, serviceId: api.id });
    }
    const large = await measure();
    expect(large).toBe(small);
    // projects, project scope, one batched document for all services
    expect(small).toBe(3);
    expect(h.sim.requests.slice(-3).map((r) => r.operationName)).toEqual(['Projects', 'ProjectScope', 'ServiceDetails']);
  });

  it('puts unverified custom domains in the plan with the DNS records to add', async () => {
    const api = h.sim.state.findService('acme-shop', 'api')!;
    const production = h.sim.state.findEnvironment('acme-shop', 'production');
    customDomainCreate(h.sim.state, { domain: 'api.acme-shop.com', environmentId: production.id, projectId: api.projectId, serviceId: api.id });
    const { result } = await observeProduction();
    const domain = result.observed.find((o) => addressOf(o.key) === 'railway.domain.api.api.acme-shop.com')!;
    expect(domain.health).toBe('progressing');
    expect(domain.notices?.[0]).toMatch(/^add DNS record CNAME api\.acme-shop\.com → [0-9a-f]+\.up\.railway\.app$/);
    expect(domain.notices?.[1]).toMatch(/^add DNS record TXT _railway-verify\.api\.acme-shop\.com → railway-verify=/);
    const service = result.observed.find((o) => addressOf(o.key) === 'railway.service.api')!;
    expect(service.outputs?.['domain']).toBe('api.acme-shop.com');

    h.sim.state.verifyCustomDomain('api.acme-shop.com');
    const again = await observeProduction();
    const verified = again.result.observed.find((o) => addressOf(o.key) === 'railway.domain.api.api.acme-shop.com')!;
    expect(verified.health).toBe('ready');
    expect(verified.notices).toBeUndefined();
  });

  it('reports every key of a missing project or environment as unknown, saying what to fix', async () => {
    const wrongProject = await observeProduction([apiService('production', { project: 'acme-shopp' })]);
    expect(wrongProject.result.observed).toEqual([]);
    expect(wrongProject.result.unknown.length).toBe(railwayReconciler.desired(envModel('production', [apiService('production')])).length);
    expect(wrongProject.result.unknown[0]?.reason).toBe(
      'Railway project acme-shopp not found: create it, or fix railway.project in environments/production.yaml',
    );
    const wrongEnv = await observeProduction([apiService('production', { environment: 'prod' })]);
    expect(wrongEnv.result.unknown[0]?.reason).toMatch(/^Railway environment prod not found in project acme-shop: /);
  });

  it('marks a service that exists in the project but not in this environment as unknown', async () => {
    const staging = envModel('staging', [workerService('staging')]);
    const production = h.sim.state.findEnvironment('acme-shop', 'production');
    // worker exists in production only (production is not a fork; staging is)
    serviceCreate(h.sim.state, { projectId: production.projectId, name: 'worker', environmentId: production.id });
    const desired = railwayReconciler.desired(staging);
    const result = await railwayReconciler.observe(desired, [], h.ctx(staging));
    expect(result.unknown.map((u) => addressOf(u.key))).toEqual(desired.map((d) => addressOf(d.key)));
    expect(result.unknown[0]?.reason).toContain('exists in project acme-shop but not in environment staging');

    // Once a person adds it to staging in the dashboard, it is adopted like any other.
    h.sim.state.addToEnvironment('acme-shop', 'staging', 'worker');
    const again = await railwayReconciler.observe(desired, [], h.ctx(staging));
    expect(again.unknown).toEqual([]);
    expect(again.observed.map((o) => addressOf(o.key))).toEqual(['railway.service.worker', 'railway.instance.worker']);
  });

  it('observes owned keys that are no longer declared, through the scope in their recorded spec', async () => {
    const env = envModel('production', []);
    const api = h.sim.state.findService('acme-shop', 'api')!;
    const owned = [
      {
        key: { env: 'production', platform: 'railway' as const, kind: 'variable', name: 'api.SENTRY_DSN' },
        id: `${api.id}/SENTRY_DSN`,
        spec: { scope: { project: 'acme-shop', environment: 'production' }, name: 'SENTRY_DSN' },
      },
    ];
    const result = await railwayReconciler.observe([], owned, h.ctx(env));
    expect(addresses(result.observed)).toEqual(['railway.variable.api.SENTRY_DSN']);
    // The rest of api is neither declared nor owned: unmanaged.
    expect(addresses(result.unmanaged)).toContain('railway.variable.api.DATABASE_URL');
  });

  it('pages through connections when Railway returns small pages', async () => {
    await h.close();
    h = await harness({ maxPageSize: 1 });
    seedRailwaySandbox(h.sim, { worker: false });
    const { result } = await observeProduction();
    expect(addresses(result.unmanaged)).toEqual(['railway.service.Postgres', 'railway.service.Redis']);
    expect(result.observed.find((o) => addressOf(o.key) === 'railway.service.api')).toBeDefined();
  });

  it('wraps a read failure of one scope into unknown keys with the reason', async () => {
    h.sim.faults.add({ match: (r) => r.operation === 'ServiceDetails', fault: { kind: 'server-error', status: 400 }, times: 1 });
    const { result } = await observeProduction([apiService('production')]);
    expect(result.observed).toEqual([]);
    expect(result.unknown.length).toBeGreaterThan(0);
    expect(result.unknown[0]?.reason).toMatch(/^reading Railway failed: railway: ServiceDetails returned 400/);
  });
});
