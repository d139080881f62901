import type { ApplyResult, Change, ReconcileContext } from '../../src/engine/types.js';
import { TerminalError } from '../../src/errors.js';
import type { RailwayApi } from './client.js';
import { dnsNotices } from './observed-specs.js';
import type { DomainSpec, RailwaySpec } from './specs.js';
import { instanceTargetOf } from './targets.js';

/**
 * `railway.domain.<service>.<domain>` and `railway.domain.<service>.railway`. A custom domain's
 * create answers with the DNS records a person must add; they go into the result's notices.
 */
export async function applyDomain(change: Change<RailwaySpec>, ctx: ReconcileContext, api: RailwayApi): Promise<ApplyResult> {
  if (change.action === 'delete') {
    const observed = change.observed as DomainSpec;
    if (observed.generated) await api.deleteServiceDomain(change.id);
    else await api.deleteCustomDomain(change.id);
    return { id: change.id };
  }
  if (change.action === 'update') {
    // The domain name is part of the key and nothing else is declared, so the diff cannot get here.
    throw new TerminalError(`railway: domain ${change.key.name} cannot be changed in place (${change.paths.join(', ')})`, {
      hint: 'remove it from YAML and add it again',
    });
  }
  const desired = change.desired as DomainSpec;
  const target = await instanceTargetOf(change, ctx, api);
  if (desired.generated) {
    const created = await api.createServiceDomain(target);
    return { id: created.id, outputs: { domain: created.domain } };
  }
  if (!desired.domain) throw new TerminalError(`railway: domain ${change.key.name} has no domain name`);
  const created = await api.createCustomDomain(target, desired.domain);
  const notices = dnsNotices(created);
  return { id: created.id, outputs: { domain: created.domain }, ...(notices.length > 0 ? { notices } : {}) };
}
