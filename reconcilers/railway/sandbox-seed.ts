import type { RailwaySimulator } from './simulator.js';
import { addInstance, addTrigger } from './simulator-operations.js';
import { RailwayState, type SimEnvironment, type SimService, type SimSettings } from './simulator-state.js';

export const SANDBOX_RAILWAY_TOKEN = 'sandbox-railway-token';

/**
 * The Railway side of the example estate (environments/production.yaml and staging.yaml):
 * - project `acme-shop` with `production` and `staging`. Staging is a fork of production, as an
 *   environment duplicated from production is: per the schema's descriptions, that is what keeps
 *   service creates, deletes and settings made in one environment out of the other;
 * - `Postgres` and `Redis`, which nobody declares (reported as unmanaged, never touched);
 * - `api` in both environments, to be adopted, with production drifted to 1 replica, its secrets
 *   DATABASE_URL and SENTRY_DSN already set (secret values never come from git; SENTRY_DSN
 *   because Sentry is not managed yet) and a healthy deployment;
 * - `worker` in both environments too (unless `worker: false`, which tests use to exercise creation), without the declared start command (drift). It is seeded
 *   rather than left for gitplane to create because its DATABASE_URL is a `secret`: a service
 *   gitplane creates cannot have it until a person sets it, so the demo could never converge, and
 *   a service created in one non-fork environment would appear in the others (railway.md §4.2).
 */
export function seedRailwaySandbox(sim: Pick<RailwaySimulator, 'state'>, options: { worker?: boolean } = {}): void {
  const withWorker = options.worker ?? true;
  const state = sim.state;
  const project = { id: RailwayState.id(), name: 'acme-shop', workspaceId: RailwayState.id(), createdAt: RailwayState.now(), deletedAt: null };
  state.projects.push(project);
  const production = addEnvironment(state, project.id, 'production', null);
  const staging = addEnvironment(state, project.id, 'staging', production.id);

  const postgres = addService(state, project.id, 'Postgres');
  const redis = addService(state, project.id, 'Redis');
  const api = addService(state, project.id, 'api');
  const worker = withWorker ? addService(state, project.id, 'worker') : undefined;
  for (const env of [production, staging]) {
    const pg = addInstance(state, postgres, env, { source: { repo: null, image: 'ghcr.io/railwayapp-templates/postgres-ssl:16' } });
    state.variableMap(env.id, postgres.id).set('DATABASE_URL', `postgresql://postgres:${RailwayState.hex(12)}@postgres.railway.internal:5432/railway`);
    deployedLongAgo(state, pg);
    const rd = addInstance(state, redis, env, { source: { repo: null, image: 'redis:7' } });
    state.variableMap(env.id, redis.id).set('REDIS_URL', `redis://default:${RailwayState.hex(12)}@redis.railway.internal:6379`);
    deployedLongAgo(state, rd);

    const settings: Partial<SimSettings> = {
      source: { repo: 'acme/shop', image: null },
      rootDirectory: 'api',
      healthcheckPath: '/healthz',
      healthcheckTimeout: 10,
      // Production is declared with 2 replicas: 1 here is the drift the first plan shows.
      numReplicas: 1,
      restartPolicyType: 'ON_FAILURE',
      restartPolicyMaxRetries: 3,
    };
    const instance = addInstance(state, api, env, settings);
    addTrigger(state, instance, 'acme/shop', env.name === 'production' ? 'main' : 'staging');
    const vars = state.variableMap(env.id, api.id);
    vars.set('DATABASE_URL', '${{ Postgres.DATABASE_URL }}');
    vars.set('SENTRY_DSN', `https://${RailwayState.hex(16)}@o1.ingest.sentry.io/${env.name === 'production' ? 101 : 102}`);
    deployedLongAgo(state, instance);

    if (!worker) continue;
    const workerInstance = addInstance(state, worker, env, {
      source: { repo: 'acme/shop', image: null },
      rootDirectory: 'worker',
      numReplicas: 1,
      restartPolicyType: 'ON_FAILURE',
      restartPolicyMaxRetries: 3,
    });
    addTrigger(state, workerInstance, 'acme/shop', env.name === 'production' ? 'main' : 'staging');
    const workerVars = state.variableMap(env.id, worker.id);
    workerVars.set('DATABASE_URL', '${{ Postgres.DATABASE_URL }}');
    workerVars.set('SENTRY_DSN', `https://${RailwayState.hex(16)}@o1.ingest.sentry.io/${env.name === 'production' ? 103 : 104}`);
    deployedLongAgo(state, workerInstance);
  }
}

function addEnvironment(state: RailwayState, projectId: string, name: string, forkOf: string | null): SimEnvironment {
  const env: SimEnvironment = { id: RailwayState.id(), projectId, name, sourceEnvironmentId: forkOf, isEphemeral: false, createdAt: RailwayState.now() };
  state.environments.push(env);
  return env;
}

function addService(state: RailwayState, projectId: string, name: string): SimService {
  const service: SimService = { id: RailwayState.id(), projectId, name, createdAt: RailwayState.now() };
  state.services.push(service);
  return service;
}

/** A deployment that finished long ago: SUCCESS whatever deployStepMs is. */
function deployedLongAgo(state: RailwayState, instance: Parameters<RailwayState['deploy']>[0]): void {
  state.deploy(instance).createdAtMs = Date.now() - 24 * 3_600_000;
}
