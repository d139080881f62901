import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Relative imports of a file, resolved to repository paths (`src/engine/types.ts`). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:import|export)[^'"`;]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]!);
  return specifiers.filter((s) => s.startsWith('.')).map((s) => relative(root, resolve(dirname(file), s)).replace(/\.js$/, '.ts'));
}

const files = [...sourceFiles(join(root, 'src')), ...sourceFiles(join(root, 'reconcilers'))].map((f) => relative(root, f));

/** Each stage may import only from itself and the stages before it (plus shared leaf modules). */
const STAGES = ['src/model', 'src/config', 'src/engine', 'src/store', 'src/render', 'src/cli'];
const SHARED = ['src/errors.ts', 'src/secret.ts', 'src/log', 'src/http', 'src/model'];

function stageOf(path: string): number {
  return STAGES.findIndex((stage) => path.startsWith(`${stage}/`));
}

describe('import direction', () => {
  it('only the composition root (src/cli) imports reconcilers/', () => {
    const offenders = files
      .filter((f) => f.startsWith('src/') && !f.startsWith('src/cli/'))
      .flatMap((f) => importsOf(join(root, f)).filter((i) => i.startsWith('reconcilers/')).map((i) => `${f} -> ${i}`));
    expect(offenders).toEqual([]);
  });

  it('a platform never imports another platform', () => {
    const offenders = files
      .filter((f) => /^reconcilers\/[^/]+\//.test(f))
      .flatMap((f) => {
        const own = f.split('/')[1];
        return importsOf(join(root, f))
          .filter((i) => i.startsWith('reconcilers/') && i.split('/')[1] !== own)
          .map((i) => `${f} -> ${i}`);
      });
    expect(offenders).toEqual([]);
  });

  it('no stage imports a later stage (the store may use the engine\'s types)', () => {
    const offenders = files.flatMap((f) => {
      const own = stageOf(f);
      if (own < 0) return [];
      return importsOf(join(root, f))
        .filter((i) => !SHARED.some((s) => i === s || i.startsWith(`${s}/`)))
        .filter((i) => {
          const target = stageOf(i);
          if (target <= own) return false;
          return !(f.startsWith('src/store/') && i === 'src/engine/types.ts');
        })
        .map((i) => `${f} -> ${i}`);
    });
    // The engine reads and writes the store through its interface only.
    const allowed = new Set(files.filter((f) => f.startsWith('src/engine/')).flatMap((f) => importsOf(join(root, f)).filter((i) => i === 'src/store/types.ts' || i === 'src/store/sanitize.ts').map((i) => `${f} -> ${i}`)));
    expect(offenders.filter((o) => !allowed.has(o))).toEqual([]);
  });

  it('the core does not depend on the GraphQL or platform libraries', () => {
    const offenders = files.filter((f) => f.startsWith('src/') && /from\s+['"]graphql['"]/.test(readFileSync(join(root, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
