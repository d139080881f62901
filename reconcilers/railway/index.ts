import type { ApplyResult, Change, GroupApplyOutcome, PlatformReconciler, ReconcileContext } from '../../src/engine/types.js';
import { TerminalError } from '../../src/errors.js';
import { applyDomain } from './apply-domain.js';
import { applyInstance } from './apply-instance.js';
import { applyService } from './apply-service.js';
import { applyVariableGroup, variableGroupKey } from './apply-variables.js';
import { RailwayApi } from './client.js';
import { railwayDesired } from './desired.js';
import { railwayFinalize } from './finalize.js';
import { railwayObserve } from './observe.js';
import { RAILWAY_KINDS, type RailwaySpec } from './specs.js';
import { createRailwayHttpClient, RAILWAY_TOKEN_VARIABLE } from './transport.js';

export type { RailwaySpec, ServiceSpec, InstanceSpec, VariableSpec, DomainSpec, RailwayScope } from './specs.js';

/**
 * Railway through its public GraphQL API. Stateless: everything comes from the context.
 *
 * Failure guarantees (per the contract): a failed create left nothing, except a create whose
 * answer was lost (AmbiguousResultError; the core re-observes); a failed update left the old or
 * a partial state; a failed delete left the resource. Railway's GraphQL errors are terminal.
 */
export const railwayReconciler: PlatformReconciler<RailwaySpec> = {
  id: 'railway',
  kinds: RAILWAY_KINDS,
  diffPolicy: {
    // `scope` says where the resource lives: not something to compare.
    service: { ignore: ['scope'] },
    instance: { ignore: ['scope'] },
    variable: { ignore: ['scope'] },
    domain: { ignore: ['scope'] },
  },
  credentials: { required: [RAILWAY_TOKEN_VARIABLE] },

  createHttpClient: createRailwayHttpClient,
  desired: railwayDesired,
  observe: railwayObserve,

  async apply(change: Change<RailwaySpec>, ctx: ReconcileContext): Promise<ApplyResult> {
    const api = new RailwayApi(ctx.http, ctx.signal);
    switch (change.key.kind) {
      case 'service':
        return applyService(change, ctx, api);
      case 'instance':
        return applyInstance(change, ctx, api);
      case 'domain':
        return applyDomain(change, ctx, api);
      case 'variable': {
        const [outcome] = await applyVariableGroup([change], ctx, api);
        if (!outcome) throw new TerminalError(`railway: variable ${change.key.name} was not applied`);
        if (!outcome.ok) throw outcome.error;
        return outcome.result;
      }
      default:
        throw new TerminalError(`railway: unknown resource kind ${change.key.kind}`);
    }
  },

  groupKey: variableGroupKey,

  async applyGroup(changes: readonly Change<RailwaySpec>[], ctx: ReconcileContext): Promise<GroupApplyOutcome[]> {
    return applyVariableGroup(changes, ctx, new RailwayApi(ctx.http, ctx.signal));
  },

  finalize: railwayFinalize,
};
