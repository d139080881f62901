import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEnvironments } from '../../src/config/index.js';
import { envDir, minimal } from './helpers.js';

const files = {
  'production.yaml': minimal('production', ['    env:', '      DATABASE_URL: secret', '      STRIPE_KEY: secret', '      LOG_LEVEL: { value: warning }']),
  'staging.yaml': minimal('staging', ['    env:', '      DATABASE_URL: secret', '      DEBUG_TOOLBAR: { value: "1" }']),
  'preview.yaml': minimal('preview', ['    env:', '      DATABASE_URL: secret', '      STRIPE_KEY: secret']),
};

describe('environment parity', () => {
  it('warns, per environment, about variable names other environments declare for the same service', async () => {
    const dir = envDir(files);
    const { diagnostics, environments } = await loadEnvironments(dir);
    expect(environments.map((e) => e.name)).toEqual(['preview', 'production', 'staging']);
    expect(diagnostics.map((d) => [d.severity, d.file, d.line, d.column, d.key, d.message])).toEqual([
      ['warning', join(dir, 'preview.yaml'), 7, 5, 'services.api.env', 'service "api" lacks variables that other environments declare: DEBUG_TOOLBAR (in staging), LOG_LEVEL (in production)'],
      ['warning', join(dir, 'production.yaml'), 7, 5, 'services.api.env', 'service "api" lacks variables that other environments declare: DEBUG_TOOLBAR (in staging)'],
      ['warning', join(dir, 'staging.yaml'), 7, 5, 'services.api.env', 'service "api" lacks variables that other environments declare: LOG_LEVEL (in production), STRIPE_KEY (in preview, production)'],
    ]);
  });

  it('turns the warnings into errors with strict, and the environments are then invalid', async () => {
    const dir = envDir(files);
    const { diagnostics, environments } = await loadEnvironments(dir, { strict: true });
    expect(diagnostics.map((d) => d.severity)).toEqual(['error', 'error', 'error']);
    expect(environments).toEqual([]);
  });

  it('ignores services that exist in one environment only, and a single --env load', async () => {
    const dir = envDir({ ...files, 'qa.yaml': minimal('qa').replace('  api:', '  qa-only:') });
    const all = await loadEnvironments(dir);
    expect(all.diagnostics.filter((d) => d.file.endsWith('qa.yaml'))).toEqual([]);
    expect((await loadEnvironments(dir, { env: 'staging', strict: true })).diagnostics).toEqual([]);
  });
});
