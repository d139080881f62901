/**
 * Every GraphQL document the Railway client sends, in one place. Field and argument names follow
 * reconcilers/railway/schema.graphql (Railway's public schema) and the shared
 * railway-operations.graphql; a test parses and validates each of them, and the generated
 * observe document, against that schema.
 *
 * Selections ask only for what gitplane compares or needs to act, so responses stay small.
 */

const PAGE_INFO = 'pageInfo { hasNextPage endCursor }';

export const PROJECTS = `query Projects($first: Int, $after: String) {
  projects(first: $first, after: $after) {
    edges { cursor node { id name deletedAt } }
    ${PAGE_INFO}
  }
}`;

/**
 * Environments (with fork parent and their service instances) and services of one project.
 * Instances of every environment come along because Railway's service create/delete/update
 * semantics depend on which non-fork environments hold the service (see service-guard.ts).
 */
export const PROJECT_SCOPE = `query ProjectScope($id: String!, $first: Int, $envAfter: String, $svcAfter: String) {
  project(id: $id) {
    id
    name
    environments(first: $first, after: $envAfter) {
      edges {
        node {
          id
          name
          isEphemeral
          sourceEnvironment { id }
          serviceInstances(first: $first) {
            edges { node { id serviceId latestDeployment { id status } } }
            ${PAGE_INFO}
          }
        }
      }
      ${PAGE_INFO}
    }
    services(first: $first, after: $svcAfter) {
      edges { node { id name } }
      ${PAGE_INFO}
    }
  }
}`;

/** Further pages of one environment's instances, when PROJECT_SCOPE's nested page was not the last. */
export const ENVIRONMENT_INSTANCES = `query EnvironmentInstances($id: String!, $first: Int, $after: String) {
  environment(id: $id) {
    id
    serviceInstances(first: $first, after: $after) {
      edges { node { id serviceId latestDeployment { id status } } }
      ${PAGE_INFO}
    }
  }
}`;

export const INSTANCE_FIELDS = `fragment InstanceFields on ServiceInstance {
  id
  serviceId
  environmentId
  source { repo image }
  buildCommand
  startCommand
  rootDirectory
  healthcheckPath
  healthcheckTimeout
  numReplicas
  region
  restartPolicyType
  restartPolicyMaxRetries
  latestDeployment { id status }
}`;

/** What gitplane reads of a custom domain: enough to show the DNS records a person must add. */
export const CUSTOM_DOMAIN_FIELDS = `fragment CustomDomainFields on CustomDomain {
  id
  domain
  targetPort
  status {
    verified
    verificationDnsHost
    verificationToken
    dnsRecords { hostlabel fqdn zone recordType requiredValue currentValue status }
  }
}`;

export const DOMAIN_FIELDS = `fragment DomainFields on AllDomains {
  serviceDomains { id domain targetPort }
  customDomains { ...CustomDomainFields }
}
${CUSTOM_DOMAIN_FIELDS}`;

export const TRIGGER_FIELDS = `fragment TriggerFields on QueryDeploymentTriggersConnection {
  edges { node { id branch repository } }
}`;

/**
 * One document for every service of one environment: GraphQL aliases (`s0_instance`,
 * `s0_variables`, ...) batch the per-service root fields, so observing costs one request however
 * many services, variables and domains there are. `variables` is read with `unrendered: true` so
 * `${{ Postgres.DATABASE_URL }}` comes back as written and is compared literally.
 */
export function serviceDetailsDocument(serviceCount: number): string {
  const declarations = ['$projectId: String!', '$environmentId: String!'];
  const fields: string[] = [];
  for (let i = 0; i < serviceCount; i++) {
    const s = `$s${i}`;
    declarations.push(`${s}: String!`);
    fields.push(
      `  s${i}_instance: serviceInstance(serviceId: ${s}, environmentId: $environmentId) { ...InstanceFields }`,
      `  s${i}_variables: variables(projectId: $projectId, environmentId: $environmentId, serviceId: ${s}, unrendered: true)`,
      `  s${i}_domains: domains(projectId: $projectId, environmentId: $environmentId, serviceId: ${s}) { ...DomainFields }`,
      // A service has one trigger per environment in practice; 10 leaves room without paging.
      `  s${i}_triggers: deploymentTriggers(projectId: $projectId, environmentId: $environmentId, serviceId: ${s}, first: 10) { ...TriggerFields }`,
    );
  }
  return [
    `query ServiceDetails(${declarations.join(', ')}) {`,
    ...fields,
    '}',
    INSTANCE_FIELDS,
    DOMAIN_FIELDS,
    TRIGGER_FIELDS,
  ].join('\n');
}

