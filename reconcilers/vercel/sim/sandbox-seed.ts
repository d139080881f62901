import type { VercelSimulator } from '../simulator.js';

/** What Vercel's Sentry integration stamps on the variables it creates. */
const SENTRY_INTEGRATION = 'icfg_sentry_sandbox';

/**
 * The Vercel side of the example estate (environments/production.yaml and staging.yaml, service
 * `web`), seeded so a first plan shows real drift and an apply can converge:
 * - project acme-shop-web exists but with framework `vite` (the YAML says nextjs): an update;
 * - SESSION_SECRET exists for production and for preview/staging, encrypted: secrets must
 *   pre-exist, gitplane cannot create them; adopted;
 * - NEXT_PUBLIC_SENTRY_DSN exists for both, as Vercel's Sentry integration creates it: adopted
 *   (Sentry is not managed yet, so the ref only checks presence);
 * - SENTRY_AUTH_TOKEN, also from the integration, is declared nowhere: reported unmanaged;
 * - NEXT_PUBLIC_API_URL is missing: created;
 * - www.acme-shop.com is live (verified, DNS pointing at Vercel); the apex and
 *   staging.acme-shop.com are missing: created, verified at once (the team owns the apex) and
 *   reported with the DNS record still to add.
 */
export function seedVercelSandbox(sim: VercelSimulator): void {
  const state = sim.state;
  const project = state.createProject({
    name: 'acme-shop-web',
    accountId: sim.teamId,
    framework: 'vite',
    buildCommand: 'npm run build',
    outputDirectory: '.next',
    rootDirectory: 'web',
    gitRepository: { type: 'github', repo: 'acme/shop' },
  });
  state.addEnv(project.id, { key: 'SESSION_SECRET', value: 'sandbox-session-secret-production', type: 'encrypted', target: ['production'] });
  state.addEnv(project.id, { key: 'SESSION_SECRET', value: 'sandbox-session-secret-staging', type: 'encrypted', target: ['preview'], gitBranch: 'staging' });
  const dsn = 'https://0123456789abcdef@o0.ingest.sentry.io/0';
  state.addEnv(project.id, { key: 'NEXT_PUBLIC_SENTRY_DSN', value: dsn, type: 'encrypted', target: ['production'], configurationId: SENTRY_INTEGRATION });
  state.addEnv(project.id, { key: 'NEXT_PUBLIC_SENTRY_DSN', value: dsn, type: 'encrypted', target: ['preview'], gitBranch: 'staging', configurationId: SENTRY_INTEGRATION });
  state.addEnv(project.id, {
    key: 'SENTRY_AUTH_TOKEN',
    value: 'sandbox-sentry-auth-token',
    type: 'encrypted',
    target: ['production', 'preview', 'development'],
    configurationId: SENTRY_INTEGRATION,
  });
  state.verifyApex('acme-shop.com');
  state.addDomain(project.id, { name: 'www.acme-shop.com' });
  state.dnsConfigured.add('www.acme-shop.com');
}
