import type { Logger } from '../log/logger.js';
import type { EnvironmentModel, PlatformId, SourceLocation } from '../model/environment.js';
import type { HttpClient } from '../http/client.js';

export type { PlatformId };

/**
 * Identity of one managed resource. `name` is dotted and unique within (env, platform, kind):
 * `frontend` for a project, `frontend.VITE_API_BASE_URL` for a variable, `frontend.www.example.com`
 * for a domain. The address people type is `platform.kind.name`.
 */
export interface ResourceKey {
  env: string;
  platform: PlatformId;
  kind: string;
  name: string;
}

/**
 * Spec values are plain JSON-like data plus two special forms:
 * - a `Secret` (src/secret.ts), compared by fingerprint and printed as `(sensitive)`;
 * - `OPAQUE` on the observed side: the platform holds a value it will not show us (an encrypted
 *   or sensitive variable). An opaque field equals any desired value: we compare presence only.
 */
export type SpecValue = unknown;
export type Spec = Readonly<Record<string, SpecValue>>;

export interface Desired<S extends Spec = Spec> {
  key: ResourceKey;
  spec: S;
  source: SourceLocation;
  /**
   * Addresses (`platform.kind.name`) that must exist before this one is created or updated.
   * References made with `refTo()` in the spec are added by the core; list only structural parents.
   */
  dependsOn: readonly string[];
}

export type Health = 'ready' | 'progressing' | 'failed';

export interface Observed<S extends Spec = Spec> {
  key: ResourceKey;
  /** The platform's id for the resource. */
  id: string;
  spec: S;
  health: Health;
  /** Values other resources may reference, e.g. `{ dsn: '...' }`. */
  outputs?: Readonly<Record<string, string>>;
  /**
   * Things a person must do outside gitplane, shown in the plan: DNS records to add for a domain,
   * a failed deployment's reason. One short line each.
   */
  notices?: readonly string[];
  dependsOn?: readonly string[];
}

/** A resource whose live state could not be read. Never treated as absent. */
export interface UnknownResource {
  key: ResourceKey;
  reason: string;
}

export interface ObserveResult<S extends Spec = Spec> {
  observed: Observed<S>[];
  unknown: UnknownResource[];
  /**
   * Resources that exist in the scope of what is declared (same project, same service) but that
   * gitplane neither declares nor owns. Reported, never changed.
   */
  unmanaged: Observed<S>[];
}

export type Change<S extends Spec = Spec> =
  | { action: 'create'; key: ResourceKey; desired: S; dependsOn: readonly string[] }
  | {
      action: 'update';
      key: ResourceKey;
      id: string;
      observed: S;
      desired: S;
      /** Top-level spec fields that differ. */
      paths: string[];
      dependsOn: readonly string[];
    }
  | { action: 'delete'; key: ResourceKey; id: string; observed: S; dependsOn: readonly string[] };

export interface ApplyResult {
  id: string;
  outputs?: Readonly<Record<string, string>>;
  notices?: readonly string[];
}

export type GroupApplyOutcome = { ok: true; result: ApplyResult } | { ok: false; error: unknown };

/** Read outputs of other resources (already existing, or created earlier in this apply). */
export interface OutputLookup {
  get(address: string, output: string): string | undefined;
}

/** Everything an adapter needs, passed in: adapters hold no module-level state. */
export interface ReconcileContext {
  env: EnvironmentModel;
  http: HttpClient;
  log: Logger;
  signal: AbortSignal;
  outputs: OutputLookup;
  /** Process environment used for `fromEnv` values (injected so tests need not touch process.env). */
  processEnv: Readonly<Record<string, string | undefined>>;
}

/**
 * Per-change hooks an adapter may need after all changes of one apply are done, e.g. Railway's
 * single redeploy per service after variable and settings changes.
 */
export interface FinalizeResult {
  /** One entry per extra action taken, for the apply report. */
  actions: { key: ResourceKey; description: string; ok: boolean; error?: string }[];
}

export interface DiffPolicy {
  /** Spec fields the platform manages itself; never compared. */
  ignore?: readonly string[];
  /** Spec fields whose change cannot be made in place: the plan shows delete + create. */
  replaceOn?: readonly string[];
}

export interface PlatformCredentials {
  /** Environment variables that must be set to talk to the platform. */
  required: readonly string[];
}

export interface PlatformReconciler<S extends Spec = Spec> {
  readonly id: PlatformId;
  readonly kinds: readonly string[];
  readonly diffPolicy: Readonly<Record<string, DiffPolicy>>;
  readonly credentials: PlatformCredentials;

  /** Builds this platform's HTTP client from the process environment (base URL, token, team). */
  createHttpClient(processEnv: Readonly<Record<string, string | undefined>>, log: Logger): HttpClient;

  /** Pure: the resources this environment declares on this platform. */
  desired(env: EnvironmentModel): Desired<S>[];

  /**
   * Read-only. Live state of every desired key and every owned key, with list calls rather than one
   * request per resource. A read that fails for part of the scope reports those keys as unknown
   * rather than leaving them out; a failure for the whole platform may throw.
   */
  observe(desired: readonly Desired<S>[], owned: readonly OwnedResource[], ctx: ReconcileContext): Promise<ObserveResult<S>>;

  /**
   * Applies exactly one change. On throw: a failed create left nothing (or threw
   * AmbiguousResultError, in which case the core re-observes), a failed update left the resource
   * as it was or partially updated (the core re-observes during verify), a failed delete left the
   * resource in place. Terminal errors are thrown as TerminalError subclasses.
   */
  apply(change: Change<S>, ctx: ReconcileContext): Promise<ApplyResult>;

  /**
   * Optional batching. Changes for which `groupKey` returns the same string, and whose
   * dependencies are all done, are handed to one `applyGroup` call (Railway: one variable
   * collection upsert per service). The result has one entry per change, in order, so every change
   * still gets its own outcome. Same failure guarantees as `apply`, per entry.
   */
  groupKey?(change: Change<S>): string | undefined;
  applyGroup?(changes: readonly Change<S>[], ctx: ReconcileContext): Promise<GroupApplyOutcome[]>;

  /**
   * Optional: runs once after every change of this platform in one apply, with the changes that
   * succeeded. Used for work that must be batched per parent (one redeploy per service, then
   * waiting for the deployment's status). A failed action makes the apply fail.
   */
  finalize?(applied: readonly Change<S>[], ctx: ReconcileContext): Promise<FinalizeResult>;
}

/** What the inventory says gitplane owns. */
export interface OwnedResource {
  key: ResourceKey;
  id: string;
  /** The last spec gitplane applied or adopted: enough to delete it again (no secret values). */
  spec?: Spec;
}

export function addressOf(key: Pick<ResourceKey, 'platform' | 'kind' | 'name'>): string {
  return `${key.platform}.${key.kind}.${key.name}`;
}
