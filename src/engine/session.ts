import { MissingCredentialsError } from '../errors.js';
import type { HttpClient } from '../http/client.js';
import type { Logger } from '../log/logger.js';
import type { EnvironmentModel, PlatformId } from '../model/environment.js';
import type { StateStore } from '../store/types.js';
import type { Desired, OutputLookup, PlatformReconciler, ReconcileContext } from './types.js';

/** What the engine needs from its caller; built by the composition root (src/cli). */
export interface EngineRuntime {
  reconcilers: readonly PlatformReconciler[];
  store: StateStore;
  log: Logger;
  processEnv: Readonly<Record<string, string | undefined>>;
  signal?: AbortSignal;
}

/** One platform taking part in a run: its adapter, its HTTP client and what it declares. */
export interface PlatformSession {
  reconciler: PlatformReconciler;
  http: HttpClient;
  desired: Desired[];
  context(outputs: OutputLookup): ReconcileContext;
}

/**
 * Sessions for every platform the environment declares something on or owns something on.
 * Credentials are checked here, for all platforms at once and before any request, so a missing
 * token fails with one line before anything has been read or changed.
 */
export function openSessions(env: EnvironmentModel, ownedPlatforms: ReadonlySet<PlatformId>, runtime: EngineRuntime): PlatformSession[] {
  const involved = runtime.reconcilers
    .map((reconciler) => ({ reconciler, desired: reconciler.desired(env) }))
    .filter(({ reconciler, desired }) => desired.length > 0 || ownedPlatforms.has(reconciler.id));

  const missing = involved.flatMap(({ reconciler, desired }) =>
    reconciler.credentials.required
      .filter((name) => !runtime.processEnv[name])
      .map((name) => ({ name, platform: reconciler.id, count: desired.length })),
  );
  if (missing.length > 0) {
    const first = missing[0]!;
    const names = missing.map((m) => m.name).join(', ');
    throw new MissingCredentialsError(
      `${names} ${missing.length === 1 ? 'is' : 'are'} not set: environment ${env.name} declares ${first.count} ${first.platform} resource(s) (${env.files.join(', ')})`,
      { hint: `set ${names}, or run \`gitplane sandbox\` and export what it prints to use the local simulators` },
    );
  }

  return involved.map(({ reconciler, desired }) => {
    const log = runtime.log.child({ env: env.name, platform: reconciler.id });
    const http = reconciler.createHttpClient(runtime.processEnv, log);
    const signal = runtime.signal ?? new AbortController().signal;
    return {
      reconciler,
      http,
      desired,
      context: (outputs) => ({ env, http, log, signal, outputs, processEnv: runtime.processEnv }),
    };
  });
}

/** Platforms this build can reconcile; references to any other one cannot be resolved. */
export function managedPlatforms(runtime: EngineRuntime): ReadonlySet<PlatformId> {
  return new Set(runtime.reconcilers.map((r) => r.id));
}

export async function closeSessions(sessions: readonly PlatformSession[]): Promise<void> {
  await Promise.all(sessions.map((session) => session.http.close()));
}

/** Outputs of observed resources plus those produced during an apply. */
export class OutputTable implements OutputLookup {
  readonly #values = new Map<string, Readonly<Record<string, string>>>();

  set(address: string, outputs: Readonly<Record<string, string>> | undefined): void {
    if (outputs) this.#values.set(address, { ...this.#values.get(address), ...outputs });
  }

  get(address: string, output: string): string | undefined {
    return this.#values.get(address)?.[output];
  }
}
