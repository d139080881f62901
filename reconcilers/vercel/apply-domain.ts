import { describeError } from '../../src/errors.js';
import { addressOf, type ApplyResult, type Change, type ReconcileContext, type ResourceKey } from '../../src/engine/types.js';
import type { AddDomainBody, UpdateDomainBody, VercelProjectDomain } from './api-types.js';
import { callOf, isExistsConflict, projectFor, VercelConflictError } from './apply-support.js';
import type { VercelCall } from './call.js';
import { dnsNotices, verificationNotices } from './domain-notices.js';
import { addDomain, getDomainConfig, listDomains, removeDomain, updateDomain } from './domains-api.js';
import { observedDomainSpec } from './observed-specs.js';
import type { DomainSpec } from './specs.js';

const SETTINGS = ['gitBranch', 'redirect', 'redirectStatusCode'] as const;

export async function applyDomain(change: Change, ctx: ReconcileContext): Promise<ApplyResult> {
  const call = callOf(ctx);
  switch (change.action) {
    case 'create': {
      const project = projectFor(ctx, change.key);
      const domain = await create(call, project, change.desired as DomainSpec, change.key);
      return { id: domain.name, notices: await noticesFor(call, domain) };
    }
    case 'update': {
      const project = projectFor(ctx, change.key, change.observed);
      const body: UpdateDomainBody = {};
      const spec = change.desired as DomainSpec;
      for (const field of SETTINGS) if (change.paths.includes(field) && spec[field] !== undefined) Object.assign(body, { [field]: spec[field] });
      const domain = await updateDomain(call, project, change.id, body);
      return { id: domain.name, notices: verificationNotices(domain) };
    }
    case 'delete':
      await removeDomain(call, projectFor(ctx, change.key, change.observed), change.id);
      return { id: change.id };
  }
}

/**
 * Adding a domain that is already on this project fails with 400; one held by another project or
 * account fails with 409 (vercel.md §4.3). Either way the project is read again: the domain on this
 * project with the declared settings is this resource; anything else is refused with what to do.
 */
async function create(call: VercelCall, project: string, spec: DomainSpec, key: ResourceKey): Promise<VercelProjectDomain> {
  const body: AddDomainBody = { name: spec.name };
  if (spec.gitBranch) body.gitBranch = spec.gitBranch;
  if (spec.redirect) body.redirect = spec.redirect;
  if (spec.redirect && spec.redirectStatusCode) body.redirectStatusCode = spec.redirectStatusCode as AddDomainBody['redirectStatusCode'];
  try {
    return await addDomain(call, project, body);
  } catch (error) {
    if (!isExistsConflict(error)) throw error;
    const existing = (await listDomains(call, project).catch(() => [])).find((domain) => domain.name === spec.name);
    if (!existing) {
      if (error.details.status !== 409) throw error;
      throw new VercelConflictError(`${addressOf(key)}: ${spec.name} is already used by another Vercel project or account (${describeError(error)})`, {
        hint: 'remove it from the other project first, or verify ownership of the domain in the Vercel dashboard',
      });
    }
    const observed = observedDomainSpec(existing);
    const different = SETTINGS.filter((field) => spec[field] !== undefined && (spec[field] ?? null) !== (observed[field] ?? null));
    if (different.length === 0) return existing;
    throw new VercelConflictError(`${addressOf(key)}: ${spec.name} is already on this Vercel project with different ${different.join(', ')}`, {
      hint: 'run plan again: gitplane adopts the domain and shows what it would change',
    });
  }
}

/** Ownership challenges and the DNS record to add. A failed DNS check is a notice, not a failed change. */
async function noticesFor(call: VercelCall, domain: VercelProjectDomain): Promise<string[]> {
  const notices = verificationNotices(domain);
  try {
    notices.push(...dnsNotices(domain, await getDomainConfig(call, domain.name, domain.projectId)));
  } catch (error) {
    notices.push(`${domain.name}: could not check DNS configuration (${describeError(error)})`);
  }
  return notices;
}
