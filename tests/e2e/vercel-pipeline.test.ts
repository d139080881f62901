import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SqlJsStateStore } from '../../src/store/sqljs-store.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startVercelSimulator, type VercelSimulator } from '../../reconcilers/vercel/simulator.js';
import { changesOf, platformRequest, Workspace } from './harness.js';

const CANARY = 'canary-secret-4242-do-not-print';

const ESTATE = `
environment: production
services:
  web:
    platform: vercel
    vercel:
      project: shop-web
      target: production
      framework: nextjs
      rootDirectory: web
    domains: [www.shop-e2e.dev]
    env:
      API_URL: { value: https://api.shop-e2e.dev }
      STRIPE_KEY: { fromEnv: PROD_STRIPE_KEY }
`;

let sim: VercelSimulator;
let ws: Workspace;

beforeEach(async () => {
  sim = await startVercelSimulator();
  ws = await Workspace.create({ VERCEL_API_URL: sim.url, VERCEL_TOKEN: sim.token, VERCEL_TEAM_ID: sim.teamId, PROD_STRIPE_KEY: CANARY });
  await ws.writeEnvironment('production', ESTATE);
});

afterEach(async () => {
  await sim.close();
  await ws.dispose();
});

function vercelUrl(path: string): string {
  const url = new URL(sim.url + path);
  url.searchParams.set('teamId', sim.teamId);
  return url.toString();
}

async function expectNoCanaryAnywhere(): Promise<void> {
  for (const text of [...ws.outputs, ...ws.logs]) expect(text).not.toContain(CANARY);
  const store = await readFile(ws.stateFile);
  expect(store.includes(Buffer.from(CANARY))).toBe(false);
}

