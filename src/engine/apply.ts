import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import pLimit from 'p-limit';
import { describeError, TerminalError } from '../errors.js';
import type { EnvironmentModel } from '../model/environment.js';
import type { RunTrigger } from '../store/types.js';
import { keyFromAddress } from './address.js';
import { runChange, runGroup, type ChangeOutcome, type ExecutionContext } from './execute-change.js';
import { preparePlan, type PlanOptions } from './plan.js';
import type { Plan, PlannedChange } from './plan-types.js';
import { closeSessions, managedPlatforms, type EngineRuntime } from './session.js';
import type { FinalizeResult } from './types.js';

export type { ChangeOutcome };

export interface ApplyOptions extends PlanOptions {
  allowDelete: boolean;
  /** Override for the share-of-resources delete guard. */
  allowMassDelete?: boolean;
  kind?: 'apply' | 'reconcile';
  trigger: RunTrigger;
  commit?: string;
  actor?: string;
  reason?: string;
  /** Changes applied at once across the environment (each platform's HTTP budget still applies). */
  concurrency?: number;
  onProgress?: (event: ProgressEvent) => void;
  /** Called with the plan before anything changes; returning false aborts with nothing applied. */
  confirm?: (plan: Plan) => Promise<boolean>;
}

export type ProgressEvent =
  | { type: 'planned'; plan: Plan }
  | { type: 'start'; address: string; action: string }
  | { type: 'done'; outcome: ChangeOutcome }
  | { type: 'verifying' };

export interface ApplyReport {
  environment: string;
  runId: string;
  plan: Plan;
  outcomes: ChangeOutcome[];
  finalize: FinalizeResult['actions'];
  /** The plan computed right after applying: empty when the environment converged. */
  verification: Plan | null;
  converged: boolean;
  aborted: boolean;
}

const LOCK_TTL_MS = 30 * 60_000;

/**
 * Plans, applies exactly that plan, then verifies by planning again. Holds the environment's lock
 * throughout and records the run. Whatever happens, the report says, change by change, what was
 * applied, what failed and what was skipped.
 */
export async function applyEnvironment(env: EnvironmentModel, runtime: EngineRuntime, options: ApplyOptions): Promise<ApplyReport> {
  const holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const lock = await runtime.store.acquireLock(env.name, holder, LOCK_TTL_MS);
  if (!lock) {
    const current = await runtime.store.lockHolder(env.name);
    const by = current ? ` (${current.holder}, since ${current.acquiredAt})` : '';
    throw new TerminalError(`environment ${env.name} is locked by another apply${by}; nothing was applied`, {
      hint: `wait for it to finish (see \`gitplane history\`); a lock left by a crashed run expires ${LOCK_TTL_MS / 60_000} minutes after it was taken`,
    });
  }
  const runId = await runtime.store.startRun({
    env: env.name,
    kind: options.kind ?? 'apply',
    trigger: options.trigger,
    ...(options.commit ? { commit: options.commit } : {}),
    ...(options.actor ? { actor: options.actor } : {}),
    ...(options.reason ? { reason: options.reason } : {}),
  });
  try {
    const report = await applyLocked(env, runtime, options, runId);
    await runtime.store.finishRun(runId, {
      outcome: report.aborted ? 'not_converged' : report.converged ? 'converged' : 'not_converged',
      summary: { ...report.plan.summary, failed: report.outcomes.filter((o) => o.outcome === 'failed').length },
      changes: report.outcomes.map((o) => ({ address: o.address, action: o.action, outcome: o.outcome, ...(o.error ? { error: o.error } : {}) })),
    });
    return report;
  } catch (error) {
    await runtime.store.finishRun(runId, { outcome: 'failed', summary: {}, changes: [], error: describeError(error) });
    throw error;
  } finally {
    await lock.release();
  }
}

async function applyLocked(env: EnvironmentModel, runtime: EngineRuntime, options: ApplyOptions, runId: string): Promise<ApplyReport> {
  const prepared = await preparePlan(env, runtime, options);
  const { plan, sessions, outputs } = prepared;
  try {
    options.onProgress?.({ type: 'planned', plan });
    if (options.allowDelete && plan.deleteGuard.exceeded && !options.allowMassDelete) {
      const { deleting, owned, maxFraction } = plan.deleteGuard;
      throw new TerminalError(
        `refusing to apply ${env.name}: the plan deletes ${deleting} of ${owned} owned resources, more than the ${Math.round(maxFraction * 100)}% allowed by policy.maxDeleteFraction; nothing was applied`,
        { hint: 'check the plan; if these deletions are intended, run again with --allow-mass-delete' },
      );
    }
    if (options.confirm && plan.changes.length > 0 && !(await options.confirm(plan))) {
      return { environment: env.name, runId, plan, outcomes: [], finalize: [], verification: null, converged: false, aborted: true };
    }

    await recordAdoptions(env, runtime, plan);
    if (prepared.vanished.length > 0) await runtime.store.forget(env.name, prepared.vanished);

    const execution: ExecutionContext = {
      env, runtime, sessions, outputs, allowDelete: options.allowDelete, inventory: prepared.inventory, managedPlatforms: managedPlatforms(runtime),
    };
    const outcomes = await executeInWaves(plan.changes, execution, options);
    const finalize = await finalizePlatforms(plan.changes, outcomes, execution);

    options.onProgress?.({ type: 'verifying' });
    const verification = await verify(env, runtime, options);
    const converged =
      verification !== null &&
      verification.changes.length === 0 &&
      verification.unknown.length === 0 &&
      outcomes.every((o) => o.outcome !== 'failed') &&
      finalize.every((a) => a.ok);
    return { environment: env.name, runId, plan, outcomes, finalize, verification, converged, aborted: false };
  } finally {
    await closeSessions(sessions);
  }
}

