import { differingFields } from '../../../src/engine/compare.js';
import type { Change, Desired, Observed, OutputLookup, ReconcileContext, Spec } from '../../../src/engine/types.js';
import { addressOf } from '../../../src/engine/types.js';
import { isFromEnv, isPresenceOnly, isRef } from '../../../src/engine/spec-values.js';
import type { HttpClient } from '../../../src/http/client.js';
import { silentLogger } from '../../../src/log/logger.js';
import type { DeclaredVariable, EnvironmentModel, RailwayService, SourceLocation } from '../../../src/model/environment.js';
import { Secret } from '../../../src/secret.js';
import { railwayReconciler } from '../../../reconcilers/railway/index.js';
import type { RailwaySpec } from '../../../reconcilers/railway/specs.js';
import { startRailwaySimulator, type RailwaySimulator, type RailwaySimulatorOptions } from '../../../reconcilers/railway/simulator.js';

export const at = (line = 1): SourceLocation => ({ file: 'environments/production.yaml', line, column: 1 });

const v = (name: string, source: DeclaredVariable['source']): DeclaredVariable => ({ name, source, location: at() });

export function apiService(envName: 'production' | 'staging', overrides: Partial<RailwayService['railway']> = {}): RailwayService {
  return {
    name: 'api',
    platform: 'railway',
    location: at(),
    railway: {
      project: 'acme-shop',
      environment: envName,
      source: { kind: 'repo', repo: 'acme/shop', branch: envName === 'production' ? 'main' : 'staging', rootDirectory: 'api' },
      healthcheck: { path: '/healthz', timeoutSeconds: 10 },
      replicas: envName === 'production' ? 2 : 1,
      restartPolicy: { type: 'on_failure', maxRetries: 3 },
      ...overrides,
    },
    domains: [{ name: envName === 'production' ? 'api.acme-shop.com' : 'api.staging.acme-shop.com', location: at() }],
    variables: [
      v('DATABASE_URL', { kind: 'secret' }),
      v('REDIS_URL', { kind: 'value', value: '${{ Redis.REDIS_URL }}' }),
      v('STRIPE_SECRET_KEY', { kind: 'fromEnv', variable: 'PROD_STRIPE_SECRET_KEY' }),
      v('LOG_LEVEL', { kind: 'value', value: 'warning' }),
      v('SENTRY_DSN', { kind: 'ref', ref: { expression: 'sentry.api.dsn', platform: 'sentry', kind: 'project', name: 'api', output: 'dsn' } }),
    ],
  };
}

export function workerService(envName: 'production' | 'staging'): RailwayService {
  return {
    name: 'worker',
    platform: 'railway',
    location: at(),
    railway: {
      project: 'acme-shop',
      environment: envName,
      source: { kind: 'repo', repo: 'acme/shop', branch: envName === 'production' ? 'main' : 'staging', rootDirectory: 'worker' },
      startCommand: 'node dist/worker.js',
      replicas: 1,
      restartPolicy: { type: 'on_failure', maxRetries: 3 },
    },
    domains: [],
    variables: [
      v('DATABASE_URL', { kind: 'secret' }),
      v('REDIS_URL', { kind: 'value', value: '${{ Redis.REDIS_URL }}' }),
      v('QUEUE_CONCURRENCY', { kind: 'value', value: '8' }),
    ],
  };
}

export function envModel(name: string, services: RailwayService[]): EnvironmentModel {
  return { name, files: [`environments/${name}.yaml`], services, monitors: [], policy: { maxDeleteFraction: 0.5, selfHeal: false } };
}

export interface Harness {
  sim: RailwaySimulator;
  http: HttpClient;
  ctx(env: EnvironmentModel, extra?: { outputs?: Record<string, string>; processEnv?: Record<string, string> }): ReconcileContext;
  close(): Promise<void>;
}

export async function harness(options: RailwaySimulatorOptions = {}): Promise<Harness> {
  const sim = await startRailwaySimulator({ deployStepMs: 20, ...options });
  const http = railwayReconciler.createHttpClient({ RAILWAY_API_TOKEN: sim.token, RAILWAY_API_URL: sim.url }, silentLogger());
  return {
    sim,
    http,
    ctx(env, extra = {}) {
      const outputs: OutputLookup = { get: (address, output) => extra.outputs?.[`${address}#${output}`] };
      return {
        env,
        http,
        log: silentLogger(),
        signal: new AbortController().signal,
        outputs,
        processEnv: { PROD_STRIPE_SECRET_KEY: 'sk_test_from_env', GITPLANE_RAILWAY_DEPLOY_POLL_MS: '40', ...extra.processEnv },
      };
    },
    async close() {
      await http.close();
      await sim.close();
    },
  };
}

