import { afterEach, describe, expect, it } from 'vitest';
import { addressOf, type Desired } from '../../../src/engine/types.js';
import type { EnvironmentModel } from '../../../src/model/environment.js';
import { railwayReconciler } from '../../../reconcilers/railway/index.js';
import { seedRailwaySandbox } from '../../../reconcilers/railway/simulator.js';
import type { RailwaySpec } from '../../../reconcilers/railway/specs.js';
import { apiService, applyAll, count, envModel, harness, plan, resolveDesired, workerService, type Harness } from './helpers.js';

describe('railway finalize()', () => {
  let h: Harness;
  afterEach(() => h.close());

  async function applyPlan(env: EnvironmentModel, processEnv: Record<string, string> = {}) {
    const ctx = h.ctx(env, { processEnv });
    const desired: Desired<RailwaySpec>[] = resolveDesired(railwayReconciler.desired(env), ctx.processEnv as Record<string, string>);
    const observed = await railwayReconciler.observe(desired, [], ctx);
    const run = await applyAll(plan(desired, observed.observed), ctx);
    expect(run.failed).toEqual([]);
    return { ctx, run, result: await railwayReconciler.finalize!(run.applied, ctx) };
  }

  it('redeploys each changed service once and waits for SUCCESS', async () => {
    h = await harness({ deployStepMs: 20 });
    seedRailwaySandbox(h.sim, { worker: false });
    const { result } = await applyPlan(envModel('production', [apiService('production'), workerService('production')]));
    expect(result.actions.map((a) => [addressOf(a.key), a.ok])).toEqual([
      ['railway.service.api', true],
      ['railway.service.worker', true],
    ]);
    expect(result.actions[0]?.description).toMatch(/^redeployed api in production: deployment [0-9a-f-]+ SUCCESS$/);
    // api: settings and variables changed → one redeploy; worker: created, then settings and
    // variables written after its first deployment → one redeploy too.
    expect(count(h.sim, 'ServiceInstanceRedeploy')).toBe(2);
    const api = h.sim.state.findInstance('acme-shop', 'production', 'api')!;
    const latest = h.sim.state.latestDeployment(api)!;
    expect(h.sim.state.statusOf(latest)).toBe('SUCCESS');
    expect(latest.settings.numReplicas).toBe(2); // the deployment runs the new settings
  });

  it('reports a failed deployment as a failed action naming the service and deployment', async () => {
    h = await harness({ deployStepMs: 20 });
    seedRailwaySandbox(h.sim, { worker: false });
    h.sim.state.failNextDeployment('acme-shop', 'production', 'api');
    const { result } = await applyPlan(envModel('production', [apiService('production')]));
    const api = h.sim.state.findInstance('acme-shop', 'production', 'api')!;
    const failed = h.sim.state.latestDeployment(api)!;
    expect(result.actions).toHaveLength(1);
    expect(result.actions[0]).toMatchObject({ ok: false });
    expect(result.actions[0]?.error).toBe(`Railway deployment ${failed.id} of api in production ended FAILED: see its logs in the Railway dashboard`);
  });

  it('gives up after the configured timeout', async () => {
    h = await harness({ deployStepMs: 60_000 });
    seedRailwaySandbox(h.sim, { worker: false });
    const started = Date.now();
    const { result } = await applyPlan(envModel('production', [apiService('production')]), { GITPLANE_RAILWAY_DEPLOY_TIMEOUT_MS: '300' });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.actions[0]?.ok).toBe(false);
    expect(result.actions[0]?.error).toMatch(/^Railway deployment [0-9a-f-]+ of api in production did not finish within 300 ms \(last status QUEUED\)/);
  });

  it('does nothing when only domains changed', async () => {
    h = await harness({ deployStepMs: 20 });
    seedRailwaySandbox(h.sim, { worker: false });
    const env = envModel('production', [{ ...apiService('production', { replicas: 1 }), variables: [] }]);
    const { result } = await applyPlan(env);
    expect(result.actions).toEqual([]);
    expect(count(h.sim, 'ServiceInstanceRedeploy')).toBe(0);
  });
});
