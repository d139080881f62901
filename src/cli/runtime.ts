import { execFileSync } from 'node:child_process';
import type { EngineRuntime } from '../engine/index.js';
import { createLogger, type Logger } from '../log/logger.js';
import { openStateStore } from '../store/open.js';
import { platformReconcilers } from '../../reconcilers/registry.js';

export interface RuntimeOptions {
  processEnv?: Readonly<Record<string, string | undefined>>;
  log?: Logger;
}

/**
 * The composition root: the only place that joins the engine, the store and the platform
 * reconcilers (src/ never imports reconcilers/ anywhere else).
 */
export async function createRuntime(options: RuntimeOptions = {}): Promise<EngineRuntime> {
  const processEnv = options.processEnv ?? process.env;
  return {
    reconcilers: platformReconcilers,
    store: await openStateStore(processEnv),
    log: options.log ?? createLogger(),
    processEnv,
  };
}

/** The commit the run is about: GITHUB_SHA in Actions, else the checkout's HEAD, else nothing. */
export function currentCommit(processEnv: Readonly<Record<string, string | undefined>>): string | undefined {
  if (processEnv['GITHUB_SHA']) return processEnv['GITHUB_SHA'];
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
  } catch {
    return undefined;
  }
}
