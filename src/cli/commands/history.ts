import type { EngineRuntime } from '../../engine/index.js';
import type { CommandIo } from '../io.js';

export interface HistoryOptions {
  env?: string;
  format: 'text' | 'json';
  limit: number;
}

/** `gitplane history`: past runs, newest first. */
export async function runHistory(options: HistoryOptions, io: CommandIo, runtime: EngineRuntime): Promise<number> {
  const runs = await runtime.store.runs({ ...(options.env ? { env: options.env } : {}), limit: options.limit });
  if (options.format === 'json') {
    io.stdout(JSON.stringify({ runs }, null, 2));
    return 0;
  }
  if (runs.length === 0) {
    io.stdout(`No runs recorded${options.env ? ` for ${options.env}` : ''} yet.`);
    return 0;
  }
  for (const run of runs) {
    const counts = Object.entries(run.summary).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`).join(', ') || 'no changes';
    const duration = run.durationMs !== undefined ? `${(run.durationMs / 1000).toFixed(1)}s` : '…';
    const extra = [run.commit ? `commit ${run.commit.slice(0, 7)}` : '', run.actor ? `by ${run.actor}` : '', run.reason ? `reason: ${run.reason}` : ''].filter(Boolean).join(', ');
    io.stdout(`${run.startedAt}  ${run.env.padEnd(12)} ${run.kind.padEnd(9)} ${run.trigger.padEnd(9)} ${run.outcome.padEnd(13)} ${duration.padStart(6)}  ${counts}${extra ? `  (${extra})` : ''}`);
    if (run.error) io.stdout(`    error: ${run.error}`);
    for (const change of run.changes.filter((c) => c.outcome === 'failed')) io.stdout(`    failed ${change.address}: ${change.error ?? ''}`);
  }
  return 0;
}
