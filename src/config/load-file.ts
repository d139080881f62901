import type { Diagnostic } from './diagnostic.js';
import type { EnvironmentDoc } from './document.js';
import type { Fragment } from './build-model.js';
import { childPointer, displayPath } from './json-pointer.js';
import { parseYaml } from './parse-yaml.js';
import type { PositionIndex } from './position-index.js';
import { readSource } from './read-source.js';
import { compiledSchema } from './schema.js';
import { explainSchemaErrors } from './schema-errors.js';
import { credentialKind } from './secret-guard.js';

/** Past this many, a file is not an edit gone wrong but the wrong file; listing more helps no one. */
export const MAX_SCHEMA_PROBLEMS = 200;

export interface LoadedFile {
  file: string;
  diagnostics: Diagnostic[];
  /** Present when the file passed the schema, ready to build the model from. */
  fragment?: Fragment;
}

/**
 * Read, parse and schema-validate one file, plus the checks that need no model: the declared
 * environment name, and the secret guard, which runs even when the schema fails so that a leaked
 * credential is reported in the same run as a typo elsewhere.
 */
export async function loadFile(file: string, expectedName: string, nameSource: 'file' | 'directory'): Promise<LoadedFile> {
  const source = await readSource(file);
  if (!source.ok) return { file, diagnostics: [source.diagnostic] };
  const parsed = parseYaml(file, source.text);
  const diagnostics = [...parsed.diagnostics];
  if (parsed.data === undefined) return { file, diagnostics };
  const { data, index } = parsed;
  const at = (pointer: string, where: 'key' | 'value') => ({ file, ...index.locate(pointer, where), key: displayPath(pointer, data) });

  const { validate } = compiledSchema();
  const valid = validate(data);
  const problems = valid ? [] : explainSchemaErrors(validate.errors ?? [], MAX_SCHEMA_PROBLEMS + 1);
  for (const problem of problems.slice(0, MAX_SCHEMA_PROBLEMS)) {
    diagnostics.push({ severity: 'error', code: problem.code, ...at(problem.pointer, problem.at), message: problem.message, ...(problem.hint === undefined ? {} : { hint: problem.hint }) });
  }
  if (problems.length > MAX_SCHEMA_PROBLEMS) {
    diagnostics.push({ severity: 'error', code: 'schema-too-many-errors', file, line: 1, column: 1, message: `more than ${MAX_SCHEMA_PROBLEMS} schema errors; only the first ${MAX_SCHEMA_PROBLEMS} are shown` });
  }

  const declared = isRecord(data) ? data.environment : undefined;
  if (typeof declared === 'string' && declared !== expectedName) {
    diagnostics.push({
      severity: 'error',
      code: 'environment-name-mismatch',
      ...at('/environment', 'value'),
      message: `environment "${declared}" does not match the ${nameSource} name "${expectedName}"`,
      hint: `set environment: ${expectedName}, or rename the ${nameSource}`,
    });
  }
  diagnostics.push(...guardSecrets(file, data, index));

  // A wrong name or a literal secret leaves the structure sound: the model is still built so that
  // the semantic checks report in this same run.
  return valid ? { file, diagnostics, fragment: { file, doc: data as EnvironmentDoc, index } } : { file, diagnostics };
}

function guardSecrets(file: string, data: unknown, index: PositionIndex): Diagnostic[] {
  const out: Diagnostic[] = [];
  const services = isRecord(data) ? data.services : undefined;
  if (!isRecord(services)) return out;
  for (const [serviceName, service] of Object.entries(services)) {
    const env = isRecord(service) ? service.env : undefined;
    if (!isRecord(env)) continue;
    for (const [name, variable] of Object.entries(env)) {
      const value = isRecord(variable) ? variable.value : undefined;
      if (typeof value !== 'string') continue;
      const kind = credentialKind(value);
      if (kind === undefined) continue;
      const pointer = childPointer(childPointer(childPointer(childPointer('/services', serviceName), 'env'), name), 'value');
      out.push({
        severity: 'error',
        code: 'secret-literal',
        file,
        ...index.locate(pointer, 'value'),
        key: displayPath(pointer.replace(/\/value$/, ''), data),
        message: `the value of ${name} looks like ${kind}; secret values must not be committed`,
        hint: `declare ${name}: secret, or ${name}: { fromEnv: SOME_VARIABLE }, and rotate the credential if it was ever pushed`,
      });
    }
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
