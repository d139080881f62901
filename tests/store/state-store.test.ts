import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Secret } from '../../src/secret.js';
import { SqlJsStateStore } from '../../src/store/sqljs-store.js';
import type { InventoryEntry, StateStore } from '../../src/store/types.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gitplane-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function entry(name: string, id: string, spec?: Record<string, unknown>): InventoryEntry {
  return {
    key: { env: 'production', platform: 'vercel', kind: 'env', name },
    address: `vercel.env.${name}`,
    id,
    origin: 'created',
    recordedAt: new Date().toISOString(),
    ...(spec ? { spec } : {}),
  };
}

/**
 * Every backend must pass this suite: the PostgreSQL store (DATABASE_URL) joins this list when it
 * is written.
 */
const backends: [string, (dir: string) => Promise<StateStore>][] = [['embedded sql.js', (d) => SqlJsStateStore.open(d)]];

describe.each(backends)('state store: %s', (_name, open) => {
  it('keeps the inventory across opens and forgets on request', async () => {
    const store = await open(dir);
    await store.recordOwned('production', [entry('web.A', 'env_1'), entry('web.B', 'env_2')]);
    const reopened = await open(dir);
    expect((await reopened.inventory('production')).map((e) => e.id)).toEqual(['env_1', 'env_2']);
    await reopened.forget('production', ['vercel.env.web.A']);
    expect((await store.inventory('production')).map((e) => e.address)).toEqual(['vercel.env.web.B']);
    expect(await store.inventory('staging')).toEqual([]);
  });

  it('never writes a secret value to disk', async () => {
    const store = await open(dir);
    const canary = 'canary-9f8e7d6c5b4a';
    await store.recordOwned('production', [entry('web.TOKEN', 'env_9', { key: 'TOKEN', value: new Secret(canary) })]);
    const bytes = await readFile(join(dir, 'state.sqlite'));
    expect(bytes.includes(Buffer.from(canary))).toBe(false);
    const [saved] = await store.inventory('production');
    expect(saved?.spec).toEqual({ key: 'TOKEN', value: '(sensitive)' });
  });

  it('two handles on one file do not lose each other\'s writes', async () => {
    const first = await open(dir);
    const second = await open(dir);
    await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => first.recordOwned('production', [entry(`web.F${i}`, `f${i}`)])),
      ...Array.from({ length: 10 }, (_, i) => second.recordOwned('production', [entry(`web.S${i}`, `s${i}`)])),
    ]);
    expect(await first.inventory('production')).toHaveLength(20);
  });

  it('finds every environment that owns one platform resource', async () => {
    const store = await open(dir);
    const project = (env: string): InventoryEntry => ({ ...entry('web', 'prj_1'), key: { env, platform: 'vercel', kind: 'project', name: 'web' }, address: 'vercel.project.web' });
    await store.recordOwned('production', [project('production')]);
    await store.recordOwned('staging', [project('staging')]);
    expect(await store.ownersOf('vercel', 'project', 'prj_1')).toEqual(['production', 'staging']);
    expect(await store.ownersOf('vercel', 'project', 'prj_2')).toEqual([]);
  });

  it('records runs with outcome and duration, newest first', async () => {
    const store = await open(dir);
    const first = await store.startRun({ env: 'production', kind: 'apply', trigger: 'cli', commit: 'abc1234' });
    await store.finishRun(first, { outcome: 'converged', summary: { create: 2 }, changes: [{ address: 'vercel.project.web', action: 'create', outcome: 'created' }] });
    const second = await store.startRun({ env: 'staging', kind: 'drift', trigger: 'schedule' });
    await store.finishRun(second, { outcome: 'drift', summary: { update: 1 }, changes: [] });
    const runs = await store.runs();
    expect(runs.map((r) => r.env)).toEqual(['staging', 'production']);
    expect(runs[1]).toMatchObject({ outcome: 'converged', commit: 'abc1234', summary: { create: 2 } });
    expect(runs[1]?.durationMs).toBeGreaterThanOrEqual(0);
    expect(await store.runs({ env: 'staging' })).toHaveLength(1);
  });

  it('gives an environment lock to one holder at a time and lets it expire', async () => {
    const store = await open(dir);
    const lock = await store.acquireLock('production', 'one', 60_000);
    expect(lock).not.toBeNull();
    expect(await store.acquireLock('production', 'two', 60_000)).toBeNull();
    expect(await store.acquireLock('staging', 'two', 60_000)).not.toBeNull();
    expect(await store.lockHolder('production')).toMatchObject({ holder: 'one' });
    await lock!.release();
    expect(await store.lockHolder('production')).toBeNull();
    expect(await store.acquireLock('production', 'two', 60_000)).not.toBeNull();
    expect(await store.acquireLock('expired', 'a', -1)).not.toBeNull();
    expect(await store.acquireLock('expired', 'b', 60_000)).not.toBeNull();
  });

  it('suspends and resumes an environment', async () => {
    const store = await open(dir);
    await store.suspend('production', 'incident 42', 'alice');
    expect(await store.suspension('production')).toMatchObject({ reason: 'incident 42', actor: 'alice' });
    expect(await store.resume('production')).toBe(true);
    expect(await store.suspension('production')).toBeNull();
    expect(await store.resume('production')).toBe(false);
  });
});
