import { TerminalError } from '../../errors.js';
import { applyEnvironment, type ApplyReport, type EngineRuntime, type Plan, type ProgressEvent } from '../../engine/index.js';
import { applyReportToJson } from '../../render/json.js';
import { renderApplyText, renderPlanText } from '../../render/text.js';
import type { RunTrigger } from '../../store/types.js';
import type { CommandIo } from '../io.js';
import { loadForCommand } from '../load-environment.js';
import { currentCommit } from '../runtime.js';

export interface ApplyCommandOptions {
  dir: string;
  env: string;
  targets: string[];
  allowDelete: boolean;
  allowMassDelete: boolean;
  yes: boolean;
  format: 'text' | 'json';
  kind?: 'apply' | 'reconcile';
  trigger?: RunTrigger;
  reason?: string;
  actor?: string;
}

/**
 * `gitplane apply` and `gitplane reconcile`: show the plan, ask (unless --yes), apply it, verify.
 * 0 converged; 1 on any error, failed change, withheld deletion or remaining difference.
 */
export async function runApply(options: ApplyCommandOptions, io: CommandIo, runtime: EngineRuntime): Promise<number> {
  const [env] = await loadForCommand(options.dir, io, options.env);
  const human = options.format === 'json' ? io.stderr : io.stdout;
  const suspension = await runtime.store.suspension(options.env);
  if (suspension) {
    io.stderr(`note: ${options.env} is suspended (${suspension.reason}); scheduled and merge-triggered applies are paused, this manual ${options.kind ?? 'apply'} proceeds`);
  }
  const commit = currentCommit(runtime.processEnv);
  const report = await applyEnvironment(env!, runtime, {
    targets: options.targets,
    allowDelete: options.allowDelete,
    allowMassDelete: options.allowMassDelete,
    kind: options.kind ?? 'apply',
    trigger: options.trigger ?? (options.kind === 'reconcile' ? 'reconcile' : 'cli'),
    ...(commit ? { commit } : {}),
    ...(options.reason ? { reason: options.reason } : {}),
    ...(options.actor ? { actor: options.actor } : {}),
    onProgress: progressPrinter(io, human),
    confirm: (plan) => confirm(plan, options, io),
  });
  if (options.format === 'json') io.stdout(JSON.stringify(applyReportToJson(report), null, 2));
  else human(renderApplyText(report, { color: io.interactive }));
  return exitCode(report);
}

function progressPrinter(io: CommandIo, human: (text: string) => void): (event: ProgressEvent) => void {
  return (event) => {
    if (event.type === 'planned') human(renderPlanText(event.plan, { color: io.interactive }));
    else if (event.type === 'start' && io.interactive) io.stderr(`  … ${event.action} ${event.address}`);
    else if (event.type === 'verifying' && io.interactive) io.stderr('  … verifying');
  };
}

async function confirm(plan: Plan, options: ApplyCommandOptions, io: CommandIo): Promise<boolean> {
  if (options.yes) return true;
  if (!io.ask) {
    throw new TerminalError(`nothing was applied to ${plan.environment}: apply asks for confirmation and there is no terminal to ask on`, {
      hint: 'review the plan above and run again with --yes',
    });
  }
  const answer = await io.ask(`\nApply these changes to ${plan.environment}? Only "yes" is accepted: `);
  return answer.trim() === 'yes';
}

function exitCode(report: ApplyReport): number {
  return report.converged && !report.aborted ? 0 : 1;
}
