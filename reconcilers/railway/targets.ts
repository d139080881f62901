import type { Change, ReconcileContext } from '../../src/engine/types.js';
import { TerminalError } from '../../src/errors.js';
import type { InstanceTarget } from './api-types.js';
import type { RailwayApi } from './client.js';
import { resolveScope, servicesByName, type DeclaredScope, type ResolvedScope } from './resolve-scope.js';
import { scopeOf, serviceOf, type RailwaySpec } from './specs.js';

/** The declared (or recorded) project and environment of a change. */
export function declaredScopeOf(change: Change<RailwaySpec>, ctx: ReconcileContext): DeclaredScope {
  const spec = change.action === 'delete' ? change.observed : change.desired;
  const scope = scopeOf(spec) ?? (change.action === 'update' ? scopeOf(change.observed) : undefined);
  if (!scope) throw new TerminalError(`railway: ${change.key.kind} ${change.key.name} has no Railway project and environment in its spec`);
  const file = ctx.env.files[0] ?? `environments/${ctx.env.name}.yaml`;
  // Observed specs carry ids: prefer them, they survive renames.
  return { project: scope.projectId ?? scope.project, environment: scope.environmentId ?? scope.environment, file };
}

export async function resolveOrThrow(api: RailwayApi, declared: DeclaredScope): Promise<ResolvedScope> {
  const resolution = await resolveScope(api, declared);
  if (!resolution.ok) throw new TerminalError(`railway: ${resolution.reason}`);
  return resolution.scope;
}

/**
 * Ids of the service instance a change acts on, cheapest source first: the ids observe recorded
 * in the spec (updates, deletes), the outputs of the parent service (known after it was observed
 * or created earlier in this apply), and last a lookup on Railway (2 requests).
 */
export async function instanceTargetOf(change: Change<RailwaySpec>, ctx: ReconcileContext, api: RailwayApi): Promise<InstanceTarget> {
  const service = serviceOf(change.key);
  if (change.action !== 'create') {
    const scope = scopeOf(change.observed);
    if (scope?.projectId && scope.environmentId && scope.serviceId) {
      return { projectId: scope.projectId, environmentId: scope.environmentId, serviceId: scope.serviceId };
    }
  }
  const address = `railway.service.${service}`;
  const serviceId = ctx.outputs.get(address, 'serviceId');
  const projectId = ctx.outputs.get(address, 'projectId');
  const environmentId = ctx.outputs.get(address, 'environmentId');
  if (serviceId && projectId && environmentId) return { projectId, environmentId, serviceId };

  const declared = declaredScopeOf(change, ctx);
  const scope = await resolveOrThrow(api, declared);
  const found = servicesByName(scope).get(service);
  if (!found?.instance) {
    throw new TerminalError(`railway: service ${service} not found in environment ${scope.environment.name} of project ${scope.project.name}`, {
      hint: 'it is created by the railway.service change this one depends on; re-run plan',
    });
  }
  return { projectId: scope.project.id, environmentId: scope.environment.id, serviceId: found.id };
}
