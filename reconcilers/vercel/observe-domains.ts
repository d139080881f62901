import { describeError } from '../../src/errors.js';
import type { Health, Observed } from '../../src/engine/types.js';
import type { VercelProject, VercelProjectDomain } from './api-types.js';
import type { VercelCall } from './call.js';
import { dnsNotices, verificationNotices } from './domain-notices.js';
import { getDomainConfig, listDomains } from './domains-api.js';
import { emptyScopeResult, kindUnknown, type ScopeResult } from './observe-result.js';
import type { ProjectScope } from './observe-scopes.js';
import { observedDomainSpec } from './observed-specs.js';
import { memberOf, projectAddress, serviceOf, vercelKey, type DomainSpec } from './specs.js';

/**
 * Matches the project's domains to keys by name (a domain is on a project at most once). Declared
 * domains also get a DNS check, one request each: the listing says whether ownership is verified
 * but not whether DNS points at Vercel. A failed DNS check becomes a notice, not an unknown key: it
 * says nothing about the domain's settings.
 */
export async function observeDomains(call: VercelCall, envName: string, scope: ProjectScope, project: VercelProject): Promise<ScopeResult> {
  const keys = [...scope.desired.domain, ...scope.owned.domain];
  const result = emptyScopeResult();
  if (keys.length === 0 && !scope.service) return result;

  let domains: VercelProjectDomain[];
  try {
    domains = await listDomains(call, project.id);
  } catch (error) {
    result.unknown.push(...kindUnknown(keys, `the domains of Vercel project ${project.name}`, error));
    return result;
  }
  const byName = new Map(domains.map((domain) => [domain.name, domain]));

  const declared = await Promise.all(
    scope.desired.domain.map(async (entry) => {
      const domain = byName.get((entry.spec as DomainSpec).name);
      return domain ? { ...(await observeDeclared(call, entry.key, domain, project.id)), dependsOn: entry.dependsOn } : undefined;
    }),
  );
  const owned = scope.owned.domain.map((entry) => {
    const domain = byName.get(entry.id) ?? byName.get(memberOf(entry.key.name));
    const dependsOn = [projectAddress(serviceOf(entry.key.name))];
    return domain ? ({ key: entry.key, id: domain.name, spec: observedDomainSpec(domain), health: 'ready', dependsOn } satisfies Observed) : undefined;
  });
  for (const entry of [...declared, ...owned]) {
    if (!entry) continue;
    result.observed.push(entry);
    result.claimed.add(`${project.id}/${entry.id}`);
  }
  if (scope.service) {
    for (const domain of domains) {
      const key = vercelKey(envName, 'domain', `${scope.service}.${domain.name}`);
      result.unmanagedCandidates.push({ projectId: project.id, id: domain.name, observed: { key, id: domain.name, spec: observedDomainSpec(domain), health: 'ready' } });
    }
  }
  return result;
}

async function observeDeclared(call: VercelCall, key: Observed['key'], domain: VercelProjectDomain, projectId: string): Promise<Observed> {
  const notices = verificationNotices(domain);
  let misconfigured = false;
  try {
    const config = await getDomainConfig(call, domain.name, projectId);
    misconfigured = config.misconfigured;
    notices.push(...dnsNotices(domain, config));
  } catch (error) {
    notices.push(`${domain.name}: could not check DNS configuration (${describeError(error)})`);
  }
  // Waiting on DNS or ownership proof is progress a person must make, not a failure of the apply.
  const health: Health = domain.verified && !misconfigured ? 'ready' : 'progressing';
  return { key, id: domain.name, spec: observedDomainSpec(domain), health, ...(notices.length > 0 ? { notices } : {}) };
}
