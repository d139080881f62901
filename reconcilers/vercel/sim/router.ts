import type { SimRequest, SimResponse } from './http.js';
import { createEnvs, deleteEnv, editEnv, listEnvs } from './routes-env.js';
import { addDomain, domainConfig, listDomains, removeDomain, updateDomain } from './routes-domains.js';
import { createProject, deleteProject, getProject, listProjects, updateProject } from './routes-projects.js';

type Handler = (request: SimRequest) => SimResponse;

interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

/** Exactly the operations gitplane's Vercel client calls, at their real paths and versions. */
const ROUTES: readonly Route[] = [
  { method: 'GET', pattern: /^\/v10\/projects$/, handler: listProjects },
  { method: 'POST', pattern: /^\/v11\/projects$/, handler: createProject },
  { method: 'GET', pattern: /^\/v9\/projects\/(?<project>[^/]+)$/, handler: getProject },
  { method: 'PATCH', pattern: /^\/v9\/projects\/(?<project>[^/]+)$/, handler: updateProject },
  { method: 'DELETE', pattern: /^\/v9\/projects\/(?<project>[^/]+)$/, handler: deleteProject },
  { method: 'GET', pattern: /^\/v10\/projects\/(?<project>[^/]+)\/env$/, handler: listEnvs },
  { method: 'POST', pattern: /^\/v10\/projects\/(?<project>[^/]+)\/env$/, handler: createEnvs },
  { method: 'PATCH', pattern: /^\/v9\/projects\/(?<project>[^/]+)\/env\/(?<id>[^/]+)$/, handler: editEnv },
  { method: 'DELETE', pattern: /^\/v9\/projects\/(?<project>[^/]+)\/env\/(?<id>[^/]+)$/, handler: deleteEnv },
  { method: 'GET', pattern: /^\/v9\/projects\/(?<project>[^/]+)\/domains$/, handler: listDomains },
  { method: 'POST', pattern: /^\/v10\/projects\/(?<project>[^/]+)\/domains$/, handler: addDomain },
  { method: 'PATCH', pattern: /^\/v9\/projects\/(?<project>[^/]+)\/domains\/(?<domain>[^/]+)$/, handler: updateDomain },
  { method: 'DELETE', pattern: /^\/v9\/projects\/(?<project>[^/]+)\/domains\/(?<domain>[^/]+)$/, handler: removeDomain },
  { method: 'GET', pattern: /^\/v6\/domains\/(?<domain>[^/]+)\/config$/, handler: domainConfig },
];

export function route(method: string, path: string): { handler: Handler; params: Record<string, string> } | undefined {
  for (const candidate of ROUTES) {
    if (candidate.method !== method) continue;
    const match = candidate.pattern.exec(path);
    if (!match) continue;
    const params: Record<string, string> = {};
    for (const [name, value] of Object.entries(match.groups ?? {})) params[name] = decodeURIComponent(value);
    return { handler: candidate.handler, params };
  }
  return undefined;
}
