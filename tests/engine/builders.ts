import type { PlannedChange } from '../../src/engine/plan-types.js';
import type { Desired, Observed, ResourceKey, Spec } from '../../src/engine/types.js';
import type { InventoryEntry } from '../../src/store/types.js';

export function key(kind: string, name: string, platform: ResourceKey['platform'] = 'vercel'): ResourceKey {
  return { env: 'production', platform, kind, name };
}

export function desired(kind: string, name: string, spec: Spec, dependsOn: string[] = []): Desired {
  return { key: key(kind, name), spec, source: { file: 'environments/production.yaml', line: 3, column: 5 }, dependsOn };
}

export function observed(kind: string, name: string, id: string, spec: Spec): Observed {
  return { key: key(kind, name), id, spec, health: 'ready' };
}

export function owned(kind: string, name: string, id: string): InventoryEntry {
  return { key: key(kind, name), address: `vercel.${kind}.${name}`, id, origin: 'created', recordedAt: '2026-11-22T00:00:00Z' };
}

export function planned(action: PlannedChange['action'], address: string, dependsOn: string[] = []): PlannedChange {
  const [platform, kind, ...rest] = address.split('.');
  const k = { env: 'production', platform: platform as ResourceKey['platform'], kind: kind!, name: rest.join('.') };
  const change: PlannedChange['change'] =
    action === 'create'
      ? { action, key: k, desired: {}, dependsOn }
      : action === 'update'
        ? { action, key: k, id: 'x', observed: {}, desired: {}, paths: [], dependsOn }
        : { action, key: k, id: 'x', observed: {}, dependsOn };
  return { address, platform: k.platform, kind: k.kind, name: k.name, action, fields: [], dependsOn, notices: [], change };
}