async function recordAdoptions(env: EnvironmentModel, runtime: EngineRuntime, plan: Plan): Promise<void> {
  if (plan.adoptions.length === 0) return;
  const recordedAt = new Date().toISOString();
  await runtime.store.recordOwned(
    env.name,
    plan.adoptions.map(({ address, id }) => ({ key: keyFromAddress(env.name, address)!, address, id, origin: 'adopted' as const, recordedAt })),
  );
}

/**
 * Runs changes in waves: each wave holds every change whose dependencies are done. A change whose
 * dependency failed or was skipped is skipped with that reason. Deletes wait (order.ts) for every
 * create and update of their platform, and are skipped if any of those failed.
 */
async function executeInWaves(changes: readonly PlannedChange[], execution: ExecutionContext, options: ApplyOptions): Promise<ChangeOutcome[]> {
  const outcomes = new Map<string, ChangeOutcome>();
  const pending = new Map(changes.map((change) => [change.address, change]));
  const limit = pLimit(options.concurrency ?? 4);

  while (pending.size > 0) {
    const ready: PlannedChange[] = [];
    for (const change of pending.values()) {
      const failedDependency = change.dependsOn.find((dep) => {
        const outcome = outcomes.get(dep);
        return outcome !== undefined && (outcome.outcome === 'failed' || (outcome.outcome === 'skipped' && !outcome.benign));
      });
      if (failedDependency !== undefined) {
        const outcome: ChangeOutcome = { address: change.address, action: change.action, outcome: 'skipped', error: `not attempted: ${failedDependency} did not succeed` };
        outcomes.set(change.address, outcome);
        pending.delete(change.address);
        options.onProgress?.({ type: 'done', outcome });
        continue;
      }
      if (change.dependsOn.every((dep) => outcomes.has(dep) || !pending.has(dep))) ready.push(change);
    }
    if (ready.length === 0) {
      if (pending.size > 0 && [...pending.values()].every((c) => c.dependsOn.some((dep) => pending.has(dep)))) {
        for (const change of pending.values()) outcomes.set(change.address, { address: change.address, action: change.action, outcome: 'skipped', error: 'not attempted: dependency cycle' });
        pending.clear();
      }
      continue;
    }
    for (const change of ready) pending.delete(change.address);

    const units = groupReady(ready, execution);
    const results = await Promise.all(
      units.map((unit) =>
        limit(async () => {
          for (const change of unit.changes) options.onProgress?.({ type: 'start', address: change.address, action: change.action });
          return unit.groupKey === undefined ? [await runChange(unit.changes[0]!, execution)] : runGroup(unit.changes, execution);
        }),
      ),
    );
    for (const outcome of results.flat()) {
      outcomes.set(outcome.address, outcome);
      options.onProgress?.({ type: 'done', outcome });
    }
  }
  return changes.map((change) => outcomes.get(change.address)!);
}

function groupReady(ready: readonly PlannedChange[], execution: ExecutionContext): { groupKey?: string; changes: PlannedChange[] }[] {
  const units: { groupKey?: string; changes: PlannedChange[] }[] = [];
  const groups = new Map<string, PlannedChange[]>();
  for (const change of ready) {
    const session = execution.sessions.find((s) => s.reconciler.id === change.platform);
    const key = !change.blocked && session?.reconciler.applyGroup ? session.reconciler.groupKey?.(change.change) : undefined;
    if (key === undefined) {
      units.push({ changes: [change] });
      continue;
    }
    const groupKey = `${change.platform}:${key}`;
    const members = groups.get(groupKey) ?? [];
    if (members.length === 0) units.push({ groupKey, changes: members });
    members.push(change);
    groups.set(groupKey, members);
  }
  return units;
}

async function finalizePlatforms(changes: readonly PlannedChange[], outcomes: readonly ChangeOutcome[], execution: ExecutionContext): Promise<FinalizeResult['actions']> {
  const succeeded = new Set(outcomes.filter((o) => ['created', 'updated', 'deleted'].includes(o.outcome)).map((o) => o.address));
  const actions: FinalizeResult['actions'] = [];
  for (const session of execution.sessions) {
    if (!session.reconciler.finalize) continue;
    const applied = changes.filter((c) => c.platform === session.reconciler.id && succeeded.has(c.address)).map((c) => c.change);
    if (applied.length === 0) continue;
    try {
      const result = await session.reconciler.finalize(applied, session.context(execution.outputs));
      actions.push(...result.actions);
    } catch (error) {
      const key = applied[0]!.key;
      actions.push({ key, description: `${session.reconciler.id}: finishing the apply`, ok: false, error: describeError(error) });
    }
  }
  return actions;
}

/** Observe again with fresh sessions and plan: converged means nothing left to do. */
async function verify(env: EnvironmentModel, runtime: EngineRuntime, options: PlanOptions): Promise<Plan | null> {
  try {
    const again = await preparePlan(env, runtime, options);
    await closeSessions(again.sessions);
    return again.plan;
  } catch (error) {
    runtime.log.warn({ env: env.name, err: describeError(error) }, 'verification failed');
    return null;
  }
}

