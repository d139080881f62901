import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RailwayApi } from '../../../reconcilers/railway/client.js';
import { seedRailwaySandbox } from '../../../reconcilers/railway/simulator.js';
import { harness, type Harness } from './helpers.js';

/** The simulator's Railway semantics, exercised over HTTP through the client. */
describe('railway simulator semantics', () => {
  let h: Harness;
  let api: RailwayApi;
  beforeEach(async () => {
    h = await harness({ deployStepMs: 0 });
    seedRailwaySandbox(h.sim, { worker: false });
    api = new RailwayApi(h.http);
  });
  afterEach(() => h.close());

  const ids = () => {
    const state = h.sim.state;
    const production = state.findEnvironment('acme-shop', 'production');
    const staging = state.findEnvironment('acme-shop', 'staging');
    return { projectId: production.projectId, production: production.id, staging: staging.id, api: state.findService('acme-shop', 'api')!.id };
  };

  it('creates a service in every non-fork environment unless given a fork environment', async () => {
    const { projectId, production, staging } = ids();
    h.sim.state.environments.push({ id: 'qa', projectId, name: 'qa', sourceEnvironmentId: null, isEphemeral: false, createdAt: '2026-01-01T00:00:00.000Z' });
    await api.createService({ projectId, environmentId: production, name: 'cron', source: { image: 'alpine' } });
    await api.createService({ projectId, environmentId: staging, name: 'preview-only' });
    const envsOf = (name: string) =>
      h.sim.state.instances.filter((i) => i.serviceId === h.sim.state.findService('acme-shop', name)!.id).map((i) => h.sim.state.environment(i.environmentId).name).sort();
    expect(envsOf('cron')).toEqual(['production', 'qa']);
    expect(envsOf('preview-only')).toEqual(['staging']);
  });

  it('keeps settings on the instance until the next deployment, which snapshots them', async () => {
    const { projectId, production, api: serviceId } = ids();
    const target = { projectId, environmentId: production, serviceId };
    const before = await api.latestDeployment(target);
    await api.updateInstance(target, { numReplicas: 3 });
    expect(h.sim.state.deployments.find((d) => d.id === before!.id)?.settings.numReplicas).toBe(1);
    await api.redeploy(target);
    const after = await api.latestDeployment(target);
    expect(after?.id).not.toBe(before?.id);
    expect(after?.status).toBe('SUCCESS');
    expect(h.sim.state.deployments.find((d) => d.id === after!.id)?.settings.numReplicas).toBe(3);
  });

  it('upserts variables without deploying when asked to skip, and deploys otherwise', async () => {
    const { projectId, production, api: serviceId } = ids();
    const target = { projectId, environmentId: production, serviceId };
    const deployments = () => h.sim.state.deployments.length;
    const start = deployments();
    await api.upsertVariables(target, { A: '1' });
    expect(deployments()).toBe(start);
    await api.call({
      operationName: 'VariableCollectionUpsert',
      query: 'mutation VariableCollectionUpsert($input: VariableCollectionUpsertInput!) { variableCollectionUpsert(input: $input) }',
      variables: { input: { ...target, variables: { B: '2' } } },
      mutation: true,
    });
    expect(deployments()).toBe(start + 1);
    expect(Object.keys(h.sim.state.variablesOf('acme-shop', 'production', 'api')).sort()).toEqual(['A', 'B', 'DATABASE_URL', 'SENTRY_DSN']);
  });

  it('wipes unsent variables with replace: true, which is why the client never sends it', async () => {
    const { projectId, production, api: serviceId } = ids();
    await api.call({
      operationName: 'VariableCollectionUpsert',
      query: 'mutation VariableCollectionUpsert($input: VariableCollectionUpsertInput!) { variableCollectionUpsert(input: $input) }',
      variables: { input: { projectId, environmentId: production, serviceId, variables: { ONLY: 'x' }, replace: true, skipDeploys: true } },
      mutation: true,
    });
    expect(h.sim.state.variablesOf('acme-shop', 'production', 'api')).toEqual({ ONLY: 'x' });
  });

  it('renders references unless asked for unrendered values', async () => {
    const { projectId, production, api: serviceId } = ids();
    const query = 'query V($p: String!, $e: String!, $s: String, $u: Boolean) { variables(projectId: $p, environmentId: $e, serviceId: $s, unrendered: $u) }';
    const read = (unrendered: boolean) =>
      api.call<{ variables: Record<string, string> }>({ operationName: 'V', query, variables: { p: projectId, e: production, s: serviceId, u: unrendered }, mutation: false });
    expect((await read(true)).variables['DATABASE_URL']).toBe('${{ Postgres.DATABASE_URL }}');
    expect((await read(false)).variables['DATABASE_URL']).toMatch(/^postgresql:\/\/postgres:/);
  });

  it('uses opaque edge cursors and honours first/after', async () => {
    const page = (after?: string) =>
      api.call<{ project: { services: { edges: { cursor: string; node: { name: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } }>({
        operationName: 'P',
        query: 'query P($id: String!, $after: String) { project(id: $id) { services(first: 2, after: $after) { edges { cursor node { name } } pageInfo { hasNextPage endCursor } } } }',
        variables: { id: ids().projectId, ...(after ? { after } : {}) },
        mutation: false,
      });
    const first = await page();
    expect(first.project.services.edges.map((e) => e.node.name)).toEqual(['Postgres', 'Redis']);
    expect(first.project.services.pageInfo.hasNextPage).toBe(true);
    expect(first.project.services.edges[0]?.cursor).not.toContain('Postgres');
    const second = await page(first.project.services.pageInfo.endCursor);
    expect(second.project.services.edges.map((e) => e.node.name)).toEqual(['api']);
    expect(second.project.services.pageInfo.hasNextPage).toBe(false);
  });
});
