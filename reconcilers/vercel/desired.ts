import { PRESENCE_ONLY, fromEnv, refTo } from '../../src/engine/spec-values.js';
import type { Desired } from '../../src/engine/types.js';
import type { DeclaredDomain, DeclaredVariable, EnvironmentModel, VercelService, VercelSettings } from '../../src/model/environment.js';
import { projectAddress, vercelKey, type DomainSpec, type EnvSpec, type ProjectSpec } from './specs.js';

/** Project settings gitplane manages when, and only when, the YAML declares them. */
const PROJECT_FIELDS = ['framework', 'buildCommand', 'installCommand', 'outputDirectory', 'rootDirectory'] as const;

/** Pure: the Vercel resources one environment declares. */
export function vercelDesired(env: EnvironmentModel): Desired[] {
  const desired: Desired[] = [];
  for (const service of env.services) {
    if (service.platform !== 'vercel') continue;
    desired.push(...serviceDesired(env.name, service));
  }
  return desired;
}

function serviceDesired(envName: string, service: VercelService): Desired[] {
  const parent = [projectAddress(service.name)];
  const branch = branchOf(service.vercel);
  return [
    { key: vercelKey(envName, 'project', service.name), spec: desiredProjectSpec(service.vercel), source: service.location, dependsOn: [] },
    ...service.variables.map((variable) => ({
      key: vercelKey(envName, 'env', `${service.name}.${variable.name}`),
      spec: desiredEnvSpec(variable, service.vercel, branch),
      source: variable.location,
      dependsOn: parent,
    })),
    ...service.domains.map((domain) => ({
      key: vercelKey(envName, 'domain', `${service.name}.${domain.name}`),
      spec: desiredDomainSpec(domain, branch),
      source: domain.location,
      dependsOn: parent,
    })),
  ];
}

/** A branch only means something for preview deployments (vercel.md §4.2: gitBranch is preview-only). */
function branchOf(settings: VercelSettings): string | null {
  return settings.target === 'preview' && settings.gitBranch ? settings.gitBranch : null;
}

export function desiredProjectSpec(settings: VercelSettings): ProjectSpec {
  const spec: ProjectSpec = { name: settings.project };
  for (const field of PROJECT_FIELDS) {
    const value = settings[field];
    if (value !== undefined) spec[field] = value;
  }
  if (settings.gitRepository) spec.gitRepository = { type: settings.gitRepository.type, repo: settings.gitRepository.repo };
  return spec;
}

/**
 * One variable per (key, target, branch): the environment file's target and branch. Everything
 * that is not a literal `value:` is stored `encrypted`, so a secret or a DSN is never readable back.
 */
export function desiredEnvSpec(variable: DeclaredVariable, settings: VercelSettings, branch: string | null): EnvSpec {
  const base = { key: variable.name, target: [settings.target], gitBranch: branch };
  const source = variable.source;
  switch (source.kind) {
    case 'value':
      return { ...base, type: 'plain', value: source.value };
    case 'secret':
      return { ...base, type: 'encrypted', value: PRESENCE_ONLY };
    case 'fromEnv':
      return { ...base, type: 'encrypted', value: fromEnv(source.variable) };
    case 'ref': {
      const ref = source.ref;
      return { ...base, type: 'encrypted', value: refTo(`${ref.platform}.${ref.kind}.${ref.name}`, ref.output, ref.expression) };
    }
  }
}

/**
 * A domain serves the environment's branch (preview) or production (`gitBranch: null`). Vercel
 * refuses a domain with both a branch and a redirect, so a redirect domain has no branch. Without a
 * declared status code the redirect code is left to Vercel and not compared.
 */
export function desiredDomainSpec(domain: DeclaredDomain, branch: string | null): DomainSpec {
  const redirect = domain.redirect ?? null;
  const spec: DomainSpec = { name: domain.name, gitBranch: redirect ? null : branch, redirect };
  if (domain.redirectStatusCode !== undefined) spec.redirectStatusCode = domain.redirectStatusCode;
  else if (!redirect) spec.redirectStatusCode = null;
  return spec;
}
