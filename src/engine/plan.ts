import { describeError } from '../errors.js';
import type { EnvironmentModel, PlatformId } from '../model/environment.js';
import type { InventoryEntry } from '../store/types.js';
import { matchesTarget } from './address.js';
import { diffPlatform, type PlatformDiff } from './diff.js';
import { orderChanges } from './order.js';
import type { Plan, PlannedChange } from './plan-types.js';
import { resolveDesired, type ResolvedDesired } from './resolve.js';
import { closeSessions, managedPlatforms, openSessions, OutputTable, type EngineRuntime, type PlatformSession } from './session.js';
import { addressOf, type ObserveResult, type OwnedResource } from './types.js';

export interface PlanOptions {
  /** Addresses or address prefixes; empty means everything. */
  targets?: readonly string[];
}

/** Everything apply needs besides the plan value itself. */
export interface PlanRun {
  plan: Plan;
  sessions: PlatformSession[];
  outputs: OutputTable;
  /** Owned resources that have vanished from their platform. */
  vanished: string[];
  inventory: InventoryEntry[];
}

/** Read-only: observes the platforms and computes the plan. Changes nothing anywhere. */
export async function planEnvironment(env: EnvironmentModel, runtime: EngineRuntime, options: PlanOptions = {}): Promise<Plan> {
  const run = await preparePlan(env, runtime, options);
  await closeSessions(run.sessions);
  return run.plan;
}

/** Like planEnvironment, but keeps the platform sessions open for apply. The caller closes them. */
export async function preparePlan(env: EnvironmentModel, runtime: EngineRuntime, options: PlanOptions = {}): Promise<PlanRun> {
  const inventory = await runtime.store.inventory(env.name);
  const ownedPlatforms = new Set(inventory.map((entry) => entry.key.platform));
  const sessions = openSessions(env, ownedPlatforms, runtime);
  try {
    return await computePlan(env, runtime, sessions, inventory, options);
  } catch (error) {
    await closeSessions(sessions);
    throw error;
  }
}

async function computePlan(env: EnvironmentModel, runtime: EngineRuntime, sessions: PlatformSession[], inventory: InventoryEntry[], options: PlanOptions): Promise<PlanRun> {
  const outputs = new OutputTable();
  const managed = managedPlatforms(runtime);
  const warnings = unsupportedWarnings(env, managed);

  // Observe every platform concurrently; a platform whose read fails entirely turns all its keys
  // into "unknown" and the others still plan.
  const observations = await Promise.all(
    sessions.map(async (session) => {
      const ownedEntries = inventory.filter((entry) => entry.key.platform === session.reconciler.id);
      const owned: OwnedResource[] = ownedEntries.map((entry) => ({ key: entry.key, id: entry.id, ...(entry.spec ? { spec: entry.spec } : {}) }));
      try {
        return { session, owned, ownedEntries, result: await session.reconciler.observe(session.desired, owned, session.context(outputs)) };
      } catch (error) {
        runtime.log.warn({ platform: session.reconciler.id, err: describeError(error) }, 'observe failed');
        const reason = `${session.reconciler.id} could not be read: ${describeError(error)}`;
        const keys = [...session.desired.map((d) => d.key), ...owned.map((o) => o.key)];
        return { session, owned, ownedEntries, result: { observed: [], unknown: keys.map((key) => ({ key, reason })), unmanaged: [] } satisfies ObserveResult };
      }
    }),
  );
  for (const { result } of observations) for (const observed of result.observed) outputs.set(addressOf(observed.key), observed.outputs);

  const diffs: PlatformDiff[] = [];
  for (const { session, ownedEntries, result } of observations) {
    const resolved: ResolvedDesired[] = session.desired.map((desired) =>
      resolveDesired(desired, { processEnv: runtime.processEnv, outputs, managedPlatforms: managed }),
    );
    for (const item of resolved) warnings.push(...item.warnings);
    diffs.push(diffPlatform({ resolved, observed: result, owned: ownedEntries, policy: session.reconciler.diffPolicy }));
  }

  const targets = options.targets ?? [];
  const allChanges = diffs.flatMap((d) => d.changes);
  const selected = selectTargets(allChanges, targets);
  await markSharedDeletes(selected, env.name, runtime);
  const changes = orderChanges(selected);
  const plan = assemblePlan(env, sessions, diffs, changes, inventory, warnings, targets);
  return { plan, sessions, outputs, vanished: diffs.flatMap((d) => d.vanished), inventory };
}

