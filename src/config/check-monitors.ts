import { isIP } from 'node:net';
import type { DeclaredMonitor, EnvironmentModel } from '../model/environment.js';
import type { Diagnostic } from './diagnostic.js';
import type { ModelSources } from './model-sources.js';

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;

/**
 * Monitor rules across fields (a keyword monitor needs `keyword`) and across the environment
 * (unique names, links to service domains). Sets `linkedDomain` on monitors whose host is a
 * domain a service declares, so plans can order a monitor after the domain it watches.
 */
export function checkMonitors(model: EnvironmentModel, sources: ModelSources): Diagnostic[] {
  const out: Diagnostic[] = [];
  const names = new Map<string, DeclaredMonitor>();
  const domains = new Map(model.services.flatMap((s) => s.domains.map((d) => [d.name, s.name] as const)));

  for (const monitor of model.monitors) {
    const first = names.get(monitor.name);
    if (first !== undefined) {
      out.push(sources.diagnostic(monitor, ['name'], { code: 'duplicate-monitor', message: `monitor "${monitor.name}" is already declared at ${first.location.file}:${first.location.line}:${first.location.column}`, hint: 'monitor names identify monitors on UptimeRobot and must be unique' }));
    } else {
      names.set(monitor.name, monitor);
    }

    const needs = monitor.type === 'keyword' ? 'keyword' : monitor.type === 'port' ? 'port' : undefined;
    if (needs !== undefined && monitor[needs] === undefined) {
      out.push(sources.diagnostic(monitor, ['type'], { code: 'monitor-missing-field', message: `a ${monitor.type} monitor needs ${needs}:` }));
    }
    for (const field of ['keyword', 'port'] as const) {
      if (field !== needs && monitor[field] !== undefined) {
        out.push(sources.diagnostic(monitor, [field], { code: 'monitor-extra-field', message: `${field} applies only to ${field} monitors, but type is "${monitor.type}"`, at: 'key' }));
      }
    }

    const host = checkTarget(monitor, (message, hint) => out.push(sources.diagnostic(monitor, ['url'], { code: 'monitor-url', message, ...(hint === undefined ? {} : { hint }) })));
    const service = host === undefined ? undefined : domains.get(host);
    if (host !== undefined && service !== undefined) monitor.linkedDomain = { service, domain: host };
  }
  return out;
}

/** Validates the monitor's target and returns its host. Messages never repeat the URL: it may carry credentials. */
function checkTarget(monitor: DeclaredMonitor, fail: (message: string, hint?: string) => void): string | undefined {
  if (monitor.type === 'http' || monitor.type === 'keyword') {
    let url: URL;
    try {
      url = new URL(monitor.url);
    } catch {
      fail(`expected an http(s) URL for a ${monitor.type} monitor`, 'e.g. https://api.example.com/healthz');
      return undefined;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      fail(`expected an http or https URL, not ${url.protocol}`);
      return undefined;
    }
    if (url.username !== '' || url.password !== '') {
      fail('the URL must not carry credentials', 'use an unauthenticated health endpoint');
      return undefined;
    }
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) === 0 && !HOSTNAME.test(host)) {
      fail('the URL host is not a valid hostname');
      return undefined;
    }
    return host;
  }
  if (isIP(monitor.url) !== 0) return monitor.url;
  if (!HOSTNAME.test(monitor.url)) {
    fail(`expected a hostname or IP address for a ${monitor.type} monitor`, monitor.url.includes('://') ? 'give the host only, e.g. api.example.com' : undefined);
    return undefined;
  }
  return monitor.url.toLowerCase();
}
