import { randomBytes, randomUUID } from 'node:crypto';

/**
 * In-memory Railway for the simulator: plain records plus the behaviour tests rely on
 * (deployments that progress with time, dashboard edits, a deployment made to fail). The API
 * semantics (what each mutation does) live in simulator-operations.ts.
 */

export class SimError extends Error {}

/** Railway answers unknown or invisible ids with this message (railway.md §2). */
export const notAuthorized = (): SimError => new SimError('Not Authorized');

export interface SimProject {
  id: string;
  name: string;
  workspaceId: string;
  createdAt: string;
  deletedAt: string | null;
}

export interface SimEnvironment {
  id: string;
  projectId: string;
  name: string;
  /** The environment this one was forked from; null for a non-fork environment. */
  sourceEnvironmentId: string | null;
  isEphemeral: boolean;
  createdAt: string;
}

export interface SimService {
  id: string;
  projectId: string;
  name: string;
  createdAt: string;
}

export type RestartPolicy = 'ALWAYS' | 'NEVER' | 'ON_FAILURE';

export interface SimSettings {
  source: { repo: string | null; image: string | null } | null;
  buildCommand: string | null;
  startCommand: string | null;
  rootDirectory: string | null;
  healthcheckPath: string | null;
  healthcheckTimeout: number | null;
  numReplicas: number;
  region: string;
  restartPolicyType: RestartPolicy;
  restartPolicyMaxRetries: number;
}

export interface SimInstance {
  id: string;
  serviceId: string;
  environmentId: string;
  /** What serviceInstanceUpdate wrote; a deployment snapshots it (settings act on the next deploy). */
  settings: SimSettings;
  failNextDeployment: boolean;
  createdAt: string;
}

export interface SimDeployment {
  id: string;
  projectId: string;
  serviceId: string;
  environmentId: string;
  createdAtMs: number;
  willFail: boolean;
  settings: SimSettings;
}

export interface SimTrigger {
  id: string;
  projectId: string;
  serviceId: string;
  environmentId: string;
  repository: string;
  branch: string;
  provider: string;
}

export interface SimServiceDomain {
  id: string;
  projectId: string;
  serviceId: string;
  environmentId: string;
  domain: string;
  targetPort: number | null;
  createdAt: string;
}

export interface SimCustomDomain extends SimServiceDomain {
  verified: boolean;
  verificationDnsHost: string;
  verificationToken: string;
  requiredValue: string;
}

export type DeploymentStatus = 'QUEUED' | 'BUILDING' | 'DEPLOYING' | 'SUCCESS' | 'FAILED' | 'REMOVED';

export const DEFAULT_SETTINGS: SimSettings = {
  source: null,
  buildCommand: null,
  startCommand: null,
  rootDirectory: null,
  healthcheckPath: null,
  healthcheckTimeout: 300,
  numReplicas: 1,
  region: 'us-west2',
  restartPolicyType: 'ON_FAILURE',
  restartPolicyMaxRetries: 10,
};

const STEPS: readonly DeploymentStatus[] = ['QUEUED', 'BUILDING', 'DEPLOYING'];

export class RailwayState {
  readonly projects: SimProject[] = [];
  readonly environments: SimEnvironment[] = [];
  readonly services: SimService[] = [];
  readonly instances: SimInstance[] = [];
  readonly deployments: SimDeployment[] = [];
  readonly triggers: SimTrigger[] = [];
  readonly serviceDomains: SimServiceDomain[] = [];
  readonly customDomains: SimCustomDomain[] = [];
  /** `${environmentId}/${serviceId}` (service id empty for shared variables) → name → value. */
  readonly variables = new Map<string, Map<string, string>>();

  constructor(readonly deployStepMs: number) {}

  static now(): string {
    return new Date().toISOString();
  }

  static id(): string {
    return randomUUID();
  }

  static hex(bytes: number): string {
    return randomBytes(bytes).toString('hex');
  }

  // ------------------------------------------------------------------ lookups (throw Not Authorized)

  project(id: string): SimProject {
    const project = this.projects.find((p) => p.id === id && !p.deletedAt);
    if (!project) throw notAuthorized();
    return project;
  }

  environment(id: string): SimEnvironment {
    const env = this.environments.find((e) => e.id === id);
    if (!env) throw notAuthorized();
    return env;
  }

  service(id: string): SimService {
    const service = this.services.find((s) => s.id === id);
    if (!service) throw notAuthorized();
    return service;
  }

  instance(serviceId: string, environmentId: string): SimInstance {
    const instance = this.instances.find((i) => i.serviceId === serviceId && i.environmentId === environmentId);
    if (!instance) throw notAuthorized();
    return instance;
  }

  variableMap(environmentId: string, serviceId: string | null | undefined): Map<string, string> {
    const key = `${environmentId}/${serviceId ?? ''}`;
    let map = this.variables.get(key);
    if (!map) this.variables.set(key, (map = new Map()));
    return map;
  }

  /** Non-fork environments of a project: where Railway applies service-level changes by default. */
  nonForkEnvironments(projectId: string): SimEnvironment[] {
    return this.environments.filter((e) => e.projectId === projectId && e.sourceEnvironmentId === null);
  }

  // ------------------------------------------------------------------ deployments

  /** A deployment snapshots the instance's current settings; it progresses with time (lazily). */
  deploy(instance: SimInstance): SimDeployment {
    const service = this.service(instance.serviceId);
    const deployment: SimDeployment = {
      id: RailwayState.id(),
      projectId: service.projectId,
      serviceId: instance.serviceId,
      environmentId: instance.environmentId,
      createdAtMs: Date.now(),
      willFail: instance.failNextDeployment,
      settings: structuredClone(instance.settings),
    };
    instance.failNextDeployment = false;
    this.deployments.push(deployment);
    return deployment;
  }

