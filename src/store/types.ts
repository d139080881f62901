import type { ResourceKey, Spec } from '../engine/types.js';

/**
 * Everything gitplane remembers between runs. Implementations: the embedded sql.js store (default)
 * and, later, PostgreSQL (DATABASE_URL); both must pass tests/store. Never holds secret values:
 * specs are sanitised before they get here (see sanitizeSpec).
 */
export interface StateStore {
  /** What gitplane owns in an environment: created by it or adopted. */
  inventory(env: string): Promise<InventoryEntry[]>;
  recordOwned(env: string, entries: readonly InventoryEntry[]): Promise<void>;
  forget(env: string, addresses: readonly string[]): Promise<void>;
  /** Environments whose inventory holds this platform resource id (shared Vercel projects). */
  ownersOf(platform: string, kind: string, id: string): Promise<string[]>;

  startRun(run: RunStart): Promise<string>;
  finishRun(id: string, result: RunResult): Promise<void>;
  runs(filter?: { env?: string; limit?: number }): Promise<RunRecord[]>;

  /** Null when another holder has a lock that has not expired. */
  acquireLock(env: string, holder: string, ttlMs: number): Promise<LockHandle | null>;
  /** Who holds the environment's lock now, if anyone: for the message a blocked apply prints. */
  lockHolder(env: string): Promise<{ holder: string; acquiredAt: string } | null>;

  suspend(env: string, reason: string, actor: string): Promise<void>;
  resume(env: string): Promise<boolean>;
  suspension(env: string): Promise<Suspension | null>;

  close(): Promise<void>;
}

export interface InventoryEntry {
  key: ResourceKey;
  address: string;
  id: string;
  origin: 'created' | 'adopted';
  /** Last applied or adopted spec, secrets removed. */
  spec?: Spec;
  recordedAt: string;
}

export type RunTrigger = 'cli' | 'reconcile' | 'push' | 'schedule' | 'pull_request' | 'comment';
export type RunOutcome = 'converged' | 'not_converged' | 'failed' | 'no_drift' | 'drift' | 'running';

export interface RunStart {
  env: string;
  kind: 'apply' | 'drift' | 'reconcile';
  trigger: RunTrigger;
  commit?: string;
  actor?: string;
  reason?: string;
}

export interface RunChangeRecord {
  address: string;
  action: string;
  outcome: string;
  error?: string;
}

export interface RunResult {
  outcome: RunOutcome;
  summary: Record<string, number>;
  changes: RunChangeRecord[];
  error?: string;
}

export interface RunRecord extends RunStart {
  id: string;
  startedAt: string;
  finishedAt?: string;
  durationMs?: number;
  outcome: RunOutcome;
  summary: Record<string, number>;
  changes: RunChangeRecord[];
  error?: string;
}

export interface LockHandle {
  env: string;
  holder: string;
  release(): Promise<void>;
}

export interface Suspension {
  env: string;
  reason: string;
  actor: string;
  since: string;
}
