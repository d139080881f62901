import {
  DEFAULT_SETTINGS,
  notAuthorized,
  RailwayState,
  SimError,
  type SimCustomDomain,
  type SimEnvironment,
  type SimInstance,
  type SimService,
  type SimServiceDomain,
  type SimSettings,
  type SimTrigger,
} from './simulator-state.js';

/**
 * What Railway's mutations do, as the schema's descriptions and railway.md state them. Where the
 * material is silent the choice is noted.
 */

/**
 * Environments a service-level mutation acts on (descriptions of ServiceCreateInput.environmentId,
 * serviceDelete and serviceInstanceUpdate): a fork environment alone, otherwise every
 * environment of the project that is not a fork.
 */
export function affectedEnvironments(state: RailwayState, projectId: string, environmentId: string | null | undefined): SimEnvironment[] {
  if (environmentId) {
    const env = state.environment(environmentId);
    if (env.projectId !== projectId) throw notAuthorized();
    if (env.sourceEnvironmentId !== null) return [env];
  }
  return state.nonForkEnvironments(projectId);
}

export interface ServiceCreateInput {
  projectId: string;
  name?: string | null;
  environmentId?: string | null;
  branch?: string | null;
  source?: { repo?: string | null; image?: string | null } | null;
  variables?: Record<string, string> | null;
}

export function serviceCreate(state: RailwayState, input: ServiceCreateInput): SimService {
  const project = state.project(input.projectId);
  const name = input.name ?? `service-${RailwayState.hex(3)}`;
  if (!/^[A-Za-z0-9][A-Za-z0-9 _-]{0,47}$/.test(name)) throw new SimError('Invalid service name');
  if (state.services.some((s) => s.projectId === project.id && s.name === name)) {
    throw new SimError(`Service ${name} already exists in this project`);
  }
  const service: SimService = { id: RailwayState.id(), projectId: project.id, name, createdAt: RailwayState.now() };
  state.services.push(service);
  const source = input.source && (input.source.repo || input.source.image) ? { repo: input.source.repo ?? null, image: input.source.image ?? null } : null;
  for (const env of affectedEnvironments(state, project.id, input.environmentId)) {
    const instance = addInstance(state, service, env, { source });
    if (input.variables) for (const [k, v] of Object.entries(input.variables)) state.variableMap(env.id, service.id).set(k, v);
    if (source?.repo) addTrigger(state, instance, source.repo, input.branch ?? 'main');
    // A service with a source deploys as soon as it is created (railway.md §4.2).
    if (source) state.deploy(instance);
  }
  return service;
}

export function addInstance(state: RailwayState, service: SimService, env: SimEnvironment, settings: Partial<SimSettings> = {}): SimInstance {
  const instance: SimInstance = {
    id: RailwayState.id(),
    serviceId: service.id,
    environmentId: env.id,
    settings: { ...structuredClone(DEFAULT_SETTINGS), ...settings },
    failNextDeployment: false,
    createdAt: RailwayState.now(),
  };
  state.instances.push(instance);
  return instance;
}

export function addTrigger(state: RailwayState, instance: SimInstance, repository: string, branch: string): SimTrigger {
  const service = state.service(instance.serviceId);
  const trigger: SimTrigger = {
    id: RailwayState.id(),
    projectId: service.projectId,
    serviceId: service.id,
    environmentId: instance.environmentId,
    repository,
    branch,
    provider: 'github',
  };
  state.triggers.push(trigger);
  return trigger;
}

/** Removes the service's instances in the affected environments; the service goes with the last one. */
export function serviceDelete(state: RailwayState, id: string, environmentId: string | null | undefined): void {
  const service = state.service(id);
  const envIds = new Set(
    environmentId === null || environmentId === undefined
      ? state.environments.filter((e) => e.projectId === service.projectId).map((e) => e.id)
      : affectedEnvironments(state, service.projectId, environmentId).map((e) => e.id),
  );
  const gone = (r: { serviceId: string; environmentId: string }) => r.serviceId === id && envIds.has(r.environmentId);
  removeWhere(state.instances, gone);
  removeWhere(state.triggers, gone);
  removeWhere(state.serviceDomains, gone);
  removeWhere(state.customDomains, gone);
  removeWhere(state.deployments, gone);
  for (const envId of envIds) state.variables.delete(`${envId}/${id}`);
  if (!state.instances.some((i) => i.serviceId === id)) removeWhere(state.services, (s) => s.id === id);
}

/** Records settings only; they take effect on the next deployment. */
export function serviceInstanceUpdate(state: RailwayState, serviceId: string, environmentId: string | null | undefined, input: Record<string, unknown>): void {
  const service = state.service(serviceId);
  if (environmentId) state.instance(serviceId, environmentId);
  const envIds = new Set(affectedEnvironments(state, service.projectId, environmentId).map((e) => e.id));
  for (const instance of state.instances.filter((i) => i.serviceId === serviceId && envIds.has(i.environmentId))) {
    for (const [field, value] of Object.entries(input)) {
      if (value === undefined) continue;
      if (field === 'source') {
        const source = value as { repo?: string | null; image?: string | null } | null;
        instance.settings.source = source ? { repo: source.repo ?? null, image: source.image ?? null } : null;
      } else if (field in instance.settings) {
        (instance.settings as unknown as Record<string, unknown>)[field] = value;
      }
      // Other ServiceInstanceUpdateInput fields (builder, cron, ...) are accepted and not modelled.
    }
  }
}

