import type { DeclaredService, EnvironmentModel } from '../model/environment.js';
import type { Diagnostic, Severity } from './diagnostic.js';
import type { ModelSources } from './model-sources.js';

export interface ParityInput {
  model: EnvironmentModel;
  sources: ModelSources;
}

/**
 * A service that exists in several environments should read the same variables everywhere; a name
 * present in staging but missing in production is the classic "works in staging" outage. Each
 * environment lacking names gets one finding per service, listing the names and where they are.
 */
export function checkParity(environments: readonly ParityInput[], severity: Severity): Diagnostic[] {
  const byService = new Map<string, { env: ParityInput; service: DeclaredService }[]>();
  for (const env of environments) {
    for (const service of env.model.services) {
      const list = byService.get(service.name) ?? [];
      list.push({ env, service });
      byService.set(service.name, list);
    }
  }
  const out: Diagnostic[] = [];
  for (const [name, occurrences] of byService) {
    if (occurrences.length < 2) continue;
    const declaredIn = new Map<string, string[]>();
    for (const { env, service } of occurrences) {
      for (const v of service.variables) declaredIn.set(v.name, [...(declaredIn.get(v.name) ?? []), env.model.name]);
    }
    for (const { env, service } of occurrences) {
      const have = new Set(service.variables.map((v) => v.name));
      const missing = [...declaredIn.entries()].filter(([v]) => !have.has(v)).sort(([a], [b]) => a.localeCompare(b));
      if (missing.length === 0) continue;
      const list = missing.map(([v, envs]) => `${v} (in ${envs.join(', ')})`).join(', ');
      out.push(
        env.sources.diagnostic(service, ['env'], {
          code: 'env-parity',
          severity,
          at: 'key',
          message: `service "${name}" lacks variables that other environments declare: ${list}`,
          hint: 'declare them here too (as secret if the value differs), or remove them elsewhere',
        }),
      );
    }
  }
  return out;
}
