import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, loadEnvironments } from '../../src/config/index.js';
import { findCycle } from '../../src/config/references.js';
import { envDir, minimal, withCode, yaml } from './helpers.js';

async function load(files: Record<string, string>, options: { env?: string; strict?: boolean } = {}) {
  const dir = envDir(files);
  return { dir, ...(await loadEnvironments(dir, options)) };
}

describe('environment names', () => {
  it('requires environment: to equal the file name', async () => {
    const { dir, diagnostics, environments } = await load({ 'production.yaml': minimal('staging') });
    expect(environments).toEqual([]);
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'environment-name-mismatch', file: join(dir, 'production.yaml'), line: 1, column: 14, message: 'environment "staging" does not match the file name "production"' }),
    ]);
  });

  it('loads only the environment asked for, and says clearly when it is missing', async () => {
    const files = { 'production.yaml': minimal('production'), 'staging.yaml': minimal('staging') };
    const one = await load(files, { env: 'staging' });
    expect(one.environments.map((e) => e.name)).toEqual(['staging']);
    const missing = await load(files, { env: 'qa' });
    expect(missing.diagnostics).toEqual([
      expect.objectContaining({ code: 'environment-not-found', file: join(missing.dir, 'qa.yaml'), line: 1, column: 1, hint: 'known environments: production, staging' }),
    ]);
  });

  it('reports a missing directory as a diagnostic', async () => {
    const result = await loadEnvironments('/nonexistent/gitplane/environments');
    expect(result).toEqual({ environments: [], diagnostics: [expect.objectContaining({ code: 'dir-not-found', file: '/nonexistent/gitplane/environments', line: 1, column: 1 })] });
  });

  it('defaults railway.environment to the file name and keeps an explicit one', async () => {
    const { environments } = await load({ 'qa.yaml': minimal('qa'), 'prod.yaml': minimal('prod', ['      environment: production']) });
    expect(environments.map((e) => (e.services[0]?.platform === 'railway' ? e.services[0].railway.environment : undefined))).toEqual(['production', 'qa']);
  });
});

describe('directory environments', () => {
  it('merges environments/<name>/*.yaml and refuses a service declared in two files', async () => {
    const { dir, diagnostics, environments } = await load({
      'production/services.yaml': minimal('production'),
      'production/monitors.yaml': yaml('environment: production', 'monitors:', '  - { name: api, url: "https://api.example.com/", type: http }'),
      'staging/a.yaml': minimal('staging'),
      'staging/b.yaml': minimal('staging'),
    });
    expect(environments.map((e) => [e.name, e.files.length, e.services.length, e.monitors.length])).toEqual([['production', 2, 1, 1]]);
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'duplicate-service', file: join(dir, 'staging', 'b.yaml'), line: 3, column: 3, message: `service already declared at ${join(dir, 'staging', 'a.yaml')}:3:3` }),
    ]);
  });

  it('refuses an environment declared both as a file and as a directory', async () => {
    const { diagnostics } = await load({ 'production.yaml': minimal('production'), 'production/x.yaml': minimal('production') });
    expect(withCode(diagnostics, 'duplicate-environment')).toHaveLength(1);
  });
});

describe('references', () => {
  const withRefs = (...refs: string[]) =>
    yaml(
      'environment: production',
      'services:',
      '  api:',
      '    platform: railway',
      '    railway: { project: shop, serviceDomain: true }',
      '    env:',
      ...refs.map((r, i) => `      V${i}: { ref: ${r} }`),
      '  worker:',
      '    platform: railway',
      '    railway: { project: shop }',
      'sentry:',
      '  organization: acme',
      '  projects:',
      '    api: { team: platform, platform: node }',
    );

  it('resolves refs to declared resources, including a service referencing its own domain', async () => {
    const { diagnostics, environments } = await load({ 'production.yaml': withRefs('sentry.api.dsn', 'railway.api.domain') });
    expect(diagnostics).toEqual([]);
    expect(environments[0]?.services[0]?.variables.map((v) => v.source)).toEqual([
      { kind: 'ref', ref: { expression: 'sentry.api.dsn', platform: 'sentry', kind: 'project', name: 'api', output: 'dsn' } },
      { kind: 'ref', ref: { expression: 'railway.api.domain', platform: 'railway', kind: 'service', name: 'api', output: 'domain' } },
    ]);
  });

  it('reports dangling refs at the ref, with a suggestion', async () => {
    const { dir, diagnostics } = await load({ 'production.yaml': withRefs('sentry.apii.dsn', 'railway.worker.domain', 'vercel.api.domain', 'sentry.api.url', 'railway.nope.domain') });
    const file = join(dir, 'production.yaml');
    expect(diagnostics.map((d) => [d.file, d.line, d.column, d.code, d.hint])).toEqual([
      [file, 7, 18, 'ref-dangling', 'did you mean "api"?'],
      [file, 8, 18, 'ref-dangling', 'declare domains: or serviceDomain: true on it'],
      [file, 9, 18, 'ref-dangling', 'did you mean "railway.api.domain"?'],
      [file, 10, 18, 'ref-unknown-output', undefined],
      [file, 11, 18, 'ref-dangling', 'declared services: api, worker'],
    ]);
    expect(formatDiagnostic(diagnostics[0]!)).toBe(`${file}:7:18: error: services.api.env.V0.ref: ref "sentry.apii.dsn": no Sentry project "apii" is declared in this environment (did you mean "api"?)`);
  });

  // Refs cannot form a cycle as the language stands: a ref points from a variable to an output (a
  // DSN, a domain) and no output depends on a variable. The closest cycle the language can express
  // is a loop of domain redirects, checked below; the cycle finder the ref check runs is tested on
  // a constructed graph.
  it('finds a cycle in a reference graph and none in a chain', () => {
    const chain = new Map([['railway.api.env.A', ['vercel.web.domain']], ['vercel.web.domain', []]]);
    expect(findCycle(chain)).toBeUndefined();
    const loop = new Map([
      ['railway.api.env.A', ['railway.worker.env.B']],
      ['railway.worker.env.B', ['railway.api.env.A']],
    ]);
    expect(findCycle(loop)).toEqual(['railway.api.env.A', 'railway.worker.env.B', 'railway.api.env.A']);
    expect(findCycle(new Map([['a', ['a']]]))).toEqual(['a', 'a']);
  });

  it('refuses a loop of domain redirects', async () => {
    const { dir, diagnostics } = await load({
      'production.yaml': yaml(
        'environment: production',
        'services:',
        '  web:',
        '    platform: vercel',
        '    vercel: { project: web, target: production }',
        '    domains:',
        '      - { name: a.example.com, redirect: b.example.com }',
        '      - { name: b.example.com, redirect: a.example.com }',
      ),
    });
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'domain-redirect-cycle', file: join(dir, 'production.yaml'), line: 7, column: 42, message: 'domain redirects form a loop: a.example.com -> b.example.com -> a.example.com' }),
    ]);
  });
});

