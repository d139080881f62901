import type { ApplyResult, Change, ReconcileContext } from '../../src/engine/types.js';
import { TerminalError } from '../../src/errors.js';
import type { RailwayApi } from './client.js';
import { nonForkSiblings, servicesByName, siblingsHoldingService } from './resolve-scope.js';
import type { RailwaySpec, ServiceSpec } from './specs.js';
import { declaredScopeOf, instanceTargetOf, resolveOrThrow } from './targets.js';

/**
 * `railway.service.<name>`.
 *
 * What the material says about scope (schema descriptions of ServiceCreateInput.environmentId and
 * serviceDelete's environmentId): given a FORK environment, the service is created in / deleted
 * from that environment only; given any other environment (or none), in / from every environment
 * that is not a fork. What it does not say: whether a service may exist in some non-fork
 * environments and not others, how a fork later receives a service created in its parent, or any
 * way to add an existing service to one more environment. So:
 * - create passes the file's environment id (isolated when that environment is a fork) and
 *   reports in its notices the other non-fork environments that received the service too;
 * - delete passes the environment id and refuses when the environment is not a fork and another
 *   non-fork environment still holds the service: it would be deleted there as well.
 */
export async function applyService(change: Change<RailwaySpec>, ctx: ReconcileContext, api: RailwayApi): Promise<ApplyResult> {
  switch (change.action) {
    case 'create':
      return createService(change.desired as ServiceSpec, change, ctx, api);
    case 'update':
      return updateService(change, ctx, api);
    case 'delete':
      return deleteService(change, ctx, api);
  }
}

async function createService(spec: ServiceSpec, change: Change<RailwaySpec>, ctx: ReconcileContext, api: RailwayApi): Promise<ApplyResult> {
  const scope = await resolveOrThrow(api, declaredScopeOf(change, ctx));
  if (servicesByName(scope).has(spec.name)) {
    throw new TerminalError(`railway: a service named ${spec.name} already exists in project ${scope.project.name}, outside environment ${scope.environment.name}`, {
      hint: `Railway service names are unique per project and its API cannot add an existing service to one environment: add it to ${scope.environment.name} in the dashboard`,
    });
  }
  const source = spec.repo ? { repo: spec.repo } : spec.image ? { image: spec.image } : undefined;
  // A service with a source deploys at once, before the settings and variables that follow in
  // this apply; finalize redeploys it once they are in place.
  const created = await api.createService({
    projectId: scope.project.id,
    environmentId: scope.environment.id,
    name: spec.name,
    ...(source ? { source } : {}),
    ...(spec.repo && spec.branch ? { branch: spec.branch } : {}),
  });
  const others = nonForkSiblings(scope).map((e) => e.name);
  return {
    id: created.id,
    outputs: { serviceId: created.id, projectId: scope.project.id, environmentId: scope.environment.id },
    ...(others.length > 0
      ? { notices: [`Railway also created ${spec.name} in ${others.join(', ')}: it creates services in every non-fork environment`] }
      : {}),
  };
}

/** Source changes: repo or image live on the instance, the branch on the environment's deployment trigger. */
async function updateService(change: Extract<Change<RailwaySpec>, { action: 'update' }>, ctx: ReconcileContext, api: RailwayApi): Promise<ApplyResult> {
  const desired = change.desired as ServiceSpec;
  const paths = new Set(change.paths);
  if (paths.has('name')) {
    throw new TerminalError(`railway: service ${change.key.name} cannot be renamed by gitplane`, { hint: 'its name is its identity; rename it in the dashboard and in YAML together' });
  }
  const target = await instanceTargetOf(change, ctx, api);
  if (paths.has('image') && desired.image) await api.updateInstance(target, { source: { image: desired.image } });
  if (paths.has('repo') && desired.repo) await api.updateInstance(target, { source: { repo: desired.repo } });
  if ((paths.has('repo') || paths.has('branch')) && desired.repo) {
    const triggers = await api.triggers(target);
    const trigger = triggers.find((t) => t.repository === desired.repo) ?? triggers[0];
    if (trigger) {
      await api.updateTrigger(trigger.id, { repository: desired.repo, ...(desired.branch ? { branch: desired.branch } : {}) });
    } else if (desired.branch) {
      await api.createTrigger(target, desired.repo, desired.branch);
    }
  }
  return { id: change.id };
}

async function deleteService(change: Extract<Change<RailwaySpec>, { action: 'delete' }>, ctx: ReconcileContext, api: RailwayApi): Promise<ApplyResult> {
  const scope = await resolveOrThrow(api, declaredScopeOf(change, ctx));
  const holders = siblingsHoldingService(scope, change.id).map((e) => e.name);
  if (holders.length > 0) {
    throw new TerminalError(
      `railway: refusing to delete service ${change.key.name} from environment ${scope.environment.name}: it is not a fork environment, so Railway would also delete the service from ${holders.join(', ')}`,
      { hint: 'delete it in the Railway dashboard if that is intended, or keep it declared' },
    );
  }
  await api.deleteService(change.id, scope.environment.id);
  return { id: change.id };
}
