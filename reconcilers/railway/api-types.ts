/** Shapes of Railway's answers, as selected by operations.ts (a subset of the schema's types). */

export type DeploymentStatus =
  | 'BUILDING'
  | 'CRASHED'
  | 'DEPLOYING'
  | 'FAILED'
  | 'INITIALIZING'
  | 'NEEDS_APPROVAL'
  | 'QUEUED'
  | 'REMOVED'
  | 'REMOVING'
  | 'SKIPPED'
  | 'SLEEPING'
  | 'SUCCESS'
  | 'WAITING';

export type RestartPolicyTypeEnum = 'ALWAYS' | 'NEVER' | 'ON_FAILURE';

export interface DeploymentRef {
  id: string;
  status: DeploymentStatus;
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface Connection<N> {
  edges: { cursor?: string; node: N }[];
  pageInfo?: PageInfo;
}

export interface ProjectRef {
  id: string;
  name: string;
}

export interface InstanceRef {
  id: string;
  serviceId: string;
  latestDeployment: DeploymentRef | null;
}

export interface EnvironmentInfo {
  id: string;
  name: string;
  isEphemeral: boolean;
  /** Id of the environment this one was forked from; null for a non-fork environment. */
  forkOf: string | null;
  instances: InstanceRef[];
}

export interface ProjectScope {
  id: string;
  name: string;
  environments: EnvironmentInfo[];
  services: { id: string; name: string }[];
}

export interface InstanceSettings {
  id: string;
  serviceId: string;
  environmentId: string;
  source: { repo: string | null; image: string | null } | null;
  buildCommand: string | null;
  startCommand: string | null;
  rootDirectory: string | null;
  healthcheckPath: string | null;
  healthcheckTimeout: number | null;
  numReplicas: number | null;
  region: string | null;
  restartPolicyType: RestartPolicyTypeEnum;
  restartPolicyMaxRetries: number;
  latestDeployment: DeploymentRef | null;
}

export interface DnsRecord {
  hostlabel: string;
  fqdn: string;
  zone: string;
  recordType: string;
  requiredValue: string;
  currentValue: string;
  status: string;
}

export interface CustomDomainInfo {
  id: string;
  domain: string;
  targetPort: number | null;
  status: {
    verified: boolean;
    verificationDnsHost: string | null;
    verificationToken: string | null;
    dnsRecords: DnsRecord[];
  };
}

export interface ServiceDomainInfo {
  id: string;
  domain: string;
  targetPort: number | null;
}

export interface AllDomains {
  serviceDomains: ServiceDomainInfo[];
  customDomains: CustomDomainInfo[];
}

export interface DeploymentTrigger {
  id: string;
  branch: string;
  repository: string;
}

/** Everything observed about one service in one environment, from the batched document. */
export interface ServiceDetails {
  instance: InstanceSettings;
  /**
   * Unrendered values, in plain text. Null stands for a value Railway withholds (a sealed
   * variable: its representation in this API is undocumented, so both absent and null are handled).
   */
  variables: Readonly<Record<string, string | null>>;
  domains: AllDomains;
  triggers: DeploymentTrigger[];
}

/** Ids of one service instance, all a mutation needs. */
export interface InstanceTarget {
  projectId: string;
  environmentId: string;
  serviceId: string;
}
