import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findPackageRoot } from '../config/repo-root.js';

export async function readPackageJson(): Promise<{ name: string; version: string }> {
  const text = await readFile(join(findPackageRoot(import.meta.url), 'package.json'), 'utf8');
  return JSON.parse(text) as { name: string; version: string };
}
