import { addressOf, type Desired, type ObserveResult, type OwnedResource, type ReconcileContext, type ResourceKey } from '../../src/engine/types.js';
import { describeError } from '../../src/errors.js';
import type { ProjectRef } from './api-types.js';
import { RailwayApi } from './client.js';
import { observedDomains, observedInstance, observedService, observedVariables, type ServiceContext } from './observed-specs.js';
import { resolveScope, servicesByName, siblingsHoldingService, type DeclaredScope, type ResolvedScope } from './resolve-scope.js';
import { childOf, scopeOf, serviceOf, type RailwaySpec } from './specs.js';

type Result = ObserveResult<RailwaySpec>;

/** The keys gitplane manages in one declared (project, environment), before it is resolved. */
interface ScopeGroup {
  declared: DeclaredScope;
  keys: Map<string, ResourceKey>;
}

/**
 * Read-only. Requests per (project, environment): the project list (shared, paged), one
 * ProjectScope query (paged), one ServiceDetails document per 20 services. None of it grows with
 * the number of variables or domains. A scope that cannot be read puts its keys in `unknown`; a
 * failure to list projects at all (bad token) throws, since it affects the whole platform.
 */
export async function railwayObserve(
  desired: readonly Desired<RailwaySpec>[],
  owned: readonly OwnedResource[],
  ctx: ReconcileContext,
): Promise<Result> {
  const result: Result = { observed: [], unknown: [], unmanaged: [] };
  const { groups, orphans } = groupByScope(desired, owned, ctx.env.files[0] ?? `environments/${ctx.env.name}.yaml`);
  for (const key of orphans) {
    result.unknown.push({ key, reason: 'gitplane cannot tell which Railway project and environment this resource was in: its inventory entry has no scope' });
  }
  if (groups.size === 0) return result;

  const api = new RailwayApi(ctx.http, ctx.signal);
  const projects = await api.listProjects();

  // Two spellings (name and id) of one environment must be observed once, or each would report
  // the other's resources as unmanaged.
  const byEnvironment = new Map<string, { scope: ResolvedScope; declared: DeclaredScope; keys: Map<string, ResourceKey> }>();
  for (const group of groups.values()) {
    const resolution = await resolveOrReason(api, group.declared, projects);
    if (!resolution.ok) {
      for (const key of group.keys.values()) result.unknown.push({ key, reason: resolution.reason });
      continue;
    }
    const existing = byEnvironment.get(resolution.scope.environment.id);
    if (existing) for (const [address, key] of group.keys) existing.keys.set(address, key);
    else byEnvironment.set(resolution.scope.environment.id, { scope: resolution.scope, declared: group.declared, keys: new Map(group.keys) });
  }

  for (const { scope, declared, keys } of byEnvironment.values()) {
    try {
      const part = await observeEnvironment(api, ctx.env.name, scope, declared, keys);
      result.observed.push(...part.observed);
      result.unknown.push(...part.unknown);
      result.unmanaged.push(...part.unmanaged);
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      for (const key of keys.values()) result.unknown.push({ key, reason: `reading Railway failed: ${describeError(error)}` });
    }
  }
  return result;
}

async function resolveOrReason(api: RailwayApi, declared: DeclaredScope, projects: readonly ProjectRef[]) {
  try {
    return await resolveScope(api, declared, projects);
  } catch (error) {
    return { ok: false as const, reason: `reading Railway project ${declared.project} failed: ${describeError(error)}` };
  }
}

/**
 * Owned keys that are no longer declared are found through the scope recorded in their spec; if
 * that is missing, through the only Railway scope the environment declares, if there is one.
 */
