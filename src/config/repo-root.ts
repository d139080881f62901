import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The nearest directory holding a package.json, walking up from `from` (a file URL or path). The
 * same code runs from `src/` under the test runner, from `dist/src/` once built, and from the
 * installed package, which ships `schema/` next to its package.json.
 */
export function findPackageRoot(from: string): string {
  let dir = dirname(from.startsWith('file:') ? fileURLToPath(from) : from);
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
}

export function schemaPath(): string {
  return join(findPackageRoot(import.meta.url), 'schema', 'environment.schema.json');
}
