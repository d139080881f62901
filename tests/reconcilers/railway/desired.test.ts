import { describe, expect, it } from 'vitest';
import { addressOf } from '../../../src/engine/types.js';
import { fromEnv, PRESENCE_ONLY, refTo } from '../../../src/engine/spec-values.js';
import { railwayReconciler } from '../../../reconcilers/railway/index.js';
import { apiService, envModel, workerService } from './helpers.js';

describe('railway desired()', () => {
  const env = envModel('production', [apiService('production'), { ...workerService('production') }]);
  const desired = railwayReconciler.desired(env);
  const byAddress = new Map(desired.map((d) => [addressOf(d.key), d]));
  const scope = { project: 'acme-shop', environment: 'production' };

  it('declares one key per service, instance, variable and domain', () => {
    expect([...byAddress.keys()]).toEqual([
      'railway.service.api',
      'railway.instance.api',
      'railway.variable.api.DATABASE_URL',
      'railway.variable.api.REDIS_URL',
      'railway.variable.api.STRIPE_SECRET_KEY',
      'railway.variable.api.LOG_LEVEL',
      'railway.variable.api.SENTRY_DSN',
      'railway.domain.api.api.acme-shop.com',
      'railway.service.worker',
      'railway.instance.worker',
      'railway.variable.worker.DATABASE_URL',
      'railway.variable.worker.REDIS_URL',
      'railway.variable.worker.QUEUE_CONCURRENCY',
    ]);
    expect(desired.every((d) => d.key.env === 'production' && d.key.platform === 'railway')).toBe(true);
  });

  it('flattens the source and keeps only declared settings', () => {
    expect(byAddress.get('railway.service.api')?.spec).toEqual({ scope, name: 'api', repo: 'acme/shop', branch: 'main' });
    expect(byAddress.get('railway.instance.api')?.spec).toEqual({
      scope,
      healthcheckPath: '/healthz',
      healthcheckTimeout: 10,
      numReplicas: 2,
      restartPolicyType: 'ON_FAILURE',
      restartPolicyMaxRetries: 3,
      rootDirectory: 'api',
    });
    expect(byAddress.get('railway.instance.worker')?.spec).toEqual({
      scope,
      numReplicas: 1,
      restartPolicyType: 'ON_FAILURE',
      restartPolicyMaxRetries: 3,
      startCommand: 'node dist/worker.js',
      rootDirectory: 'worker',
    });
    expect(byAddress.get('railway.instance.api')?.dependsOn).toEqual(['railway.service.api']);
  });

  it('maps each variable source to the value form the core resolves', () => {
    const value = (name: string) => byAddress.get(`railway.variable.api.${name}`)?.spec;
    expect(value('DATABASE_URL')).toEqual({ scope, name: 'DATABASE_URL', value: PRESENCE_ONLY });
    // Railway references are compared literally: never resolved.
    expect(value('REDIS_URL')).toEqual({ scope, name: 'REDIS_URL', value: '${{ Redis.REDIS_URL }}' });
    expect(value('STRIPE_SECRET_KEY')).toEqual({ scope, name: 'STRIPE_SECRET_KEY', value: fromEnv('PROD_STRIPE_SECRET_KEY') });
    expect(value('SENTRY_DSN')).toEqual({ scope, name: 'SENTRY_DSN', value: refTo('sentry.project.api', 'dsn', 'sentry.api.dsn') });
  });

  it('declares the generated Railway domain only when asked, and an image source as such', () => {
    const svc = { ...apiService('staging', { serviceDomain: true, source: { kind: 'image' as const, image: 'ghcr.io/acme/api:1.2' } }), domains: [] };
    const d = railwayReconciler.desired(envModel('staging', [svc]));
    const map = new Map(d.map((x) => [addressOf(x.key), x.spec]));
    expect(map.get('railway.domain.api.railway')).toEqual({ scope: { project: 'acme-shop', environment: 'staging' }, generated: true });
    expect(map.get('railway.service.api')).toEqual({ scope: { project: 'acme-shop', environment: 'staging' }, name: 'api', image: 'ghcr.io/acme/api:1.2' });
  });

  it('declares no instance key when no setting is declared, and ignores other platforms', () => {
    const bare = { ...apiService('production'), railway: { project: 'p', environment: 'production' }, variables: [], domains: [] };
    const d = railwayReconciler.desired({ ...envModel('production', [bare]), services: [bare, { ...bare, platform: 'vercel' } as never] });
    expect(d.map((x) => addressOf(x.key))).toEqual(['railway.service.api']);
  });
});
