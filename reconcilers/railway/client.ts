import type { HttpClient } from '../../src/http/client.js';
import type {
  AllDomains,
  Connection,
  CustomDomainInfo,
  DeploymentRef,
  DeploymentTrigger,
  EnvironmentInfo,
  InstanceRef,
  InstanceSettings,
  InstanceTarget,
  ProjectRef,
  ProjectScope,
  ServiceDetails,
  ServiceDomainInfo,
} from './api-types.js';
import * as ops from './operations.js';
import { graphqlRequest, type GraphQLCall } from './transport.js';

/** Page size asked of Railway's connections; the client follows `hasNextPage` whatever it gets. */
export const PAGE_SIZE = 100;
/** Services per batched observe document: keeps one document's size and complexity bounded. */
export const SERVICES_PER_DOCUMENT = 20;

/**
 * Typed calls over Railway's GraphQL API. Bound to one HttpClient and abort signal per unit of
 * work; holds no other state. Every method throws what graphqlRequest/HttpClient throw: terminal
 * errors for GraphQL errors and validation failures, AmbiguousResultError for a mutation whose
 * answer was lost.
 */
export class RailwayApi {
  constructor(
    private readonly http: HttpClient,
    private readonly signal?: AbortSignal,
  ) {}

  /** Raw call, for tests that send a document of their own. */
  call<T>(call: GraphQLCall): Promise<T> {
    return graphqlRequest<T>(this.http, call, this.signal);
  }

  private query<T>(operationName: string, query: string, variables: Record<string, unknown>): Promise<T> {
    return this.call<T>({ operationName, query, variables, mutation: false });
  }

  private mutate<T>(operationName: string, query: string, variables: Record<string, unknown>): Promise<T> {
    return this.call<T>({ operationName, query, variables, mutation: true });
  }

  /** Every project the token can see; Railway has no name filter, so matching is the caller's. */
  async listProjects(): Promise<ProjectRef[]> {
    const projects: ProjectRef[] = [];
    let after: string | null = null;
    for (;;) {
      const data: { projects: Connection<ProjectRef & { deletedAt: string | null }> } = await this.query('Projects', ops.PROJECTS, {
        first: PAGE_SIZE,
        after,
      });
      for (const edge of data.projects.edges) if (!edge.node.deletedAt) projects.push({ id: edge.node.id, name: edge.node.name });
      if (!data.projects.pageInfo?.hasNextPage || !data.projects.pageInfo.endCursor) return projects;
      after = data.projects.pageInfo.endCursor;
    }
  }

  /** Environments (with their instances) and services of one project, every page. */
  async projectScope(projectId: string): Promise<ProjectScope> {
    type EnvNode = { id: string; name: string; isEphemeral: boolean; sourceEnvironment: { id: string } | null; serviceInstances: Connection<InstanceRef> };
    type Data = { project: { id: string; name: string; environments: Connection<EnvNode>; services: Connection<{ id: string; name: string }> } };
    const environments: EnvironmentInfo[] = [];
    const services: { id: string; name: string }[] = [];
    const unfinished: { env: EnvironmentInfo; after: string }[] = [];
    let envAfter: string | null = null;
    let svcAfter: string | null = null;
    let envDone = false;
    let svcDone = false;
    let name = '';
    while (!envDone || !svcDone) {
      const data: Data = await this.query('ProjectScope', ops.PROJECT_SCOPE, { id: projectId, first: PAGE_SIZE, envAfter, svcAfter });
      name = data.project.name;
      if (!envDone) {
        for (const { node } of data.project.environments.edges) {
          const env: EnvironmentInfo = {
            id: node.id,
            name: node.name,
            isEphemeral: node.isEphemeral,
            forkOf: node.sourceEnvironment?.id ?? null,
            instances: node.serviceInstances.edges.map((e) => e.node),
          };
          environments.push(env);
          const page = node.serviceInstances.pageInfo;
          if (page?.hasNextPage && page.endCursor) unfinished.push({ env, after: page.endCursor });
        }
        [envDone, envAfter] = nextPage(data.project.environments);
      }
      if (!svcDone) {
        services.push(...data.project.services.edges.map((e) => e.node));
        [svcDone, svcAfter] = nextPage(data.project.services);
      }
    }
    for (const { env, after } of unfinished) env.instances.push(...(await this.remainingInstances(env.id, after)));
    return { id: projectId, name, environments, services };
  }

  private async remainingInstances(environmentId: string, from: string): Promise<InstanceRef[]> {
    const instances: InstanceRef[] = [];
    let after: string | null = from;
    while (after) {
      const data: { environment: { serviceInstances: Connection<InstanceRef> } } = await this.query('EnvironmentInstances', ops.ENVIRONMENT_INSTANCES, {
        id: environmentId,
        first: PAGE_SIZE,
        after,
      });
      instances.push(...data.environment.serviceInstances.edges.map((e) => e.node));
      const [done, next] = nextPage(data.environment.serviceInstances);
      after = done ? null : next;
    }
    return instances;
  }

