import { Writable } from 'node:stream';
import { pino } from 'pino';
import { differingFields } from '../../../src/engine/compare.js';
import { resolveDesired } from '../../../src/engine/resolve.js';
import { PRESENCE_ONLY } from '../../../src/engine/spec-values.js';
import { addressOf, type Change, type ReconcileContext } from '../../../src/engine/types.js';
import type { HttpClient, HttpClientOptions } from '../../../src/http/client.js';
import { silentLogger, type Logger } from '../../../src/log/logger.js';
import { REDACTED_PATHS } from '../../../src/log/logger.js';
import type { DeclaredVariable, EnvironmentModel, VercelService, VercelSettings } from '../../../src/model/environment.js';
import { createVercelHttpClient } from '../../../reconcilers/vercel/http.js';
import { vercelReconciler } from '../../../reconcilers/vercel/index.js';
import type { VercelSimulator } from '../../../reconcilers/vercel/simulator.js';

export const at = (line = 1) => ({ file: 'environments/production.yaml', line, column: 1 });

/** The storefront as environments/production.yaml declares it. */
export function webService(overrides: Partial<VercelSettings> = {}, extra: Partial<Pick<VercelService, 'domains' | 'variables'>> = {}): VercelService {
  return {
    name: 'web',
    platform: 'vercel',
    location: at(30),
    vercel: {
      project: 'acme-shop-web',
      target: 'production',
      framework: 'nextjs',
      buildCommand: 'npm run build',
      outputDirectory: '.next',
      rootDirectory: 'web',
      gitRepository: { type: 'github', repo: 'acme/shop' },
      ...overrides,
    },
    domains: extra.domains ?? [
      { name: 'acme-shop.com', redirect: 'www.acme-shop.com', redirectStatusCode: 308, location: at(42) },
      { name: 'www.acme-shop.com', location: at(43) },
    ],
    variables: extra.variables ?? [
      variable('NEXT_PUBLIC_API_URL', { kind: 'value', value: 'https://api.acme-shop.com' }, 45),
      variable('NEXT_PUBLIC_SENTRY_DSN', { kind: 'ref', ref: { expression: 'sentry.web.dsn', platform: 'sentry', kind: 'project', name: 'web', output: 'dsn' } }, 46),
      variable('SESSION_SECRET', { kind: 'secret' }, 47),
    ],
  };
}

/** The staging variant: preview deployments of the staging branch of the same project. */
export function stagingWebService(): VercelService {
  const service = webService({ target: 'preview', gitBranch: 'staging' }, { domains: [{ name: 'staging.acme-shop.com', location: at(40) }] });
  service.variables = service.variables.map((v) => (v.name === 'NEXT_PUBLIC_API_URL' ? { ...v, source: { kind: 'value', value: 'https://api.staging.acme-shop.com' } } : v));
  return service;
}

export function variable(name: string, source: DeclaredVariable['source'], line = 1): DeclaredVariable {
  return { name, source, location: at(line) };
}

export function model(name: string, services: EnvironmentModel['services']): EnvironmentModel {
  return { name, files: [`environments/${name}.yaml`], services, monitors: [], policy: { maxDeleteFraction: 0.5, selfHeal: false } };
}

/** Short waits so retry paths stay fast; Retry-After is still honoured up to 5 s. */
export const FAST_RETRY: Partial<HttpClientOptions> = { retry: { retries: 2, minTimeoutMs: 10, maxRetryTimeMs: 5_000, retryAfterCapMs: 5_000 } };

export function contextFor(
  sim: VercelSimulator,
  env: EnvironmentModel,
  options: { log?: Logger; token?: string; teamId?: string | null; http?: Partial<HttpClientOptions> } = {},
): ReconcileContext & { http: HttpClient } {
  const log = options.log ?? silentLogger();
  const processEnv = {
    VERCEL_API_URL: sim.url,
    VERCEL_TOKEN: options.token ?? sim.token,
    ...(options.teamId === null ? {} : { VERCEL_TEAM_ID: options.teamId ?? sim.teamId }),
  };
  const http = createVercelHttpClient(processEnv, log, { ...FAST_RETRY, ...options.http });
  return { env, http, log, signal: new AbortController().signal, outputs: { get: () => undefined }, processEnv };
}

/** A pino logger at debug level, with the app's redaction, whose output a test can search. */
export function capturedLogger(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(chunk.toString('utf8'));
      callback();
    },
  });
  return { log: pino({ level: 'debug', redact: { paths: REDACTED_PATHS, censor: '(sensitive)' } }, destination), lines };
}

export function countRequests(sim: VercelSimulator, method: string, pattern: RegExp): number {
  return sim.requests.filter((r) => r.method === method && pattern.test(r.path)).length;
}

/** What the core does in one apply: observe, diff, resolve, apply in dependency order (projects first). */
export async function planAndApply(context: ReconcileContext): Promise<{ changes: Change[]; notices: string[] }> {
  const desired = vercelReconciler.desired(context.env);
  const seen = await vercelReconciler.observe(desired, [], context);
  const changes: Change[] = [];
  for (const item of desired) {
    const spec = resolveDesired(item, { processEnv: context.processEnv, outputs: context.outputs, managedPlatforms: new Set(['vercel']) }).spec;
    const found = seen.observed.find((o) => addressOf(o.key) === addressOf(item.key));
    if (!found) {
      if (!Object.values(spec).includes(PRESENCE_ONLY)) changes.push({ action: 'create', key: item.key, desired: spec, dependsOn: [] });
      continue;
    }
    const paths = differingFields(spec, found.spec);
    if (paths.length > 0) changes.push({ action: 'update', key: item.key, id: found.id, observed: found.spec, desired: spec, paths, dependsOn: [] });
  }
  const notices: string[] = [];
  for (const change of changes.sort((a, b) => Number(a.key.kind !== 'project') - Number(b.key.kind !== 'project'))) {
    notices.push(...((await vercelReconciler.apply(change, context)).notices ?? []));
  }
  return { changes, notices };
}
