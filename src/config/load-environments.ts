import { join } from 'node:path';
import type { EnvironmentModel } from '../model/environment.js';
import { buildModel, type Fragment } from './build-model.js';
import { checkMonitors } from './check-monitors.js';
import { checkParity, type ParityInput } from './check-parity.js';
import { checkSharedVercelProjects } from './check-shared-projects.js';
import { checkSentry } from './check-sentry.js';
import { checkServices } from './check-services.js';
import { compareDiagnostics, hasErrors, type Diagnostic } from './diagnostic.js';
import { discoverEnvironments, type EnvironmentSource } from './discover.js';
import { loadFile } from './load-file.js';
import { checkReferences } from './references.js';

export interface LoadResult {
  /** Environments free of errors, in name order. */
  environments: EnvironmentModel[];
  /** Every finding of every file, sorted by file, line and column. */
  diagnostics: Diagnostic[];
}

export interface LoadOptions {
  /** Load only this environment. Parity, which compares environments, is then skipped. */
  env?: string;
  /** Parity findings become errors. */
  strict?: boolean;
}

interface Loaded {
  name: string;
  diagnostics: Diagnostic[];
  built?: ParityInput;
}

/**
 * Loads `dir/<name>.yaml`, `dir/<name>.yml` and `dir/<name>/*.yaml` into environment models.
 * Never throws for anything a file can contain: every problem becomes a positioned diagnostic.
 */
export async function loadEnvironments(dir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const discovered = await discoverEnvironments(dir);
  const diagnostics = [...discovered.diagnostics];
  let selected = [...discovered.sources].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  if (options.env !== undefined) {
    selected = selected.filter((s) => s.name === options.env);
    if (selected.length === 0 && discovered.diagnostics.every((d) => d.code !== 'dir-not-found')) {
      const known = discovered.sources.map((s) => s.name);
      diagnostics.push({
        severity: 'error',
        code: 'environment-not-found',
        file: join(dir, `${options.env}.yaml`),
        line: 1,
        column: 1,
        message: `environment "${options.env}" not found: no ${options.env}.yaml, ${options.env}.yml or ${options.env}/ in ${dir}`,
        hint: known.length > 0 ? `known environments: ${known.join(', ')}` : 'create the file',
      });
    }
  } else if (selected.length === 0 && diagnostics.length === 0) {
    diagnostics.push({ severity: 'error', code: 'no-environments', file: dir, line: 1, column: 1, message: 'no environment files found', hint: `add ${join(dir, '<name>.yaml')}` });
  }

  const loaded: Loaded[] = [];
  for (const source of selected) loaded.push(await loadEnvironment(source));

  if (options.env === undefined) {
    const valid = loaded.flatMap((l) => (l.built === undefined || hasErrors(l.diagnostics) ? [] : [l.built]));
    const parity = [...checkParity(valid, options.strict === true ? 'error' : 'warning'), ...checkSharedVercelProjects(valid)];
    for (const l of loaded) {
      const files = new Set(l.built?.model.files ?? []);
      l.diagnostics.push(...parity.filter((d) => files.has(d.file)));
    }
  }

  for (const l of loaded) diagnostics.push(...l.diagnostics);
  return {
    environments: loaded.flatMap((l) => (l.built !== undefined && !hasErrors(l.diagnostics) ? [l.built.model] : [])),
    diagnostics: diagnostics.sort(compareDiagnostics),
  };
}

async function loadEnvironment(source: EnvironmentSource): Promise<Loaded> {
  const diagnostics: Diagnostic[] = [];
  const fragments: Fragment[] = [];
  for (const file of source.files) {
    const result = await loadFile(file, source.name, source.kind);
    diagnostics.push(...result.diagnostics);
    if (result.fragment !== undefined) fragments.push(result.fragment);
  }
  // Cross-file and semantic checks on a partial environment would report names as dangling that
  // live in the broken file; they wait until every file is sound.
  if (fragments.length !== source.files.length) return { name: source.name, diagnostics };

  const { model, sources, diagnostics: merge } = buildModel(source.name, fragments);
  diagnostics.push(...merge, ...checkServices(model, sources), ...checkReferences(model, sources), ...checkMonitors(model, sources), ...checkSentry(model, sources));
  return { name: source.name, diagnostics, built: { model, sources } };
}