describe('uniqueness', () => {
  it('refuses a domain declared by two services, pointing at both', async () => {
    const { dir, diagnostics } = await load({
      'production.yaml': yaml(
        'environment: production',
        'services:',
        '  api:',
        '    platform: railway',
        '    railway: { project: shop }',
        '    domains: [api.example.com]',
        '  web:',
        '    platform: vercel',
        '    vercel: { project: web, target: production }',
        '    domains: [www.example.com, api.example.com]',
      ),
    });
    const file = join(dir, 'production.yaml');
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'duplicate-domain', file, line: 10, column: 32, key: 'services.web.domains[1]', message: `domain "api.example.com" is already declared by service "api" at ${file}:6:15` }),
    ]);
  });

  it('refuses two monitors with the same name', async () => {
    const { dir, diagnostics } = await load({
      'production.yaml': yaml('environment: production', 'monitors:', '  - { name: home, url: "https://example.com/", type: http }', '  - { name: home, url: "https://example.com/x", type: http }'),
    });
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'duplicate-monitor', file: join(dir, 'production.yaml'), line: 4, column: 13, message: `monitor "home" is already declared at ${join(dir, 'production.yaml')}:3:5` })]);
  });

  it('refuses a service name used twice in one file as a duplicate key', async () => {
    const { diagnostics } = await load({ 'production.yaml': yaml('environment: production', 'services:', '  api: { platform: railway, railway: { project: a } }', '  api: { platform: railway, railway: { project: b } }') });
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'yaml-duplicate-key', line: 4, column: 3, message: 'duplicate key "api"; a key may appear only once in a mapping' })]);
  });
});

describe('platform rules', () => {
  const vercel = (...lines: string[]) => yaml('environment: production', 'services:', '  web:', '    platform: vercel', '    vercel:', '      project: web', ...lines);

  it('allows gitBranch only with target preview', async () => {
    const { dir, diagnostics } = await load({ 'production.yaml': vercel('      target: production', '      gitBranch: main') });
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'vercel-git-branch', file: join(dir, 'production.yaml'), line: 8, column: 7, key: 'services.web.vercel.gitBranch', hint: 'remove gitBranch, or set target: preview' }),
    ]);
  });

  it('requires gitBranch with target preview', async () => {
    const { diagnostics } = await load({ 'production.yaml': vercel('      target: preview') });
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'vercel-git-branch', line: 7, column: 15, key: 'services.web.vercel.target' })]);
  });

  it('checks each monitor target against its type, never echoing the URL', async () => {
    const { dir, diagnostics } = await load({
      'production.yaml': yaml(
        'environment: production',
        'monitors:',
        '  - { name: a, url: "ftp://example.com", type: http }',
        '  - { name: b, url: "https://example.com/", type: keyword }',
        '  - { name: c, url: "https://example.com", type: ping }',
        '  - { name: d, url: "db.example.com", type: port }',
        '  - { name: e, url: "https://u:p@example.com/", type: http }',
      ),
    });
    const file = join(dir, 'production.yaml');
    expect(diagnostics.map((d) => [d.file, d.line, d.column, d.code])).toEqual([
      [file, 3, 21, 'monitor-url'],
      [file, 4, 51, 'monitor-missing-field'],
      [file, 5, 21, 'monitor-url'],
      [file, 6, 45, 'monitor-missing-field'],
      [file, 7, 21, 'monitor-url'],
    ]);
    expect(diagnostics.map(formatDiagnostic).join('\n')).not.toContain('u:p@');
  });
});
