import { TerminalError } from '../errors.js';
import type { EnvironmentModel } from '../model/environment.js';
import { formatDiagnostic, loadEnvironments } from '../config/index.js';
import type { CommandIo } from './io.js';

/**
 * Loads and validates environments for commands that act on them. Invalid YAML stops the command
 * before any platform is contacted; every error is printed, positioned.
 */
export async function loadForCommand(dir: string, io: CommandIo, env?: string): Promise<EnvironmentModel[]> {
  const result = await loadEnvironments(dir, env ? { env } : {});
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  for (const diagnostic of result.diagnostics) io.stderr(formatDiagnostic(diagnostic));
  if (errors.length > 0) {
    throw new TerminalError(`${errors.length} validation error(s) in ${dir}: nothing was planned or applied`, { hint: 'fix them, then run `gitplane validate`' });
  }
  if (env) {
    const found = result.environments.find((e) => e.name === env);
    if (!found) {
      const known = result.environments.map((e) => e.name).join(', ') || 'none';
      throw new TerminalError(`environment ${env} not found in ${dir}`, { hint: `expected ${dir}/${env}.yaml; environments found: ${known}` });
    }
    return [found];
  }
  return result.environments;
}
