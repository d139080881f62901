import { describe, expect, it } from 'vitest';
import { addressOf } from '../../../src/engine/types.js';
import { fromEnv, PRESENCE_ONLY, refTo } from '../../../src/engine/spec-values.js';
import { vercelReconciler } from '../../../reconcilers/vercel/index.js';
import { at, model, stagingWebService, variable, webService } from './helpers.js';

describe('vercel desired()', () => {
  it('declares the production storefront: project, variables, domains, with their specs', () => {
    const desired = vercelReconciler.desired(model('production', [webService()]));
    expect(desired.map((d) => addressOf(d.key))).toEqual([
      'vercel.project.web',
      'vercel.env.web.NEXT_PUBLIC_API_URL',
      'vercel.env.web.NEXT_PUBLIC_SENTRY_DSN',
      'vercel.env.web.SESSION_SECRET',
      'vercel.domain.web.acme-shop.com',
      'vercel.domain.web.www.acme-shop.com',
    ]);
    const spec = (address: string) => desired.find((d) => addressOf(d.key) === address)!.spec;
    expect(spec('vercel.project.web')).toEqual({
      name: 'acme-shop-web',
      framework: 'nextjs',
      buildCommand: 'npm run build',
      outputDirectory: '.next',
      rootDirectory: 'web',
      gitRepository: { type: 'github', repo: 'acme/shop' },
    });
    expect(spec('vercel.env.web.NEXT_PUBLIC_API_URL')).toEqual({ key: 'NEXT_PUBLIC_API_URL', target: ['production'], gitBranch: null, type: 'plain', value: 'https://api.acme-shop.com' });
    expect(spec('vercel.env.web.NEXT_PUBLIC_SENTRY_DSN')).toEqual({
      key: 'NEXT_PUBLIC_SENTRY_DSN',
      target: ['production'],
      gitBranch: null,
      type: 'encrypted',
      value: refTo('sentry.project.web', 'dsn', 'sentry.web.dsn'),
    });
    expect(spec('vercel.env.web.SESSION_SECRET')).toMatchObject({ type: 'encrypted', value: PRESENCE_ONLY });
    expect(spec('vercel.domain.web.acme-shop.com')).toEqual({ name: 'acme-shop.com', gitBranch: null, redirect: 'www.acme-shop.com', redirectStatusCode: 308 });
    expect(spec('vercel.domain.web.www.acme-shop.com')).toEqual({ name: 'www.acme-shop.com', gitBranch: null, redirect: null, redirectStatusCode: null });
    for (const entry of desired.filter((d) => d.key.kind !== 'project')) expect(entry.dependsOn).toEqual(['vercel.project.web']);
    expect(desired.every((d) => d.key.env === 'production' && d.key.platform === 'vercel')).toBe(true);
  });

  it('scopes staging variables and domains to the preview target and its branch', () => {
    const desired = vercelReconciler.desired(model('staging', [stagingWebService()]));
    const env = desired.find((d) => d.key.name === 'web.SESSION_SECRET')!;
    expect(env.spec).toMatchObject({ target: ['preview'], gitBranch: 'staging' });
    expect(desired.find((d) => d.key.kind === 'domain')!.spec).toEqual({ name: 'staging.acme-shop.com', gitBranch: 'staging', redirect: null, redirectStatusCode: null });
  });

  it('maps every value source, leaves undeclared settings unmanaged, and ignores Railway services', () => {
    const service = webService(
      { framework: undefined, buildCommand: null, outputDirectory: undefined, rootDirectory: undefined, gitRepository: undefined },
      { domains: [{ name: 'old.acme-shop.com', redirect: 'www.acme-shop.com', location: at() }], variables: [variable('STRIPE_KEY', { kind: 'fromEnv', variable: 'PROD_STRIPE_KEY' })] },
    );
    const railway = { name: 'api', platform: 'railway' as const, location: at(), domains: [], variables: [], railway: { project: 'acme-shop', environment: 'production' } };
    const desired = vercelReconciler.desired(model('production', [service, railway]));
    expect(desired).toHaveLength(3);
    expect(desired[0]!.spec).toEqual({ name: 'acme-shop-web', buildCommand: null });
    expect(desired[1]!.spec).toMatchObject({ type: 'encrypted', value: fromEnv('PROD_STRIPE_KEY') });
    // No declared redirect code: left to Vercel, not compared.
    expect(desired[2]!.spec).toEqual({ name: 'old.acme-shop.com', gitBranch: null, redirect: 'www.acme-shop.com' });
  });
});
