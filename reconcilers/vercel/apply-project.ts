import { addressOf, type ApplyResult, type Change, type ReconcileContext } from '../../src/engine/types.js';
import type { CreateProjectBody, UpdateProjectBody, VercelProject } from './api-types.js';
import { callOf, declaredService, isExistsConflict, VercelConflictError } from './apply-support.js';
import type { VercelCall } from './call.js';
import { listDomains } from './domains-api.js';
import { listEnvs } from './env-api.js';
import { observedProjectSpec } from './observed-specs.js';
import { projectOutputs } from './outputs.js';
import { createProject, deleteProject, getProject, updateProject } from './projects-api.js';
import type { ProjectSpec } from './specs.js';

const SETTINGS = ['framework', 'buildCommand', 'installCommand', 'outputDirectory', 'rootDirectory'] as const;

export async function applyProject(change: Change, ctx: ReconcileContext): Promise<ApplyResult> {
  const call = callOf(ctx);
  const outputsFor = (project: VercelProject): ApplyResult => ({ id: project.id, outputs: projectOutputs(project, declaredService(ctx, change.key)) });
  switch (change.action) {
    case 'create':
      return outputsFor(await create(call, change.desired as ProjectSpec, addressOf(change.key)));
    case 'update':
      return outputsFor(await update(call, change.id, change.desired as ProjectSpec, change.paths, addressOf(change.key)));
    case 'delete':
      await remove(call, change.id, addressOf(change.key));
      return { id: change.id };
  }
}

/**
 * A 409 means a project with that name exists: after a lost answer to our own create, or made by
 * someone else meanwhile. If it has the settings we asked for it is ours to use; otherwise stop and
 * let the next plan adopt it and show the differences.
 */
async function create(call: VercelCall, spec: ProjectSpec, address: string): Promise<VercelProject> {
  const body: CreateProjectBody = { name: spec.name };
  for (const field of SETTINGS) if (spec[field] !== undefined) body[field] = spec[field];
  if (spec.gitRepository) body.gitRepository = spec.gitRepository;
  try {
    return await createProject(call, body);
  } catch (error) {
    if (!isExistsConflict(error) || error.details.status !== 409) throw error;
    const existing = await getProject(call, spec.name);
    if (!existing) throw error;
    const different = differences(spec, existing);
    if (different.length === 0) return existing;
    throw new VercelConflictError(`${address}: a Vercel project named ${spec.name} already exists with different ${different.join(', ')}`, {
      hint: 'run plan again: gitplane adopts the existing project and shows what it would change',
    });
  }
}

/**
 * PATCH sets the changed settings; `null` resets one to auto-detect. The Git repository is the
 * exception: the OpenAPI accepts `gitRepository` only on create, and the link endpoints the
 * Terraform provider uses are undocumented (vercel.md §4.1). Replacing the project instead would
 * delete its deployments, domains and variables, so the other settings are applied and the
 * repository change is refused with what to do.
 */
async function update(call: VercelCall, id: string, spec: ProjectSpec, paths: readonly string[], address: string): Promise<VercelProject> {
  const body: UpdateProjectBody = {};
  if (paths.includes('name')) body.name = spec.name;
  for (const field of SETTINGS) if (paths.includes(field) && spec[field] !== undefined) body[field] = spec[field];
  const patched = Object.keys(body).length > 0;
  const patchedProject = patched ? await updateProject(call, id, body) : undefined;
  if (paths.includes('gitRepository')) {
    const wanted = spec.gitRepository ? `${spec.gitRepository.type}:${spec.gitRepository.repo}` : 'none';
    throw new VercelConflictError(`${address}: the Git repository of a Vercel project cannot be changed through its API (wanted ${wanted})`, {
      hint: `connect the repository in the Vercel dashboard (Project → Settings → Git)${patched ? '; the other settings were applied' : ''}`,
    });
  }
  const project = patchedProject ?? (await getProject(call, id));
  if (!project) throw new VercelConflictError(`${address}: Vercel project ${id} no longer exists`, { hint: 'run plan again' });
  return project;
}

/**
 * Deleting a Vercel project deletes every deployment, variable and domain in it, and cannot be
 * undone. The core deletes owned variables and domains first and never deletes a project another
 * environment file still manages; on top of that, a project that still holds anything gitplane
 * does not own (a variable of another target, an integration's variable, a domain added by hand)
 * is refused: its deletion would destroy what nobody asked gitplane to manage.
 */
async function remove(call: VercelCall, id: string, address: string): Promise<void> {
  const project = await getProject(call, id);
  if (!project) return;
  const [envs, domains] = await Promise.all([listEnvs(call, project.id), listDomains(call, project.id)]);
  if (envs.length > 0 || domains.length > 0) {
    const names = (list: string[]) => [...new Set(list)].sort().slice(0, 5).join(', ');
    const held = [
      envs.length > 0 ? `${envs.length} variable(s) (${names(envs.map((e) => e.key))})` : '',
      domains.length > 0 ? `${domains.length} domain(s) (${names(domains.map((d) => d.name))})` : '',
    ]
      .filter(Boolean)
      .join(' and ');
    throw new VercelConflictError(`${address}: Vercel project ${project.name} still holds ${held} that gitplane does not manage; deleting it would delete them too`, {
      hint: 'remove them in the Vercel dashboard first, or delete the project there if that is really intended',
    });
  }
  await deleteProject(call, project.id);
}

function differences(spec: ProjectSpec, project: VercelProject): string[] {
  const observed = observedProjectSpec(project, spec.name);
  return (Object.keys(spec) as (keyof ProjectSpec)[]).filter((field) => JSON.stringify(spec[field] ?? null) !== JSON.stringify(observed[field] ?? null));
}
