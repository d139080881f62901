import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnvironments } from '../../../src/config/index.js';
import { addressOf } from '../../../src/engine/types.js';
import type { EnvironmentModel } from '../../../src/model/environment.js';
import { vercelReconciler } from '../../../reconcilers/vercel/index.js';
import { seedVercelSandbox, startVercelSimulator, type VercelSimulator } from '../../../reconcilers/vercel/simulator.js';
import { contextFor, planAndApply } from './helpers.js';

const dir = fileURLToPath(new URL('../../../environments', import.meta.url));
let environments: EnvironmentModel[];
let sim: VercelSimulator;

beforeAll(async () => {
  const loaded = await loadEnvironments(dir);
  environments = loaded.environments;
  sim = await startVercelSimulator();
  seedVercelSandbox(sim);
});
afterAll(() => sim.close());

const named = (name: string) => environments.find((e) => e.name === name)!;

describe('the example estate on the seeded sandbox', () => {
  it('declares the same Vercel project from both environment files', () => {
    const addresses = (env: EnvironmentModel) => vercelReconciler.desired(env).map((d) => addressOf(d.key));
    expect(addresses(named('production'))).toContain('vercel.domain.web.acme-shop.com');
    expect(addresses(named('staging'))).toContain('vercel.domain.web.staging.acme-shop.com');
    expect(vercelReconciler.desired(named('production'))[0]!.spec['name']).toBe(vercelReconciler.desired(named('staging'))[0]!.spec['name']);
  });

  it('converges production, then staging, without either disturbing the other', async () => {
    const run = async (name: string) => {
      const ctx = contextFor(sim, named(name));
      try {
        return await planAndApply(ctx);
      } finally {
        await ctx.http.close();
      }
    };
    const production = await run('production');
    expect(production.changes.map((c) => `${c.action} ${addressOf(c.key)}`).sort()).toEqual([
      'create vercel.domain.web.acme-shop.com',
      'create vercel.env.web.NEXT_PUBLIC_API_URL',
      'update vercel.project.web',
    ]);
    const staging = await run('staging');
    expect(staging.changes.map((c) => `${c.action} ${addressOf(c.key)}`).sort()).toEqual(['create vercel.domain.web.staging.acme-shop.com', 'create vercel.env.web.NEXT_PUBLIC_API_URL']);
    expect(staging.notices).toEqual(['staging.acme-shop.com: DNS does not point at Vercel; add CNAME staging.acme-shop.com = cname.vercel-dns.com.']);

    expect((await run('production')).changes).toEqual([]);
    expect((await run('staging')).changes).toEqual([]);
    const apiUrls = sim.state.mustProject('acme-shop-web').envs.filter((e) => e.key === 'NEXT_PUBLIC_API_URL');
    expect(apiUrls.map((e) => `${e.target.join()}:${e.gitBranch ?? ''}=${e.value}`).sort()).toEqual([
      'preview:staging=https://api.staging.acme-shop.com',
      'production:=https://api.acme-shop.com',
    ]);
  });
});
