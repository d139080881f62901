import { describeError } from '../../src/errors.js';
import type { Observed, ObserveResult, ResourceKey } from '../../src/engine/types.js';

/** What one project's reads found. Unmanaged candidates are filtered once every project has claimed its own. */
export interface ScopeResult {
  observed: Observed[];
  unknown: ObserveResult['unknown'];
  /** `<projectId>/<id>` of every variable and domain some key claimed. */
  claimed: Set<string>;
  unmanagedCandidates: { projectId: string; id: string; observed: Observed }[];
}

export function emptyScopeResult(): ScopeResult {
  return { observed: [], unknown: [], claimed: new Set(), unmanagedCandidates: [] };
}

/** Every key of one kind in a project is unknown because its listing failed. */
export function kindUnknown(keys: readonly { key: ResourceKey }[], what: string, error: unknown): ObserveResult['unknown'] {
  const reason = `could not list ${what}: ${describeError(error)}`;
  return keys.map((entry) => ({ key: entry.key, reason }));
}
