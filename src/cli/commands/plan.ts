import { planEnvironment, type EngineRuntime, type Plan } from '../../engine/index.js';
import { planToJson } from '../../render/json.js';
import { renderPlanMarkdown } from '../../render/markdown.js';
import { renderPlanText } from '../../render/text.js';
import type { CommandIo } from '../io.js';
import { loadForCommand } from '../load-environment.js';

export type OutputFormat = 'text' | 'json' | 'markdown';

export interface PlanCommandOptions {
  dir: string;
  env: string;
  format: OutputFormat;
  targets: string[];
}

/** `gitplane plan`: 0 no changes, 2 changes, 1 error (including a plan that could not read everything). */
export async function runPlan(options: PlanCommandOptions, io: CommandIo, runtime: EngineRuntime): Promise<number> {
  const [env] = await loadForCommand(options.dir, io, options.env);
  const plan = await planEnvironment(env!, runtime, { targets: options.targets });
  printPlan(plan, options.format, io, 'Plan');
  return planExitCode(plan, io);
}

export function printPlan(plan: Plan, format: OutputFormat, io: CommandIo, title: 'Plan' | 'Drift', extra: Record<string, unknown> = {}): void {
  if (format === 'json') io.stdout(JSON.stringify(planToJson(plan, extra), null, 2));
  else if (format === 'markdown') io.stdout(renderPlanMarkdown(plan, { title }));
  else io.stdout(renderPlanText(plan, { color: io.interactive, title }));
}

export function planExitCode(plan: Plan, io: CommandIo): number {
  if (plan.unknown.length > 0) {
    io.stderr(`error: ${plan.unknown.length} resource(s) of ${plan.environment} could not be read, so this plan is incomplete; see "Unknown" above and run again`);
    return 1;
  }
  return plan.changes.length > 0 ? 2 : 0;
}
