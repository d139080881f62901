import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import lockfile from 'proper-lockfile';
import type { Database, SqlJsStatic } from 'sql.js';
import type { ResourceKey, Spec } from '../engine/types.js';
import { sanitizeSpec } from './sanitize.js';
import type {
  InventoryEntry,
  LockHandle,
  RunRecord,
  RunResult,
  RunStart,
  StateStore,
  Suspension,
} from './types.js';

const SCHEMA = `
create table if not exists inventory (
  env text not null, address text not null, platform text not null, kind text not null, name text not null,
  resource_id text not null, origin text not null, spec text, recorded_at text not null,
  primary key (env, address));
create index if not exists inventory_by_id on inventory (platform, kind, resource_id);
create table if not exists runs (
  id text primary key, env text not null, kind text not null, trigger text not null, commit_sha text, actor text,
  reason text, started_at text not null, finished_at text, duration_ms integer, outcome text not null,
  summary text not null, changes text not null, error text);
create index if not exists runs_by_env on runs (env, started_at);
create table if not exists locks (env text primary key, holder text not null, acquired_at text not null, expires_at integer not null);
create table if not exists suspensions (env text primary key, reason text not null, actor text not null, since text not null);
`;

let sqlJsPromise: Promise<SqlJsStatic> | undefined;

/** The WASM module is loaded once per process and only by commands that need state. */
async function loadSqlJs(): Promise<SqlJsStatic> {
  const require = createRequire(import.meta.url);
  sqlJsPromise ??= import('sql.js').then((module) => {
    const init = (module as unknown as { default: (config: object) => Promise<SqlJsStatic> }).default;
    return init({ locateFile: (file: string) => join(dirname(require.resolve('sql.js')), file) });
  });
  return sqlJsPromise;
}

/**
 * Embedded store: SQLite compiled to WASM (sql.js), persisted to one file. sql.js keeps the
 * database in memory, so every operation takes a file lock, re-reads the file, and writes it back
 * atomically (temp file + rename) when it changed something. Several gitplane processes (a CLI
 * apply next to `serve`) therefore never lose each other's writes. The state is small (inventory
 * and run summaries), so the re-read costs little.
 */
export class SqlJsStateStore implements StateStore {
  readonly #file: string;
  readonly #sql: SqlJsStatic;

  private constructor(file: string, sql: SqlJsStatic) {
    this.#file = file;
    this.#sql = sql;
  }

  static async open(stateDir: string): Promise<SqlJsStateStore> {
    await mkdir(stateDir, { recursive: true });
    const file = join(stateDir, 'state.sqlite');
    const store = new SqlJsStateStore(file, await loadSqlJs());
    await store.#transaction(() => undefined, true);
    return store;
  }