  /**
   * QUEUED → BUILDING → DEPLOYING → SUCCESS (or FAILED), one step per deployStepMs. A successful
   * deployment is REMOVED once a newer one of the same instance has succeeded.
   */
  statusOf(deployment: SimDeployment, now = Date.now()): DeploymentStatus {
    const status = this.#rawStatus(deployment, now);
    if (status !== 'SUCCESS') return status;
    const newer = this.deployments.slice(this.deployments.indexOf(deployment) + 1);
    const newerSucceeded = newer.some(
      (d) => d.serviceId === deployment.serviceId && d.environmentId === deployment.environmentId && this.#rawStatus(d, now) === 'SUCCESS',
    );
    return newerSucceeded ? 'REMOVED' : 'SUCCESS';
  }

  #rawStatus(deployment: SimDeployment, now: number): DeploymentStatus {
    const step = this.deployStepMs <= 0 ? STEPS.length : Math.floor((now - deployment.createdAtMs) / this.deployStepMs);
    if (step < STEPS.length) return STEPS[step] ?? 'QUEUED';
    return deployment.willFail ? 'FAILED' : 'SUCCESS';
  }

  /** Newest first, as Railway lists them. */
  deploymentsOf(filter: { projectId?: string; serviceId?: string; environmentId?: string }): SimDeployment[] {
    return this.deployments
      .filter(
        (d) =>
          (!filter.projectId || d.projectId === filter.projectId) &&
          (!filter.serviceId || d.serviceId === filter.serviceId) &&
          (!filter.environmentId || d.environmentId === filter.environmentId),
      )
      .reverse();
  }

  latestDeployment(instance: SimInstance): SimDeployment | undefined {
    return this.deploymentsOf({ serviceId: instance.serviceId, environmentId: instance.environmentId })[0];
  }

  // ------------------------------------------------------------------ test and dashboard helpers (by name)

  findProject(name: string): SimProject {
    const project = this.projects.find((p) => p.name === name && !p.deletedAt);
    if (!project) throw new Error(`simulator: no project ${name}`);
    return project;
  }

  findEnvironment(projectName: string, envName: string): SimEnvironment {
    const project = this.findProject(projectName);
    const env = this.environments.find((e) => e.projectId === project.id && e.name === envName);
    if (!env) throw new Error(`simulator: no environment ${envName} in ${projectName}`);
    return env;
  }

  findService(projectName: string, serviceName: string): SimService | undefined {
    const project = this.findProject(projectName);
    return this.services.find((s) => s.projectId === project.id && s.name === serviceName);
  }

  findInstance(projectName: string, envName: string, serviceName: string): SimInstance | undefined {
    const env = this.findEnvironment(projectName, envName);
    const service = this.findService(projectName, serviceName);
    return service && this.instances.find((i) => i.serviceId === service.id && i.environmentId === env.id);
  }

  #requireInstance(projectName: string, envName: string, serviceName: string): SimInstance {
    const instance = this.findInstance(projectName, envName, serviceName);
    if (!instance) throw new Error(`simulator: no instance of ${serviceName} in ${projectName}/${envName}`);
    return instance;
  }

  /** A change made by hand in the dashboard: this instance only, no deployment. */
  editInstance(projectName: string, envName: string, serviceName: string, patch: Partial<SimSettings>): void {
    Object.assign(this.#requireInstance(projectName, envName, serviceName).settings, patch);
  }

  setVariable(projectName: string, envName: string, serviceName: string, name: string, value: string): void {
    const instance = this.#requireInstance(projectName, envName, serviceName);
    this.variableMap(instance.environmentId, instance.serviceId).set(name, value);
  }

  deleteVariable(projectName: string, envName: string, serviceName: string, name: string): void {
    const instance = this.#requireInstance(projectName, envName, serviceName);
    this.variableMap(instance.environmentId, instance.serviceId).delete(name);
  }

  variablesOf(projectName: string, envName: string, serviceName: string): Record<string, string> {
    const instance = this.#requireInstance(projectName, envName, serviceName);
    return Object.fromEntries(this.variableMap(instance.environmentId, instance.serviceId));
  }

  /**
   * What a person does in the dashboard when a service exists in the project but not in this
   * environment (the API has no mutation for it): an instance with the settings of another one.
   */
  addToEnvironment(projectName: string, envName: string, serviceName: string): void {
    const env = this.findEnvironment(projectName, envName);
    const service = this.findService(projectName, serviceName);
    if (!service) throw new Error(`simulator: no service ${serviceName} in ${projectName}`);
    const template = this.instances.find((i) => i.serviceId === service.id);
    this.instances.push({
      id: RailwayState.id(),
      serviceId: service.id,
      environmentId: env.id,
      settings: structuredClone(template?.settings ?? DEFAULT_SETTINGS),
      failNextDeployment: false,
      createdAt: RailwayState.now(),
    });
  }

  /** The next deployment of this instance (redeploy, variable change, ...) ends FAILED. */
  failNextDeployment(projectName: string, envName: string, serviceName: string): void {
    this.#requireInstance(projectName, envName, serviceName).failNextDeployment = true;
  }

  /** DNS records found and certificate issued, as Railway reports once a person has added them. */
  verifyCustomDomain(domain: string): void {
    const found = this.customDomains.find((d) => d.domain === domain);
    if (!found) throw new Error(`simulator: no custom domain ${domain}`);
    found.verified = true;
  }
}
