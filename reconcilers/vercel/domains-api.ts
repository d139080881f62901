import type { AddDomainBody, UpdateDomainBody, VercelDomainConfig, VercelPagination, VercelProjectDomain } from './api-types.js';
import { orAbsent, segment, type VercelCall } from './call.js';
import { collectPages } from './paginate.js';

/** `GET /v9/projects/{idOrName}/domains` (getProjectDomains), redirect entries included, 100 per page, `until` paging. */
export async function listDomains(call: VercelCall, project: string): Promise<VercelProjectDomain[]> {
  return collectPages('GET /v9/projects/{idOrName}/domains', async (cursor) => {
    const response = await call.http.request<{ domains?: VercelProjectDomain[]; pagination?: VercelPagination }>(
      { method: 'GET', path: `/v9/projects/${segment(project)}/domains`, query: { limit: 100, ...cursor } },
      call.signal,
    );
    return { items: response.body.domains ?? [], pagination: response.body.pagination };
  });
}

/**
 * `POST /v10/projects/{idOrName}/domains` (addProjectDomain). Answers `verified: false` with TXT
 * challenges in `verification[]` when the account has not proven it owns the apex.
 */
export async function addDomain(call: VercelCall, project: string, body: AddDomainBody): Promise<VercelProjectDomain> {
  const response = await call.http.request<VercelProjectDomain>(
    { method: 'POST', path: `/v10/projects/${segment(project)}/domains`, body, idempotent: false },
    call.signal,
  );
  return response.body;
}

/** `PATCH /v9/projects/{idOrName}/domains/{domain}` (updateProjectDomain). Absolute values, so safe to resend. */
export async function updateDomain(call: VercelCall, project: string, domain: string, body: UpdateDomainBody): Promise<VercelProjectDomain> {
  const response = await call.http.request<VercelProjectDomain>(
    { method: 'PATCH', path: `/v9/projects/${segment(project)}/domains/${segment(domain)}`, body, idempotent: true },
    call.signal,
  );
  return response.body;
}

/**
 * `DELETE /v9/projects/{idOrName}/domains/{domain}` (removeProjectDomain). Sent without the optional
 * `removeRedirects` body: domains redirecting to this one are separate resources, deleted (or not)
 * on their own. A domain already gone counts as removed.
 */
export async function removeDomain(call: VercelCall, project: string, domain: string): Promise<'deleted' | 'absent'> {
  const done = await orAbsent(
    call.http.request({ method: 'DELETE', path: `/v9/projects/${segment(project)}/domains/${segment(domain)}` }, call.signal),
  );
  return done ? 'deleted' : 'absent';
}

/** `GET /v6/domains/{domain}/config` (getDomainConfig): whether DNS points at Vercel, and what it should say. */
export async function getDomainConfig(call: VercelCall, domain: string, project?: string): Promise<VercelDomainConfig> {
  const response = await call.http.request<VercelDomainConfig>(
    { method: 'GET', path: `/v6/domains/${segment(domain)}/config`, query: { projectIdOrName: project } },
    call.signal,
  );
  return response.body;
}