describe('plan and apply against the Vercel simulator', () => {
  it('plans, applies, converges, then detects a dashboard edit as drift', async () => {
    const first = await ws.json('plan', '--env', 'production');
    expect(first.code).toBe(2);
    expect(changesOf(first.doc)).toEqual([
      { address: 'vercel.project.web', action: 'create' },
      { address: 'vercel.domain.web.www.shop-e2e.dev', action: 'create' },
      { address: 'vercel.env.web.API_URL', action: 'create' },
      { address: 'vercel.env.web.STRIPE_KEY', action: 'create' },
    ]);
    expect(first.doc['summary']).toMatchObject({ create: 4, update: 0, delete: 0 });

    const apply = await ws.run('apply', '--env', 'production', '--yes');
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(apply.stdout).toContain('Verified');

    const again = await ws.run('plan', '--env', 'production');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No changes');

    const edit = await platformRequest(vercelUrl('/v9/projects/shop-web'), sim.token, 'PATCH', { framework: 'vite' });
    expect(edit.status).toBe(200);
    const drift = await ws.json('drift', '--env', 'production');
    expect(drift.code).toBe(2);
    const changes = drift.doc['changes'] as { address: string; fields: { path: string; before: unknown; after: unknown }[] }[];
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ address: 'vercel.project.web', fields: [{ path: 'framework', before: 'vite', after: 'nextjs' }] });

    const history = await ws.run('history', '--env', 'production', '--format', 'json');
    const runs = (JSON.parse(history.stdout) as { runs: { kind: string; outcome: string }[] }).runs;
    expect(runs.map((r) => `${r.kind}:${r.outcome}`)).toEqual(['drift:drift', 'apply:converged']);
    await expectNoCanaryAnywhere();
  });

  it('adopts an existing project instead of creating a duplicate', async () => {
    const created = await platformRequest(vercelUrl('/v11/projects'), sim.token, 'POST', { name: 'shop-web', framework: 'nextjs', rootDirectory: 'web' });
    expect(created.status).toBe(200);
    const plan = await ws.json('plan', '--env', 'production');
    expect(changesOf(plan.doc).map((c) => c.address)).not.toContain('vercel.project.web');
    expect(plan.doc['adoptions']).toEqual([{ address: 'vercel.project.web', id: (created.body as { id: string }).id }]);
    expect((await ws.run('apply', '--env', 'production', '--yes')).code).toBe(0);
    const list = await platformRequest(vercelUrl('/v10/projects'), sim.token, 'GET');
    expect((list.body as { projects: unknown[] }).projects).toHaveLength(1);
  });

  it('deletes only what it owns, only with --allow-delete, and guards mass deletion', async () => {
    expect((await ws.run('apply', '--env', 'production', '--yes')).code).toBe(0);
    const unmanaged = await platformRequest(vercelUrl('/v10/projects/shop-web/env'), sim.token, 'POST', { key: 'SENTRY_AUTH_TOKEN', value: 'from-integration', type: 'encrypted', target: ['production'] });
    expect(unmanaged.status).toBe(201);

    await ws.writeEnvironment('production', ESTATE.replace('      API_URL: { value: https://api.shop-e2e.dev }\n', ''));
    const plan = await ws.json('plan', '--env', 'production');
    expect(changesOf(plan.doc)).toEqual([{ address: 'vercel.env.web.API_URL', action: 'delete' }]);
    expect((plan.doc['unmanaged'] as { address: string }[]).map((u) => u.address)).toContain('vercel.env.web.SENTRY_AUTH_TOKEN');

    const withheld = await ws.run('apply', '--env', 'production', '--yes');
    expect(withheld.code).toBe(1);
    expect(withheld.stdout).toContain('deletion needs --allow-delete');
    expect((await ws.run('apply', '--env', 'production', '--yes', '--allow-delete')).code).toBe(0);
    const envs = await platformRequest(vercelUrl('/v10/projects/shop-web/env'), sim.token, 'GET');
    expect((envs.body as { envs: { key: string }[] }).envs.map((e) => e.key).sort()).toEqual(['SENTRY_AUTH_TOKEN', 'STRIPE_KEY']);

    await ws.writeEnvironment('production', 'environment: production\nservices: {}\n');
    const guarded = await ws.run('apply', '--env', 'production', '--yes', '--allow-delete');
    expect(guarded.code).toBe(1);
    expect(guarded.stderr).toMatch(/refusing to apply production: the plan deletes 3 of 3 owned resources.*nothing was applied/);
    expect((await platformRequest(vercelUrl('/v9/projects/shop-web'), sim.token, 'GET')).status).toBe(200);
    await expectNoCanaryAnywhere();
  });

  it('a failed project create stops its dependents and the report says so', async () => {
    sim.faults.add({ match: (r) => r.method === 'POST' && r.path.startsWith('/v11/projects'), fault: { kind: 'server-error', status: 500 }, times: 1 });
    const result = await ws.json('apply', '--env', 'production', '--yes');
    expect(result.code).toBe(1);
    const outcomes = result.doc['outcomes'] as { address: string; outcome: string; error?: string }[];
    expect(outcomes.find((o) => o.address === 'vercel.project.web')).toMatchObject({ outcome: 'failed' });
    for (const dependent of outcomes.filter((o) => o.address !== 'vercel.project.web')) {
      expect(dependent).toMatchObject({ outcome: 'skipped', error: 'not attempted: vercel.project.web did not succeed' });
    }
    const list = await platformRequest(vercelUrl('/v10/projects'), sim.token, 'GET');
    expect((list.body as { projects: unknown[] }).projects).toHaveLength(0);
  });

  it('a create whose response was lost is recorded once, not repeated', async () => {
    sim.faults.add({ match: (r) => r.method === 'POST' && r.path.startsWith('/v11/projects'), fault: { kind: 'drop-response' }, times: 1 });
    const result = await ws.run('apply', '--env', 'production', '--yes');
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const list = await platformRequest(vercelUrl('/v10/projects'), sim.token, 'GET');
    expect((list.body as { projects: unknown[] }).projects).toHaveLength(1);
    expect(sim.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/v11/projects'))).toHaveLength(1);
  });

  it('a throttled read waits for Retry-After; a read that keeps failing is unknown, not absent', async () => {
    sim.faults.add({ match: (r) => r.method === 'GET' && r.path.startsWith('/v9/projects/shop-web'), fault: { kind: 'rate-limit', retryAfterSeconds: 1 }, times: 1 });
    const started = Date.now();
    const throttled = await ws.run('plan', '--env', 'production');
    expect(throttled.code).toBe(2);

    expect((await ws.run('apply', '--env', 'production', '--yes')).code).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    sim.faults.add({ match: (r) => r.method === 'GET' && r.path.includes('/env'), fault: { kind: 'server-error', status: 503 }, times: 100 });
    const broken = await ws.json('plan', '--env', 'production');
    expect(broken.code).toBe(1);
    expect(changesOf(broken.doc).filter((c) => c.address.startsWith('vercel.env.'))).toEqual([]);
    expect((broken.doc['unknown'] as { address: string }[]).map((u) => u.address).sort()).toEqual(['vercel.env.web.API_URL', 'vercel.env.web.STRIPE_KEY']);
  });

  it('fails in one line naming the missing token before any request', async () => {
    const bare = await Workspace.create({ VERCEL_API_URL: sim.url });
    try {
      await bare.writeEnvironment('production', ESTATE);
      const before = sim.requests.length;
      const result = await bare.run('plan', '--env', 'production');
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^error: VERCEL_TOKEN is not set/m);
      expect(sim.requests.length).toBe(before);
    } finally {
      await bare.dispose();
    }
  });

  it('refuses to apply while another apply holds the environment lock, naming the holder', async () => {
    const store = await SqlJsStateStore.open(join(ws.dir, '.gitplane'));
    const lock = await store.acquireLock('production', 'ci-runner-7:4242', 60_000);
    const blocked = await ws.run('apply', '--env', 'production', '--yes');
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toMatch(/environment production is locked by another apply \(ci-runner-7:4242, since .*\); nothing was applied/);
    expect(sim.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    await lock!.release();
    expect((await ws.run('apply', '--env', 'production', '--yes')).code).toBe(0);
  });

  it('refuses to apply without --yes when there is no terminal, changing nothing', async () => {
    const result = await ws.run('apply', '--env', 'production');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('run again with --yes');
    const list = await platformRequest(vercelUrl('/v10/projects'), sim.token, 'GET');
    expect((list.body as { projects: unknown[] }).projects).toHaveLength(0);
  });

  it('renders a markdown plan with the summary first and details folded', async () => {
    const result = await ws.run('plan', '--env', 'production', '--format', 'markdown');
    expect(result.code).toBe(2);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('### gitplane plan: `production`: 4 to create, 0 to update, 0 to delete');
    expect(result.stdout).toContain('<details><summary>Changes</summary>');
    expect(result.stdout).toContain('value: (sensitive)');
  });

  it('--target limits the plan to an address prefix and keeps what it depends on', async () => {
    const result = await ws.json('plan', '--env', 'production', '--target', 'vercel.env.web.API_URL');
    expect(changesOf(result.doc).map((c) => c.address)).toEqual(['vercel.project.web', 'vercel.env.web.API_URL']);
  });
});
