import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../reconcilers/sandbox.js';
import { changesOf, platformRequest, Workspace } from './harness.js';

const ESTATE = `
environment: production
services:
  api:
    platform: railway
    railway: { project: acme-shop }
    env:
      WEB_ORIGIN: { ref: vercel.web.domain }
  web:
    platform: vercel
    vercel: { project: acme-shop-web, target: production }
    domains: [www.acme-shop.com]
`;

let sandbox: Sandbox;
let ws: Workspace;

beforeEach(async () => {
  sandbox = await startSandbox();
  ws = await Workspace.create({ ...sandbox.variables, GITPLANE_RAILWAY_DEPLOY_POLL_MS: '50' });
  await ws.writeEnvironment('production', ESTATE);
});

afterEach(async () => {
  await sandbox.close();
  await ws.dispose();
});

describe('references across platforms', () => {
  it('sets a Railway variable from the Vercel project\'s domain output, and it converges', async () => {
    const plan = await ws.json('plan', '--env', 'production');
    expect(changesOf(plan.doc)).toContainEqual({ address: 'railway.variable.api.WEB_ORIGIN', action: 'create' });
    const apply = await ws.run('apply', '--env', 'production', '--yes');
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);

    const ids = (await platformRequest(sandbox.railway.url, sandbox.railway.token, 'POST', {
      query: 'query { projects { edges { node { id name services { edges { node { id name } } } environments { edges { node { id name } } } } } } }',
    })).body as { data: { projects: { edges: { node: { id: string; services: { edges: { node: { id: string; name: string } }[] }; environments: { edges: { node: { id: string; name: string } }[] } } }[] } } };
    const project = ids.data.projects.edges[0]!.node;
    const variables = (await platformRequest(sandbox.railway.url, sandbox.railway.token, 'POST', {
      query: 'query ($p: String!, $e: String!, $s: String) { variables(projectId: $p, environmentId: $e, serviceId: $s, unrendered: true) }',
      variables: {
        p: project.id,
        e: project.environments.edges.find((e) => e.node.name === 'production')!.node.id,
        s: project.services.edges.find((e) => e.node.name === 'api')!.node.id,
      },
    })).body as { data: { variables: Record<string, string> } };
    expect(variables.data.variables['WEB_ORIGIN']).toBe('www.acme-shop.com');
    expect((await ws.run('plan', '--env', 'production')).code).toBe(0);
  });
});
