import { describeError } from '../../errors.js';
import { planEnvironment, type EngineRuntime, type Plan } from '../../engine/index.js';
import { planToJson } from '../../render/json.js';
import type { CommandIo } from '../io.js';
import { loadForCommand } from '../load-environment.js';
import { currentCommit } from '../runtime.js';
import { printPlan, type OutputFormat } from './plan.js';

export interface DriftCommandOptions {
  dir: string;
  env?: string;
  all: boolean;
  format: OutputFormat;
  trigger?: 'cli' | 'schedule';
}

/**
 * `gitplane drift`: the live platforms against the declared state, recorded in the history.
 * 0 no drift, 2 drift, 1 error (an environment that could not be read fully counts as an error).
 */
export async function runDrift(options: DriftCommandOptions, io: CommandIo, runtime: EngineRuntime): Promise<number> {
  const environments = await loadForCommand(options.dir, io, options.all ? undefined : options.env);
  const plans: Plan[] = [];
  let failed = false;
  for (const env of environments) {
    const runId = await runtime.store.startRun({ env: env.name, kind: 'drift', trigger: options.trigger ?? 'cli', ...commitOf(runtime) });
    try {
      const plan = await planEnvironment(env, runtime);
      plans.push(plan);
      const drifted = plan.changes.length > 0;
      await runtime.store.finishRun(runId, {
        outcome: plan.unknown.length > 0 ? 'failed' : drifted ? 'drift' : 'no_drift',
        summary: { ...plan.summary },
        changes: plan.changes.map((c) => ({ address: c.address, action: c.action, outcome: 'drift' })),
      });
      if (options.format !== 'json') printPlan(plan, options.format, io, 'Drift');
    } catch (error) {
      failed = true;
      await runtime.store.finishRun(runId, { outcome: 'failed', summary: {}, changes: [], error: describeError(error) });
      io.stderr(`error: drift check of ${env.name} failed: ${describeError(error)}`);
    }
  }
  if (options.format === 'json') {
    const documents = plans.map((plan) => planToJson(plan, { drift: plan.changes.length > 0 }));
    io.stdout(JSON.stringify(options.all ? { environments: documents } : documents[0] ?? {}, null, 2));
  }
  if (failed || plans.some((p) => p.unknown.length > 0)) return 1;
  return plans.some((p) => p.changes.length > 0) ? 2 : 0;
}

function commitOf(runtime: EngineRuntime): { commit?: string } {
  const commit = currentCommit(runtime.processEnv);
  return commit ? { commit } : {};
}
