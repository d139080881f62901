import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedRailwaySandbox, startRailwaySimulator, type RailwaySimulator } from '../../reconcilers/railway/simulator.js';
import { changesOf, platformRequest, Workspace } from './harness.js';

const CANARY = 'canary-railway-7331-do-not-print';

const ESTATE = `
environment: production
services:
  api:
    platform: railway
    railway:
      project: acme-shop
      source: { repo: acme/shop, branch: main, rootDirectory: api }
      healthcheck: { path: /healthz, timeoutSeconds: 10 }
      replicas: 2
      restartPolicy: { type: on_failure, maxRetries: 3 }
    domains: [api.acme-shop.com]
    env:
      DATABASE_URL: secret
      LOG_LEVEL: { value: warning }
      REDIS_URL: { value: "\${{ Redis.REDIS_URL }}" }
      STRIPE_SECRET_KEY: { fromEnv: PROD_STRIPE_SECRET_KEY }
`;

let sim: RailwaySimulator;
let ws: Workspace;

beforeEach(async () => {
  sim = await startRailwaySimulator({ deployStepMs: 20 });
  seedRailwaySandbox(sim, { worker: false });
  ws = await Workspace.create({
    RAILWAY_API_URL: sim.url,
    RAILWAY_API_TOKEN: sim.token,
    PROD_STRIPE_SECRET_KEY: CANARY,
    GITPLANE_RAILWAY_DEPLOY_POLL_MS: '20',
    GITPLANE_RAILWAY_DEPLOY_TIMEOUT_MS: '5000',
  });
  await ws.writeEnvironment('production', ESTATE);
});

afterEach(async () => {
  await sim.close();
  await ws.dispose();
});

/** A dashboard edit: the same GraphQL API a person's browser session uses. */
async function graphql(query: string, variables: Record<string, unknown>): Promise<unknown> {
  const response = await platformRequest(sim.url, sim.token, 'POST', { query, variables });
  expect(response.status).toBe(200);
  const body = response.body as { data?: unknown; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data;
}

async function apiIds(): Promise<{ serviceId: string; environmentId: string }> {
  const data = (await graphql('query { projects { edges { node { id name services { edges { node { id name } } } environments { edges { node { id name } } } } } } }', {})) as {
    projects: { edges: { node: { name: string; services: { edges: { node: { id: string; name: string } }[] }; environments: { edges: { node: { id: string; name: string } }[] } } }[] };
  };
  const project = data.projects.edges.map((e) => e.node).find((p) => p.name === 'acme-shop')!;
  return {
    serviceId: project.services.edges.find((e) => e.node.name === 'api')!.node.id,
    environmentId: project.environments.edges.find((e) => e.node.name === 'production')!.node.id,
  };
}

describe('plan and apply against the Railway simulator', () => {
  it('adopts the existing service, fixes drift, converges, and sees a dashboard edit as drift', async () => {
    const plan = await ws.json('plan', '--env', 'production');
    expect(plan.code).toBe(2);
    const adopted = (plan.doc['adoptions'] as { address: string }[]).map((a) => a.address);
    expect(adopted).toEqual(expect.arrayContaining(['railway.service.api', 'railway.variable.api.DATABASE_URL']));
    const changes = changesOf(plan.doc);
    expect(changes).toEqual(
      expect.arrayContaining([
        { address: 'railway.instance.api', action: 'update' },
        { address: 'railway.variable.api.LOG_LEVEL', action: 'create' },
        { address: 'railway.variable.api.STRIPE_SECRET_KEY', action: 'create' },
        { address: 'railway.domain.api.api.acme-shop.com', action: 'create' },
      ]),
    );
    expect(changes.some((c) => c.action === 'delete')).toBe(false);
    expect((plan.doc['unmanaged'] as { address: string }[]).length).toBeGreaterThan(0);

    const apply = await ws.run('apply', '--env', 'production', '--yes');
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    // The variables of one service go to Railway in one collection upsert, never with replace.
    const upserts = sim.requests.filter((r) => r.operationName === 'VariableCollectionUpsert');
    expect(upserts).toHaveLength(1);
    expect(JSON.stringify(upserts[0])).toContain('"replace":false');

    expect((await ws.run('plan', '--env', 'production')).code).toBe(0);

    const { serviceId, environmentId } = await apiIds();
    await graphql('mutation ($s: String!, $e: String, $i: ServiceInstanceUpdateInput!) { serviceInstanceUpdate(serviceId: $s, environmentId: $e, input: $i) }', { s: serviceId, e: environmentId, i: { numReplicas: 5 } });
    const drift = await ws.json('drift', '--env', 'production');
    expect(drift.code).toBe(2);
    const fields = (drift.doc['changes'] as { address: string; fields: { path: string; before: unknown; after: unknown }[] }[])[0];
    expect(fields).toMatchObject({ address: 'railway.instance.api', fields: [{ path: 'numReplicas', before: 5, after: 2 }] });

    for (const text of [...ws.outputs, ...ws.logs]) expect(text).not.toContain(CANARY);
    expect((await readFile(ws.stateFile)).includes(Buffer.from(CANARY))).toBe(false);
  });

  it('deletes only owned variables, and only with --allow-delete', async () => {
    expect((await ws.run('apply', '--env', 'production', '--yes')).code).toBe(0);
    await ws.writeEnvironment('production', ESTATE.replace('      LOG_LEVEL: { value: warning }\n', ''));
    const plan = await ws.json('plan', '--env', 'production');
    expect(changesOf(plan.doc)).toEqual([{ address: 'railway.variable.api.LOG_LEVEL', action: 'delete' }]);
    expect((await ws.run('apply', '--env', 'production', '--yes')).code).toBe(1);
    const deleted = await ws.run('apply', '--env', 'production', '--yes', '--allow-delete');
    expect(deleted.code, deleted.stdout + deleted.stderr).toBe(0);
    expect(sim.requests.filter((r) => r.operationName === 'VariableDelete')).toHaveLength(1);
    expect(sim.requests.filter((r) => r.operationName === 'ServiceDelete')).toHaveLength(0);
  });

  it('reports a failed deployment as a failed apply', async () => {
    sim.state.failNextDeployment('acme-shop', 'production', 'api');
    const result = await ws.json('apply', '--env', 'production', '--yes');
    expect(result.code).toBe(1);
    const finalize = result.doc['finalize'] as { address: string; ok: boolean; error?: string }[];
    expect(finalize.find((a) => !a.ok)).toMatchObject({ address: 'railway.service.api' });
    expect(JSON.stringify(finalize)).toMatch(/FAILED|failed/);
    expect(result.doc['converged']).toBe(false);
    const history = await ws.run('history', '--env', 'production');
    expect(history.stdout).toContain('not_converged');
  });

  it('observes a project with the same number of requests however many variables it has', async () => {
    await ws.run('plan', '--env', 'production');
    const few = sim.requests.length;
    const many = Array.from({ length: 30 }, (_, i) => `      EXTRA_${i}: { value: "v${i}" }\n`).join('');
    await ws.writeEnvironment('production', ESTATE.replace('    env:\n', `    env:\n${many}`));
    const before = sim.requests.length;
    await ws.run('plan', '--env', 'production');
    expect(sim.requests.length - before).toBe(few);
  });
});
