import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../reconcilers/sandbox.js';
import { Workspace } from './harness.js';

const environments = resolve(import.meta.dirname, '../../environments');
let sandbox: Sandbox;
let ws: Workspace;

beforeAll(async () => {
  sandbox = await startSandbox();
  ws = await Workspace.create({
    ...sandbox.variables,
    GITPLANE_RAILWAY_DEPLOY_POLL_MS: '50',
    PROD_STRIPE_SECRET_KEY: 'sk_test_e2e_prod',
    STAGING_STRIPE_SECRET_KEY: 'sk_test_e2e_staging',
  });
});

afterAll(async () => {
  await sandbox.close();
  await ws.dispose();
});

describe('the example estate on the seeded sandbox', () => {
  it('converges production and staging, after which drift --all finds nothing', async () => {
    for (const env of ['production', 'staging']) {
      const apply = await ws.run('apply', '--env', env, '--yes', '--dir', environments);
      expect(apply.code, `${env}: ${apply.stdout}\n${apply.stderr}`).toBe(0);
    }
    const drift = await ws.run('drift', '--all', '--format', 'json', '--dir', environments);
    expect(drift.code, drift.stdout + drift.stderr).toBe(0);
    const documents = (JSON.parse(drift.stdout) as { environments: { environment: string; drift: boolean }[] }).environments;
    expect(documents.map((d) => [d.environment, d.drift])).toEqual([['production', false], ['staging', false]]);
  });
});
