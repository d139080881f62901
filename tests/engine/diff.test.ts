import { describe, expect, it } from 'vitest';
import { valuesEqual } from '../../src/engine/compare.js';
import { diffPlatform } from '../../src/engine/diff.js';
import { resolveDesired } from '../../src/engine/resolve.js';
import { OutputTable } from '../../src/engine/session.js';
import { fromEnv, KNOWN_AFTER_APPLY, OPAQUE, PRESENCE_ONLY, refTo } from '../../src/engine/spec-values.js';
import type { Desired } from '../../src/engine/types.js';
import { Secret } from '../../src/secret.js';
import { desired, key, observed, owned } from './builders.js';

const resolveAll = (items: Desired[], processEnv: Record<string, string> = {}, outputs = new OutputTable()) =>
  items.map((d) => resolveDesired(d, { processEnv, outputs, managedPlatforms: new Set(['vercel', 'railway']) }));

describe('valuesEqual', () => {
  it('applies the presence, opaque, secret and after-apply rules', () => {
    expect(valuesEqual(PRESENCE_ONLY, 'anything')).toBe(true);
    expect(valuesEqual('nextjs', OPAQUE)).toBe(true);
    expect(valuesEqual(new Secret('a'), 'a')).toBe(true);
    expect(valuesEqual(new Secret('a'), new Secret('b'))).toBe(false);
    expect(valuesEqual('a', new Secret('a'))).toBe(true);
    expect(valuesEqual(KNOWN_AFTER_APPLY, 'x')).toBe(false);
    expect(valuesEqual(['preview', 'production'], ['preview', 'production'])).toBe(true);
    expect(valuesEqual(['production'], ['preview', 'production'])).toBe(false);
    expect(valuesEqual(null, undefined)).toBe(true);
    expect(valuesEqual({ type: 'github', repo: 'a/b' }, { type: 'github', repo: 'a/b', repoId: 9 })).toBe(true);
  });
});

describe('diffPlatform', () => {
  it('plans creates, field-level updates, adoptions and owned-only deletes', () => {
    const diff = diffPlatform({
      resolved: resolveAll([
        desired('project', 'web', { name: 'web', framework: 'nextjs', rootDirectory: 'web' }),
        desired('env', 'web.API_URL', { key: 'API_URL', value: 'https://api' }, ['vercel.project.web']),
        desired('env', 'web.FRESH', { key: 'FRESH', value: 'x' }, ['vercel.project.web']),
      ]),
      observed: {
        observed: [
          observed('project', 'web', 'prj_1', { name: 'web', framework: 'vite', rootDirectory: 'web', nodeVersion: '22.x' }),
          observed('env', 'web.API_URL', 'env_1', { key: 'API_URL', value: 'https://api' }),
          observed('env', 'web.OLD', 'env_2', { key: 'OLD', value: 'y' }),
        ],
        unknown: [],
        unmanaged: [observed('env', 'web.SENTRY_AUTH_TOKEN', 'env_3', { key: 'SENTRY_AUTH_TOKEN', value: OPAQUE })],
      },
      owned: [owned('env', 'web.API_URL', 'env_1'), owned('env', 'web.OLD', 'env_2')],
      policy: {},
    });
    expect(diff.changes.map((c) => [c.action, c.address]).sort()).toEqual([
      ['create', 'vercel.env.web.FRESH'],
      ['delete', 'vercel.env.web.OLD'],
      ['update', 'vercel.project.web'],
    ]);
    expect(diff.changes.find((c) => c.action === 'update')!.fields).toEqual([{ path: 'framework', before: 'vite', after: 'nextjs' }]);
    expect(diff.adoptions).toEqual([{ address: 'vercel.project.web', id: 'prj_1' }]);
    expect(diff.unmanaged).toEqual([{ address: 'vercel.env.web.SENTRY_AUTH_TOKEN', id: 'env_3' }]);
  });

  it('never creates or deletes what could not be read', () => {
    const diff = diffPlatform({
      resolved: resolveAll([desired('env', 'web.A', { key: 'A', value: '1' })]),
      observed: { observed: [], unknown: [{ key: key('env', 'web.A'), reason: '429' }, { key: key('env', 'web.B'), reason: '429' }], unmanaged: [] },
      owned: [owned('env', 'web.B', 'env_b')],
      policy: {},
    });
    expect(diff.changes).toEqual([]);
    expect(diff.unknown.map((u) => u.address)).toEqual(['vercel.env.web.A', 'vercel.env.web.B']);
  });

  it('blocks the create of a secret that is missing and reports it with its source line', () => {
    const diff = diffPlatform({
      resolved: resolveAll([desired('env', 'web.DATABASE_URL', { key: 'DATABASE_URL', value: PRESENCE_ONLY })]),
      observed: { observed: [], unknown: [], unmanaged: [] },
      owned: [],
      policy: {},
    });
    expect(diff.changes[0]!.blocked).toMatch(/secret kept outside git/);
    expect(diff.problems[0]!.message).toContain('environments/production.yaml:3');
  });

  it('drops owned resources that vanished instead of planning a delete', () => {
    const diff = diffPlatform({ resolved: [], observed: { observed: [], unknown: [], unmanaged: [] }, owned: [owned('domain', 'web.a.com', 'a.com')], policy: {} });
    expect(diff.changes).toEqual([]);
    expect(diff.vanished).toEqual(['vercel.domain.web.a.com']);
  });

  it('resolves fromEnv to a Secret and compares it without showing it', () => {
    const [item] = resolveAll([desired('env', 'web.KEY', { key: 'KEY', value: fromEnv('PROD_KEY') })], { PROD_KEY: 'canary-value-1' });
    const diff = diffPlatform({
      resolved: [item!],
      observed: { observed: [observed('env', 'web.KEY', 'env_1', { key: 'KEY', value: new Secret('old-value') })], unknown: [], unmanaged: [] },
      owned: [],
      policy: {},
    });
    expect(diff.changes[0]!.fields[0]!.path).toBe('value');
    expect(JSON.stringify(diff.changes.map((c) => c.fields))).not.toContain('canary-value-1');
  });

  it('resolves a reference from observed outputs, or marks it known after apply', () => {
    const outputs = new OutputTable();
    const ref = refTo('railway.service.api', 'domain', 'railway.api.domain');
    const [before] = resolveAll([desired('env', 'web.API', { key: 'API', value: ref })], {}, outputs);
    expect(before!.spec['value']).toBe(KNOWN_AFTER_APPLY);
    expect(before!.references).toEqual(['railway.service.api']);
    outputs.set('railway.service.api', { domain: 'api.up.railway.app' });
    const [after] = resolveAll([desired('env', 'web.API', { key: 'API', value: ref })], {}, outputs);
    expect(valuesEqual(after!.spec['value'], 'api.up.railway.app')).toBe(true);
  });

  it('degrades an unset fromEnv and a reference to an unmanaged platform to presence checks, with warnings', () => {
    const items = resolveDesired(desired('env', 'web.X', { a: fromEnv('NOPE'), b: refTo('sentry.project.web', 'dsn', 'sentry.web.dsn') }), {
      processEnv: {},
      outputs: new OutputTable(),
      managedPlatforms: new Set(['vercel']),
    });
    expect(items.spec).toEqual({ a: PRESENCE_ONLY, b: PRESENCE_ONLY });
    expect(items.warnings.join('\n')).toMatch(/NOPE is not set[\s\S]*does not manage/);
  });
});
