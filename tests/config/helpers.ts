import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';
import type { Diagnostic } from '../../src/config/index.js';

const created: string[] = [];

afterEach(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh environments directory holding `files` (path relative to it → content), removed after the test. */
export function envDir(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'gitplane-config-'));
  created.push(dir);
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return dir;
}

/** Joins lines so that line N of the file is element N-1: tests assert positions by index. */
export function yaml(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

/** The diagnostics of one code, for assertions that ignore unrelated findings. */
export function withCode(diagnostics: readonly Diagnostic[], code: string): Diagnostic[] {
  return diagnostics.filter((d) => d.code === code);
}

export function capture(): { io: { stdout: (s: string) => void; stderr: (s: string) => void }; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s) => out.push(s), stderr: (s) => err.push(s) }, out, err };
}

/** A minimal valid environment with one Railway service, to build bad inputs from. */
export function minimal(name: string, extraServiceLines: string[] = []): string {
  return yaml(
    `environment: ${name}`,
    'services:',
    '  api:',
    '    platform: railway',
    '    railway:',
    '      project: shop',
    ...extraServiceLines,
  );
}