  async #transaction<T>(work: (db: Database) => T, write: boolean): Promise<T> {
    await mkdir(dirname(this.#file), { recursive: true });
    const release = await lockfile.lock(dirname(this.#file), {
      lockfilePath: `${this.#file}.lock`,
      retries: { retries: 50, minTimeout: 20, maxTimeout: 200 },
      stale: 10_000,
    });
    try {
      const bytes = await readFile(this.#file).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined;
        throw error;
      });
      const db = bytes ? new this.#sql.Database(bytes) : new this.#sql.Database();
      try {
        db.run(SCHEMA);
        const result = work(db);
        if (write || !bytes) {
          const temp = `${this.#file}.${process.pid}.tmp`;
          await writeFile(temp, db.export(), { mode: 0o600 });
          await rename(temp, this.#file);
        }
        return result;
      } finally {
        db.close();
      }
    } finally {
      await release();
    }
  }

  inventory(env: string): Promise<InventoryEntry[]> {
    return this.#transaction((db) => rows(db, 'select * from inventory where env = ? order by address', [env]).map(toInventoryEntry), false);
  }

  recordOwned(env: string, entries: readonly InventoryEntry[]): Promise<void> {
    return this.#transaction((db) => {
      for (const entry of entries) {
        db.run(
          `insert into inventory (env, address, platform, kind, name, resource_id, origin, spec, recorded_at)
           values (?, ?, ?, ?, ?, ?, ?, ?, ?)
           on conflict (env, address) do update set resource_id = excluded.resource_id, spec = excluded.spec,
             recorded_at = excluded.recorded_at`,
          [env, entry.address, entry.key.platform, entry.key.kind, entry.key.name, entry.id, entry.origin,
            entry.spec === undefined ? null : JSON.stringify(sanitizeSpec(entry.spec)), entry.recordedAt],
        );
      }
    }, true);
  }

  forget(env: string, addresses: readonly string[]): Promise<void> {
    return this.#transaction((db) => {
      for (const address of addresses) db.run('delete from inventory where env = ? and address = ?', [env, address]);
    }, true);
  }

  ownersOf(platform: string, kind: string, id: string): Promise<string[]> {
    return this.#transaction(
      (db) => rows(db, 'select distinct env from inventory where platform = ? and kind = ? and resource_id = ? order by env', [platform, kind, id]).map((row) => String(row['env'])),
      false,
    );
  }

  startRun(run: RunStart): Promise<string> {
    const id = randomUUID();
    return this.#transaction((db) => {
      db.run(
        `insert into runs (id, env, kind, trigger, commit_sha, actor, reason, started_at, outcome, summary, changes)
         values (?, ?, ?, ?, ?, ?, ?, ?, 'running', '{}', '[]')`,
        [id, run.env, run.kind, run.trigger, run.commit ?? null, run.actor ?? null, run.reason ?? null, new Date().toISOString()],
      );
      return id;
    }, true);
  }

  finishRun(id: string, result: RunResult): Promise<void> {
    return this.#transaction((db) => {
      const started = rows(db, 'select started_at from runs where id = ?', [id])[0];
      const finishedAt = new Date();
      const durationMs = started ? finishedAt.getTime() - Date.parse(String(started['started_at'])) : null;
      db.run('update runs set finished_at = ?, duration_ms = ?, outcome = ?, summary = ?, changes = ?, error = ? where id = ?', [
        finishedAt.toISOString(), durationMs, result.outcome, JSON.stringify(result.summary), JSON.stringify(result.changes), result.error ?? null, id,
      ]);
    }, true);
  }

  runs(filter: { env?: string; limit?: number } = {}): Promise<RunRecord[]> {
    const limit = filter.limit ?? 50;
    return this.#transaction((db) => {
      const found = filter.env
        ? rows(db, 'select * from runs where env = ? order by started_at desc limit ?', [filter.env, limit])
        : rows(db, 'select * from runs order by started_at desc limit ?', [limit]);
      return found.map(toRunRecord);
    }, false);
  }

  async acquireLock(env: string, holder: string, ttlMs: number): Promise<LockHandle | null> {
    const acquired = await this.#transaction((db) => {
      const now = Date.now();
      const current = rows(db, 'select holder, expires_at from locks where env = ?', [env])[0];
      if (current && Number(current['expires_at']) > now && current['holder'] !== holder) return false;
      db.run('insert or replace into locks (env, holder, acquired_at, expires_at) values (?, ?, ?, ?)', [env, holder, new Date(now).toISOString(), now + ttlMs]);
      return true;
    }, true);
    if (!acquired) return null;
    return {
      env,
      holder,
      release: () => this.#transaction((db) => void db.run('delete from locks where env = ? and holder = ?', [env, holder]), true),
    };
  }

  async lockHolder(env: string): Promise<{ holder: string; acquiredAt: string } | null> {
    return this.#transaction((db) => {
      const row = rows(db, 'select holder, acquired_at, expires_at from locks where env = ?', [env])[0];
      if (!row || Number(row['expires_at']) <= Date.now()) return null;
      return { holder: String(row['holder']), acquiredAt: String(row['acquired_at']) };
    }, false);
  }

  suspend(env: string, reason: string, actor: string): Promise<void> {
    return this.#transaction((db) => void db.run('insert or replace into suspensions (env, reason, actor, since) values (?, ?, ?, ?)', [env, reason, actor, new Date().toISOString()]), true);
  }

  resume(env: string): Promise<boolean> {
    return this.#transaction((db) => {
      const existed = rows(db, 'select env from suspensions where env = ?', [env]).length > 0;
      db.run('delete from suspensions where env = ?', [env]);
      return existed;
    }, true);
  }

  suspension(env: string): Promise<Suspension | null> {
    return this.#transaction((db) => {
      const row = rows(db, 'select * from suspensions where env = ?', [env])[0];
      return row ? { env, reason: String(row['reason']), actor: String(row['actor']), since: String(row['since']) } : null;
    }, false);
  }

  async close(): Promise<void> {
    // Nothing stays open between operations.
  }
}

type Row = Record<string, unknown>;

function rows(db: Database, sql: string, params: (string | number | null)[]): Row[] {
  const statement = db.prepare(sql);
  try {
    statement.bind(params);
    const out: Row[] = [];
    while (statement.step()) out.push(statement.getAsObject() as Row);
    return out;
  } finally {
    statement.free();
  }
}

function toInventoryEntry(row: Row): InventoryEntry {
  const key: ResourceKey = {
    env: String(row['env']),
    platform: String(row['platform']) as ResourceKey['platform'],
    kind: String(row['kind']),
    name: String(row['name']),
  };
  const entry: InventoryEntry = {
    key,
    address: String(row['address']),
    id: String(row['resource_id']),
    origin: row['origin'] === 'adopted' ? 'adopted' : 'created',
    recordedAt: String(row['recorded_at']),
  };
  if (typeof row['spec'] === 'string') entry.spec = JSON.parse(row['spec']) as Spec;
  return entry;
}

function toRunRecord(row: Row): RunRecord {
  const record: RunRecord = {
    id: String(row['id']),
    env: String(row['env']),
    kind: String(row['kind']) as RunRecord['kind'],
    trigger: String(row['trigger']) as RunRecord['trigger'],
    startedAt: String(row['started_at']),
    outcome: String(row['outcome']) as RunRecord['outcome'],
    summary: JSON.parse(String(row['summary'])) as Record<string, number>,
    changes: JSON.parse(String(row['changes'])) as RunRecord['changes'],
  };
  if (row['commit_sha'] != null) record.commit = String(row['commit_sha']);
  if (row['actor'] != null) record.actor = String(row['actor']);
  if (row['reason'] != null) record.reason = String(row['reason']);
  if (row['finished_at'] != null) record.finishedAt = String(row['finished_at']);
  if (row['duration_ms'] != null) record.durationMs = Number(row['duration_ms']);
  if (row['error'] != null) record.error = String(row['error']);
  return record;
}
