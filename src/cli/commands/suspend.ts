import type { EngineRuntime } from '../../engine/index.js';
import type { CommandIo } from '../io.js';

export async function runSuspend(options: { env: string; reason: string; actor: string }, io: CommandIo, runtime: EngineRuntime): Promise<number> {
  await runtime.store.suspend(options.env, options.reason, options.actor);
  io.stdout(`${options.env} suspended: scheduled and merge-triggered applies are paused until \`gitplane resume --env ${options.env}\`.`);
  return 0;
}

export async function runResume(options: { env: string }, io: CommandIo, runtime: EngineRuntime): Promise<number> {
  const wasSuspended = await runtime.store.resume(options.env);
  io.stdout(wasSuspended ? `${options.env} resumed.` : `${options.env} was not suspended; nothing to do.`);
  return 0;
}
