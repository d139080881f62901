import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runValidate } from '../../src/cli/commands/validate.js';
import { formatDiagnostic, loadEnvironments } from '../../src/config/index.js';
import { credentialKind } from '../../src/config/secret-guard.js';
import { capture, envDir, minimal } from './helpers.js';

// Built by concatenation so that this file does not itself trip secret scanners.
const LEAKS: Record<string, string> = {
  stripe: 'sk_' + 'live_51HxQ2bK8f7Jq0Lm3Nc9Xz',
  stripeTest: 'sk_' + 'test_4eC39HqLyjWDarjtT1zdp7dc',
  restricted: 'rk_' + 'live_51HxQ2bK8f7Jq0Lm3Nc9',
  github: 'ghp_' + 'a8F3k2L9q0Wz7Xc4Vb1Nm6Hj5Gt2Rd8Es3Yp',
  githubOauth: 'gho_' + '16C7e42F292c6912E7710c838347Ae178B4a',
  githubApp: 'ghs_' + '16C7e42F292c6912E7710c838347Ae178B4a',
  githubPat: 'github_pat_' + '11ABCDEFG0123456789_abcdefghijklmnop',
  slackBot: 'xoxb-' + '123456789012-1234567890123-AbCdEfGhIjKl',
  slackUser: 'xoxp-' + '123456789012-1234567890123-AbCdEfGhIjKl',
  aws: 'AKIA' + 'IOSFODNN7QZ4LX2P',
  gitlab: 'glpat-' + 'xY7zK2mN9pQ4rS6tU8vW',
  npm: 'npm_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8',
  privateKey: '-----BEGIN RSA ' + 'PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----',
  sentryDsn: 'https://' + '0123456789abcdef0123456789abcdef@o123.ingest.sentry.io/456',
  postgres: 'postgres://app:' + 'Tr0ub4dor3@db.internal:5432/shop',
  entropy: 'Zq8' + 'vN2xL5kP9wR3tY7uJ1mB4cF6',
  hexKey: 'a3f5c9e1b7d2' + '048f6e9c1a3b5d7f9e2c',
};

const HARMLESS = [
  '${{ Postgres.DATABASE_URL }}',
  'postgres://${{PGUSER}}:${{PGPASSWORD}}@${{PGHOST}}:5432/app',
  'https://api.acme-shop.com/v1',
  'acme-shop-web-production-2024',
  'Welcome to the Acme Shop staging site',
  '123e4567-e89b-12d3-a456-426614174000',
  'price_1MoBy5LkdIwHu7ixZhnattbh',
  'pk_live_51HxQ2bK8f7Jq0Lm3Nc9Xz',
  'warning',
  '8',
];

describe('the secret guard', () => {
  it.each(Object.entries(LEAKS))('flags %s', (_, value) => {
    expect(credentialKind(value)).toBeDefined();
  });

  it.each(HARMLESS)('lets %s through', (value) => {
    expect(credentialKind(value)).toBeUndefined();
  });

  it('refuses every leak at its value, naming the variable and never the value, in every output', async () => {
    const names = Object.keys(LEAKS);
    const lines = names.map((name) => `      ${name.toUpperCase()}: { value: ${JSON.stringify(LEAKS[name])} }`);
    const dir = envDir({ 'production.yaml': minimal('production', ['    env:', ...lines]) });
    const result = await loadEnvironments(dir);
    const guard = result.diagnostics.filter((d) => d.code === 'secret-literal');
    expect(guard.map((d) => [d.file, d.line, d.column])).toEqual(names.map((_, i) => [join(dir, 'production.yaml'), 8 + i, 18 + names[i]!.length]));
    for (const [i, d] of guard.entries()) {
      expect(d.key).toBe(`services.api.env.${names[i]!.toUpperCase()}`);
      expect(d.message).toContain(names[i]!.toUpperCase());
      expect(d.hint).toContain('secret');
      expect(d.hint).toContain('fromEnv');
    }

    const text = capture();
    const json = capture();
    expect(await runValidate({ dir, format: 'text' }, text.io)).toBe(1);
    expect(await runValidate({ dir, format: 'json' }, json.io)).toBe(1);
    const everything = [JSON.stringify(result), result.diagnostics.map(formatDiagnostic).join('\n'), ...text.out, ...text.err, ...json.out, ...json.err].join('\n');
    for (const value of Object.values(LEAKS)) {
      expect(everything).not.toContain(value);
      // Not even the part after a recognisable prefix, nor the password of a URL.
      expect(everything).not.toContain(value.slice(-12));
    }
  });

  it('also guards a file that has schema errors elsewhere, in the same run', async () => {
    const dir = envDir({ 'production.yaml': minimal('production', ['      replcias: 2', '    env:', `      KEY: { value: "${LEAKS.stripe!}" }`]) });
    const codes = (await loadEnvironments(dir)).diagnostics.map((d) => d.code);
    expect(codes).toEqual(['schema-unknown-key', 'secret-literal']);
  });

  it('does not echo a secret typed into an enumerated field', async () => {
    const dir = envDir({ 'production.yaml': minimal('production', ['      restartPolicy: { type: ' + LEAKS.stripe! + ' }']) });
    const [d] = (await loadEnvironments(dir)).diagnostics;
    expect(d?.code).toBe('schema-enum');
    expect(formatDiagnostic(d!)).not.toContain(LEAKS.stripe!);
  });
});
