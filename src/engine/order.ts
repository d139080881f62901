import type { PlannedChange } from './plan-types.js';

/**
 * Orders changes so that what a change depends on comes first, and gives each change the list of
 * planned changes it must wait for (`dependsOn` narrowed to changes in this plan).
 *
 * Creates and updates wait for the creates and updates of what they depend on. Deletes run after
 * every create and update of their platform (a replacement is in place before the old thing
 * goes), and a parent is deleted only after its children. A parent found only by name prefix
 * (`vercel.env.web.X` under `vercel.project.web`) counts as a dependency too, so adapters that do
 * not report `dependsOn` for observed resources are still ordered safely.
 */
export function orderChanges(changes: readonly PlannedChange[]): PlannedChange[] {
  const byAddress = new Map(changes.map((change) => [change.address, change]));
  const waitsFor = new Map<string, Set<string>>();
  for (const change of changes) waitsFor.set(change.address, new Set());

  for (const change of changes) {
    const waits = waitsFor.get(change.address)!;
    if (change.action !== 'delete') {
      for (const dependency of change.dependsOn) {
        const target = byAddress.get(dependency);
        if (target && target.action !== 'delete') waits.add(dependency);
      }
      continue;
    }
    for (const other of changes) {
      if (other.platform === change.platform && other.action !== 'delete') waits.add(other.address);
    }
    for (const child of changes) {
      if (child.action === 'delete' && child !== change && isChildOf(child, change)) waits.add(child.address);
    }
  }

  const ordered: PlannedChange[] = [];
  const done = new Set<string>();
  const visiting = new Set<string>();
  const visit = (change: PlannedChange): void => {
    if (done.has(change.address)) return;
    if (visiting.has(change.address)) return; // a cycle cannot come from validated YAML; break it rather than hang
    visiting.add(change.address);
    for (const dependency of [...waitsFor.get(change.address)!].sort()) visit(byAddress.get(dependency)!);
    visiting.delete(change.address);
    done.add(change.address);
    ordered.push({ ...change, dependsOn: [...waitsFor.get(change.address)!].sort() });
  };
  for (const change of [...changes].sort(compareForDisplay)) visit(change);
  return ordered;
}

function isChildOf(child: PlannedChange, parent: PlannedChange): boolean {
  if (child.dependsOn.includes(parent.address)) return true;
  return child.platform === parent.platform && child.kind !== parent.kind && child.name.startsWith(`${parent.name}.`);
}

const ACTION_RANK = { create: 0, update: 1, delete: 2 } as const;

function compareForDisplay(a: PlannedChange, b: PlannedChange): number {
  return ACTION_RANK[a.action] - ACTION_RANK[b.action] || a.address.localeCompare(b.address);
}
