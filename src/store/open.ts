import { TerminalError } from '../errors.js';
import { SqlJsStateStore } from './sqljs-store.js';
import type { StateStore } from './types.js';

/**
 * Picks the state store from the environment (SPEC.md): DATABASE_URL selects PostgreSQL, otherwise
 * the embedded store under GITPLANE_STATE_DIR (default `.gitplane`).
 */
export async function openStateStore(processEnv: Readonly<Record<string, string | undefined>>): Promise<StateStore> {
  const databaseUrl = processEnv['DATABASE_URL'];
  if (databaseUrl) {
    throw new TerminalError('DATABASE_URL is set, but this version of gitplane has no PostgreSQL state store yet', {
      hint: 'unset DATABASE_URL for gitplane to use the embedded store in GITPLANE_STATE_DIR',
    });
  }
  return SqlJsStateStore.open(processEnv['GITPLANE_STATE_DIR'] || '.gitplane');
}
