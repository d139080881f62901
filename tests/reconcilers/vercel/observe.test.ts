import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OPAQUE } from '../../../src/engine/spec-values.js';
import { addressOf, type Observed, type ObserveResult } from '../../../src/engine/types.js';
import { PlatformTerminalError } from '../../../src/errors.js';
import { vercelReconciler } from '../../../reconcilers/vercel/index.js';
import { seedVercelSandbox, startVercelSimulator, type VercelSimulator } from '../../../reconcilers/vercel/simulator.js';
import { contextFor, countRequests, model, stagingWebService, variable, webService } from './helpers.js';

let sim: VercelSimulator;
beforeEach(async () => {
  sim = await startVercelSimulator();
  seedVercelSandbox(sim);
});
afterEach(() => sim.close());

async function observe(env = model('production', [webService()]), owned: Parameters<typeof vercelReconciler.observe>[1] = []): Promise<ObserveResult> {
  const ctx = contextFor(sim, env);
  try {
    return await vercelReconciler.observe(vercelReconciler.desired(env), owned, ctx);
  } finally {
    await ctx.http.close();
  }
}

const byAddress = (list: readonly Observed[]) => new Map(list.map((o) => [addressOf(o.key), o]));

describe('vercel observe against the seeded sandbox', () => {
  it('reports drift, hides encrypted values, adopts integration variables and lists the rest as unmanaged', async () => {
    const result = await observe();
    const observed = byAddress(result.observed);
    expect([...observed.keys()].sort()).toEqual([
      'vercel.domain.web.www.acme-shop.com',
      'vercel.env.web.NEXT_PUBLIC_SENTRY_DSN',
      'vercel.env.web.SESSION_SECRET',
      'vercel.project.web',
    ]);
    const project = observed.get('vercel.project.web')!;
    expect(project.id).toBe(sim.state.mustProject('acme-shop-web').id);
    expect(project.spec).toEqual({
      name: 'acme-shop-web',
      framework: 'vite',
      buildCommand: 'npm run build',
      installCommand: null,
      outputDirectory: '.next',
      rootDirectory: 'web',
      gitRepository: { type: 'github', repo: 'acme/shop' },
    });
    expect(project.outputs).toMatchObject({ domain: 'www.acme-shop.com' });
    expect(observed.get('vercel.env.web.SESSION_SECRET')!.spec).toMatchObject({ key: 'SESSION_SECRET', target: ['production'], gitBranch: null, type: 'encrypted', value: OPAQUE });
    expect(observed.get('vercel.env.web.NEXT_PUBLIC_SENTRY_DSN')!.spec).toMatchObject({ type: 'encrypted', value: OPAQUE });
    expect(observed.get('vercel.domain.web.www.acme-shop.com')).toMatchObject({ id: 'www.acme-shop.com', health: 'ready', spec: { gitBranch: null, redirect: null } });
    expect(observed.get('vercel.domain.web.www.acme-shop.com')!.notices).toBeUndefined();
    expect(result.unknown).toEqual([]);
    // The integration's token and the staging branch's variables: seen, never touched. The staging
    // ones share a key with managed production variables, so their names carry target and branch.
    expect(result.unmanaged.map((u) => addressOf(u.key)).sort()).toEqual([
      'vercel.env.web.NEXT_PUBLIC_SENTRY_DSN@preview:staging',
      'vercel.env.web.SENTRY_AUTH_TOKEN',
      'vercel.env.web.SESSION_SECRET@preview:staging',
    ]);
    expect(JSON.stringify(result)).not.toContain('sandbox-session-secret');
    // One project read, one variable listing, one domain listing, one DNS check per found domain.
    expect(sim.requests.map((r) => `${r.method} ${r.path}`)).toHaveLength(4);
    expect(sim.requests.every((r) => r.query['decrypt'] === undefined && r.query['teamId'] === sim.teamId)).toBe(true);
  });

  it('observes the staging branch of the same project, with production variables unmanaged', async () => {
    const result = await observe(model('staging', [stagingWebService()]));
    const observed = byAddress(result.observed);
    expect(observed.get('vercel.env.web.SESSION_SECRET')!.spec).toMatchObject({ target: ['preview'], gitBranch: 'staging' });
    expect(observed.has('vercel.domain.web.staging.acme-shop.com')).toBe(false);
    expect(result.unmanaged.map((u) => addressOf(u.key))).toEqual(
      expect.arrayContaining(['vercel.env.web.SESSION_SECRET@production', 'vercel.domain.web.www.acme-shop.com']),
    );
  });

  it('normalises a policy-forced sensitive variable to encrypted and reads plain values back', async () => {
    const project = sim.state.mustProject('acme-shop-web');
    const secret = project.envs.find((e) => e.key === 'SESSION_SECRET' && e.target.includes('production'))!;
    secret.type = 'sensitive';
    sim.state.addEnv(project.id, { key: 'NEXT_PUBLIC_API_URL', value: 'https://old.acme-shop.com', type: 'plain', target: ['production'] });
    const observed = byAddress((await observe()).observed);
    expect(observed.get('vercel.env.web.SESSION_SECRET')!.spec).toMatchObject({ type: 'encrypted', value: OPAQUE });
    expect(observed.get('vercel.env.web.NEXT_PUBLIC_API_URL')!.spec).toMatchObject({ type: 'plain', value: 'https://old.acme-shop.com' });
  });

  it('reports a variable shared with another target as unknown, with what to do, instead of planning a create', async () => {
    const project = sim.state.mustProject('acme-shop-web');
    sim.state.addEnv(project.id, { key: 'NEXT_PUBLIC_API_URL', value: 'x', type: 'plain', target: ['production', 'preview'] });
    const result = await observe();
    expect(result.unknown).toEqual([{ key: expect.objectContaining({ name: 'web.NEXT_PUBLIC_API_URL' }), reason: expect.stringMatching(/targets preview, production.*Split it/) }]);
    expect(result.unmanaged.map((u) => u.key.name)).toContain('web.NEXT_PUBLIC_API_URL@preview,production');
  });

  it('finds owned resources that are no longer declared, even when their whole service is gone', async () => {
    const project = sim.state.mustProject('acme-shop-web');
    const old = sim.state.addEnv(project.id, { key: 'OLD_FLAG', value: '1', type: 'plain', target: ['production'] });
    const owned = [
      { key: { env: 'production', platform: 'vercel' as const, kind: 'project', name: 'web' }, id: project.id },
      { key: { env: 'production', platform: 'vercel' as const, kind: 'env', name: 'web.OLD_FLAG' }, id: old.id },
      { key: { env: 'production', platform: 'vercel' as const, kind: 'domain', name: 'web.www.acme-shop.com' }, id: 'www.acme-shop.com' },
    ];
    const declared = byAddress((await observe(model('production', [webService()]), owned)).observed);
    expect(declared.get('vercel.env.web.OLD_FLAG')).toMatchObject({ id: old.id, spec: { key: 'OLD_FLAG', value: '1', projectId: project.id }, dependsOn: ['vercel.project.web'] });

    const gone = await observe(model('production', []), owned);
    expect(gone.observed.map((o) => addressOf(o.key)).sort()).toEqual(['vercel.domain.web.www.acme-shop.com', 'vercel.env.web.OLD_FLAG', 'vercel.project.web']);
    expect(gone.unmanaged).toEqual([]);
  });

  it('follows an owned project id when the YAML renamed the project', async () => {
    const id = sim.state.mustProject('acme-shop-web').id;
    const env = model('production', [webService({ project: 'acme-storefront' })]);
    const result = await observe(env, [{ key: { env: 'production', platform: 'vercel', kind: 'project', name: 'web' }, id }]);
    expect(byAddress(result.observed).get('vercel.project.web')).toMatchObject({ id, spec: { name: 'acme-shop-web' } });
  });

  it('reports nothing for a project that does not exist: everything in it is absent', async () => {
    const result = await observe(model('production', [webService({ project: 'brand-new' })]));
    expect(result).toEqual({ observed: [], unknown: [], unmanaged: [] });
    expect(countRequests(sim, 'GET', /\/env$/)).toBe(0);
  });

  it('tells unverified and misconfigured domains apart with the records to add', async () => {
    const project = sim.state.mustProject('acme-shop-web');
    sim.state.addDomain(project.id, { name: 'acme-shop.com', redirect: 'www.acme-shop.com', redirectStatusCode: 308 });
    sim.state.addDomain(project.id, { name: 'shop.other-brand.com', verified: false });
    const service = webService({}, { domains: [{ name: 'acme-shop.com', redirect: 'www.acme-shop.com', redirectStatusCode: 308, location: { file: 'f', line: 1, column: 1 } }, { name: 'shop.other-brand.com', location: { file: 'f', line: 2, column: 1 } }], variables: [variable('A', { kind: 'value', value: 'a' })] });
    const observed = byAddress((await observe(model('production', [service]))).observed);
    const apex = observed.get('vercel.domain.web.acme-shop.com')!;
    expect(apex).toMatchObject({ health: 'progressing', spec: { redirect: 'www.acme-shop.com', redirectStatusCode: 308 } });
    expect(apex.notices).toEqual(['acme-shop.com: DNS does not point at Vercel; add A acme-shop.com = 76.76.21.21']);
    const other = observed.get('vercel.domain.web.shop.other-brand.com')!;
    expect(other.notices).toEqual([
      expect.stringMatching(/^shop\.other-brand\.com: to verify ownership, add TXT _vercel\.other-brand\.com = vc-domain-verify=shop\.other-brand\.com,[0-9a-f]{20}$/),
      'shop.other-brand.com: DNS does not point at Vercel; add CNAME shop.other-brand.com = cname.vercel-dns.com.',
    ]);
  });
});

