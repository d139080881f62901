import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { differingFields } from '../../../src/engine/compare.js';
import { PRESENCE_ONLY } from '../../../src/engine/spec-values.js';
import { addressOf, type Change, type ResourceKey, type Spec } from '../../../src/engine/types.js';
import { TerminalError } from '../../../src/errors.js';
import { Secret } from '../../../src/secret.js';
import { VercelConflictError } from '../../../reconcilers/vercel/apply-support.js';
import { vercelReconciler } from '../../../reconcilers/vercel/index.js';
import { seedVercelSandbox, startVercelSimulator, type VercelSimulator } from '../../../reconcilers/vercel/simulator.js';
import { at, contextFor, countRequests, model, planAndApply, webService } from './helpers.js';

let sim: VercelSimulator;
let ctx: ReturnType<typeof contextFor>;
beforeEach(async () => {
  sim = await startVercelSimulator();
  ctx = contextFor(sim, model('production', [webService()]));
});
afterEach(async () => {
  await ctx.http.close();
  await sim.close();
});

const key = (kind: string, name: string): ResourceKey => ({ env: 'production', platform: 'vercel', kind, name });
const create = (k: ResourceKey, desired: Spec): Change => ({ action: 'create', key: k, desired, dependsOn: [] });
const update = (k: ResourceKey, id: string, observed: Spec, desired: Spec, paths: string[]): Change => ({ action: 'update', key: k, id, observed, desired, paths, dependsOn: [] });
const remove = (k: ResourceKey, id: string, observed: Spec): Change => ({ action: 'delete', key: k, id, observed, dependsOn: [] });

