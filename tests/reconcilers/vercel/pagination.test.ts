import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { addressOf } from '../../../src/engine/types.js';
import { PlatformTerminalError } from '../../../src/errors.js';
import { silentLogger } from '../../../src/log/logger.js';
import { createVercelHttpClient } from '../../../reconcilers/vercel/http.js';
import { vercelReconciler } from '../../../reconcilers/vercel/index.js';
import { listProjects } from '../../../reconcilers/vercel/projects-api.js';
import { startVercelSimulator, type VercelSimulator } from '../../../reconcilers/vercel/simulator.js';
import { at, contextFor, countRequests, model, variable, webService } from './helpers.js';

let sim: VercelSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('vercel pagination', () => {
  it.each(['timestamp', 'token'] as const)('lists every project across pages (%s cursors)', async (style) => {
    sim = await startVercelSimulator({ pageSize: 2, projectPagination: style });
    for (let i = 0; i < 5; i++) sim.state.createProject({ name: `site-${i}` });
    sim.state.createProject({ name: 'personal', accountId: sim.state.userId });
    const ctx = contextFor(sim, model('production', []));
    const projects = await listProjects({ http: ctx.http });
    await ctx.http.close();
    expect(projects.map((p) => p.name).sort()).toEqual(['site-0', 'site-1', 'site-2', 'site-3', 'site-4']);
    const pages = sim.requests.filter((r) => r.path === '/v10/projects');
    expect(pages).toHaveLength(3);
    expect(pages[1]!.query).toHaveProperty(style === 'timestamp' ? 'until' : 'from');
  });

  it('stops when the cursor does not advance instead of looping', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const pool = agent.get('https://api.vercel.com');
    const page = { projects: [{ id: 'prj_1', name: 'a', accountId: 't' }], pagination: { count: 1, next: 1700000000000, prev: null } };
    pool.intercept({ path: (p) => p.startsWith('/v10/projects'), method: 'GET' }).reply(200, page).times(2);
    const http = createVercelHttpClient({ VERCEL_TOKEN: 't' }, silentLogger(), { dispatcher: agent });
    const error = await listProjects({ http }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformTerminalError);
    expect((error as Error).message).toContain('same page cursor twice');
    await agent.close();
  });

  it('observes many variables and domains over several pages, in a request count that does not grow per resource', async () => {
    sim = await startVercelSimulator({ pageSize: 4 });
    const project = sim.state.createProject({ name: 'acme-shop-web', framework: 'nextjs' });
    const variables = Array.from({ length: 10 }, (_, i) => variable(`VAR_${i}`, { kind: 'value', value: `v${i}` }));
    for (const v of variables) sim.state.addEnv(project.id, { key: v.name, value: (v.source as { value: string }).value, type: 'plain', target: ['production'] });
    for (let i = 0; i < 8; i++) sim.state.addDomain(project.id, { name: `d${i}.acme-shop.com` });
    sim.state.addDomain(project.id, { name: 'www.acme-shop.com' });
    const env = model('production', [webService({}, { domains: [{ name: 'www.acme-shop.com', location: at() }], variables })]);
    const ctx = contextFor(sim, env);
    const result = await vercelReconciler.observe(vercelReconciler.desired(env), [], ctx);
    await ctx.http.close();

    expect(result.observed.filter((o) => o.key.kind === 'env')).toHaveLength(10);
    expect(result.observed.filter((o) => o.key.kind === 'env').every((o) => o.spec['value'] === `v${o.key.name.split('_')[1]}`)).toBe(true);
    expect(result.unmanaged.map((u) => addressOf(u.key))).toHaveLength(8);
    expect(countRequests(sim, 'GET', /\/env$/)).toBe(3); // 10 variables, 4 per page
    expect(countRequests(sim, 'GET', /\/domains$/)).toBe(3); // 9 domains, 4 per page
    expect(countRequests(sim, 'GET', /^\/v9\/projects\/[^/]+$/)).toBe(1);
    expect(countRequests(sim, 'GET', /\/config$/)).toBe(1); // only the declared domain gets a DNS check
  });

  it('spends the same number of requests on 3 declared variables as on 30', async () => {
    const requestsFor = async (count: number): Promise<number> => {
      const local = await startVercelSimulator();
      const project = local.state.createProject({ name: 'acme-shop-web' });
      const variables = Array.from({ length: count }, (_, i) => variable(`VAR_${i}`, { kind: 'value', value: 'x' }));
      for (const v of variables) local.state.addEnv(project.id, { key: v.name, value: 'x', type: 'plain', target: ['production'] });
      const env = model('production', [webService({}, { domains: [], variables })]);
      const ctx = contextFor(local, env);
      const result = await vercelReconciler.observe(vercelReconciler.desired(env), [], ctx);
      await ctx.http.close();
      await local.close();
      expect(result.observed).toHaveLength(count + 1);
      return local.requests.length;
    };
    expect(await requestsFor(3)).toBe(await requestsFor(30));
  });
});
