import { addressOf, type Desired, type OwnedResource, type UnknownResource } from '../../src/engine/types.js';
import type { EnvironmentModel } from '../../src/model/environment.js';
import { projectAddress, serviceOf, type VercelKind } from './specs.js';

/**
 * Everything observe must learn about one Vercel project: the keys desired in it and the owned keys
 * that live in it. One project costs one project read, one variable listing and one domain listing,
 * however many keys it holds.
 */
export interface ProjectScope {
  /** How to address the project: the YAML's name or id, or an owned project id. */
  handle: string;
  /** The owned project id, tried when the handle no longer resolves (the YAML renamed the project). */
  fallbackId?: string;
  /** The declared service that names unmanaged resources; absent when nothing here is declared any more. */
  service?: string;
  desired: Record<VercelKind, Desired[]>;
  /** Owned keys that are no longer desired: observed so the core can plan their deletion. */
  owned: Record<VercelKind, OwnedResource[]>;
  /** Owned resource by address, for desired keys too (their recorded id helps matching). */
  ownedByAddress: ReadonlyMap<string, OwnedResource>;
}

export interface Scopes {
  scopes: ProjectScope[];
  /** Owned keys whose project cannot be worked out. */
  unknown: UnknownResource[];
}

/** Groups desired and owned keys by the Vercel project that holds them. */
export function buildScopes(env: EnvironmentModel, desired: readonly Desired[], owned: readonly OwnedResource[]): Scopes {
  const projectOfService = new Map<string, string>();
  for (const service of env.services) if (service.platform === 'vercel') projectOfService.set(service.name, service.vercel.project);

  const ownedByAddress = new Map(owned.filter((o) => o.key.platform === 'vercel').map((o) => [addressOf(o.key), o]));
  const desiredAddresses = new Set(desired.map((d) => addressOf(d.key)));
  const byHandle = new Map<string, ProjectScope>();
  const scopeFor = (handle: string): ProjectScope => {
    let scope = byHandle.get(handle);
    if (!scope) {
      scope = { handle, desired: { project: [], env: [], domain: [] }, owned: { project: [], env: [], domain: [] }, ownedByAddress };
      byHandle.set(handle, scope);
    }
    return scope;
  };

  for (const entry of desired) {
    const service = serviceOf(entry.key.name);
    const kind = entry.key.kind as VercelKind;
    const handle = projectOfService.get(service) ?? String((entry.spec as { name?: unknown }).name ?? service);
    const scope = scopeFor(handle);
    scope.desired[kind].push(entry);
    scope.service ??= service;
    if (kind === 'project') {
      const ownedProject = ownedByAddress.get(addressOf(entry.key));
      if (ownedProject) scope.fallbackId = ownedProject.id;
    }
  }

  const unknown: UnknownResource[] = [];
  for (const entry of ownedByAddress.values()) {
    if (desiredAddresses.has(addressOf(entry.key))) continue;
    const handle = ownedHandle(entry, projectOfService, ownedByAddress);
    if (!handle) {
      unknown.push({
        key: entry.key,
        reason: `cannot tell which Vercel project holds ${addressOf(entry.key)}: its service is no longer declared and its project is not in the inventory`,
      });
      continue;
    }
    scopeFor(handle).owned[entry.key.kind as VercelKind].push(entry);
  }
  return { scopes: [...byHandle.values()], unknown };
}

/**
 * The project of an owned key that is no longer desired: its service's project when the service is
 * still declared, else the owned project of that service, else the `projectId` recorded in its spec.
 */
function ownedHandle(entry: OwnedResource, projectOfService: ReadonlyMap<string, string>, ownedByAddress: ReadonlyMap<string, OwnedResource>): string | undefined {
  const service = serviceOf(entry.key.name);
  const declared = projectOfService.get(service);
  if (declared) return declared;
  if (entry.key.kind === 'project') return entry.id;
  const ownedProject = ownedByAddress.get(projectAddress(service));
  if (ownedProject) return ownedProject.id;
  const recorded = (entry.spec as { projectId?: unknown } | undefined)?.projectId;
  return typeof recorded === 'string' && recorded !== '' ? recorded : undefined;
}