/**
 * A stand-in for the core's value resolution and diff, enough to turn observe output into the
 * changes the core would plan, comparing fields with the engine's own rules (differingFields);
 * fromEnv → Secret and ref → a fixed DSN stand in for the core's value resolution.
 */
export function resolveDesired(desired: Desired<RailwaySpec>[], processEnv: Record<string, string | undefined>): Desired<RailwaySpec>[] {
  return desired.map((d) => {
    const spec = { ...d.spec } as Record<string, unknown>;
    for (const [field, value] of Object.entries(spec)) {
      if (isFromEnv(value)) spec[field] = new Secret(processEnv[value.fromEnv] ?? '');
      else if (isRef(value)) spec[field] = `https://key@o1.ingest.sentry.io/${value.ref.address}`;
    }
    return { ...d, spec: spec as RailwaySpec };
  });
}

export function plan(desired: Desired<RailwaySpec>[], observed: Observed<RailwaySpec>[]): Change<RailwaySpec>[] {
  const byAddress = new Map(observed.map((o) => [addressOf(o.key), o]));
  const changes: Change<RailwaySpec>[] = [];
  for (const d of desired) {
    const o = byAddress.get(addressOf(d.key));
    if (!o) {
      if (!isPresenceOnly((d.spec as Spec)['value'])) changes.push({ action: 'create', key: d.key, desired: d.spec, dependsOn: d.dependsOn });
      continue;
    }
    const paths = differingFields(d.spec, o.spec, railwayReconciler.diffPolicy[d.key.kind]?.ignore);
    if (paths.length > 0) changes.push({ action: 'update', key: d.key, id: o.id, observed: o.spec, desired: d.spec, paths, dependsOn: d.dependsOn });
  }
  return changes;
}

export function count(sim: RailwaySimulator, operationName: string): number {
  return sim.requests.filter((r) => r.operationName === operationName).length;
}

export interface AppliedRun {
  applied: Change<RailwaySpec>[];
  failed: { change: Change<RailwaySpec>; error: unknown }[];
  notices: string[];
}

/**
 * What the core does with a plan, reduced to what these tests need: services first (their
 * outputs feed the rest), then every other change, variables grouped by groupKey.
 */
export async function applyAll(changes: Change<RailwaySpec>[], ctx: ReconcileContext): Promise<AppliedRun> {
  const run: AppliedRun = { applied: [], failed: [], notices: [] };
  const outputs = new Map<string, string>();
  const scoped: ReconcileContext = {
    ...ctx,
    outputs: { get: (address, output) => outputs.get(`${address}#${output}`) ?? ctx.outputs.get(address, output) },
  };
  const record = (change: Change<RailwaySpec>, result: { outputs?: Readonly<Record<string, string>>; notices?: readonly string[] }) => {
    run.applied.push(change);
    run.notices.push(...(result.notices ?? []));
    for (const [name, value] of Object.entries(result.outputs ?? {})) outputs.set(`${addressOf(change.key)}#${name}`, value);
  };
  const ordered = [...changes.filter((c) => c.key.kind === 'service'), ...changes.filter((c) => c.key.kind !== 'service')];
  const groups = new Map<string, Change<RailwaySpec>[]>();
  for (const change of ordered) {
    const group = railwayReconciler.groupKey?.(change);
    if (group) {
      groups.set(group, [...(groups.get(group) ?? []), change]);
      continue;
    }
    try {
      record(change, await railwayReconciler.apply(change, scoped));
    } catch (error) {
      run.failed.push({ change, error });
    }
  }
  for (const group of groups.values()) {
    const outcomes = await railwayReconciler.applyGroup!(group, scoped);
    outcomes.forEach((outcome, i) => {
      const change = group[i]!;
      if (outcome.ok) record(change, outcome.result);
      else run.failed.push({ change, error: outcome.error });
    });
  }
  return run;
}

export function variablesOf(request: { variables?: unknown }): Record<string, unknown> {
  return (request.variables ?? {}) as Record<string, unknown>;
}
