import * as op from './simulator-operations.js';
import { notAuthorized, SimError, type RailwayState } from './simulator-state.js';
import { Views, type PageArgs } from './simulator-views.js';

type Args = Record<string, unknown> & PageArgs;
type Input<T> = { input: T };

/**
 * Root fields (queries and mutations share one root object: their names do not collide) for the
 * operations gitplane and railway-operations.graphql use. Any other field of the schema validates
 * but resolves to an error, as an unimplemented resolver would.
 */
export function createRootValue(state: RailwayState, maxPageSize: number): Record<string, unknown> {
  const v = new Views(state, maxPageSize);
  const root: Record<string, (args: Args) => unknown> = {
    // ---------------------------------------------------------------- queries
    projects: (args) => v.page(state.projects.filter((p) => args['includeDeleted'] || !p.deletedAt).map((p) => v.project(p)), args),
    project: (args) => v.project(state.project(String(args['id']))),
    environments: (args) => {
      const project = state.project(String(args['projectId']));
      const isEphemeral = args['isEphemeral'] as boolean | null | undefined;
      const envs = state.environments.filter((e) => e.projectId === project.id && (isEphemeral == null || e.isEphemeral === isEphemeral));
      return v.page(envs.map((e) => v.environment(e)), args);
    },
    environment: (args) => v.environment(state.environment(String(args['id']))),
    service: (args) => v.service(state.service(String(args['id']))),
    serviceInstance: (args) => v.instance(state.instance(String(args['serviceId']), String(args['environmentId']))),
    variables: (args) => {
      const env = state.environment(String(args['environmentId']));
      if (env.projectId !== state.project(String(args['projectId'])).id) throw notAuthorized();
      const serviceId = args['serviceId'] as string | null | undefined;
      if (serviceId) state.instance(serviceId, env.id);
      const values = state.variableMap(env.id, serviceId);
      return args['unrendered'] ? Object.fromEntries(values) : op.renderVariables(state, env.id, values);
    },
    domains: (args) => {
      state.project(String(args['projectId']));
      state.instance(String(args['serviceId']), String(args['environmentId']));
      return v.domains(String(args['serviceId']), String(args['environmentId']));
    },
    customDomain: (args) => {
      const found = state.customDomains.find((d) => d.id === args['id'] && d.projectId === args['projectId']);
      if (!found) throw notAuthorized();
      return v.customDomain(found);
    },
    customDomainAvailable: (args) => {
      const taken = state.customDomains.some((d) => d.domain === String(args['domain']).toLowerCase());
      return { available: !taken, message: taken ? 'Domain is already in use' : '' };
    },
    deploymentTriggers: (args) => {
      state.instance(String(args['serviceId']), String(args['environmentId']));
      const triggers = state.triggers.filter((t) => t.serviceId === args['serviceId'] && t.environmentId === args['environmentId']);
      return v.page(triggers.map((t) => v.trigger(t)), args);
    },
    deployments: (args) => {
      const input = (args['input'] ?? {}) as { projectId?: string; environmentId?: string; serviceId?: string; status?: { in?: string[]; notIn?: string[] } };
      const list = state
        .deploymentsOf(input)
        .map((d) => v.deployment(d))
        .filter((d) => (!input.status?.in || input.status.in.includes(d.status)) && (!input.status?.notIn || !input.status.notIn.includes(d.status)));
      return v.page(list, args);
    },
    deployment: (args) => {
      const found = state.deployments.find((d) => d.id === args['id']);
      if (!found) throw notAuthorized();
      return v.deployment(found);
    },

    // ---------------------------------------------------------------- mutations
    serviceCreate: (args) => v.service(op.serviceCreate(state, (args as Input<op.ServiceCreateInput>).input)),
    serviceDelete: (args) => (op.serviceDelete(state, String(args['id']), args['environmentId'] as string | null | undefined), true),
    serviceInstanceUpdate: (args) => {
      op.serviceInstanceUpdate(state, String(args['serviceId']), args['environmentId'] as string | null | undefined, args['input'] as Record<string, unknown>);
      return true;
    },
    serviceInstanceRedeploy: (args) => (op.redeploy(state, String(args['serviceId']), String(args['environmentId'])), true),
    variableCollectionUpsert: (args) => (op.variableCollectionUpsert(state, (args as Input<Parameters<typeof op.variableCollectionUpsert>[1]>).input), true),
    variableUpsert: (args) => (op.variableUpsert(state, (args as Input<Parameters<typeof op.variableUpsert>[1]>).input), true),
    variableDelete: (args) => (op.variableDelete(state, (args as Input<Parameters<typeof op.variableDelete>[1]>).input), true),
    customDomainCreate: (args) => v.customDomain(op.customDomainCreate(state, (args as Input<Parameters<typeof op.customDomainCreate>[1]>).input)),
    customDomainDelete: (args) => (op.deleteById(state.customDomains, String(args['id'])), true),
    serviceDomainCreate: (args) => v.serviceDomain(op.serviceDomainCreate(state, (args as Input<Parameters<typeof op.serviceDomainCreate>[1]>).input)),
    serviceDomainDelete: (args) => (op.deleteById(state.serviceDomains, String(args['id'])), true),
    deploymentTriggerUpdate: (args) => {
      const trigger = state.triggers.find((t) => t.id === args['id']);
      if (!trigger) throw notAuthorized();
      const input = args['input'] as { branch?: string | null; repository?: string | null };
      if (input.branch) trigger.branch = input.branch;
      if (input.repository) trigger.repository = input.repository;
      return v.trigger(trigger);
    },
    deploymentTriggerCreate: (args) => {
      const input = args['input'] as { serviceId: string; environmentId: string; repository: string; branch: string };
      return v.trigger(op.addTrigger(state, state.instance(input.serviceId, input.environmentId), input.repository, input.branch));
    },
  };
  return new Proxy(root, {
    get(target, name) {
      if (typeof name !== 'string' || name in target) return target[name as string];
      // Valid against the schema, just not modelled here: fail like a resolver error would.
      return () => {
        throw new SimError(`simulator: ${name} is not implemented`);
      };
    },
  });
}
