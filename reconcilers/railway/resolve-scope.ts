import type { EnvironmentInfo, InstanceRef, ProjectRef, ProjectScope } from './api-types.js';
import type { RailwayApi } from './client.js';

/** A Railway project and one of its environments, as found on the platform. */
export interface ResolvedScope {
  project: ProjectScope;
  environment: EnvironmentInfo;
}

export type ScopeResolution = { ok: true; scope: ResolvedScope } | { ok: false; reason: string };

export interface DeclaredScope {
  project: string;
  environment: string;
  /** The file a person edits to fix a wrong name. */
  file: string;
}

/**
 * Projects and environments are looked up, never created: gitplane does not own them, and a typo
 * in YAML must not create a new project. Names or ids are accepted; a name shared by several
 * projects is refused rather than guessed.
 */
export function matchProject(projects: readonly ProjectRef[], wanted: DeclaredScope): { ok: true; project: ProjectRef } | { ok: false; reason: string } {
  const byId = projects.find((p) => p.id === wanted.project);
  if (byId) return { ok: true, project: byId };
  const byName = projects.filter((p) => p.name === wanted.project);
  if (byName.length === 1 && byName[0]) return { ok: true, project: byName[0] };
  if (byName.length > 1) {
    return {
      ok: false,
      reason: `${byName.length} Railway projects are named ${wanted.project}: put the project id in railway.project in ${wanted.file}`,
    };
  }
  return { ok: false, reason: `Railway project ${wanted.project} not found: create it, or fix railway.project in ${wanted.file}` };
}

export function matchEnvironment(project: ProjectScope, wanted: DeclaredScope): EnvironmentInfo | undefined {
  return project.environments.find((e) => e.id === wanted.environment) ?? project.environments.find((e) => e.name === wanted.environment);
}

/** Two requests or more (paging): the project list, then the project's environments and services. */
export async function resolveScope(api: RailwayApi, wanted: DeclaredScope, projects?: readonly ProjectRef[]): Promise<ScopeResolution> {
  const match = matchProject(projects ?? (await api.listProjects()), wanted);
  if (!match.ok) return match;
  const project = await api.projectScope(match.project.id);
  const environment = matchEnvironment(project, wanted);
  if (!environment) {
    return {
      ok: false,
      reason: `Railway environment ${wanted.environment} not found in project ${project.name}: create it in Railway, or fix railway.environment in ${wanted.file}`,
    };
  }
  return { ok: true, scope: { project, environment } };
}

export interface ServiceInScope {
  id: string;
  name: string;
  /** The service's instance in the resolved environment; undefined when it has none there. */
  instance?: InstanceRef;
}

/** Services of the project by name, with their instance in the resolved environment. */
export function servicesByName(scope: ResolvedScope): Map<string, ServiceInScope> {
  const instances = new Map(scope.environment.instances.map((i) => [i.serviceId, i]));
  const result = new Map<string, ServiceInScope>();
  for (const service of scope.project.services) {
    const instance = instances.get(service.id);
    result.set(service.name, { id: service.id, name: service.name, ...(instance ? { instance } : {}) });
  }
  return result;
}

/**
 * The schema's descriptions of serviceCreate, serviceDelete and serviceInstanceUpdate say: with a
 * fork environment's id the change applies to that environment only; otherwise it applies to
 * every environment that is not a fork of another. So acting from a non-fork environment also acts
 * on the other non-fork environments. Returns those other environments (the blast radius).
 */
export function nonForkSiblings(scope: ResolvedScope): EnvironmentInfo[] {
  if (scope.environment.forkOf !== null) return [];
  return scope.project.environments.filter((e) => e.id !== scope.environment.id && e.forkOf === null);
}

/** Of those siblings, the ones that hold an instance of the given service. */
export function siblingsHoldingService(scope: ResolvedScope, serviceId: string): EnvironmentInfo[] {
  return nonForkSiblings(scope).filter((e) => e.instances.some((i) => i.serviceId === serviceId));
}