describe('vercel apply', () => {
  it('converges the seeded sandbox: a second plan right after apply is empty', async () => {
    seedVercelSandbox(sim);
    const first = await planAndApply(ctx);
    expect(first.changes.map((c) => `${c.action} ${addressOf(c.key)}`).sort()).toEqual([
      'create vercel.domain.web.acme-shop.com',
      'create vercel.env.web.NEXT_PUBLIC_API_URL',
      'update vercel.project.web',
    ]);
    expect(first.changes.find((c) => c.action === 'update')).toMatchObject({ paths: ['framework'] });
    expect(first.notices).toEqual(['acme-shop.com: DNS does not point at Vercel; add A acme-shop.com = 76.76.21.21']);
    expect(sim.state.mustProject('acme-shop-web').framework).toBe('nextjs');
    expect((await planAndApply(ctx)).changes).toEqual([]);
  });

  it('creates a project with its Git repository, then reads it back equal', async () => {
    const spec = vercelReconciler.desired(ctx.env)[0]!.spec;
    const result = await vercelReconciler.apply(create(key('project', 'web'), spec), ctx);
    expect(result.id).toMatch(/^prj_/);
    expect(result.outputs).toEqual({ id: result.id, domain: 'www.acme-shop.com' });
    const seen = await vercelReconciler.observe(vercelReconciler.desired(ctx.env).slice(0, 1), [], ctx);
    expect(differingFields(spec, seen.observed[0]!.spec)).toEqual([]);
  });

  it('treats "name already exists" as done when the settings match, and refuses when they differ', async () => {
    const spec = { name: 'acme-shop-web', framework: 'nextjs', rootDirectory: 'web' };
    const existing = sim.state.createProject({ name: 'acme-shop-web', framework: 'nextjs', rootDirectory: 'web' });
    expect((await vercelReconciler.apply(create(key('project', 'web'), spec), ctx)).id).toBe(existing.id);
    sim.state.setProjectField(existing.id, 'framework', 'vite');
    const error = await vercelReconciler.apply(create(key('project', 'web'), spec), ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VercelConflictError);
    expect((error as Error).message).toBe('vercel.project.web: a Vercel project named acme-shop-web already exists with different framework');
    expect(sim.state.projects).toHaveLength(1);
  });

  it('updates settings in place but refuses to relink the Git repository, saying where to do it', async () => {
    const project = sim.state.createProject({ name: 'acme-shop-web', framework: 'vite', gitRepository: { type: 'github', repo: 'acme/old' } });
    const desired = { name: 'acme-shop-web', framework: 'nextjs', gitRepository: { type: 'github', repo: 'acme/shop' } };
    const observed = { name: 'acme-shop-web', framework: 'vite', gitRepository: { type: 'github', repo: 'acme/old' } };
    const error = (await vercelReconciler.apply(update(key('project', 'web'), project.id, observed, desired, ['framework', 'gitRepository']), ctx).catch((e: unknown) => e)) as TerminalError;
    expect(error).toBeInstanceOf(TerminalError);
    expect(error.hint).toContain('Vercel dashboard');
    expect(project.framework).toBe('nextjs');
    expect(project.gitRepository?.repo).toBe('acme/old');
  });

  it('refuses to delete a project that still holds what gitplane does not own, and deletes an empty one', async () => {
    seedVercelSandbox(sim);
    const project = sim.state.mustProject('acme-shop-web');
    const refused = await vercelReconciler.apply(remove(key('project', 'web'), project.id, {}), ctx).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(VercelConflictError);
    expect((refused as Error).message).toMatch(/still holds 5 variable\(s\) \(NEXT_PUBLIC_SENTRY_DSN, SENTRY_AUTH_TOKEN, SESSION_SECRET\) and 1 domain\(s\) \(www.acme-shop.com\)/);
    expect(sim.state.project('acme-shop-web')).toBeDefined();

    project.envs = [];
    project.domains = [];
    expect(await vercelReconciler.apply(remove(key('project', 'web'), project.id, {}), ctx)).toEqual({ id: project.id });
    expect(sim.state.projects).toEqual([]);
    expect(countRequests(sim, 'DELETE', /^\/v9\/projects\//)).toBe(1);
    // Already gone: nothing left to do, not an error.
    expect(await vercelReconciler.apply(remove(key('project', 'web'), project.id, {}), ctx)).toEqual({ id: project.id });
  });
});

describe('vercel apply: variables', () => {
  beforeEach(() => {
    sim.state.createProject({ name: 'acme-shop-web' });
  });
  const project = () => sim.state.mustProject('acme-shop-web');
  const envSpec = (value: unknown, type = 'encrypted') => ({ key: 'STRIPE_KEY', target: ['production'], gitBranch: null, type, value });

  it('creates, updates and deletes a variable', async () => {
    const k = key('env', 'web.STRIPE_KEY');
    const { id } = await vercelReconciler.apply(create(k, envSpec(new Secret('sk_live_1'))), ctx);
    expect(project().envs).toMatchObject([{ id, key: 'STRIPE_KEY', type: 'encrypted', value: 'sk_live_1', target: ['production'] }]);

    const observed = { ...envSpec('old', 'plain'), projectId: project().id };
    await vercelReconciler.apply(update(k, id, observed, envSpec(new Secret('sk_live_2')), ['type', 'value']), ctx);
    expect(project().envs[0]).toMatchObject({ type: 'encrypted', value: 'sk_live_2' });

    await vercelReconciler.apply(remove(k, id, observed), ctx);
    expect(project().envs).toEqual([]);
  });

  it('moves an owned secret to a new branch in place, keeping its value', async () => {
    const env = sim.state.addEnv(project().id, { key: 'SESSION_SECRET', value: 'keep-me', type: 'encrypted', target: ['preview'], gitBranch: 'staging' });
    const desired = { key: 'SESSION_SECRET', target: ['preview'], gitBranch: 'develop', type: 'encrypted', value: PRESENCE_ONLY };
    const observed = { ...desired, gitBranch: 'staging', value: { opaque: true }, projectId: project().id };
    await vercelReconciler.apply(update(key('env', 'web.SESSION_SECRET'), env.id, observed, desired, ['gitBranch']), ctx);
    expect(project().envs[0]).toMatchObject({ gitBranch: 'develop', value: 'keep-me' });
  });

  it('adopts the variable its own lost create made, and refuses one that overlaps other targets', async () => {
    const existing = sim.state.addEnv(project().id, { key: 'STRIPE_KEY', value: 'stale', type: 'encrypted', target: ['production'] });
    const { id } = await vercelReconciler.apply(create(key('env', 'web.STRIPE_KEY'), envSpec(new Secret('fresh'))), ctx);
    expect(id).toBe(existing.id);
    expect(project().envs).toMatchObject([{ id: existing.id, value: 'fresh' }]);

    project().envs = [];
    sim.state.addEnv(project().id, { key: 'STRIPE_KEY', value: 'shared', type: 'encrypted', target: ['production', 'preview'] });
    const error = await vercelReconciler.apply(create(key('env', 'web.STRIPE_KEY'), envSpec(new Secret('fresh'))), ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VercelConflictError);
    expect((error as Error).message).toBe('vercel.env.web.STRIPE_KEY: STRIPE_KEY already exists on Vercel for targets preview, production, overlapping the wanted production');
    expect(project().envs).toMatchObject([{ value: 'shared' }]);
  });

  it('cannot create a variable whose value lives outside git', async () => {
    const error = await vercelReconciler.apply(create(key('env', 'web.SESSION_SECRET'), envSpec(PRESENCE_ONLY)), ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TerminalError);
    expect((error as TerminalError).hint).toContain('Vercel dashboard');
    expect(countRequests(sim, 'POST', /\/env$/)).toBe(0);
  });
});

describe('vercel apply: domains', () => {
  beforeEach(() => {
    sim.state.createProject({ name: 'acme-shop-web' });
  });
  const project = () => sim.state.mustProject('acme-shop-web');
  const k = key('domain', 'web.www.acme-shop.com');
  const spec = { name: 'www.acme-shop.com', gitBranch: null, redirect: null, redirectStatusCode: null };

  it('adds a domain and returns the TXT challenge and DNS record to add', async () => {
    const result = await vercelReconciler.apply(create(k, spec), ctx);
    expect(result.id).toBe('www.acme-shop.com');
    expect(result.notices).toEqual([
      expect.stringMatching(/^www\.acme-shop\.com: to verify ownership, add TXT _vercel\.acme-shop\.com = vc-domain-verify=www\.acme-shop\.com,/),
      'www.acme-shop.com: DNS does not point at Vercel; add CNAME www.acme-shop.com = cname.vercel-dns.com.',
    ]);
    expect(project().domains).toMatchObject([{ name: 'www.acme-shop.com', verified: false }]);
  });

  it('treats a domain already on the project as done when it matches, and refuses otherwise', async () => {
    sim.state.addDomain(project().id, { name: 'www.acme-shop.com' });
    expect((await vercelReconciler.apply(create(k, spec), ctx)).id).toBe('www.acme-shop.com');
    const redirecting = { ...spec, redirect: 'acme-shop.com', redirectStatusCode: 308 };
    await expect(vercelReconciler.apply(create(k, redirecting), ctx)).rejects.toThrow('already on this Vercel project with different redirect, redirectStatusCode');

    const other = sim.state.createProject({ name: 'someone-else' });
    sim.state.addDomain(other.id, { name: 'shop.acme-shop.com' });
    const taken = await vercelReconciler.apply(create(key('domain', 'web.shop.acme-shop.com'), { ...spec, name: 'shop.acme-shop.com' }), ctx).catch((e: unknown) => e);
    expect(taken).toBeInstanceOf(VercelConflictError);
    expect((taken as TerminalError).hint).toContain('remove it from the other project');
  });

  it('updates a redirect in place and removes a domain', async () => {
    sim.state.addDomain(project().id, { name: 'acme-shop.com' });
    const apex = key('domain', 'web.acme-shop.com');
    const observed = { name: 'acme-shop.com', gitBranch: null, redirect: null, redirectStatusCode: null, projectId: project().id };
    const desired = { name: 'acme-shop.com', gitBranch: null, redirect: 'www.acme-shop.com', redirectStatusCode: 308 };
    await vercelReconciler.apply(update(apex, 'acme-shop.com', observed, desired, ['redirect', 'redirectStatusCode']), ctx);
    expect(project().domains[0]).toMatchObject({ redirect: 'www.acme-shop.com', redirectStatusCode: 308 });
    await vercelReconciler.apply(remove(apex, 'acme-shop.com', observed), ctx);
    expect(project().domains).toEqual([]);
  });

  it('binds a preview domain to its branch', async () => {
    const staging = model('staging', [webService({ target: 'preview', gitBranch: 'staging' }, { domains: [{ name: 'staging.acme-shop.com', location: at() }], variables: [] })]);
    const stagingCtx = { ...ctx, env: staging };
    const [, domain] = vercelReconciler.desired(staging);
    await vercelReconciler.apply(create(domain!.key, domain!.spec), stagingCtx);
    expect(project().domains).toMatchObject([{ name: 'staging.acme-shop.com', gitBranch: 'staging' }]);
  });
});
