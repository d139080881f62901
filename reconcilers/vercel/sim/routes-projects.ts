import type { GitProvider } from '../api-types.js';
import { notFound, ok, requireValidBody, SimHttpError, type SimRequest, type SimResponse } from './http.js';
import { pageByTimestamp, pageByToken, pageLimit } from './paging.js';
import { renderProject } from './render.js';
import type { ProjectSettings, SimProject } from './state.js';

/** Settings the simulator stores; other schema-valid fields are accepted and ignored. */
const STORED = ['framework', 'buildCommand', 'devCommand', 'installCommand', 'outputDirectory', 'rootDirectory', 'nodeVersion'] as const;

export function scopedProject(request: SimRequest): SimProject {
  const idOrName = request.params['project']!;
  const project = request.state.project(idOrName, request.accountId);
  if (!project) throw notFound('project', idOrName);
  return project;
}

/**
 * GET /v10/projects (getProjects). The order and the timestamp behind the cursor are not documented;
 * we page newest-created first, so a project edited while a client pages does not move.
 */
export function listProjects(request: SimRequest): SimResponse {
  const search = request.query.get('search');
  const mine = request.state.projects.filter((p) => p.accountId === request.accountId && (!search || p.name.includes(search)));
  const limit = pageLimit(request.query, request.options);
  const paged =
    request.options.projectPagination === 'token'
      ? pageByToken(mine, (p) => p.createdAt, request.query, limit)
      : pageByTimestamp(mine, (p) => p.createdAt, request.query, limit);
  return ok({ projects: paged.items.map(renderProject), pagination: paged.pagination });
}

/** POST /v11/projects (createProject). The 409's `code` is not documented; its message is the OpenAPI's. */
export function createProject(request: SimRequest): SimResponse {
  requireValidBody(request, 'createProject');
  const body = request.body as { name: string; gitRepository?: { type: GitProvider | 'github-limited'; repo: string } } & Omit<ProjectSettings, 'gitRepository'>;
  if (request.state.project(body.name, request.accountId)) {
    throw new SimHttpError(409, 'conflict', 'A project with the provided name already exists.');
  }
  const settings: ProjectSettings = {};
  for (const field of STORED) if (body[field] !== undefined) Object.assign(settings, { [field]: body[field] });
  const git = body.gitRepository;
  if (git) settings.gitRepository = { type: git.type === 'github-limited' ? 'github' : git.type, repo: git.repo };
  return ok(renderProject(request.state.createProject({ name: body.name, accountId: request.accountId, ...settings })));
}

/** GET /v9/projects/{idOrName} (getProject). */
export function getProject(request: SimRequest): SimResponse {
  return ok(renderProject(scopedProject(request)));
}

/** PATCH /v9/projects/{idOrName} (updateProject): present fields are set, `null` resets, omitted ones stay. */
export function updateProject(request: SimRequest): SimResponse {
  requireValidBody(request, 'updateProject');
  const project = scopedProject(request);
  const body = request.body as { name?: string } & ProjectSettings;
  if (body.name !== undefined && body.name !== project.name && request.state.project(body.name, request.accountId)) {
    throw new SimHttpError(409, 'conflict', 'The provided name for the project is already being used');
  }
  if (body.name !== undefined) project.name = body.name;
  for (const field of STORED) if (field in body) Object.assign(project, { [field]: body[field] ?? (field === 'nodeVersion' ? project.nodeVersion : null) });
  project.updatedAt = request.state.now();
  return ok(renderProject(project));
}

/** DELETE /v9/projects/{idOrName} (deleteProject): 204 without a body; variables and domains go with it. */
export function deleteProject(request: SimRequest): SimResponse {
  const project = scopedProject(request);
  request.state.deleteProject(project.id);
  return { status: 204 };
}
