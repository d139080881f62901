import type {
  RailwayState,
  SimCustomDomain,
  SimDeployment,
  SimEnvironment,
  SimInstance,
  SimProject,
  SimService,
  SimServiceDomain,
  SimTrigger,
} from './simulator-state.js';

/**
 * GraphQL objects over the simulator's records. graphql-js's default resolver reads a property,
 * or calls it with the field's arguments when it is a function, so nested connections with
 * arguments are functions and everything is built on demand from current state.
 */

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** Relay connection with opaque cursors on the edges (railway.md §3). */
export function connection<T>(items: readonly T[], idOf: (item: T) => string, args: PageArgs, maxPageSize: number) {
  let start = 0;
  if (args.after) {
    const afterId = Buffer.from(args.after, 'base64url').toString('utf8');
    const index = items.findIndex((item) => `c:${idOf(item)}` === afterId);
    start = index === -1 ? items.length : index + 1;
  }
  const size = Math.min(args.first ?? maxPageSize, maxPageSize);
  const page = items.slice(start, start + size);
  const edges = page.map((node) => ({ cursor: Buffer.from(`c:${idOf(node)}`).toString('base64url'), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: start + size < items.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

export class Views {
  constructor(
    private readonly state: RailwayState,
    private readonly maxPageSize: number,
  ) {}

  page<T extends { id: string }>(items: readonly T[], args: PageArgs) {
    return connection(items, (item) => item.id, args, this.maxPageSize);
  }

  project(p: SimProject) {
    const s = this.state;
    return {
      ...p,
      description: null,
      updatedAt: p.createdAt,
      isPublic: false,
      isTempProject: false,
      prDeploys: false,
      botPrEnvironments: false,
      focusedPrEnvironments: false,
      members: [],
      environments: (args: PageArgs & { isEphemeral?: boolean | null }) =>
        this.page(
          s.environments.filter((e) => e.projectId === p.id && (args.isEphemeral == null || e.isEphemeral === args.isEphemeral)).map((e) => this.environment(e)),
          args,
        ),
      services: (args: PageArgs) => this.page(s.services.filter((x) => x.projectId === p.id).map((x) => this.service(x)), args),
    };
  }

  environment(e: SimEnvironment) {
    const s = this.state;
    return {
      ...e,
      updatedAt: e.createdAt,
      deletedAt: null,
      canAccess: true,
      unmergedChangesCount: 0,
      sourceEnvironment: () => (e.sourceEnvironmentId ? this.environment(s.environment(e.sourceEnvironmentId)) : null),
      serviceInstances: (args: PageArgs) => this.page(s.instances.filter((i) => i.environmentId === e.id).map((i) => this.instance(i)), args),
      deploymentTriggers: (args: PageArgs) => this.page(s.triggers.filter((t) => t.environmentId === e.id).map((t) => this.trigger(t)), args),
      deployments: (args: PageArgs) => this.page(s.deploymentsOf({ environmentId: e.id }).map((d) => this.deployment(d)), args),
    };
  }

  service(x: SimService) {
    return { ...x, icon: null, updatedAt: x.createdAt, deletedAt: null, templateId: null, isRestricted: false, featureFlags: [], project: () => this.project(this.state.project(x.projectId)) };
  }

  instance(i: SimInstance) {
    const s = this.state;
    const service = s.service(i.serviceId);
    return {
      id: i.id,
      serviceId: i.serviceId,
      serviceName: service.name,
      environmentId: i.environmentId,
      ...i.settings,
      source: i.settings.source,
      builder: 'RAILPACK',
      dockerfilePath: null,
      railwayConfigFile: null,
      watchPatterns: [],
      preDeployCommand: null,
      sleepApplication: false,
      cronSchedule: null,
      isUpdatable: true,
      createdAt: i.createdAt,
      updatedAt: i.createdAt,
      deletedAt: null,
      latestDeployment: () => {
        const latest = s.latestDeployment(i);
        return latest ? this.deployment(latest) : null;
      },
      domains: () => this.domains(i.serviceId, i.environmentId),
      service: () => this.service(service),
    };
  }

  deployment(d: SimDeployment) {
    const status = this.state.statusOf(d);
    const createdAt = new Date(d.createdAtMs).toISOString();
    return {
      id: d.id,
      projectId: d.projectId,
      serviceId: d.serviceId,
      environmentId: d.environmentId,
      status,
      createdAt,
      updatedAt: createdAt,
      statusUpdatedAt: createdAt,
      url: null,
      staticUrl: null,
      canRedeploy: status !== 'QUEUED',
      canRollback: false,
      deploymentStopped: status === 'FAILED' || status === 'REMOVED',
      suggestAddServiceDomain: false,
      meta: { serviceManifest: { deploy: { numReplicas: d.settings.numReplicas } } },
    };
  }

  trigger(t: SimTrigger) {
    return { ...t, checkSuites: false, validCheckSuites: 0, baseEnvironmentOverrideId: null };
  }

  domains(serviceId: string, environmentId: string) {
    const s = this.state;
    const mine = (d: { serviceId: string; environmentId: string }) => d.serviceId === serviceId && d.environmentId === environmentId;
    return {
      serviceDomains: s.serviceDomains.filter(mine).map((d) => this.serviceDomain(d)),
      customDomains: s.customDomains.filter(mine).map((d) => this.customDomain(d)),
    };
  }

  serviceDomain(d: SimServiceDomain) {
    return { ...d, suffix: 'up.railway.app', updatedAt: d.createdAt, deletedAt: null, syncStatus: 'ACTIVE' };
  }

  /** DNS record statuses follow `verified`, which tests advance with state.verifyCustomDomain. */
  customDomain(d: SimCustomDomain) {
    const labels = d.domain.split('.');
    const zone = labels.slice(-2).join('.');
    const hostlabel = labels.slice(0, -2).join('.') || '@';
    return {
      ...d,
      isRailwayDomain: false,
      updatedAt: d.createdAt,
      deletedAt: null,
      syncStatus: 'ACTIVE',
      status: {
        verified: d.verified,
        verificationDnsHost: d.verificationDnsHost,
        verificationToken: d.verificationToken,
        certificateStatus: d.verified ? 'CERTIFICATE_STATUS_TYPE_VALID' : 'CERTIFICATE_STATUS_TYPE_VALIDATING_OWNERSHIP',
        dnsRecords: [
          {
            hostlabel,
            fqdn: d.domain,
            zone,
            recordType: 'DNS_RECORD_TYPE_CNAME',
            purpose: 'DNS_RECORD_PURPOSE_TRAFFIC_ROUTE',
            requiredValue: d.requiredValue,
            currentValue: d.verified ? d.requiredValue : '',
            status: d.verified ? 'DNS_RECORD_STATUS_PROPAGATED' : 'DNS_RECORD_STATUS_REQUIRES_UPDATE',
          },
        ],
      },
    };
  }
}
