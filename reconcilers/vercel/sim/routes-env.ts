import type { VercelTargetName } from '../api-types.js';
import { badRequest, notFound, ok, requireValidBody, SimHttpError, type SimRequest, type SimResponse } from './http.js';
import { pageByTimestamp, pageLimit } from './paging.js';
import { renderEnv } from './render.js';
import { scopedProject } from './routes-projects.js';
import type { NewEnv, SimEnv, SimProject } from './state.js';

interface EnvInput {
  key: string;
  value: string;
  type: NewEnv['type'];
  target?: VercelTargetName[];
  gitBranch?: string | null;
  comment?: string;
}

/**
 * GET /v10/projects/{idOrName}/env (filterProjectEnvs). v10 documents no paging parameters and
 * answers `{envs, pagination}`; everything comes in one page unless the simulator was started with
 * `pageSize`, in which case `until` pages through as on the older versions (vercel.md §3).
 */
export function listEnvs(request: SimRequest): SimResponse {
  const project = scopedProject(request);
  const branch = request.query.get('gitBranch');
  const decrypt = request.query.get('decrypt') === 'true';
  const envs = project.envs.filter((env) => branch === null || env.gitBranch === branch);
  const limit = request.options.pageSize ? pageLimit(request.query, request.options, 100) : Number.MAX_SAFE_INTEGER;
  const paged = pageByTimestamp(envs, (env) => env.createdAt, request.query, limit);
  return ok({ envs: paged.items.map((env) => renderEnv(env, decrypt)), pagination: paged.pagination });
}

/**
 * POST /v10/projects/{idOrName}/env (createProjectEnv). A single object that fails answers with
 * an error status; an array answers 201 with the failures in `failed[]` (a partial batch). Without
 * `upsert=true` an existing key + overlapping target + same branch is ENV_CONFLICT (HTTP 400, as
 * the Terraform provider sees it); with it, the existing variable is updated.
 */
export function createEnvs(request: SimRequest): SimResponse {
  requireValidBody(request, 'createProjectEnv');
  const project = scopedProject(request);
  const single = !Array.isArray(request.body);
  const inputs = (single ? [request.body] : request.body) as EnvInput[];
  const upsert = request.query.get('upsert') === 'true';
  const created: SimEnv[] = [];
  const failed: { error: Record<string, unknown> }[] = [];
  for (const input of inputs) {
    try {
      created.push(createOne(request, project, input, upsert));
    } catch (error) {
      if (single || !(error instanceof SimHttpError)) throw error;
      failed.push(error.toBody());
    }
  }
  const rendered = created.map((env) => renderEnv(env));
  return ok({ created: single ? rendered[0] : rendered, failed }, 201);
}

function createOne(request: SimRequest, project: SimProject, input: EnvInput, upsert: boolean): SimEnv {
  const target = input.target ?? [];
  const gitBranch = input.gitBranch ?? undefined;
  checkRules(input.key, input.type, target, gitBranch);
  const existing = request.state.conflictingEnv(project, { key: input.key, target, ...(gitBranch ? { gitBranch } : {}) });
  if (existing && !upsert) throw envConflict(input.key, target, gitBranch);
  if (existing) {
    Object.assign(existing, { value: input.value, type: input.type, target: [...target], updatedAt: request.state.now() });
    return existing;
  }
  return request.state.addEnv(project.id, { key: input.key, value: input.value, type: input.type, target, ...(gitBranch ? { gitBranch } : {}), comment: input.comment ?? '' });
}

/** PATCH /v9/projects/{idOrName}/env/{id} (editProjectEnv). */
export function editEnv(request: SimRequest): SimResponse {
  requireValidBody(request, 'editProjectEnv');
  const project = scopedProject(request);
  const env = findEnv(request, project);
  const body = request.body as Partial<EnvInput>;
  const next = {
    key: body.key ?? env.key,
    type: body.type ?? env.type,
    target: body.target ?? env.target,
    gitBranch: body.gitBranch === undefined ? env.gitBranch : (body.gitBranch ?? undefined),
  };
  checkRules(next.key, next.type, next.target, next.gitBranch);
  if (request.state.conflictingEnv(project, { key: next.key, target: next.target, ...(next.gitBranch ? { gitBranch: next.gitBranch } : {}) }, env.id)) {
    throw envConflict(next.key, next.target, next.gitBranch);
  }
  env.key = next.key;
  env.type = next.type;
  env.target = [...next.target];
  if (next.gitBranch) env.gitBranch = next.gitBranch;
  else delete env.gitBranch;
  if (body.value !== undefined) env.value = body.value;
  if (body.comment !== undefined) env.comment = body.comment;
  env.updatedAt = request.state.now();
  return ok(renderEnv(env));
}

/** DELETE /v9/projects/{idOrName}/env/{id} (removeProjectEnv): answers with the removed variable. */
export function deleteEnv(request: SimRequest): SimResponse {
  const project = scopedProject(request);
  const env = findEnv(request, project);
  project.envs = project.envs.filter((candidate) => candidate !== env);
  return ok(renderEnv(env));
}

function findEnv(request: SimRequest, project: SimProject): SimEnv {
  const id = request.params['id']!;
  const env = project.envs.find((candidate) => candidate.id === id);
  if (!env) throw notFound('environment variable', id);
  return env;
}

/**
 * Rules beyond the schema (vercel.md §4.2): a branch only with target preview; a sensitive variable
 * cannot target development; gitplane's simulator stores only the three writable types.
 */
function checkRules(key: string, type: string, target: readonly string[], gitBranch: string | undefined): void {
  if (target.length === 0) throw badRequest(`The environment variable \`${key}\` needs at least one target.`);
  if (gitBranch && (target.length !== 1 || target[0] !== 'preview')) {
    throw badRequest(`The environment variable \`${key}\` can only have a git branch when its only target is preview.`);
  }
  if (type === 'sensitive' && target.includes('development')) throw badRequest(`The sensitive environment variable \`${key}\` cannot target development.`);
  if (type === 'system' || type === 'secret') throw badRequest(`The environment variable type \`${type}\` cannot be created.`);
}

function envConflict(key: string, target: readonly string[], gitBranch: string | undefined): SimHttpError {
  return new SimHttpError(400, 'ENV_CONFLICT', `A variable with the name \`${key}\` already exists for the target ${target.join(',')} on branch ${gitBranch ?? 'undefined'}`, {
    key,
    envVarKey: key,
    target: [...target],
    ...(gitBranch ? { gitBranch } : {}),
  });
}
