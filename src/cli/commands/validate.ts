import { formatDiagnostic, loadEnvironments, type Diagnostic } from '../../config/index.js';

export interface ValidateOptions {
  dir: string;
  env?: string;
  strict?: boolean;
  format: 'text' | 'json';
}

export interface ValidateIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/**
 * `gitplane validate`: exit 0 when valid, 1 when invalid. Warnings fail only with `strict`. With
 * `json`, stdout holds exactly one JSON document and nothing else.
 */
export async function runValidate(options: ValidateOptions, io: ValidateIo): Promise<number> {
  const strict = options.strict === true;
  const result = await loadEnvironments(options.dir, { ...(options.env === undefined ? {} : { env: options.env }), strict });
  const errors = count(result.diagnostics, 'error');
  const warnings = count(result.diagnostics, 'warning');
  const valid = errors === 0 && (!strict || warnings === 0);
  const names = result.environments.map((e) => e.name);

  if (options.format === 'json') {
    io.stdout(JSON.stringify({ valid, environments: names, diagnostics: result.diagnostics }, null, 2));
    return valid ? 0 : 1;
  }

  for (const d of result.diagnostics) io.stdout(formatDiagnostic(d));
  const tally = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
  if (valid) {
    io.stdout(`valid: ${names.join(', ') || 'no environments'} (${tally})`);
  } else {
    const failing = strict && errors === 0 ? ' (warnings count as errors with --strict)' : '';
    io.stdout(`invalid: ${tally}${failing}${names.length > 0 ? `; valid environments: ${names.join(', ')}` : ''}`);
  }
  return valid ? 0 : 1;
}

function count(diagnostics: readonly Diagnostic[], severity: Diagnostic['severity']): number {
  return diagnostics.filter((d) => d.severity === severity).length;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