export function redeploy(state: RailwayState, serviceId: string, environmentId: string): void {
  const instance = state.instance(serviceId, environmentId);
  // Redeploy repeats the current deployment; with none there is nothing to repeat.
  if (!state.latestDeployment(instance)) throw new SimError('No deployment found for service instance');
  state.deploy(instance);
}

export interface VariableTarget {
  projectId: string;
  environmentId: string;
  serviceId?: string | null;
}

function checkVariableTarget(state: RailwayState, target: VariableTarget): void {
  const env = state.environment(target.environmentId);
  if (env.projectId !== state.project(target.projectId).id) throw notAuthorized();
  if (target.serviceId) state.instance(target.serviceId, target.environmentId);
}

/** Without skipDeploys, a variable change redeploys the affected services (schema description). */
function deployAfterVariableChange(state: RailwayState, target: VariableTarget, skipDeploys: boolean | null | undefined): void {
  if (skipDeploys) return;
  const instances = target.serviceId
    ? [state.instance(target.serviceId, target.environmentId)]
    : state.instances.filter((i) => i.environmentId === target.environmentId);
  for (const instance of instances) if (state.latestDeployment(instance)) state.deploy(instance);
}

export function variableCollectionUpsert(
  state: RailwayState,
  input: VariableTarget & { variables: Record<string, unknown>; replace?: boolean | null; skipDeploys?: boolean | null },
): void {
  checkVariableTarget(state, input);
  const map = state.variableMap(input.environmentId, input.serviceId);
  // replace: true removes every existing variable first, including ones the caller did not send.
  if (input.replace) map.clear();
  for (const [name, value] of Object.entries(input.variables)) map.set(name, String(value));
  deployAfterVariableChange(state, input, input.skipDeploys);
}

export function variableUpsert(state: RailwayState, input: VariableTarget & { name: string; value: string; skipDeploys?: boolean | null }): void {
  checkVariableTarget(state, input);
  state.variableMap(input.environmentId, input.serviceId).set(input.name, input.value);
  deployAfterVariableChange(state, input, input.skipDeploys);
}

/** VariableDeleteInput has no skipDeploys: a delete always redeploys. */
export function variableDelete(state: RailwayState, input: VariableTarget & { name: string }): void {
  checkVariableTarget(state, input);
  state.variableMap(input.environmentId, input.serviceId).delete(input.name);
  deployAfterVariableChange(state, input, false);
}

/**
 * Railway-style rendering of `${{ Service.NAME }}` and `${{ shared.NAME }}` references in one
 * environment; unresolvable references render empty.
 */
export function renderVariables(state: RailwayState, environmentId: string, values: Map<string, string>): Record<string, string> {
  const env = state.environment(environmentId);
  const rendered: Record<string, string> = {};
  for (const [name, value] of values) {
    rendered[name] = value.replace(/\$\{\{\s*([\w-]+)\.(\w+)\s*\}\}/g, (_match, owner: string, key: string) => {
      if (owner === 'shared') return state.variableMap(environmentId, null).get(key) ?? '';
      const service = state.services.find((s) => s.projectId === env.projectId && s.name === owner);
      return (service && state.variableMap(environmentId, service.id).get(key)) ?? '';
    });
  }
  return rendered;
}

export function customDomainCreate(
  state: RailwayState,
  input: { domain: string; environmentId: string; projectId: string; serviceId: string; targetPort?: number | null },
): SimCustomDomain {
  state.project(input.projectId);
  state.instance(input.serviceId, input.environmentId);
  const domain = input.domain.toLowerCase();
  if (!/^(?=.{1,253}$)([a-z0-9-]+\.)+[a-z]{2,}$/.test(domain)) throw new SimError('Invalid domain');
  if (state.customDomains.some((d) => d.domain === domain)) throw new SimError(`Domain ${domain} is already in use`);
  const labels = domain.split('.');
  const created: SimCustomDomain = {
    id: RailwayState.id(),
    projectId: input.projectId,
    serviceId: input.serviceId,
    environmentId: input.environmentId,
    domain,
    targetPort: input.targetPort ?? null,
    createdAt: RailwayState.now(),
    verified: false,
    verificationDnsHost: `_railway-verify.${labels.slice(0, -2).join('.') || '@'}`,
    verificationToken: `railway-verify=${RailwayState.hex(16)}`,
    requiredValue: `${RailwayState.hex(4)}.up.railway.app`,
  };
  state.customDomains.push(created);
  return created;
}

export function serviceDomainCreate(state: RailwayState, input: { environmentId: string; serviceId: string; targetPort?: number | null }): SimServiceDomain {
  state.instance(input.serviceId, input.environmentId);
  const service = state.service(input.serviceId);
  const env = state.environment(input.environmentId);
  const created: SimServiceDomain = {
    id: RailwayState.id(),
    projectId: service.projectId,
    serviceId: service.id,
    environmentId: env.id,
    domain: `${service.name.toLowerCase()}-${env.name.toLowerCase()}-${RailwayState.hex(2)}.up.railway.app`,
    targetPort: input.targetPort ?? null,
    createdAt: RailwayState.now(),
  };
  state.serviceDomains.push(created);
  return created;
}

export function deleteById<T extends { id: string }>(list: T[], id: string): void {
  if (!list.some((item) => item.id === id)) throw notAuthorized();
  removeWhere(list, (item) => item.id === id);
}

function removeWhere<T>(list: T[], predicate: (item: T) => boolean): void {
  for (let i = list.length - 1; i >= 0; i--) if (predicate(list[i] as T)) list.splice(i, 1);
}
