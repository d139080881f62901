import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, loadEnvironments, type Diagnostic } from '../../src/config/index.js';
import { envDir, minimal, withCode, yaml } from './helpers.js';

async function diagnosticsOf(name: string, content: string | Uint8Array): Promise<{ file: string; diagnostics: Diagnostic[] }> {
  const dir = envDir({ [`${name}.yaml`]: content });
  const result = await loadEnvironments(dir);
  expect(result.environments).toEqual([]);
  return { file: join(dir, `${name}.yaml`), diagnostics: result.diagnostics };
}

function only(diagnostics: readonly Diagnostic[]): Diagnostic {
  expect(diagnostics, diagnostics.map(formatDiagnostic).join('\n')).toHaveLength(1);
  return diagnostics[0]!;
}

describe('files that are not valid YAML', () => {
  it('reports malformed YAML at the offending line', async () => {
    const { file, diagnostics } = await diagnosticsOf('production', yaml('environment: production', 'services: [api, web', 'monitors: []'));
    expect(only(diagnostics)).toMatchObject({ severity: 'error', code: 'yaml-syntax', file, line: 3, column: 1 });
  });

  it('reports an unterminated quote', async () => {
    const { file, diagnostics } = await diagnosticsOf('production', yaml('environment: production', 'services:', '  api: "unterminated'));
    expect(only(diagnostics)).toMatchObject({ code: 'yaml-syntax', file, line: 4, column: 1 });
  });

  it('refuses tabs used for indentation, pointing at the tab', async () => {
    const { file, diagnostics } = await diagnosticsOf('production', yaml('environment: production', 'services:', '\tapi:', '\t\tplatform: railway'));
    const d = withCode(diagnostics, 'yaml-tab-indent')[0];
    expect(d).toMatchObject({ file, line: 3, column: 1, message: expect.stringContaining('tab') });
  });

  it('refuses duplicate mapping keys, naming the key', async () => {
    const { file, diagnostics } = await diagnosticsOf('production', minimal('production', ['      replicas: 1', '      replicas: 2']));
    expect(withCode(diagnostics, 'yaml-duplicate-key')).toEqual([
      expect.objectContaining({ file, line: 8, column: 7, message: expect.stringContaining('"replicas"') }),
    ]);
  });

  it('refuses an empty file', async () => {
    const { file, diagnostics } = await diagnosticsOf('production', '');
    expect(only(diagnostics)).toMatchObject({ code: 'empty-file', file, line: 1, column: 1, message: expect.stringContaining('empty') });
  });

  it('refuses a file of only comments', async () => {
    const { file, diagnostics } = await diagnosticsOf('production', yaml('# production', '# nothing here yet'));
    expect(only(diagnostics)).toMatchObject({ code: 'empty-file', file, line: 1, column: 1, message: expect.stringContaining('only comments') });
  });

  it('refuses bytes that are not UTF-8, at their line and column', async () => {
    const bytes = Buffer.concat([Buffer.from('environment: production\nservices:\n  caf'), Buffer.from([0xe9]), Buffer.from(': {}\n')]);
    const { file, diagnostics } = await diagnosticsOf('production', bytes);
    expect(only(diagnostics)).toMatchObject({ code: 'not-utf8', file, line: 3, column: 6, message: expect.stringContaining('0xe9') });
  });

  it('refuses a 10 MB file quickly, before parsing it', async () => {
    const huge = `environment: production\nservices:\n${'  # padding padding padding padding padding padding padding padding padding\n'.repeat(140_000)}`;
    expect(huge.length).toBeGreaterThan(10_000_000);
    const dir = envDir({ 'production.yaml': huge });
    const started = performance.now();
    const result = await loadEnvironments(dir);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(only(result.diagnostics)).toMatchObject({ code: 'file-too-large', file: join(dir, 'production.yaml'), line: 1, column: 1, message: expect.stringContaining('1.0 MiB') });
  });

  it('refuses an alias bomb without expanding it', { timeout: 2000 }, async () => {
    const lines = ['environment: production', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    const names = 'bcdefghijklm';
    for (let i = 0; i < names.length; i++) lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${i === 0 ? 'a' : names[i - 1]}`).join(',')}]`);
    const { file, diagnostics } = await diagnosticsOf('production', yaml(...lines));
    expect(only(diagnostics)).toMatchObject({ code: 'yaml-alias-limit', file, line: 3, column: 8 });
  });

  it('reports an alias to an undefined anchor', async () => {
    const { file, diagnostics } = await diagnosticsOf('production', minimal('production', ['      region: *nowhere']));
    expect(withCode(diagnostics, 'yaml-unresolved-alias')).toEqual([expect.objectContaining({ file, line: 7 })]);
  });

  it('refuses several YAML documents in one file', async () => {
    const { file, diagnostics } = await diagnosticsOf('production', yaml('environment: production', '---', 'environment: staging'));
    expect(only(diagnostics)).toMatchObject({ code: 'yaml-multiple-documents', file, line: 2, column: 1 });
  });

  it('refuses a document that is not a mapping', async () => {
    const { file, diagnostics } = await diagnosticsOf('production', yaml('- environment: production'));
    expect(only(diagnostics)).toMatchObject({ code: 'schema-type', file, line: 1, column: 1, message: 'expected a mapping, got a list' });
  });
});

