import { AmbiguousResultError, describeError } from '../errors.js';
import type { EnvironmentModel, PlatformId } from '../model/environment.js';
import { sanitizeSpec } from '../store/sanitize.js';
import type { InventoryEntry } from '../store/types.js';
import { differingFields } from './compare.js';
import type { PlannedChange } from './plan-types.js';
import { resolveDesired } from './resolve.js';
import type { EngineRuntime, OutputTable, PlatformSession } from './session.js';
import { isKnownAfterApply } from './spec-values.js';
import { addressOf, type ApplyResult, type Change, type GroupApplyOutcome } from './types.js';

/** The closed vocabulary of what happened to one change. */
export type Outcome = 'created' | 'updated' | 'unchanged' | 'deleted' | 'skipped' | 'failed';

export interface ChangeOutcome {
  address: string;
  action: PlannedChange['action'];
  outcome: Outcome;
  id?: string;
  error?: string;
  notices?: readonly string[];
  /** A skip that leaves nothing undone (a shared resource kept on purpose): dependents may proceed. */
  benign?: boolean;
}

export interface ExecutionContext {
  env: EnvironmentModel;
  runtime: EngineRuntime;
  sessions: readonly PlatformSession[];
  outputs: OutputTable;
  allowDelete: boolean;
  inventory: readonly InventoryEntry[];
  managedPlatforms: ReadonlySet<PlatformId>;
}

export async function runChange(planned: PlannedChange, execution: ExecutionContext): Promise<ChangeOutcome> {
  const precheck = await precheckChange(planned, execution);
  if (precheck.outcome) return precheck.outcome;
  const session = sessionFor(planned.platform, execution);
  try {
    const result = await session.reconciler.apply(precheck.change, session.context(execution.outputs));
    return await succeed(planned, precheck.change, result, execution);
  } catch (error) {
    return settleFailure(planned, precheck.change, error, execution);
  }
}

/** One adapter call for several changes; every change still gets its own outcome. */
export async function runGroup(group: readonly PlannedChange[], execution: ExecutionContext): Promise<ChangeOutcome[]> {
  const outcomes: (ChangeOutcome | undefined)[] = [];
  const toApply: { planned: PlannedChange; change: Change; index: number }[] = [];
  for (const [index, planned] of group.entries()) {
    const precheck = await precheckChange(planned, execution);
    outcomes[index] = precheck.outcome;
    if (!precheck.outcome) toApply.push({ planned, change: precheck.change, index });
  }
  if (toApply.length > 0) {
    const session = sessionFor(group[0]!.platform, execution);
    let results: GroupApplyOutcome[];
    try {
      results = await session.reconciler.applyGroup!(toApply.map((item) => item.change), session.context(execution.outputs));
    } catch (error) {
      results = toApply.map(() => ({ ok: false as const, error }));
    }
    for (const [position, item] of toApply.entries()) {
      const result = results[position];
      outcomes[item.index] =
        result?.ok === true
          ? await succeed(item.planned, item.change, result.result, execution)
          : await settleFailure(item.planned, item.change, result ? result.error : new Error('the adapter returned no result for this change'), execution);
    }
  }
  return outcomes.map((outcome) => outcome!);
}

type Precheck = { outcome: ChangeOutcome; change?: undefined } | { outcome?: undefined; change: Change };

async function precheckChange(planned: PlannedChange, execution: ExecutionContext): Promise<Precheck> {
  const base = { address: planned.address, action: planned.action };
  if (planned.blocked !== undefined) {
    const shared = planned.action === 'delete';
    if (shared) await execution.runtime.store.forget(execution.env.name, [planned.address]);
    return { outcome: { ...base, outcome: 'skipped', error: planned.blocked, benign: shared } };
  }
  if (planned.action === 'delete') {
    if (!execution.allowDelete) return { outcome: { ...base, outcome: 'skipped', error: 'deletion needs --allow-delete' } };
    return { change: planned.change };
  }
  if (!planned.desired) return { change: planned.change };
  // Re-resolve: references to resources created earlier in this apply are known now.
  const resolved = resolveDesired(planned.desired, {
    processEnv: execution.runtime.processEnv,
    outputs: execution.outputs,
    managedPlatforms: execution.managedPlatforms,
  });
  const unresolved = Object.keys(resolved.spec).find((field) => isKnownAfterApply(resolved.spec[field]));
  if (unresolved !== undefined) {
    return { outcome: { ...base, outcome: 'failed', error: `${unresolved} refers to an output that is still unknown after its resource was applied` } };
  }
  return { change: { ...planned.change, desired: resolved.spec } as Change };
}

async function succeed(planned: PlannedChange, change: Change, result: ApplyResult, execution: ExecutionContext): Promise<ChangeOutcome> {
  execution.outputs.set(planned.address, result.outputs);
  const store = execution.runtime.store;
  if (change.action === 'delete') {
    await store.forget(execution.env.name, [planned.address]);
    return { address: planned.address, action: 'delete', outcome: 'deleted', id: change.id };
  }
  const existing = execution.inventory.find((entry) => entry.address === planned.address);
  await store.recordOwned(execution.env.name, [
    {
      key: change.key,
      address: planned.address,
      id: result.id,
      origin: existing?.origin ?? (change.action === 'create' ? 'created' : 'adopted'),
      spec: sanitizeSpec(change.desired),
      recordedAt: new Date().toISOString(),
    },
  ]);
  return {
    address: planned.address,
    action: change.action,
    outcome: change.action === 'create' ? 'created' : 'updated',
    id: result.id,
    ...(result.notices ? { notices: result.notices } : {}),
  };
}

/**
 * A lost answer is not a failure yet: look at the platform again and decide from what is there, so
 * a create that did happen is recorded (and never repeated) and one that did not is reported.
 */
async function settleFailure(planned: PlannedChange, change: Change, error: unknown, execution: ExecutionContext): Promise<ChangeOutcome> {
  const base = { address: planned.address, action: planned.action };
  if (!(error instanceof AmbiguousResultError)) return { ...base, outcome: 'failed', error: describeError(error) };

  const session = sessionFor(planned.platform, execution);
  try {
    const owned = change.action === 'create' ? [] : [{ key: change.key, id: change.id }];
    const seen = await session.reconciler.observe(planned.desired ? [planned.desired] : [], owned, session.context(execution.outputs));
    const found = seen.observed.find((o) => addressOf(o.key) === planned.address);
    const unknown = seen.unknown.some((u) => addressOf(u.key) === planned.address);
    if (unknown) return { ...base, outcome: 'failed', error: `${describeError(error)}; re-reading it failed too, so whether it was applied is unknown: run plan to see` };
    if (change.action === 'delete') {
      if (!found) return succeed(planned, change, { id: change.id }, execution);
    } else if (found && (change.action === 'create' || differingFields(change.desired, found.spec).length === 0)) {
      execution.outputs.set(planned.address, found.outputs);
      return succeed(planned, change, { id: found.id, ...(found.notices ? { notices: found.notices } : {}) }, execution);
    }
    return { ...base, outcome: 'failed', error: `${describeError(error)}; re-read: it was not applied` };
  } catch (reobserveError) {
    return { ...base, outcome: 'failed', error: `${describeError(error)}; re-reading failed (${describeError(reobserveError)}): run plan to see whether it was applied` };
  }
}

function sessionFor(platform: PlatformId, execution: ExecutionContext): PlatformSession {
  const session = execution.sessions.find((s) => s.reconciler.id === platform);
  if (!session) throw new Error(`no session for platform ${platform}`);
  return session;
}
