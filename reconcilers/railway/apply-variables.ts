import type { Change, GroupApplyOutcome, ReconcileContext } from '../../src/engine/types.js';
import { TerminalError } from '../../src/errors.js';
import { isSecret } from '../../src/secret.js';
import type { RailwayApi } from './client.js';
import { scopeOf, serviceOf, type RailwaySpec, type VariableSpec } from './specs.js';
import { instanceTargetOf } from './targets.js';

/** One group per (project, environment, service): one variableCollectionUpsert for all of them. */
export function variableGroupKey(change: Change<RailwaySpec>): string | undefined {
  if (change.key.kind !== 'variable') return undefined;
  const spec = change.action === 'delete' ? change.observed : change.desired;
  const scope = scopeOf(spec);
  return `railway-variables:${scope?.project ?? ''}/${scope?.environment ?? ''}/${serviceOf(change.key)}`;
}

/**
 * Creates and updates of one service's variables in ONE variableCollectionUpsert (replace: false,
 * skipDeploys: true; finalize redeploys once). If that call fails, every create/update of the
 * group fails with its error: the upsert is one request, so it applied all or, on an ambiguous
 * answer, possibly all. Deletes go one by one (there is no batch delete that spares unowned
 * variables).
 */
export async function applyVariableGroup(
  changes: readonly Change<RailwaySpec>[],
  ctx: ReconcileContext,
  api: RailwayApi,
): Promise<GroupApplyOutcome[]> {
  const outcomes: (GroupApplyOutcome | undefined)[] = changes.map(() => undefined);
  const first = changes[0];
  if (!first) return [];
  const target = await instanceTargetOf(first, ctx, api).catch((error: unknown) => error as Error);
  if (target instanceof Error) return changes.map(() => ({ ok: false, error: target }));

  const values: Record<string, string> = {};
  const upserted: { index: number; name: string }[] = [];
  changes.forEach((change, index) => {
    if (change.action === 'delete') return;
    const spec = change.desired as VariableSpec;
    const value = plainValue(spec.value);
    if (value === undefined) {
      outcomes[index] = {
        ok: false,
        error: new TerminalError(`railway: variable ${change.key.name} has no value to send`, {
          hint: 'a `secret` variable must be set on Railway by hand; a `ref` must point at a resource that exists',
        }),
      };
      return;
    }
    values[spec.name] = value;
    upserted.push({ index, name: spec.name });
  });

  if (upserted.length > 0) {
    try {
      await api.upsertVariables(target, values);
      for (const { index, name } of upserted) outcomes[index] = { ok: true, result: { id: `${target.serviceId}/${name}` } };
    } catch (error) {
      for (const { index } of upserted) outcomes[index] = { ok: false, error };
    }
  }

  for (const [index, change] of changes.entries()) {
    if (change.action !== 'delete') continue;
    const name = (change.observed as VariableSpec).name;
    try {
      await api.deleteVariable(target, name);
      outcomes[index] = { ok: true, result: { id: change.id } };
    } catch (error) {
      outcomes[index] = { ok: false, error };
    }
  }
  return outcomes.map((o) => o ?? { ok: false, error: new TerminalError('railway: change was not applied') });
}

/** The core has resolved fromEnv to a Secret and ref to a string; only those are sendable. */
function plainValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isSecret(value)) return value.reveal();
  return undefined;
}
