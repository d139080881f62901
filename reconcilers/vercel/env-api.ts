import type { CreateEnvBody, EditEnvBody, VercelEnv, VercelEnvCreateFailure, VercelEnvCreateResponse, VercelPagination } from './api-types.js';
import { orAbsent, segment, type VercelCall } from './call.js';
import { collectPages } from './paginate.js';

type EnvListBody = { envs?: VercelEnv[]; pagination?: VercelPagination } | VercelEnv;

/**
 * `GET /v10/projects/{idOrName}/env` (filterProjectEnvs). Never with `decrypt=true`: gitplane diffs
 * names, targets and types, and a value it does not need is a value it cannot leak.
 *
 * The v10 operation documents no paging parameters, but its response may carry `pagination`
 * (vercel.md §3). When `pagination.next` is set we follow it with `until`, as the Terraform provider
 * does on `/v8/projects/{id}/env`; we send no `limit`, which v10 does not document.
 */
export async function listEnvs(call: VercelCall, project: string): Promise<VercelEnv[]> {
  return collectPages('GET /v10/projects/{idOrName}/env', async (cursor) => {
    const response = await call.http.request<EnvListBody>(
      { method: 'GET', path: `/v10/projects/${segment(project)}/env`, query: { ...cursor } },
      call.signal,
    );
    const body = response.body;
    // The schema's first alternative is a bare Env object; the other two wrap a list in `envs`.
    if ('envs' in body || !('key' in body)) return { items: body.envs ?? [], pagination: body.pagination };
    return { items: [body] };
  });
}

export interface EnvCreateResult {
  created: VercelEnv[];
  failed: VercelEnvCreateFailure[];
}

/**
 * `POST /v10/projects/{idOrName}/env` (createProjectEnv), without `upsert`: a variable that already
 * exists must surface as a conflict rather than be overwritten. HTTP 201 may still carry
 * `failed[]` entries (a partial batch); the caller decides what a failure means.
 */
export async function createEnvs(call: VercelCall, project: string, body: CreateEnvBody | CreateEnvBody[]): Promise<EnvCreateResult> {
  const response = await call.http.request<VercelEnvCreateResponse>(
    { method: 'POST', path: `/v10/projects/${segment(project)}/env`, body, idempotent: false },
    call.signal,
  );
  const created = response.body.created;
  return { created: Array.isArray(created) ? created : created ? [created] : [], failed: response.body.failed ?? [] };
}

/** `PATCH /v9/projects/{idOrName}/env/{id}` (editProjectEnv). Absolute values, so safe to resend. */
export async function editEnv(call: VercelCall, project: string, id: string, body: EditEnvBody): Promise<VercelEnv> {
  const response = await call.http.request<VercelEnv>(
    { method: 'PATCH', path: `/v9/projects/${segment(project)}/env/${segment(id)}`, body, idempotent: true },
    call.signal,
  );
  return response.body;
}

/** `DELETE /v9/projects/{idOrName}/env/{id}` (removeProjectEnv). A variable already gone counts as deleted. */
export async function deleteEnv(call: VercelCall, project: string, id: string): Promise<'deleted' | 'absent'> {
  const done = await orAbsent(call.http.request({ method: 'DELETE', path: `/v9/projects/${segment(project)}/env/${segment(id)}` }, call.signal));
  return done ? 'deleted' : 'absent';
}
