import { setTimeout as sleep } from 'node:timers/promises';
import type { Change, FinalizeResult, ReconcileContext } from '../../src/engine/types.js';
import { describeError } from '../../src/errors.js';
import type { DeploymentRef, DeploymentStatus, InstanceTarget } from './api-types.js';
import { RailwayApi } from './client.js';
import { servicesByName, type ResolvedScope } from './resolve-scope.js';
import { railwayKey, serviceOf, type RailwaySpec, type ServiceSpec } from './specs.js';
import { declaredScopeOf, resolveOrThrow } from './targets.js';

export const DEPLOY_TIMEOUT_VARIABLE = 'GITPLANE_RAILWAY_DEPLOY_TIMEOUT_MS';
export const DEPLOY_POLL_VARIABLE = 'GITPLANE_RAILWAY_DEPLOY_POLL_MS';
const DEFAULT_TIMEOUT_MS = 5 * 60_000;
const DEFAULT_POLL_MS = 3_000;

const SUCCEEDED: readonly DeploymentStatus[] = ['SUCCESS', 'SLEEPING', 'SKIPPED'];
const FAILED: readonly DeploymentStatus[] = ['FAILED', 'CRASHED', 'REMOVED', 'NEEDS_APPROVAL'];

/**
 * What one applied change asks of its service's deployment:
 * - `redeploy`: settings, source or variable upserts (sent with skipDeploys) take effect only
 *   with a new deployment;
 * - `await`: a deployment has started by itself: a service created with a source deploys at once,
 *   and VariableDeleteInput has no skipDeploys, so a delete redeploys on Railway's side;
 * - `await-if-any`: a service created without a source has nothing to deploy yet.
 */
type Need = 'redeploy' | 'await' | 'await-if-any';

function needOf(change: Change<RailwaySpec>): Need | undefined {
  if (change.action === 'delete') return change.key.kind === 'variable' ? 'await' : undefined;
  switch (change.key.kind) {
    case 'service': {
      if (change.action === 'update') return 'redeploy';
      const spec = change.desired as ServiceSpec;
      return spec.repo || spec.image ? 'await' : 'await-if-any';
    }
    case 'instance':
    case 'variable':
      return 'redeploy';
    default:
      return undefined;
  }
}

const STRENGTH: Readonly<Record<Need, number>> = { 'await-if-any': 0, await: 1, redeploy: 2 };

/**
 * One deployment per service touched by this apply, then wait for it. A service created in this
 * apply deployed on creation, before the settings and variables that followed it were written,
 * so it is redeployed when any did. A deployment that ends FAILED or CRASHED, or does not finish
 * within the timeout, is a failed action naming the service and the deployment id.
 */
export async function railwayFinalize(applied: readonly Change<RailwaySpec>[], ctx: ReconcileContext): Promise<FinalizeResult> {
  const plans = new Map<string, { need: Need; change: Change<RailwaySpec> }>();
  for (const change of applied) {
    const need = needOf(change);
    if (!need) continue;
    const name = serviceOf(change.key);
    const known = plans.get(name);
    plans.set(name, { need: known && STRENGTH[known.need] >= STRENGTH[need] ? known.need : need, change: known?.change ?? change });
  }
  if (plans.size === 0) return { actions: [] };

  const api = new RailwayApi(ctx.http, ctx.signal);
  const timeoutMs = positiveNumber(ctx.processEnv[DEPLOY_TIMEOUT_VARIABLE]) ?? DEFAULT_TIMEOUT_MS;
  const pollMs = Math.min(positiveNumber(ctx.processEnv[DEPLOY_POLL_VARIABLE]) ?? DEFAULT_POLL_MS, Math.max(10, timeoutMs / 10));
  // Per call, not per module: scopes are resolved once for all services of one environment.
  const scopes = new Map<string, Promise<ResolvedScope>>();

  const actions = await Promise.all(
    [...plans.entries()].sort(([a], [b]) => a.localeCompare(b)).map(async ([name, plan]) => {
      const key = railwayKey(ctx.env.name, 'service', name);
      try {
        const declared = declaredScopeOf(plan.change, ctx);
        const scopeId = `${declared.project}\u0000${declared.environment}`;
        const pending = scopes.get(scopeId) ?? resolveOrThrow(api, declared);
        scopes.set(scopeId, pending);
        const scope = await pending;
        const service = servicesByName(scope).get(name);
        if (!service) throw new Error(`service ${name} not found in ${scope.environment.name}`);
        const target: InstanceTarget = { projectId: scope.project.id, environmentId: scope.environment.id, serviceId: service.id };
        const outcome = await deployAndWait(api, target, plan.need, { timeoutMs, pollMs, signal: ctx.signal });
        const where = `${name} in ${scope.environment.name}`;
        const verb = plan.need === 'redeploy' ? 'redeployed' : 'deployment of';
        if (outcome.ok) {
          const d = outcome.deployment;
          return { key, description: d ? `${verb} ${where}: deployment ${d.id} ${d.status}` : `${where} has no deployment yet: nothing to wait for`, ok: true };
        }
        return { key, description: `${verb} ${where}`, ok: false, error: outcome.error(where) };
      } catch (error) {
        if (ctx.signal.aborted) throw error;
        return { key, description: `redeploy of ${name}`, ok: false, error: describeError(error) };
      }
    }),
  );
  return { actions };
}

type WaitOutcome = { ok: true; deployment: DeploymentRef | null } | { ok: false; error: (where: string) => string };

async function deployAndWait(
  api: RailwayApi,
  target: InstanceTarget,
  need: Need,
  options: { timeoutMs: number; pollMs: number; signal: AbortSignal },
): Promise<WaitOutcome> {
  const redeploy = need === 'redeploy';
  // The latest deployment before the redeploy: until a newer one shows up, the answer is stale.
  const before = redeploy ? await api.latestDeployment(target) : null;
  // Never deployed (a service without a source): there is nothing to redeploy, and its first
  // deployment will use the settings and variables just written.
  if (redeploy && !before) return { ok: true, deployment: null };
  if (redeploy) await api.redeploy(target);
  const deadline = Date.now() + options.timeoutMs;
  let fresh: DeploymentRef | null = null;
  for (;;) {
    const latest = await api.latestDeployment(target);
    if (!latest && need === 'await-if-any') return { ok: true, deployment: null };
    fresh = latest && latest.id !== before?.id ? latest : null;
    if (fresh && SUCCEEDED.includes(fresh.status)) return { ok: true, deployment: fresh };
    if (fresh && FAILED.includes(fresh.status)) {
      const failed = fresh;
      return { ok: false, error: (where) => `Railway deployment ${failed.id} of ${where} ended ${failed.status}: see its logs in the Railway dashboard` };
    }
    if (Date.now() + options.pollMs > deadline) break;
    await sleep(options.pollMs, undefined, { signal: options.signal });
  }
  const last = fresh;
  return {
    ok: false,
    error: (where) =>
      `Railway deployment ${last ? `${last.id} ` : ''}of ${where} did not finish within ${formatDuration(options.timeoutMs)}` +
      `${last ? ` (last status ${last.status})` : ''}: raise ${DEPLOY_TIMEOUT_VARIABLE} or check the Railway dashboard`,
  };
}

function formatDuration(ms: number): string {
  return ms < 10_000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

function positiveNumber(text: string | undefined): number | undefined {
  const value = Number(text);
  return text !== undefined && Number.isFinite(value) && value > 0 ? value : undefined;
}