/** Targeted changes plus the creates and updates they depend on (as `terraform -target` does). */
function selectTargets(changes: PlannedChange[], targets: readonly string[]): PlannedChange[] {
  if (targets.length === 0) return changes;
  const byAddress = new Map(changes.map((c) => [c.address, c]));
  const chosen = new Set<string>();
  const add = (change: PlannedChange): void => {
    if (chosen.has(change.address)) return;
    chosen.add(change.address);
    if (change.action === 'delete') return;
    for (const dependency of change.dependsOn) {
      const target = byAddress.get(dependency);
      if (target && target.action !== 'delete') add(target);
    }
  };
  for (const change of changes) if (matchesTarget(change.address, targets)) add(change);
  return changes.filter((c) => chosen.has(c.address));
}

/**
 * Several environment files may manage one platform resource (a Vercel project serving production
 * and a staging branch). Deleting it because one file dropped it would break the other, so such a
 * delete only removes it from this environment's inventory.
 */
async function markSharedDeletes(changes: PlannedChange[], envName: string, runtime: EngineRuntime): Promise<void> {
  for (const change of changes) {
    if (change.action !== 'delete' || change.id === undefined) continue;
    const others = (await runtime.store.ownersOf(change.platform, change.kind, change.id)).filter((owner) => owner !== envName);
    if (others.length > 0) {
      change.blocked = `also managed by environment ${others.join(', ')}: kept, and only removed from ${envName}'s inventory`;
    }
  }
}

function assemblePlan(
  env: EnvironmentModel,
  sessions: PlatformSession[],
  diffs: PlatformDiff[],
  changes: PlannedChange[],
  inventory: InventoryEntry[],
  warnings: string[],
  targets: readonly string[],
): Plan {
  const inScope = (address: string): boolean => matchesTarget(address, targets);
  const deleting = changes.filter((c) => c.action === 'delete' && !c.blocked).length;
  const maxFraction = env.policy.maxDeleteFraction;
  const owned = inventory.length;
  const blockedProblems = diffs.flatMap((d) => d.problems).filter((p) => p.address === undefined || inScope(p.address));
  const plan: Plan = {
    environment: env.name,
    generatedAt: new Date().toISOString(),
    platforms: sessions.map((s) => s.reconciler.id),
    changes,
    adoptions: diffs.flatMap((d) => d.adoptions).filter((a) => inScope(a.address)),
    unknown: diffs.flatMap((d) => d.unknown).filter((u) => inScope(u.address)),
    unmanaged: diffs.flatMap((d) => d.unmanaged),
    notices: diffs.flatMap((d) => d.notices).filter((n) => inScope(n.address)),
    problems: blockedProblems,
    warnings: [...new Set(warnings)],
    deleteGuard: { deleting, owned, maxFraction, exceeded: owned > 0 && deleting > 0 && deleting / owned > maxFraction },
    summary: { create: 0, update: 0, delete: 0, adopt: 0, unknown: 0, unmanaged: 0, blocked: 0 },
  };
  plan.summary = {
    create: changes.filter((c) => c.action === 'create').length,
    update: changes.filter((c) => c.action === 'update').length,
    delete: changes.filter((c) => c.action === 'delete').length,
    adopt: plan.adoptions.length,
    unknown: plan.unknown.length,
    unmanaged: plan.unmanaged.length,
    blocked: changes.filter((c) => c.blocked !== undefined).length,
  };
  return plan;
}

function unsupportedWarnings(env: EnvironmentModel, managed: ReadonlySet<PlatformId>): string[] {
  const warnings: string[] = [];
  if (env.sentry && env.sentry.projects.length > 0 && !managed.has('sentry')) {
    warnings.push(`sentry: ${env.sentry.projects.length} project(s) declared but not reconciled: this version of gitplane does not manage Sentry yet`);
  }
  if (env.monitors.length > 0 && !managed.has('uptimerobot')) {
    warnings.push(`uptimerobot: ${env.monitors.length} monitor(s) declared but not reconciled: this version of gitplane does not manage UptimeRobot yet`);
  }
  return warnings;
}
