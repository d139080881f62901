import { addressOf, type Observed, type UnknownResource } from '../../src/engine/types.js';
import type { VercelEnv, VercelProject } from './api-types.js';
import type { VercelCall } from './call.js';
import { listEnvs } from './env-api.js';
import { emptyScopeResult, kindUnknown, type ScopeResult } from './observe-result.js';
import type { ProjectScope } from './observe-scopes.js';
import { envBranch, envTargets, observedEnvSpec } from './observed-specs.js';
import { projectAddress, serviceOf, unmanagedEnvName, vercelKey, type EnvSpec } from './specs.js';

/**
 * Matches the project's variables to keys. A desired key is the variable with the same key, the
 * same set of targets and the same branch; failing that, the owned variable with the recorded id
 * (so a changed target or branch in the YAML becomes an in-place update, which matters for secrets
 * gitplane cannot re-create). Owned keys no longer desired are found by id. The rest is unmanaged.
 */
export async function observeEnvs(call: VercelCall, envName: string, scope: ProjectScope, project: VercelProject): Promise<ScopeResult> {
  const keys = [...scope.desired.env, ...scope.owned.env];
  const result = emptyScopeResult();
  if (keys.length === 0 && !scope.service) return result;

  let envs: VercelEnv[];
  try {
    envs = await listEnvs(call, project.id);
  } catch (error) {
    result.unknown.push(...kindUnknown(keys, `the variables of Vercel project ${project.name}`, error));
    return result;
  }

  const claim = (entry: Observed): void => {
    result.observed.push(entry);
    result.claimed.add(`${project.id}/${entry.id}`);
  };
  for (const entry of scope.desired.env) {
    const spec = entry.spec as EnvSpec;
    const ownedId = scope.ownedByAddress.get(addressOf(entry.key))?.id;
    const match = envs.find((env) => sameIdentity(env, spec)) ?? envs.find((env) => env.id === ownedId && env.key === spec.key);
    if (match) {
      claim({ key: entry.key, id: match.id, spec: observedEnvSpec(match, project.id, spec.type), health: 'ready', dependsOn: entry.dependsOn });
      continue;
    }
    const overlap = envs.find((env) => overlaps(env, spec));
    if (overlap) result.unknown.push(overlapReason(entry.key, spec, overlap, project.name));
  }
  for (const entry of scope.owned.env) {
    const match = envs.find((env) => env.id === entry.id);
    if (match) claim({ key: entry.key, id: match.id, spec: observedEnvSpec(match, project.id), health: 'ready', dependsOn: [projectAddress(serviceOf(entry.key.name))] });
  }
  if (scope.service) {
    const service = scope.service;
    const rest = envs.filter((env) => !result.claimed.has(`${project.id}/${env.id}`));
    const taken = new Set(keys.map((entry) => entry.key.name));
    const uses = new Map<string, number>();
    for (const env of rest) uses.set(env.key, (uses.get(env.key) ?? 0) + 1);
    for (const env of rest) {
      const spec = observedEnvSpec(env, project.id);
      const plainIsFree = uses.get(env.key) === 1 && !taken.has(`${service}.${env.key}`);
      const key = vercelKey(envName, 'env', unmanagedEnvName(service, env.key, spec.target, spec.gitBranch, plainIsFree));
      result.unmanagedCandidates.push({ projectId: project.id, id: env.id, observed: { key, id: env.id, spec, health: 'ready' } });
    }
  }
  return result;
}

function sameIdentity(env: VercelEnv, spec: EnvSpec): boolean {
  const targets = envTargets(env);
  return env.key === spec.key && envBranch(env) === spec.gitBranch && targets.length === spec.target.length && targets.every((t) => spec.target.includes(t));
}

/** Vercel refuses a second variable with the same key, branch and any shared target (ENV_CONFLICT). */
function overlaps(env: VercelEnv, spec: EnvSpec): boolean {
  return env.key === spec.key && envBranch(env) === spec.gitBranch && envTargets(env).some((t) => spec.target.includes(t));
}

/**
 * A variable that shares some targets with the wanted one blocks its creation, and changing its
 * targets would take it away from another environment. Neither create nor update is safe, so the
 * key is reported unknown with what a person has to do.
 */
function overlapReason(key: UnknownResource['key'], spec: EnvSpec, env: VercelEnv, projectName: string): UnknownResource {
  const where = spec.gitBranch ? ` on branch ${spec.gitBranch}` : '';
  return {
    key,
    reason:
      `${spec.key} on Vercel project ${projectName} already exists for targets ${envTargets(env).join(', ')}${where}, ` +
      `which overlaps the wanted ${spec.target.join(', ')}; gitplane manages one variable per target and branch and will not change it. ` +
      'Split it into one variable per environment in the Vercel dashboard, then plan again',
  };
}