  /**
   * Settings, variables, domains and deployment triggers of the given services in one
   * environment: one request per SERVICES_PER_DOCUMENT services, whatever the number of variables
   * and domains (those are plain lists and JSON maps in the schema, not paged).
   */
  async serviceDetails(projectId: string, environmentId: string, serviceIds: readonly string[]): Promise<Map<string, ServiceDetails>> {
    const details = new Map<string, ServiceDetails>();
    for (let start = 0; start < serviceIds.length; start += SERVICES_PER_DOCUMENT) {
      const chunk = serviceIds.slice(start, start + SERVICES_PER_DOCUMENT);
      const variables: Record<string, unknown> = { projectId, environmentId };
      chunk.forEach((id, i) => (variables[`s${i}`] = id));
      const data = await this.query<Record<string, unknown>>('ServiceDetails', ops.serviceDetailsDocument(chunk.length), variables);
      chunk.forEach((id, i) => {
        details.set(id, {
          instance: data[`s${i}_instance`] as InstanceSettings,
          variables: (data[`s${i}_variables`] ?? {}) as Record<string, string | null>,
          domains: data[`s${i}_domains`] as AllDomains,
          triggers: (data[`s${i}_triggers`] as Connection<DeploymentTrigger>).edges.map((e) => e.node),
        });
      });
    }
    return details;
  }

  async createService(input: {
    projectId: string;
    environmentId: string;
    name: string;
    source?: { repo: string } | { image: string };
    branch?: string;
  }): Promise<{ id: string }> {
    const data = await this.mutate<{ serviceCreate: { id: string } }>('ServiceCreate', ops.SERVICE_CREATE, { input });
    return data.serviceCreate;
  }

  async deleteService(serviceId: string, environmentId: string): Promise<void> {
    await this.mutate('ServiceDelete', ops.SERVICE_DELETE, { id: serviceId, environmentId });
  }

  async updateInstance(target: InstanceTarget, input: Record<string, unknown>): Promise<void> {
    await this.mutate('ServiceInstanceUpdate', ops.SERVICE_INSTANCE_UPDATE, {
      serviceId: target.serviceId,
      environmentId: target.environmentId,
      input,
    });
  }

  async triggers(target: InstanceTarget): Promise<DeploymentTrigger[]> {
    const data = await this.query<{ deploymentTriggers: Connection<DeploymentTrigger> }>('DeploymentTriggers', ops.DEPLOYMENT_TRIGGERS, { ...target });
    return data.deploymentTriggers.edges.map((e) => e.node);
  }

  async updateTrigger(id: string, input: { branch?: string; repository?: string }): Promise<void> {
    await this.mutate('DeploymentTriggerUpdate', ops.DEPLOYMENT_TRIGGER_UPDATE, { id, input });
  }

  async createTrigger(target: InstanceTarget, repository: string, branch: string): Promise<void> {
    await this.mutate('DeploymentTriggerCreate', ops.DEPLOYMENT_TRIGGER_CREATE, {
      input: { ...target, repository, branch, provider: 'github' },
    });
  }

  /**
   * One call for any number of variables. `replace` is always false: true would delete every
   * variable of the service that is not in the map, including ones gitplane does not own.
   * `skipDeploys` is true so a change costs one redeploy per service (finalize), not one per call.
   */
  async upsertVariables(target: InstanceTarget, values: Readonly<Record<string, string>>): Promise<void> {
    await this.mutate('VariableCollectionUpsert', ops.VARIABLE_COLLECTION_UPSERT, {
      input: { ...target, variables: values, replace: false, skipDeploys: true },
    });
  }

  /** VariableDeleteInput has no skipDeploys: Railway may start a deployment for a delete. */
  async deleteVariable(target: InstanceTarget, name: string): Promise<void> {
    await this.mutate('VariableDelete', ops.VARIABLE_DELETE, { input: { ...target, name } });
  }

  async createCustomDomain(target: InstanceTarget, domain: string): Promise<CustomDomainInfo> {
    const data = await this.mutate<{ customDomainCreate: CustomDomainInfo }>('CustomDomainCreate', ops.CUSTOM_DOMAIN_CREATE, {
      input: { ...target, domain },
    });
    return data.customDomainCreate;
  }

  async deleteCustomDomain(id: string): Promise<void> {
    await this.mutate('CustomDomainDelete', ops.CUSTOM_DOMAIN_DELETE, { id });
  }

  async createServiceDomain(target: InstanceTarget): Promise<ServiceDomainInfo> {
    const data = await this.mutate<{ serviceDomainCreate: ServiceDomainInfo }>('ServiceDomainCreate', ops.SERVICE_DOMAIN_CREATE, {
      input: { environmentId: target.environmentId, serviceId: target.serviceId },
    });
    return data.serviceDomainCreate;
  }

  async deleteServiceDomain(id: string): Promise<void> {
    await this.mutate('ServiceDomainDelete', ops.SERVICE_DOMAIN_DELETE, { id });
  }

  async redeploy(target: InstanceTarget): Promise<void> {
    await this.mutate('ServiceInstanceRedeploy', ops.SERVICE_INSTANCE_REDEPLOY, {
      serviceId: target.serviceId,
      environmentId: target.environmentId,
    });
  }

  /** Newest deployment of one instance (Railway lists newest first), or null when there is none. */
  async latestDeployment(target: InstanceTarget): Promise<DeploymentRef | null> {
    const data = await this.query<{ deployments: Connection<DeploymentRef> }>('LatestDeployment', ops.LATEST_DEPLOYMENT, {
      input: { projectId: target.projectId, environmentId: target.environmentId, serviceId: target.serviceId },
    });
    return data.deployments.edges[0]?.node ?? null;
  }
}

function nextPage(connection: Connection<unknown>): [done: boolean, after: string | null] {
  const page = connection.pageInfo;
  if (page?.hasNextPage && page.endCursor) return [false, page.endCursor];
  return [true, null];
}