function groupByScope(desired: readonly Desired<RailwaySpec>[], owned: readonly OwnedResource[], file: string) {
  const groups = new Map<string, ScopeGroup>();
  const add = (project: string, environment: string, sourceFile: string, key: ResourceKey) => {
    const id = `${project}\u0000${environment}`;
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { declared: { project, environment, file: sourceFile }, keys: new Map() }));
    group.keys.set(addressOf(key), key);
  };
  for (const d of desired) {
    const scope = scopeOf(d.spec);
    if (scope) add(scope.project, scope.environment, d.source.file, d.key);
  }
  const desiredAddresses = new Set(desired.map((d) => addressOf(d.key)));
  const onlyGroup = groups.size === 1 ? [...groups.values()][0] : undefined;
  const orphans: ResourceKey[] = [];
  for (const o of owned) {
    if (desiredAddresses.has(addressOf(o.key))) continue;
    const scope = scopeOf(o.spec);
    if (scope) add(scope.projectId ?? scope.project, scope.environmentId ?? scope.environment, file, o.key);
    else if (onlyGroup) onlyGroup.keys.set(addressOf(o.key), o.key);
    else orphans.push(o.key);
  }
  return { groups, orphans };
}

async function observeEnvironment(
  api: RailwayApi,
  env: string,
  scope: ResolvedScope,
  declared: DeclaredScope,
  keys: Map<string, ResourceKey>,
): Promise<Result> {
  const result: Result = { observed: [], unknown: [], unmanaged: [] };
  const services = servicesByName(scope);
  const managedServices = new Set([...keys.values()].map(serviceOf));
  const wanted = [...managedServices].flatMap((name) => {
    const service = services.get(name);
    return service?.instance ? [service.id] : [];
  });
  const details = await api.serviceDetails(scope.project.id, scope.environment.id, wanted);

  const place = (o: (typeof result.observed)[number]) => (keys.has(addressOf(o.key)) ? result.observed : result.unmanaged).push(o);

  for (const service of services.values()) {
    const serviceScope = {
      project: declared.project,
      environment: declared.environment,
      projectId: scope.project.id,
      environmentId: scope.environment.id,
      serviceId: service.id,
    };
    const sctx: ServiceContext = { env, serviceName: service.name, scope: serviceScope, deployment: service.instance?.latestDeployment };
    if (!managedServices.has(service.name)) {
      // Postgres, Redis and other services nobody declared: reported, never touched or read further.
      if (service.instance) result.unmanaged.push(observedService(sctx, undefined));
      continue;
    }
    if (!service.instance) {
      const reason =
        `Railway service ${service.name} exists in project ${scope.project.name} but not in environment ${scope.environment.name}, ` +
        `and Railway's API cannot add an existing service to one environment (a second serviceCreate fails: names are unique per project): ` +
        `add it to ${scope.environment.name} in the Railway dashboard, or rename it in ${declared.file}`;
      for (const key of keys.values()) if (serviceOf(key) === service.name) result.unknown.push({ key, reason });
      continue;
    }
    const d = details.get(service.id);
    if (!d) continue;
    const spill = spillNotice(scope, service.id);
    place(withNotices(observedService(sctx, d), spill));
    const instance = withNotices(observedInstance(sctx, d), spill);
    // Settings of an undeclared instance are not "unmanaged resources": nothing to report.
    if (keys.has(addressOf(instance.key))) result.observed.push(instance);
    for (const variable of observedVariables(sctx, d)) {
      const managed = keys.has(addressOf(variable.key));
      // Railway-provided variables are the platform's, not anyone's configuration.
      if (!managed && childOf(variable.key).startsWith('RAILWAY_')) continue;
      place(variable);
    }
    for (const domain of observedDomains(sctx, d)) place(domain);
  }
  return result;
}

/**
 * Per the schema's descriptions, serviceInstanceUpdate and serviceDelete given a non-fork
 * environment act on every non-fork environment. Said in the plan, where a person can see it
 * before a settings change here also lands in (say) production.
 */
function spillNotice(scope: ResolvedScope, serviceId: string): string[] {
  const others = siblingsHoldingService(scope, serviceId).map((e) => e.name);
  if (others.length === 0) return [];
  return [
    `${scope.environment.name} is not a fork environment: Railway applies settings changes made here to ${others.join(', ')} as well, and gitplane will not delete this service here`,
  ];
}

function withNotices<T extends { notices?: readonly string[] }>(observed: T, extra: readonly string[]): T {
  if (extra.length === 0) return observed;
  return { ...observed, notices: [...(observed.notices ?? []), ...extra] };
}
