import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadEnvironments } from '../../src/config/index.js';
import type { RailwayService, VercelService } from '../../src/model/environment.js';
import { envDir } from './helpers.js';

// The sketch from the product contract (SPEC.md), verbatim: it must validate and mean what it says.
const SPEC_SKETCH = `environment: production
services:
  backend:                               # service name: [a-z0-9-], unique in the environment
    platform: railway
    railway:
      project: crb-analyser              # Railway project (name or id)
      environment: production            # Railway environment, defaults to the file's
      source: { repo: acme/crb, branch: main, rootDirectory: backend }   # or image: ghcr.io/acme/api:1.2
      healthcheck: { path: /api/health, timeoutSeconds: 10 }
      replicas: 2
      restartPolicy: { type: on_failure, maxRetries: 3 }
    domains: [api.crb-analyser.com]
    env:
      DATABASE_URL: secret               # must exist on the platform; value lives outside git
      STRIPE_SECRET_KEY: { fromEnv: PROD_STRIPE_SECRET_KEY }  # value read from gitplane's own process env
      LOG_LEVEL: { value: WARNING }      # plain, non-secret configuration may live in git
      SENTRY_DSN: { ref: sentry.backend.dsn }                 # wired from another declared resource
  frontend:
    platform: vercel
    vercel:
      project: crb-frontend
      target: production                 # production | preview (with gitBranch) | development
      framework: vite
      buildCommand: npm run build
      outputDirectory: dist
      rootDirectory: frontend
    domains: [crb-analyser.com, www.crb-analyser.com]
    env:
      VITE_API_BASE_URL: { value: https://api.crb-analyser.com }
sentry:
  organization: acme
  projects:
    backend: { team: platform, platform: python-fastapi }
    frontend: { team: platform, platform: javascript-react }
monitors:
  - name: api-health
    url: https://api.crb-analyser.com/api/health
    type: http                           # http | keyword | ping | port
    interval: 300
    alertContacts: [ops-email]           # UptimeRobot alert contacts, by friendly name
`;

const DIR = 'environments';

describe('the SPEC.md sketch', () => {
  it('validates as written and means what it says', async () => {
    const { diagnostics, environments } = await loadEnvironments(envDir({ 'production.yaml': SPEC_SKETCH }));
    expect(diagnostics).toEqual([]);
    const [env] = environments;
    expect(env?.services.map((s) => [s.name, s.platform, s.domains.map((d) => d.name), s.variables.map((v) => v.source.kind)])).toEqual([
      ['backend', 'railway', ['api.crb-analyser.com'], ['secret', 'fromEnv', 'value', 'ref']],
      ['frontend', 'vercel', ['crb-analyser.com', 'www.crb-analyser.com'], ['value']],
    ]);
    expect(env?.sentry).toMatchObject({ organization: 'acme', teams: [], projects: [{ name: 'backend', team: 'platform', platform: 'python-fastapi', alertRules: [] }, { name: 'frontend' }] });
    expect(env?.monitors[0]).toMatchObject({ name: 'api-health', type: 'http', interval: 300, alertContacts: ['ops-email'], linkedDomain: { service: 'backend', domain: 'api.crb-analyser.com' } });
    expect(env?.policy).toEqual({ maxDeleteFraction: 0.5, selfHeal: false });
  });
});

describe('the example estate', () => {
  it('validates with no diagnostics at all, strict included', async () => {
    for (const strict of [false, true]) {
      const result = await loadEnvironments(DIR, { strict });
      expect(result.diagnostics).toEqual([]);
      expect(result.environments.map((e) => e.name)).toEqual(['production', 'staging']);
    }
  });

  it('starts every file with the schema modeline for editors', () => {
    for (const name of ['production', 'staging']) {
      expect(readFileSync(`${DIR}/${name}.yaml`, 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/environment.schema.json');
    }
  });

  it('fills defaults and links monitors to the domains they watch', async () => {
    const { environments } = await loadEnvironments(DIR, { env: 'production' });
    const [production] = environments;
    expect(production?.files).toEqual(['environments/production.yaml']);
    const api = production?.services.find((s) => s.name === 'api') as RailwayService;
    expect(api.railway.environment).toBe('production');
    expect(api.railway.source).toEqual({ kind: 'repo', repo: 'acme/shop', branch: 'main', rootDirectory: 'api' });
    expect(api.railway.replicas).toBe(2);
    expect(api.variables.find((v) => v.name === 'SENTRY_DSN')?.source).toEqual({
      kind: 'ref',
      ref: { expression: 'sentry.api.dsn', platform: 'sentry', kind: 'project', name: 'api', output: 'dsn' },
    });
    expect(api.location).toEqual({ file: 'environments/production.yaml', line: 6, column: 3 });
    const web = production?.services.find((s) => s.name === 'web') as VercelService;
    expect(web.domains.map((d) => [d.name, d.redirect, d.redirectStatusCode])).toEqual([
      ['acme-shop.com', 'www.acme-shop.com', 308],
      ['www.acme-shop.com', undefined, undefined],
    ]);
    expect(production?.monitors.map((m) => m.linkedDomain)).toEqual([
      { service: 'api', domain: 'api.acme-shop.com' },
      { service: 'web', domain: 'www.acme-shop.com' },
    ]);
    expect(production?.policy).toEqual({ maxDeleteFraction: 0.25, selfHeal: false });
  });

  it('differs between staging and production where it should', async () => {
    const { environments } = await loadEnvironments(DIR);
    const staging = environments.find((e) => e.name === 'staging');
    const web = staging?.services.find((s) => s.name === 'web') as VercelService;
    expect(web.vercel).toMatchObject({ target: 'preview', gitBranch: 'staging' });
    const api = staging?.services.find((s) => s.name === 'api') as RailwayService;
    expect(api.railway.replicas).toBe(1);
    expect(api.domains.map((d) => d.name)).toEqual(['api.staging.acme-shop.com']);
  });
});