describe('schema violations', () => {
  it('reports every wrong type of a file in one run, each at its value', async () => {
    const { file, diagnostics } = await diagnosticsOf(
      'production',
      minimal('production', ['      replicas: two', '      serviceDomain: "yes"', '    domains: api.example.com', '    env:', '      LOG_LEVEL: { value: 3 }']),
    );
    expect(diagnostics.map((d) => [d.file, d.line, d.column, d.key, d.message])).toEqual([
      [file, 7, 17, 'services.api.railway.replicas', 'expected a whole number, got text'],
      [file, 8, 22, 'services.api.railway.serviceDomain', 'expected true or false, got text'],
      [file, 9, 14, 'services.api.domains', 'expected a list, got text'],
      [file, 11, 27, 'services.api.env.LOG_LEVEL.value', 'expected text, got a whole number'],
    ]);
    expect(diagnostics[3]?.hint).toBe('put the value in quotes to make it text');
  });

  it('reports an unknown key at the key, listing what is allowed', async () => {
    const { file, diagnostics } = await diagnosticsOf('production', minimal('production', ['      colour: blue']));
    const d = only(diagnostics);
    expect(d).toMatchObject({ code: 'schema-unknown-key', file, line: 7, column: 7, key: 'services.api.railway.colour' });
    expect(d.message).toContain('expected one of project, environment, source');
    expect(d.hint).toBeUndefined();
  });

  it('suggests the closest key for a misspelled one', async () => {
    const { file, diagnostics } = await diagnosticsOf('production', minimal('production', ['      replcias: 2', '    env:', '      A: { fromenv: X }']));
    expect(diagnostics.map((d) => [d.line, d.column, d.key, d.hint])).toEqual([
      [7, 7, 'services.api.railway.replcias', 'did you mean "replicas"?'],
      [9, 12, 'services.api.env.A.fromenv', 'did you mean "fromEnv"?'],
    ]);
    expect(formatDiagnostic(diagnostics[0]!)).toBe(
      `${file}:7:7: error: services.api.railway.replcias: unknown key "replcias"; expected one of project, environment, source, healthcheck, replicas, restartPolicy, startCommand, buildCommand, region, serviceDomain (did you mean "replicas"?)`,
    );
  });

  it('suggests the closest value of an enumeration', async () => {
    const { diagnostics } = await diagnosticsOf('production', yaml('environment: production', 'services:', '  api:', '    platform: railwy'));
    expect(only(diagnostics)).toMatchObject({ line: 4, column: 15, key: 'services.api.platform', hint: 'did you mean "railway"?' });
  });

  it('explains a variable written in no accepted form', async () => {
    const { diagnostics } = await diagnosticsOf('production', minimal('production', ['    env:', '      A: secrt', '      B: 42', '      C: { value: x, ref: sentry.api.dsn }']));
    expect(diagnostics.map((d) => [d.line, d.column, d.code, d.hint])).toEqual([
      [8, 10, 'schema-type', 'did you mean "secret"?'],
      [9, 10, 'schema-type', undefined],
      [10, 10, 'schema-conflicting-keys', undefined],
    ]);
    expect(diagnostics[1]?.message).toBe('expected `secret`, { fromEnv: NAME }, { value: text } or { ref: platform.name.output }, got a whole number');
  });

  it('requires the block that matches the platform and refuses the other one', async () => {
    const { file, diagnostics } = await diagnosticsOf('production', yaml('environment: production', 'services:', '  web:', '    platform: vercel', '    railway: { project: x }'));
    expect(diagnostics.map((d) => [d.file, d.line, d.column, d.message])).toEqual([
      [file, 3, 3, 'missing required key "vercel" when platform is "vercel"'],
      [file, 5, 5, 'key "railway" is not allowed here when platform is "vercel"'],
    ]);
  });

  it('refuses invalid names at the key', async () => {
    const { diagnostics } = await diagnosticsOf('production', yaml('environment: production', 'services:', '  Bad_Name:', '    platform: railway', '    railway: { project: x }', '    env: { 1BAD: secret }'));
    expect(diagnostics.map((d) => [d.line, d.column, d.code, d.key])).toEqual([
      [3, 3, 'schema-invalid-name', 'services.Bad_Name'],
      [6, 12, 'schema-invalid-name', 'services.Bad_Name.env.1BAD'],
    ]);
  });

  it('refuses a monitor interval under 30 seconds', async () => {
    const { diagnostics } = await diagnosticsOf('production', yaml('environment: production', 'monitors:', '  - { name: m, url: "https://x.example.com", type: http, interval: 10 }'));
    expect(only(diagnostics)).toMatchObject({ line: 3, column: 68, key: 'monitors[0].interval', message: 'expected a value >= 30, got 10' });
  });

  it('reports a missing environment key at the top of the document', async () => {
    const { file, diagnostics } = await diagnosticsOf('production', yaml('# comment', 'services: {}'));
    expect(only(diagnostics)).toMatchObject({ file, line: 2, column: 1, message: 'missing required key "environment"' });
  });
});

