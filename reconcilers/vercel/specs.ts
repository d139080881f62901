import type { ResourceKey } from '../../src/engine/types.js';
import type { GitProvider, VercelTargetName } from './api-types.js';

/**
 * Spec shapes of the three kinds. Desired specs hold only what the YAML declares (an absent field
 * is not managed); observed specs hold every field, plus `projectId` on variables and domains so a
 * delete or update can reach the resource even when its service is no longer declared. `projectId`
 * is never in a desired spec, so it is never compared.
 */
export type ProjectSpec = {
  /** The project's name as the YAML gives it (a name, or an id: see observedProjectSpec). */
  name: string;
  framework?: string | null;
  buildCommand?: string | null;
  installCommand?: string | null;
  outputDirectory?: string | null;
  rootDirectory?: string | null;
  /** `owner/name`. Observed: `null` when the project has no Git link. */
  gitRepository?: { type: GitProvider; repo: string } | null;
};

export type EnvSpec = {
  key: string;
  /** Sorted, so the core's in-order array comparison is a set comparison. */
  target: VercelTargetName[];
  gitBranch: string | null;
  type: 'plain' | 'encrypted' | 'sensitive' | 'secret' | 'system';
  /** Desired: a literal, PRESENCE_ONLY, fromEnv(...) or refTo(...). Observed: the plain value or OPAQUE. */
  value: unknown;
  projectId?: string;
};

export type DomainSpec = {
  name: string;
  gitBranch: string | null;
  redirect: string | null;
  /** Left out of the desired spec when a redirect declares no code: Vercel's default then applies. */
  redirectStatusCode?: number | null;
  projectId?: string;
};

export type VercelKind = 'project' | 'env' | 'domain';
export const VERCEL_KINDS: readonly VercelKind[] = ['project', 'env', 'domain'];

/** Service names are `[a-z0-9-]+`, so the first dot always ends the service part of a key name. */
export function serviceOf(keyName: string): string {
  const dot = keyName.indexOf('.');
  return dot === -1 ? keyName : keyName.slice(0, dot);
}

/** The part of a key name after the service: a variable name or a domain. */
export function memberOf(keyName: string): string {
  const dot = keyName.indexOf('.');
  return dot === -1 ? '' : keyName.slice(dot + 1);
}

export function vercelKey(env: string, kind: VercelKind, name: string): ResourceKey {
  return { env, platform: 'vercel', kind, name };
}

export function projectAddress(service: string): string {
  return `vercel.project.${service}`;
}

/**
 * Name for a variable that gitplane does not manage: `web.SENTRY_AUTH_TOKEN`. Vercel allows one key
 * several times (per target and branch), so when the plain name is taken, by a managed key or by
 * another unmanaged variable, the targets and branch are added to keep names unique:
 * `web.SESSION_SECRET@production`, `web.API_URL@preview:feature-1`.
 */
export function unmanagedEnvName(service: string, key: string, target: readonly string[], gitBranch: string | null, plainIsFree: boolean): string {
  if (plainIsFree) return `${service}.${key}`;
  return `${service}.${key}@${target.join(',')}${gitBranch ? `:${gitBranch}` : ''}`;
}
