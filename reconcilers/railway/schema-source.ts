import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Railway's schema SDL, next to this module. tsc does not copy .graphql files, so a build in
 * dist/reconcilers/railway/ falls back to the source copy three levels up (a clone); a published
 * package needs the build to copy schema.graphql into dist.
 */
export const SCHEMA_CANDIDATES: readonly URL[] = [
  new URL('./schema.graphql', import.meta.url),
  new URL('../../../reconcilers/railway/schema.graphql', import.meta.url),
];

export function railwaySchemaPath(): string {
  for (const candidate of SCHEMA_CANDIDATES) {
    const path = fileURLToPath(candidate);
    if (existsSync(path)) return path;
  }
  throw new Error(`Railway schema.graphql not found (looked in ${SCHEMA_CANDIDATES.map((c) => fileURLToPath(c)).join(', ')})`);
}

export function loadRailwaySchemaSource(): string {
  return readFileSync(railwaySchemaPath(), 'utf8');
}
