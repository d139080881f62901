import { OPAQUE } from '../../src/engine/spec-values.js';
import type { VercelEnv, VercelProject, VercelProjectDomain, VercelProjectLink, VercelTargetName } from './api-types.js';
import type { DomainSpec, EnvSpec, ProjectSpec } from './specs.js';

const TARGET_ORDER: readonly VercelTargetName[] = ['development', 'preview', 'production'];

/** `target` may be one string or an array; we always compare a sorted array. */
export function envTargets(env: Pick<VercelEnv, 'target'>): VercelTargetName[] {
  const list = env.target === undefined ? [] : Array.isArray(env.target) ? env.target : [env.target];
  return TARGET_ORDER.filter((target) => list.includes(target));
}

export function envBranch(env: Pick<VercelEnv, 'gitBranch'>): string | null {
  return env.gitBranch ? env.gitBranch : null;
}

/**
 * `link` → `{ type, repo: "owner/name" }`. The GitHub App variants (`github-limited`,
 * `github-custom-host`) are still GitHub repositories for the YAML's purposes.
 */
export function gitRepositoryOf(link: VercelProjectLink | undefined): ProjectSpec['gitRepository'] {
  if (!link) return null;
  if (link.type.startsWith('github') && link.org && link.repo) return { type: 'github', repo: `${link.org}/${link.repo}` };
  if (link.type === 'gitlab' && link.projectNamespace && link.projectName) return { type: 'gitlab', repo: `${link.projectNamespace}/${link.projectName}` };
  if (link.type === 'bitbucket' && link.owner && link.slug) return { type: 'bitbucket', repo: `${link.owner}/${link.slug}` };
  return null;
}

/**
 * `handle` is how the YAML names the project. When it is the project's id rather than its name,
 * reporting the name would show a rename on every plan, so the id is reported back instead.
 */
export function observedProjectSpec(project: VercelProject, handle: string): ProjectSpec {
  return {
    name: handle === project.id ? handle : project.name,
    framework: project.framework ?? null,
    buildCommand: project.buildCommand ?? null,
    installCommand: project.installCommand ?? null,
    outputDirectory: project.outputDirectory ?? null,
    rootDirectory: project.rootDirectory ?? null,
    gitRepository: gitRepositoryOf(project.link),
  };
}

/**
 * Only `plain` values are readable; every other type is OPAQUE (we never ask Vercel to decrypt).
 * `sensitive` is reported as `encrypted` when `encrypted` is what is wanted: a team policy may
 * force sensitive storage, which is the same promise (stored encrypted, never shown) made stronger.
 */
export function observedEnvSpec(env: VercelEnv, projectId: string, desiredType?: string): EnvSpec {
  const type = env.type === 'sensitive' && desiredType === 'encrypted' ? 'encrypted' : env.type;
  return {
    key: env.key,
    target: envTargets(env),
    gitBranch: envBranch(env),
    type,
    value: env.type === 'plain' ? env.value : OPAQUE,
    projectId,
  };
}

export function observedDomainSpec(domain: VercelProjectDomain): DomainSpec {
  return {
    name: domain.name,
    gitBranch: domain.gitBranch ?? null,
    redirect: domain.redirect ?? null,
    redirectStatusCode: domain.redirectStatusCode ?? null,
    projectId: domain.projectId,
  };
}
