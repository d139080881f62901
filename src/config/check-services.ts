import type { DeclaredDomain, DeclaredService, EnvironmentModel } from '../model/environment.js';
import type { Diagnostic } from './diagnostic.js';
import { didYouMean } from './did-you-mean.js';
import type { ModelSources } from './model-sources.js';
import { findCycle } from './references.js';

/** Rules about services that the schema cannot express: cross-field and cross-service ones. */
export function checkServices(model: EnvironmentModel, sources: ModelSources): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const service of model.services) {
    if (service.platform === 'vercel') {
      const { target, gitBranch } = service.vercel;
      if (gitBranch !== undefined && target !== 'preview') {
        out.push(sources.diagnostic(service, ['vercel', 'gitBranch'], { code: 'vercel-git-branch', message: `gitBranch applies only to target "preview", but target is "${target}"`, hint: 'remove gitBranch, or set target: preview', at: 'key' }));
      }
      if (gitBranch === undefined && target === 'preview') {
        out.push(sources.diagnostic(service, ['vercel', 'target'], { code: 'vercel-git-branch', message: 'target "preview" needs gitBranch: the branch whose preview deployments get these variables and domains', hint: 'add gitBranch: <branch>' }));
      }
    } else {
      const policy = service.railway.restartPolicy;
      if (policy?.maxRetries !== undefined && policy.type !== 'on_failure') {
        out.push(sources.diagnostic(service, ['railway', 'restartPolicy', 'maxRetries'], { code: 'railway-max-retries', message: `maxRetries applies only to type "on_failure", but type is "${policy.type}"`, hint: 'remove maxRetries, or set type: on_failure', at: 'key' }));
      }
    }
  }
  out.push(...checkDomains(model.services, sources));
  return out;
}

function checkDomains(services: readonly DeclaredService[], sources: ModelSources): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Map<string, { service: string; domain: DeclaredDomain }>();
  for (const service of services) {
    const own = new Set(service.domains.map((d) => d.name));
    const redirects = new Map<string, string[]>();
    for (const domain of service.domains) {
      const first = seen.get(domain.name);
      if (first !== undefined) {
        const where = `${first.domain.location.file}:${first.domain.location.line}:${first.domain.location.column}`;
        const owner = first.service === service.name ? 'this service' : `service "${first.service}"`;
        out.push(sources.diagnostic(domain, [], { code: 'duplicate-domain', message: `domain "${domain.name}" is already declared by ${owner} at ${where}`, hint: 'a domain can be attached to one service only', at: 'value' }));
      } else {
        seen.set(domain.name, { service: service.name, domain });
      }
      if (domain.redirect === undefined) continue;
      if (service.platform !== 'vercel') {
        out.push(sources.diagnostic(domain, ['redirect'], { code: 'domain-redirect', message: 'domain redirects are a Vercel feature; Railway domains cannot redirect', at: 'key' }));
      } else if (!own.has(domain.redirect)) {
        const suggestion = didYouMean(domain.redirect, [...own]);
        out.push(sources.diagnostic(domain, ['redirect'], { code: 'domain-redirect', message: `redirect target "${domain.redirect}" is not a domain of service "${service.name}"`, hint: suggestion ?? 'add the target to the same service\'s domains' }));
      } else {
        redirects.set(domain.name, [domain.redirect]);
      }
    }
    const cycle = findCycle(redirects);
    const start = cycle === undefined ? undefined : service.domains.find((d) => d.name === cycle[0]);
    if (cycle !== undefined && start !== undefined) {
      out.push(sources.diagnostic(start, ['redirect'], { code: 'domain-redirect-cycle', message: `domain redirects form a loop: ${cycle.join(' -> ')}`, hint: 'one domain of the loop must serve the site instead of redirecting' }));
    }
  }
  return out;
}
