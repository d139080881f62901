import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEnvironments } from '../../src/config/index.js';
import { envDir, withCode, yaml } from './helpers.js';

function web(env: string, target: string, framework: string, extra: string[] = []): string {
  return yaml(
    `environment: ${env}`,
    'services:',
    '  web:',
    '    platform: vercel',
    '    vercel:',
    '      project: shop-web',
    `      target: ${target}`,
    ...extra,
    `      framework: ${framework}`,
  );
}

describe('one Vercel project declared by several environment files', () => {
  it('is fine when the project-level settings agree or are declared once', async () => {
    const dir = envDir({
      'production.yaml': web('production', 'production', 'nextjs'),
      'staging.yaml': web('staging', 'preview', 'nextjs', ['      gitBranch: staging']),
    });
    expect(withCode((await loadEnvironments(dir)).diagnostics, 'shared-project-conflict')).toEqual([]);
  });

  it('is an error at the setting in each file when they disagree, since every apply would undo the other', async () => {
    const dir = envDir({
      'production.yaml': web('production', 'production', 'nextjs'),
      'staging.yaml': web('staging', 'preview', 'vite', ['      gitBranch: staging']),
    });
    const result = await loadEnvironments(dir);
    const found = withCode(result.diagnostics, 'shared-project-conflict');
    expect(found.map((d) => [d.file, d.line, d.column, d.severity])).toEqual([
      [join(dir, 'production.yaml'), 8, 18, 'error'],
      [join(dir, 'staging.yaml'), 9, 18, 'error'],
    ]);
    expect(found[0]!.message).toContain('staging.yaml (service web) has "vite"');
    expect(result.environments).toEqual([]);
  });
});