describe('pathological sizes stay linear', () => {
  // Each of these took minutes before: ajv concatenating errors of referenced schemas, the yaml
  // library's quadratic duplicate-key check, and its per-alias search for the anchor.
  it('handles 20,000 mistyped variables, 20,000 duplicate keys and 5,000 aliases in seconds', { timeout: 20_000 }, async () => {
    const header = ['environment: production', 'services:', '  api:', '    platform: railway', '    railway: { project: p }', '    env:'];
    const dir = envDir({
      'a.yaml': yaml(...header, ...Array.from({ length: 20_000 }, (_, i) => `      V${i}: 3`)),
      'b.yaml': yaml(...header, ...Array.from({ length: 20_000 }, (_, i) => `      V${i % 10}: secret`)),
      'c.yaml': yaml('environment: c', `x: [${Array.from({ length: 5_000 }, (_, i) => `&a${i} 1, *a${i}`).join(', ')}]`),
    });
    const started = performance.now();
    const { diagnostics } = await loadEnvironments(dir);
    expect(performance.now() - started).toBeLessThan(10_000);
    const count = (file: string, code: string) => diagnostics.filter((d) => d.file.endsWith(file) && d.code === code).length;
    expect(count('a.yaml', 'schema-type')).toBe(200);
    expect(count('a.yaml', 'schema-too-many-errors')).toBe(1);
    expect(count('b.yaml', 'yaml-duplicate-key')).toBe(19_990);
    expect(diagnostics.find((d) => d.file.endsWith('c.yaml'))).toMatchObject({ code: 'yaml-alias-limit', line: 2, column: 2994 });
  });
});
