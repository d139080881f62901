import { describeError, PlatformTerminalError } from '../../src/errors.js';
import type { Desired, Observed, ObserveResult, OwnedResource, ReconcileContext, ResourceKey } from '../../src/engine/types.js';
import type { EnvironmentModel, VercelService } from '../../src/model/environment.js';
import type { VercelProject } from './api-types.js';
import type { VercelCall } from './call.js';
import { observeDomains } from './observe-domains.js';
import { observeEnvs } from './observe-envs.js';
import { emptyScopeResult, type ScopeResult } from './observe-result.js';
import { buildScopes, type ProjectScope } from './observe-scopes.js';
import { observedProjectSpec } from './observed-specs.js';
import { projectOutputs } from './outputs.js';
import { getProject } from './projects-api.js';

/**
 * Reads the live state of every desired and owned Vercel key: per project one read, one variable
 * listing and one domain listing (each paginated), plus one DNS check per declared domain. A
 * project whose read fails has all its keys reported unknown; a failed variable or domain listing
 * makes only those keys unknown. Nothing is ever reported absent because a read failed.
 */
export async function observeVercel(desired: readonly Desired[], owned: readonly OwnedResource[], ctx: ReconcileContext): Promise<ObserveResult> {
  const call: VercelCall = { http: ctx.http, signal: ctx.signal };
  const { scopes, unknown } = buildScopes(ctx.env, desired, owned);
  const results = await Promise.all(scopes.map((scope) => observeScope(call, ctx.env, scope)));
  // A token that opens no project at all is a credentials problem, not a set of unknown resources:
  // fail the platform with the HTTP layer's error, whose hint names VERCEL_TOKEN.
  const failures = results.map((result) => result.failure);
  if (failures.length > 0 && failures.every(isAuthFailure)) throw failures[0];

  const claimed = new Set(results.flatMap((result) => [...result.claimed]));
  return {
    observed: results.flatMap((result) => result.observed),
    unknown: [...unknown, ...results.flatMap((result) => result.unknown)],
    unmanaged: results.flatMap((result) =>
      result.unmanagedCandidates.filter((candidate) => !claimed.has(`${candidate.projectId}/${candidate.id}`)).map((candidate) => candidate.observed),
    ),
  };
}

async function observeScope(call: VercelCall, env: EnvironmentModel, scope: ProjectScope): Promise<ScopeResult & { failure?: unknown }> {
  let project: VercelProject | undefined;
  try {
    project = await getProject(call, scope.handle);
    if (!project && scope.fallbackId && scope.fallbackId !== scope.handle) project = await getProject(call, scope.fallbackId);
  } catch (error) {
    return { ...allUnknown(scope, `could not read Vercel project ${scope.handle}: ${describeError(error)}`), failure: error };
  }
  // Absent project: every key in it is absent too (creates follow the project's create).
  if (!project) return emptyScopeResult();

  const observed: Observed[] = [];
  for (const entry of [...scope.desired.project, ...scope.owned.project]) {
    const service = env.services.find((s): s is VercelService => s.platform === 'vercel' && s.name === entry.key.name);
    observed.push({ key: entry.key, id: project.id, spec: observedProjectSpec(project, scope.handle), health: 'ready', outputs: projectOutputs(project, service) });
  }
  const [envs, domains] = await Promise.all([observeEnvs(call, env.name, scope, project), observeDomains(call, env.name, scope, project)]);
  return {
    observed: [...observed, ...envs.observed, ...domains.observed],
    unknown: [...envs.unknown, ...domains.unknown],
    claimed: new Set([...envs.claimed, ...domains.claimed]),
    unmanagedCandidates: [...envs.unmanagedCandidates, ...domains.unmanagedCandidates],
  };
}

function isAuthFailure(error: unknown): boolean {
  return error instanceof PlatformTerminalError && (error.details.status === 401 || error.details.status === 403);
}

function allUnknown(scope: ProjectScope, reason: string): ScopeResult {
  const keys: ResourceKey[] = [...Object.values(scope.desired), ...Object.values(scope.owned)].flat().map((entry) => entry.key);
  return { ...emptyScopeResult(), unknown: keys.map((key) => ({ key, reason })) };
}
