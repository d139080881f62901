import type { InventoryEntry } from '../store/types.js';
import { differingFields } from './compare.js';
import type { FieldChange, Plan, PlannedChange } from './plan-types.js';
import type { ResolvedDesired } from './resolve.js';
import { isPresenceOnly } from './spec-values.js';
import { addressOf, type DiffPolicy, type Observed, type ObserveResult, type Spec } from './types.js';

/** One platform's share of a plan, plus what apply must drop from the inventory. */
export type PlatformDiff = Pick<Plan, 'changes' | 'adoptions' | 'unknown' | 'unmanaged' | 'notices' | 'problems'> & {
  /** Owned resources that are gone from the platform already: apply drops them from the inventory. */
  vanished: string[];
};

export interface DiffInput {
  resolved: readonly ResolvedDesired[];
  observed: ObserveResult;
  owned: readonly InventoryEntry[];
  policy: Readonly<Record<string, DiffPolicy>>;
}

/**
 * Level-based comparison for one platform: desired ∪ owned against what was observed.
 * - desired and observed: update when managed fields differ; adopt when not owned yet.
 * - desired, not observed, not unknown: create.
 * - owned, not desired, observed: delete (apply still needs --allow-delete).
 * - unknown: never a create or delete.
 */
export function diffPlatform(input: DiffInput): PlatformDiff {
  const result: PlatformDiff = { changes: [], adoptions: [], unknown: [], unmanaged: [], notices: [], problems: [], vanished: [] };
  const observedByAddress = new Map<string, Observed>(input.observed.observed.map((o) => [addressOf(o.key), o]));
  const unknownByAddress = new Map(input.observed.unknown.map((u) => [addressOf(u.key), u.reason]));
  const ownedByAddress = new Map(input.owned.map((entry) => [entry.address, entry]));
  const desiredAddresses = new Set<string>();

  for (const item of input.resolved) {
    const address = addressOf(item.desired.key);
    desiredAddresses.add(address);
    const dependsOn = [...new Set([...item.desired.dependsOn, ...item.references])];
    const unknownReason = unknownByAddress.get(address);
    if (unknownReason !== undefined) {
      result.unknown.push({ address, reason: unknownReason });
      continue;
    }
    const observed = observedByAddress.get(address);
    const policy = input.policy[item.desired.key.kind] ?? {};
    if (!observed) {
      const blockedField = Object.keys(item.spec).find((field) => isPresenceOnly(item.spec[field]));
      const change: PlannedChange = {
        address, platform: item.desired.key.platform, kind: item.desired.key.kind, name: item.desired.key.name,
        action: 'create',
        fields: Object.keys(item.spec).filter((path) => !policy.ignore?.includes(path)).map((path) => ({ path, before: undefined, after: item.spec[path] })),
        dependsOn, source: item.desired.source, notices: [],
        change: { action: 'create', key: item.desired.key, desired: item.spec, dependsOn },
        desired: item.desired,
      };
      if (blockedField !== undefined) {
        change.blocked = `cannot create ${address}: its ${blockedField} is a secret kept outside git and it does not exist on ${item.desired.key.platform}`;
        result.problems.push({
          address,
          message: `${address} is declared as a secret but does not exist on ${item.desired.key.platform} (${item.desired.source.file}:${item.desired.source.line})`,
          hint: 'add it on the platform, or declare it with fromEnv so gitplane can set it',
        });
      }
      result.changes.push(change);
      continue;
    }
    for (const notice of observed.notices ?? []) result.notices.push({ address, message: notice });
    if (!ownedByAddress.has(address)) result.adoptions.push({ address, id: observed.id });
    const paths = differingFields(item.spec, observed.spec, policy.ignore);
    if (paths.length === 0) continue;
    const fields: FieldChange[] = paths.map((path) => ({ path, before: observed.spec[path], after: item.spec[path] }));
    const change: PlannedChange = {
      address, platform: item.desired.key.platform, kind: item.desired.key.kind, name: item.desired.key.name,
      action: 'update', id: observed.id, fields, dependsOn, source: item.desired.source, notices: [],
      change: { action: 'update', key: item.desired.key, id: observed.id, observed: observed.spec, desired: item.spec, paths, dependsOn },
      desired: item.desired,
    };
    const replaceFields = paths.filter((path) => policy.replaceOn?.includes(path));
    if (replaceFields.length > 0) {
      // Replacing means deleting a live resource; gitplane never does that as a side effect of an edit.
      change.blocked = `${replaceFields.join(', ')} cannot be changed in place on ${item.desired.key.platform}`;
      result.problems.push({ address, message: `${address}: ${change.blocked}`, hint: 'change it on the platform by hand, or remove the resource from YAML and apply with --allow-delete, then add it back' });
    }
    result.changes.push(change);
  }

  for (const entry of input.owned) {
    if (desiredAddresses.has(entry.address)) continue;
    const unknownReason = unknownByAddress.get(entry.address);
    if (unknownReason !== undefined) {
      result.unknown.push({ address: entry.address, reason: unknownReason });
      continue;
    }
    const observed = observedByAddress.get(entry.address);
    if (!observed) {
      result.vanished.push(entry.address);
      continue;
    }
    const dependsOn = [...(observed.dependsOn ?? [])];
    result.changes.push({
      address: entry.address, platform: entry.key.platform, kind: entry.key.kind, name: entry.key.name,
      action: 'delete', id: observed.id, fields: [], dependsOn, notices: [],
      change: { action: 'delete', key: entry.key, id: observed.id, observed: observed.spec as Spec, dependsOn },
    });
  }

  for (const item of input.observed.unmanaged) result.unmanaged.push({ address: addressOf(item.key), id: item.id });
  return result;
}
