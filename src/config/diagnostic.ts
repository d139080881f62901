export type Severity = 'error' | 'warning';

/** One finding about the desired state, positioned so that a person can go straight to it. */
export interface Diagnostic {
  severity: Severity;
  /** Stable identifier of the rule, e.g. `schema-unknown-key`; tools match on this, never on the message. */
  code: string;
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** Dotted path of the offending key, e.g. `services.backend.env.FOO`. */
  key?: string;
  message: string;
  hint?: string;
}

/** `environments/production.yaml:12:5: error: services.backend.env.FOO: <message> (<hint>)` */
export function formatDiagnostic(d: Diagnostic): string {
  const key = d.key === undefined || d.key === '' ? '' : `${d.key}: `;
  const hint = d.hint === undefined ? '' : ` (${d.hint})`;
  return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${key}${d.message}${hint}`;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || a.code.localeCompare(b.code);
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