export const SERVICE_CREATE = `mutation ServiceCreate($input: ServiceCreateInput!) {
  serviceCreate(input: $input) { id name projectId }
}`;

export const SERVICE_DELETE = `mutation ServiceDelete($id: String!, $environmentId: String) {
  serviceDelete(id: $id, environmentId: $environmentId)
}`;

export const SERVICE_INSTANCE_UPDATE = `mutation ServiceInstanceUpdate($serviceId: String!, $environmentId: String, $input: ServiceInstanceUpdateInput!) {
  serviceInstanceUpdate(serviceId: $serviceId, environmentId: $environmentId, input: $input)
}`;

export const DEPLOYMENT_TRIGGERS = `query DeploymentTriggers($projectId: String!, $environmentId: String!, $serviceId: String!) {
  deploymentTriggers(projectId: $projectId, environmentId: $environmentId, serviceId: $serviceId, first: 10) { ...TriggerFields }
}
${TRIGGER_FIELDS}`;

export const DEPLOYMENT_TRIGGER_UPDATE = `mutation DeploymentTriggerUpdate($id: String!, $input: DeploymentTriggerUpdateInput!) {
  deploymentTriggerUpdate(id: $id, input: $input) { id branch repository }
}`;

export const DEPLOYMENT_TRIGGER_CREATE = `mutation DeploymentTriggerCreate($input: DeploymentTriggerCreateInput!) {
  deploymentTriggerCreate(input: $input) { id branch repository }
}`;

export const VARIABLE_COLLECTION_UPSERT = `mutation VariableCollectionUpsert($input: VariableCollectionUpsertInput!) {
  variableCollectionUpsert(input: $input)
}`;

export const VARIABLE_DELETE = `mutation VariableDelete($input: VariableDeleteInput!) {
  variableDelete(input: $input)
}`;

export const CUSTOM_DOMAIN_CREATE = `mutation CustomDomainCreate($input: CustomDomainCreateInput!) {
  customDomainCreate(input: $input) { ...CustomDomainFields }
}
${CUSTOM_DOMAIN_FIELDS}`;

export const CUSTOM_DOMAIN_DELETE = `mutation CustomDomainDelete($id: String!) {
  customDomainDelete(id: $id)
}`;

export const SERVICE_DOMAIN_CREATE = `mutation ServiceDomainCreate($input: ServiceDomainCreateInput!) {
  serviceDomainCreate(input: $input) { id domain targetPort }
}`;

export const SERVICE_DOMAIN_DELETE = `mutation ServiceDomainDelete($id: String!) {
  serviceDomainDelete(id: $id)
}`;

export const SERVICE_INSTANCE_REDEPLOY = `mutation ServiceInstanceRedeploy($serviceId: String!, $environmentId: String!) {
  serviceInstanceRedeploy(serviceId: $serviceId, environmentId: $environmentId)
}`;

export const LATEST_DEPLOYMENT = `query LatestDeployment($input: DeploymentListInput!) {
  deployments(input: $input, first: 1) {
    edges { node { id status createdAt } }
  }
}`;

/** Static documents by operation name, for the validation test and the simulator's request log. */
export const STATIC_DOCUMENTS: Readonly<Record<string, string>> = {
  Projects: PROJECTS,
  ProjectScope: PROJECT_SCOPE,
  EnvironmentInstances: ENVIRONMENT_INSTANCES,
  ServiceCreate: SERVICE_CREATE,
  ServiceDelete: SERVICE_DELETE,
  ServiceInstanceUpdate: SERVICE_INSTANCE_UPDATE,
  DeploymentTriggers: DEPLOYMENT_TRIGGERS,
  DeploymentTriggerUpdate: DEPLOYMENT_TRIGGER_UPDATE,
  DeploymentTriggerCreate: DEPLOYMENT_TRIGGER_CREATE,
  VariableCollectionUpsert: VARIABLE_COLLECTION_UPSERT,
  VariableDelete: VARIABLE_DELETE,
  CustomDomainCreate: CUSTOM_DOMAIN_CREATE,
  CustomDomainDelete: CUSTOM_DOMAIN_DELETE,
  ServiceDomainCreate: SERVICE_DOMAIN_CREATE,
  ServiceDomainDelete: SERVICE_DOMAIN_DELETE,
  ServiceInstanceRedeploy: SERVICE_INSTANCE_REDEPLOY,
  LatestDeployment: LATEST_DEPLOYMENT,
};
