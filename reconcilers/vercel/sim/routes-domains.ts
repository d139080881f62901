import { badRequest, notFound, ok, requireValidBody, SimHttpError, type SimRequest, type SimResponse } from './http.js';
import { pageByTimestamp, pageLimit } from './paging.js';
import { renderDomain, renderDomainConfig } from './render.js';
import { scopedProject } from './routes-projects.js';
import { apexOf, type NewDomain, type SimDomain, type SimProject } from './state.js';

const HOSTNAME = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** GET /v9/projects/{idOrName}/domains (getProjectDomains): newest first by default, `until`/`since` paging. */
export function listDomains(request: SimRequest): SimResponse {
  const project = scopedProject(request);
  const q = request.query;
  const domains = project.domains.filter(
    (d) =>
      (q.get('redirects') !== 'false' || d.redirect === null) &&
      (q.get('production') !== 'true' || d.gitBranch === null) &&
      (q.get('gitBranch') === null || d.gitBranch === q.get('gitBranch')) &&
      (q.get('verified') === null || String(d.verified) === q.get('verified')) &&
      (q.get('redirect') === null || d.redirect === q.get('redirect')),
  );
  const order = q.get('order') === 'ASC' ? 'ASC' : 'DESC';
  const paged = pageByTimestamp(domains, (d) => d.createdAt, q, pageLimit(q, request.options), order);
  return ok({ domains: paged.items.map(renderDomain), pagination: paged.pagination });
}

/**
 * POST /v10/projects/{idOrName}/domains (addProjectDomain). The rules and statuses are the
 * OpenAPI's response descriptions; the error `code` strings are not documented and are ours.
 */
export function addDomain(request: SimRequest): SimResponse {
  requireValidBody(request, 'addProjectDomain');
  const project = scopedProject(request);
  const body = request.body as NewDomain;
  if (!HOSTNAME.test(body.name)) throw new SimHttpError(400, 'invalid_domain', `The domain "${body.name}" is not valid`);
  checkSettings(project, body.name, body.gitBranch ?? null, body.redirect ?? null);
  const owner = request.state.domainOwner(body.name);
  if (owner?.id === project.id) throw new SimHttpError(400, 'domain_already_exists', `The domain ${body.name} is already assigned to this project`);
  if (owner) throw new SimHttpError(409, 'domain_already_in_use', `The domain ${body.name} is already assigned to another Vercel project`);
  const { verified: _ignored, ...settings } = body;
  return ok(renderDomain(request.state.addDomain(project.id, settings)));
}

/** PATCH /v9/projects/{idOrName}/domains/{domain} (updateProjectDomain). */
export function updateDomain(request: SimRequest): SimResponse {
  requireValidBody(request, 'updateProjectDomain');
  const project = scopedProject(request);
  const domain = findDomain(request, project);
  const body = request.body as Partial<Pick<SimDomain, 'gitBranch' | 'redirect' | 'redirectStatusCode'>>;
  const gitBranch = body.gitBranch === undefined ? domain.gitBranch : body.gitBranch;
  const redirect = body.redirect === undefined ? domain.redirect : body.redirect;
  checkSettings(project, domain.name, gitBranch, redirect);
  domain.gitBranch = gitBranch;
  domain.redirect = redirect;
  domain.redirectStatusCode = redirect ? (body.redirectStatusCode ?? domain.redirectStatusCode ?? 307) : null;
  domain.updatedAt = request.state.now();
  return ok(renderDomain(domain));
}

/** DELETE /v9/projects/{idOrName}/domains/{domain} (removeProjectDomain): `{}`; `removeRedirects` also drops domains redirecting here. */
export function removeDomain(request: SimRequest): SimResponse {
  if (request.body !== undefined) requireValidBody(request, 'removeProjectDomain');
  const project = scopedProject(request);
  const domain = findDomain(request, project);
  const alsoRedirects = (request.body as { removeRedirects?: boolean } | undefined)?.removeRedirects === true;
  project.domains = project.domains.filter((d) => d !== domain && !(alsoRedirects && d.redirect === domain.name));
  return ok({});
}

/** GET /v6/domains/{domain}/config (getDomainConfig): misconfigured unless the domain is in `dnsConfigured`. */
export function domainConfig(request: SimRequest): SimResponse {
  const name = request.params['domain']!;
  return ok(renderDomainConfig(name, apexOf(name), request.state.dnsConfigured.has(name)));
}

function findDomain(request: SimRequest, project: SimProject): SimDomain {
  const name = request.params['domain']!;
  const domain = project.domains.find((d) => d.name === name);
  if (!domain) throw notFound('domain', name);
  return domain;
}

function checkSettings(project: SimProject, name: string, gitBranch: string | null, redirect: string | null): void {
  if (gitBranch && redirect) throw badRequest("You can't set both a git branch and a redirect for the domain");
  if (redirect === name) throw badRequest('A domain cannot redirect to itself');
  if (redirect !== null && !HOSTNAME.test(redirect)) throw badRequest('The domain redirect is not valid');
  // Linked projects are rendered with productionBranch `main` (render.ts).
  if (gitBranch && project.gitRepository && gitBranch === 'main') {
    throw badRequest('You can not set the production branch as a branch for your domain');
  }
}
