import type { ApplyResult, Change, ReconcileContext } from '../../src/engine/types.js';
import type { RailwayApi } from './client.js';
import { INSTANCE_SETTING_FIELDS, type InstanceSpec, type RailwaySpec } from './specs.js';
import { instanceTargetOf } from './targets.js';

/**
 * `railway.instance.<service>`: the instance exists as soon as the service does, so a create is an
 * update and a delete removes nothing (the settings stay as they are; the service's own delete
 * removes the instance). serviceInstanceUpdate only records the settings: they take effect on
 * the next deployment, which finalize starts.
 */
export async function applyInstance(change: Change<RailwaySpec>, ctx: ReconcileContext, api: RailwayApi): Promise<ApplyResult> {
  if (change.action === 'delete') return { id: change.id };
  const target = await instanceTargetOf(change, ctx, api);
  const desired = change.desired as InstanceSpec;
  // An update sends only what differs, so a setting changed here by hand in another field is not
  // overwritten with a stale value.
  const fields = change.action === 'update' ? INSTANCE_SETTING_FIELDS.filter((f) => change.paths.includes(f)) : INSTANCE_SETTING_FIELDS;
  const input: Record<string, unknown> = {};
  for (const field of fields) if (desired[field] !== undefined) input[field] = desired[field];
  if (Object.keys(input).length > 0) await api.updateInstance(target, input);
  return { id: change.action === 'update' ? change.id : `${target.serviceId}/${target.environmentId}` };
}
