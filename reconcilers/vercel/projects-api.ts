import type { CreateProjectBody, UpdateProjectBody, VercelPagination, VercelProject } from './api-types.js';
import { orAbsent, segment, type VercelCall } from './call.js';
import { collectPages } from './paginate.js';

/** `GET /v10/projects` (getProjects), every page, 100 at a time (the documented maximum). */
export async function listProjects(call: VercelCall, options: { search?: string } = {}): Promise<VercelProject[]> {
  return collectPages('GET /v10/projects', async (cursor) => {
    const response = await call.http.request<{ projects?: VercelProject[]; pagination?: VercelPagination }>(
      { method: 'GET', path: '/v10/projects', query: { limit: 100, search: options.search, ...cursor } },
      call.signal,
    );
    return { items: response.body.projects ?? [], pagination: response.body.pagination };
  });
}

/**
 * `GET /v9/projects/{idOrName}` (getProject). Undefined when the project does not exist in the
 * token's scope. The OpenAPI lists no 404 for this operation; the Terraform provider treats 404 as
 * absent (vercel.md §4.1), and so do we. Any other failure propagates.
 */
export async function getProject(call: VercelCall, idOrName: string): Promise<VercelProject | undefined> {
  return orAbsent(call.http.request<VercelProject>({ method: 'GET', path: `/v9/projects/${segment(idOrName)}` }, call.signal).then((r) => r.body));
}

/** `POST /v11/projects` (createProject). Not resent after a lost answer: that is an AmbiguousResultError. */
export async function createProject(call: VercelCall, body: CreateProjectBody): Promise<VercelProject> {
  const response = await call.http.request<VercelProject>({ method: 'POST', path: '/v11/projects', body, idempotent: false }, call.signal);
  return response.body;
}

/**
 * `PATCH /v9/projects/{idOrName}` (updateProject). Every field we send is an absolute value, so
 * sending it twice is harmless: marked idempotent so a lost answer is retried.
 */
export async function updateProject(call: VercelCall, idOrName: string, body: UpdateProjectBody): Promise<VercelProject> {
  const response = await call.http.request<VercelProject>(
    { method: 'PATCH', path: `/v9/projects/${segment(idOrName)}`, body, idempotent: true },
    call.signal,
  );
  return response.body;
}

/** `DELETE /v9/projects/{idOrName}` (deleteProject, 204). A project already gone counts as deleted. */
export async function deleteProject(call: VercelCall, idOrName: string): Promise<'deleted' | 'absent'> {
  const done = await orAbsent(call.http.request({ method: 'DELETE', path: `/v9/projects/${segment(idOrName)}` }, call.signal));
  return done ? 'deleted' : 'absent';
}
