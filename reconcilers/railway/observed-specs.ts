import type { Health, Observed } from '../../src/engine/types.js';
import { OPAQUE } from '../../src/engine/spec-values.js';
import { Secret } from '../../src/secret.js';
import type { CustomDomainInfo, DeploymentRef, DeploymentStatus, ServiceDetails } from './api-types.js';
import {
  GENERATED_DOMAIN_NAME,
  railwayKey,
  type DomainSpec,
  type InstanceSpec,
  type RailwayScope,
  type RailwaySpec,
  type ServiceSpec,
  type VariableSpec,
} from './specs.js';

/** Pure conversions from Railway's answers to observed resources. */

const READY: readonly DeploymentStatus[] = ['SUCCESS', 'SLEEPING', 'SKIPPED'];
const FAILED: readonly DeploymentStatus[] = ['FAILED', 'CRASHED', 'REMOVED'];

/** A service with no deployment yet (an empty service) has nothing that can be unhealthy. */
export function healthOf(deployment: DeploymentRef | null | undefined): Health {
  if (!deployment) return 'ready';
  if (READY.includes(deployment.status)) return 'ready';
  if (FAILED.includes(deployment.status)) return 'failed';
  return 'progressing';
}

function deploymentNotices(deployment: DeploymentRef | null | undefined): string[] {
  if (!deployment || healthOf(deployment) !== 'failed') return [];
  return [`latest deployment ${deployment.id} is ${deployment.status}: see its logs in the Railway dashboard`];
}

export interface ServiceContext {
  env: string;
  serviceName: string;
  scope: RailwayScope;
  deployment: DeploymentRef | null | undefined;
}

/** Without details (a service nobody declares is not read further) the spec has only its name. */
export function observedService(ctx: ServiceContext, details: ServiceDetails | undefined): Observed<RailwaySpec> {
  const spec: ServiceSpec = { scope: ctx.scope, name: ctx.serviceName };
  if (details) {
    const repo = details.instance.source?.repo ?? null;
    // The trigger of the instance's own repository carries the branch Railway deploys from.
    const trigger = details.triggers.find((t) => t.repository === repo) ?? details.triggers[0];
    spec.repo = repo;
    spec.branch = trigger?.branch ?? null;
    spec.image = details.instance.source?.image ?? null;
  }
  const outputs: Record<string, string> = {
    serviceId: ctx.scope.serviceId ?? '',
    projectId: ctx.scope.projectId ?? '',
    environmentId: ctx.scope.environmentId ?? '',
  };
  const domain = details ? preferredDomain(details) : undefined;
  if (domain) outputs['domain'] = domain;
  const notices = deploymentNotices(ctx.deployment);
  return {
    key: railwayKey(ctx.env, 'service', ctx.serviceName),
    id: ctx.scope.serviceId ?? '',
    spec,
    health: healthOf(ctx.deployment),
    outputs,
    ...(notices.length > 0 ? { notices } : {}),
  };
}

/**
 * The `domain` output (`ref: railway.<service>.domain`): a custom domain when there is one, since
 * that is the address other services and monitors should use, else the generated one.
 */
function preferredDomain(details: ServiceDetails): string | undefined {
  return details.domains.customDomains[0]?.domain ?? details.domains.serviceDomains[0]?.domain;
}

export function observedInstance(ctx: ServiceContext, details: ServiceDetails): Observed<RailwaySpec> {
  const i = details.instance;
  const spec: InstanceSpec = {
    scope: ctx.scope,
    healthcheckPath: i.healthcheckPath,
    healthcheckTimeout: i.healthcheckTimeout,
    numReplicas: i.numReplicas,
    restartPolicyType: i.restartPolicyType,
    restartPolicyMaxRetries: i.restartPolicyMaxRetries,
    startCommand: i.startCommand,
    buildCommand: i.buildCommand,
    rootDirectory: i.rootDirectory,
    region: i.region,
  };
  return { key: railwayKey(ctx.env, 'instance', ctx.serviceName), id: i.id, spec, health: healthOf(ctx.deployment) };
}

/**
 * Values come back in plain text; the adapter cannot tell which are sensitive, so every one is
 * wrapped in a Secret (compared by fingerprint, printed as `(sensitive)`).
 */
export function observedVariables(ctx: ServiceContext, details: ServiceDetails): Observed<RailwaySpec>[] {
  return Object.entries(details.variables).map(([name, value]) => {
    const spec: VariableSpec = { scope: ctx.scope, name, value: value === null || value === undefined ? OPAQUE : new Secret(value) };
    return {
      key: railwayKey(ctx.env, 'variable', `${ctx.serviceName}.${name}`),
      id: `${ctx.scope.serviceId ?? ''}/${name}`,
      spec,
      health: 'ready',
    };
  });
}

export function observedDomains(ctx: ServiceContext, details: ServiceDetails): Observed<RailwaySpec>[] {
  const result: Observed<RailwaySpec>[] = [];
  details.domains.serviceDomains.forEach((d, index) => {
    // The first generated domain is the one `serviceDomain: true` manages; more are unusual and
    // get their own key so they show up as unmanaged instead of being hidden.
    const name = index === 0 ? GENERATED_DOMAIN_NAME : d.domain;
    const spec: DomainSpec = { scope: ctx.scope, generated: true, domain: d.domain, targetPort: d.targetPort };
    result.push({ key: railwayKey(ctx.env, 'domain', `${ctx.serviceName}.${name}`), id: d.id, spec, health: 'ready', outputs: { domain: d.domain } });
  });
  for (const d of details.domains.customDomains) {
    const spec: DomainSpec = { scope: ctx.scope, domain: d.domain, targetPort: d.targetPort };
    const notices = dnsNotices(d);
    result.push({
      key: railwayKey(ctx.env, 'domain', `${ctx.serviceName}.${d.domain}`),
      id: d.id,
      spec,
      health: d.status.verified ? 'ready' : 'progressing',
      outputs: { domain: d.domain },
      ...(notices.length > 0 ? { notices } : {}),
    });
  }
  return result;
}

const RECORD_TYPE_PREFIX = 'DNS_RECORD_TYPE_';

/**
 * What a person must add at their DNS provider while the domain is not verified: the routing
 * record(s) Railway reports as not propagated, and the TXT ownership record.
 */
export function dnsNotices(domain: CustomDomainInfo): string[] {
  if (domain.status.verified) return [];
  const notices: string[] = [];
  for (const record of domain.status.dnsRecords) {
    if (record.status === 'DNS_RECORD_STATUS_PROPAGATED') continue;
    const type = record.recordType.startsWith(RECORD_TYPE_PREFIX) ? record.recordType.slice(RECORD_TYPE_PREFIX.length) : record.recordType;
    const host = record.fqdn || domain.domain;
    notices.push(`add DNS record ${type} ${host} → ${record.requiredValue}`);
  }
  const host = domain.status.verificationDnsHost;
  const token = domain.status.verificationToken;
  if (host && token) {
    const zone = domain.status.dnsRecords[0]?.zone;
    notices.push(`add DNS record TXT ${zone ? `${host}.${zone}` : host} → ${token}`);
  }
  return notices;
}
