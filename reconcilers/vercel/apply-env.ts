import { isPresenceOnly } from '../../src/engine/spec-values.js';
import { addressOf, type ApplyResult, type Change, type ReconcileContext, type ResourceKey } from '../../src/engine/types.js';
import type { CreateEnvBody, EditEnvBody, VercelEnv } from './api-types.js';
import { callOf, isExistsConflict, projectFor, sendableValue, VercelConflictError } from './apply-support.js';
import type { VercelCall } from './call.js';
import { createEnvs, deleteEnv, editEnv, listEnvs, type EnvCreateResult } from './env-api.js';
import { envBranch, envTargets } from './observed-specs.js';
import type { EnvSpec } from './specs.js';

/** Types gitplane writes; `sensitive` is accepted as `encrypted` when a team policy forces it. */
type WritableType = CreateEnvBody['type'];

export async function applyEnv(change: Change, ctx: ReconcileContext): Promise<ApplyResult> {
  const call = callOf(ctx);
  switch (change.action) {
    case 'create':
      return { id: await create(call, projectFor(ctx, change.key), change.desired as EnvSpec, change.key) };
    case 'update': {
      const project = projectFor(ctx, change.key, change.observed);
      await editEnv(call, project, change.id, editBody(change.desired as EnvSpec, change.observed as EnvSpec, change.paths, change.key));
      return { id: change.id };
    }
    case 'delete':
      await deleteEnv(call, projectFor(ctx, change.key, change.observed), change.id);
      return { id: change.id };
  }
}

/**
 * Creates one variable. "Already exists" comes back three ways (HTTP 400 ENV_CONFLICT, HTTP 403,
 * or a 201 whose `failed[]` holds the conflict; vercel.md §4.2). In every case the project is read
 * again: a variable with exactly this key, targets and branch is this resource (after a lost
 * answer, or created meanwhile), and is given the declared type and value; anything else that
 * overlaps is someone else's and is refused.
 */
async function create(call: VercelCall, project: string, spec: EnvSpec, key: ResourceKey): Promise<string> {
  const body: CreateEnvBody = {
    key: spec.key,
    value: sendableValue(spec.value, key),
    type: writableType(spec.type),
    target: spec.target,
    ...(spec.gitBranch ? { gitBranch: spec.gitBranch } : {}),
  };
  let result: EnvCreateResult;
  try {
    result = await createEnvs(call, project, body);
  } catch (error) {
    if (!isExistsConflict(error)) throw error;
    const existing = await findExisting(call, project, spec).catch(() => undefined);
    if (!existing) throw error;
    return settleExisting(call, project, existing, spec, body, key);
  }
  const created = result.created.find((env) => env.key === spec.key);
  if (created && result.failed.length === 0) return created.id;
  const failure = result.failed[0]?.error;
  if (failure?.code === 'ENV_CONFLICT' || failure?.code === 'existing_key_and_target') {
    const existing = await findExisting(call, project, spec);
    if (existing) return settleExisting(call, project, existing, spec, body, key);
  }
  throw new VercelConflictError(`${addressOf(key)}: Vercel did not create ${spec.key}: ${failure ? `${failure.code}: ${failure.message}` : 'no variable in its answer'}`);
}

async function findExisting(call: VercelCall, project: string, spec: EnvSpec): Promise<{ exact?: VercelEnv; overlap?: VercelEnv } | undefined> {
  const envs = await listEnvs(call, project);
  const sameScope = envs.filter((env) => env.key === spec.key && envBranch(env) === spec.gitBranch);
  const exact = sameScope.find((env) => sameTargets(envTargets(env), spec.target));
  if (exact) return { exact };
  const overlap = sameScope.find((env) => envTargets(env).some((target) => spec.target.includes(target)));
  return overlap ? { overlap } : undefined;
}

async function settleExisting(
  call: VercelCall,
  project: string,
  existing: { exact?: VercelEnv; overlap?: VercelEnv },
  spec: EnvSpec,
  body: CreateEnvBody,
  key: ResourceKey,
): Promise<string> {
  if (existing.exact) {
    // Encrypted values cannot be read back to compare, so the declared value is written: the
    // variable then holds what the YAML says whoever created it.
    const edit: EditEnvBody = { value: body.value, ...(compatible(existing.exact.type, body.type) ? {} : { type: body.type }) };
    await editEnv(call, project, existing.exact.id, edit);
    return existing.exact.id;
  }
  const other = existing.overlap!;
  throw new VercelConflictError(
    `${addressOf(key)}: ${spec.key} already exists on Vercel for targets ${envTargets(other).join(', ')}${spec.gitBranch ? ` on branch ${spec.gitBranch}` : ''}, overlapping the wanted ${spec.target.join(', ')}`,
    { hint: 'split it into one variable per environment in the Vercel dashboard, then run apply again' },
  );
}

/**
 * PATCH only what differs. Changing the type rewrites the value: the declared one when gitplane
 * has it, else the old plain value (readable, so not secret); a presence-only secret stored
 * encrypted keeps its value, which Vercel does not make us resend (the PATCH schema has no
 * required field).
 */
function editBody(spec: EnvSpec, observed: EnvSpec, paths: readonly string[], key: ResourceKey): EditEnvBody {
  const body: EditEnvBody = {};
  if (paths.includes('target')) body.target = spec.target;
  if (paths.includes('gitBranch')) body.gitBranch = spec.gitBranch;
  if (paths.includes('type')) body.type = writableType(spec.type);
  if (paths.includes('value') || paths.includes('type')) {
    if (!isPresenceOnly(spec.value)) body.value = sendableValue(spec.value, key);
    else if (typeof observed.value === 'string') body.value = observed.value;
  }
  return body;
}

function writableType(type: EnvSpec['type']): WritableType {
  return type === 'plain' || type === 'sensitive' ? type : 'encrypted';
}

function compatible(existing: VercelEnv['type'], wanted: WritableType): boolean {
  return existing === wanted || (wanted === 'encrypted' && existing === 'sensitive');
}

function sameTargets(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((target) => b.includes(target));
}
