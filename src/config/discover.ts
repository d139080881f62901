import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic } from './diagnostic.js';

export interface EnvironmentSource {
  name: string;
  /** `file`: environments/<name>.yaml; `directory`: the files of environments/<name>/, merged. */
  kind: 'file' | 'directory';
  files: string[];
}

const YAML_FILE = /^([^.].*)\.ya?ml$/;

/** Lists the environments in `dir`. A missing or unreadable directory is a diagnostic, not a throw. */
export async function discoverEnvironments(dir: string): Promise<{ sources: EnvironmentSource[]; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const at = { file: dir, line: 1, column: 1 };
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT' ? 'environments directory not found' : code === 'ENOTDIR' ? 'not a directory; expected the directory holding <name>.yaml files' : `cannot read the environments directory (${code ?? String(error)})`;
    return { sources: [], diagnostics: [{ severity: 'error', code: 'dir-not-found', ...at, message, hint: 'pass --dir with the directory holding <name>.yaml files' }] };
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const sources = new Map<string, EnvironmentSource>();
  const add = (source: EnvironmentSource): void => {
    const existing = sources.get(source.name);
    if (existing === undefined) {
      sources.set(source.name, source);
      return;
    }
    diagnostics.push({
      severity: 'error',
      code: 'duplicate-environment',
      file: source.files[0] ?? join(dir, source.name),
      line: 1,
      column: 1,
      message: `environment "${source.name}" is also declared by ${existing.files[0] ?? existing.name}`,
      hint: 'keep one of <name>.yaml, <name>.yml or <name>/',
    });
  };

  const kinds = await Promise.all(entries.map((e) => entryKind(dir, e)));
  entries.forEach((entry, i) => {
    const match = YAML_FILE.exec(entry.name);
    if (kinds[i] === 'file' && match?.[1] !== undefined) add({ name: match[1], kind: 'file', files: [join(dir, entry.name)] });
  });
  for (const [i, entry] of entries.entries()) {
    if (kinds[i] !== 'directory' || entry.name.startsWith('.')) continue;
    let inner;
    try {
      inner = await readdir(join(dir, entry.name), { withFileTypes: true });
    } catch {
      continue;
    }
    const innerKinds = await Promise.all(inner.map((e) => entryKind(join(dir, entry.name), e)));
    const files = inner
      .filter((e, k) => innerKinds[k] === 'file' && YAML_FILE.test(e.name))
      .map((e) => join(dir, entry.name, e.name))
      .sort();
    // A directory without YAML (fixtures, templates) is not an environment.
    if (files.length > 0) add({ name: entry.name, kind: 'directory', files });
  }
  return { sources: [...sources.values()], diagnostics };
}

/** Files and directories, following symbolic links (environment files kept elsewhere and linked in). */
async function entryKind(dir: string, entry: Dirent): Promise<'file' | 'directory' | 'other'> {
  if (entry.isFile()) return 'file';
  if (entry.isDirectory()) return 'directory';
  if (!entry.isSymbolicLink()) return 'other';
  try {
    const target = await stat(join(dir, entry.name));
    return target.isFile() ? 'file' : target.isDirectory() ? 'directory' : 'other';
  } catch {
    return 'other';
  }
}