describe('vercel observe when reads fail', () => {
  it('makes the variables unknown, not absent, when their listing keeps failing', async () => {
    sim.faults.add({ match: (r) => r.method === 'GET' && r.path.endsWith('/env'), fault: { kind: 'server-error', status: 503 }, times: 10 });
    const result = await observe();
    expect(result.unknown.map((u) => addressOf(u.key)).sort()).toEqual(['vercel.env.web.NEXT_PUBLIC_API_URL', 'vercel.env.web.NEXT_PUBLIC_SENTRY_DSN', 'vercel.env.web.SESSION_SECRET']);
    expect(result.unknown[0]!.reason).toMatch(/could not list the variables of Vercel project acme-shop-web: .*503/);
    expect(result.observed.map((o) => o.key.kind).sort()).toEqual(['domain', 'project']);
    expect(result.unmanaged.every((u) => u.key.kind === 'domain')).toBe(true);
  });

  it('makes every key of a project unknown when the project itself cannot be read', async () => {
    sim.faults.add({ match: (r) => r.method === 'GET' && r.path === '/v9/projects/acme-shop-web', fault: { kind: 'server-error' }, times: 10 });
    const result = await observe();
    expect(result.observed).toEqual([]);
    expect(result.unknown).toHaveLength(6);
    expect(result.unknown.every((u) => u.reason.startsWith('could not read Vercel project acme-shop-web'))).toBe(true);
  });

  it('fails the platform with a hint naming VERCEL_TOKEN when the token opens nothing', async () => {
    const env = model('production', [webService()]);
    const ctx = contextFor(sim, env, { token: 'wrong-token' });
    const error = await vercelReconciler.observe(vercelReconciler.desired(env), [], ctx).catch((e: unknown) => e);
    await ctx.http.close();
    expect(error).toBeInstanceOf(PlatformTerminalError);
    expect((error as PlatformTerminalError).details).toMatchObject({ status: 403, code: 'forbidden' });
    expect((error as PlatformTerminalError).hint).toContain('VERCEL_TOKEN');
  });
});
