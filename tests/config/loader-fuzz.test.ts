import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { formatDiagnostic, loadEnvironments } from '../../src/config/index.js';
import { envDir } from './helpers.js';

const PRODUCTION = readFileSync('environments/production.yaml', 'utf8');
const STAGING = readFileSync('environments/staging.yaml', 'utf8');

/** Whatever the input, the loader answers with well-formed, positioned, one-line diagnostics. */
async function assertWellBehaved(dir: string, content: string | Uint8Array, strict: boolean, env?: string): Promise<void> {
  writeFileSync(join(dir, 'production.yaml'), content);
  const started = performance.now();
  const result = await loadEnvironments(dir, { strict, ...(env === undefined ? {} : { env }) });
  expect(performance.now() - started).toBeLessThan(2000);
  for (const d of result.diagnostics) {
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeGreaterThanOrEqual(1);
    expect(Number.isInteger(d.line) && Number.isInteger(d.column)).toBe(true);
    expect([join(dir, 'production.yaml'), join(dir, 'staging.yaml')]).toContain(d.file);
    expect(d.message.length).toBeGreaterThan(0);
    expect(formatDiagnostic(d)).not.toContain('\n');
  }
  const failing = new Set(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.file));
  for (const env of result.environments) for (const file of env.files) expect(failing.has(file)).toBe(false);
}

const YAML_TOKENS = [
  'environment', 'production', 'services', 'api', 'platform', 'railway', 'vercel', 'env', 'value', 'ref', 'fromEnv', 'secret', 'domains',
  'monitors', 'sentry', 'projects', 'policy', 'name', 'url', 'type', 'http', ':', ': ', '- ', '-', ' ', '  ', '\n', '\n  ', '\n    ', '\t',
  '{', '}', '[', ']', ',', '&a ', '*a', '&b ', '*b', '!!str ', '!tag ', '? ', '#', "'", '"', '|', '>', '---', '...', '%YAML 1.2\n', '<<: ',
  'null', '~', 'true', '0x1F', '1e9', '-.inf', '\\', '\u00e9', '\u{1F600}', '\u0000', '\r\n', '\uFEFF', '${{ X.Y }}', 'sentry.api.dsn',
];

const yamlish = fc.array(fc.constantFrom(...YAML_TOKENS), { maxLength: 80 }).map((tokens) => tokens.join(''));

type Mutation = { kind: 'drop' | 'dup' | 'swap' | 'insert' | 'indent' | 'replace'; at: number; text: string };

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('drop', 'dup', 'swap', 'insert', 'indent', 'replace'),
  at: fc.nat(),
  text: fc.oneof(fc.constantFrom(...YAML_TOKENS), fc.string({ maxLength: 12 }), fc.constantFrom('envv', 'replcias', 'platfrom', 'taget', 'fromenv')),
});

function mutate(source: string, mutations: readonly Mutation[]): string {
  const lines = source.split('\n');
  for (const m of mutations) {
    const i = m.at % lines.length;
    const line = lines[i] ?? '';
    switch (m.kind) {
      case 'drop':
        lines.splice(i, 1);
        break;
      case 'dup':
        lines.splice(i, 0, line);
        break;
      case 'swap': {
        const j = line.length > 1 ? m.at % (line.length - 1) : 0;
        lines[i] = line.slice(0, j) + (line[j + 1] ?? '') + (line[j] ?? '') + line.slice(j + 2);
        break;
      }
      case 'insert':
        lines.splice(i, 0, `${' '.repeat(m.at % 9)}${m.text}: ${m.text}`);
        break;
      case 'indent':
        lines[i] = ' '.repeat(m.at % 3) + line;
        break;
      case 'replace':
        lines[i] = line.replace(/:\s.*$/, `: ${m.text}`);
        break;
    }
    if (lines.length === 0) lines.push('');
  }
  return lines.join('\n');
}

const keyName = fc.oneof(fc.constantFrom('environment', 'services', 'api', 'railway', 'vercel', 'platform', 'env', 'value', 'monitors', 'domains', 'sentry', 'policy', 'project', 'target'), fc.string({ maxLength: 8 }));
const wildTree = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, fc.string({ maxLength: 10 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(keyName, tie('node'), { maxKeys: 5 })),
})).node;

describe('the loader under fuzzing', () => {
  it('survives random YAML-ish text', { timeout: 40_000 }, async () => {
    const dir = envDir({});
    await fc.assert(fc.asyncProperty(yamlish, fc.boolean(), (text, strict) => assertWellBehaved(dir, text, strict)), { numRuns: 1200 });
  });

  // Staging sits next to the mutated production file; loading both (half of the runs) exercises
  // parity and the cross-environment paths, loading production alone keeps the run count high.
  it('survives mutations of the example files', { timeout: 40_000 }, async () => {
    const dir = envDir({ 'staging.yaml': STAGING });
    const scope = fc.constantFrom<string | undefined>(undefined, 'production');
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.boolean(), scope, (mutations, strict, env) => assertWellBehaved(dir, mutate(PRODUCTION, mutations), strict, env)),
      { numRuns: 500 },
    );
  });

  it('survives well-formed YAML of any shape', { timeout: 40_000 }, async () => {
    const dir = envDir({});
    const doc = fc.dictionary(keyName, wildTree, { maxKeys: 6 }).map((d) => stringify({ environment: 'production', ...d }));
    await fc.assert(fc.asyncProperty(doc, (text) => assertWellBehaved(dir, text, false)), { numRuns: 500 });
  });

  it('survives random bytes', { timeout: 40_000 }, async () => {
    const dir = envDir({});
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), (bytes) => assertWellBehaved(dir, bytes, false)), { numRuns: 300 });
  });
});
