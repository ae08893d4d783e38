/**
 * Opens (or creates) an Almanac index database: recognises files that are not
 * ours, moves them aside instead of deleting them, and migrates the schema.
 *
 * A file is moved aside (renamed to `<name>.corrupt-<timestamp>`, together with
 * its -wal/-shm files) when it is not an SQLite database, is corrupt, belongs to
 * another program (application_id), or was written by a newer Almanac
 * (user_version above SCHEMA_VERSION). Any other failure (permissions, a lock
 * held by another process) is thrown: a busy index is not a broken one.
 */
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { isBusyError } from './errors.js';
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION } from './schema.js';

export interface OpenDatabaseOptions {
  /** Path of better-sqlite3's native binary (Electron loads its own build). */
  nativeBinding?: string;
  /** Milliseconds a writer waits for a lock held by another connection. Default 5000. */
  busyTimeoutMs?: number;
}

export interface OpenedDatabase {
  db: Database;
  /** Human-readable messages about recoveries done while opening (empty normally). */
  notices: string[];
}

/** The database file is unusable as an Almanac index: move it aside and start again. */
class IncompatibleIndexError extends Error {}

const RECOVERABLE_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

function isRecoverable(err: unknown): err is Error {
  if (err instanceof IncompatibleIndexError) return true;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (RECOVERABLE_CODES.has(code) || code.startsWith('SQLITE_CORRUPT'));
}

const REQUIRED_TABLES = ['meta', 'file', 'digest', 'digest_text', 'text_chunk', 'tag', 'section', 'link', 'section_fts', 'catalog_snapshot'];

function prepareDatabase(db: Database, busyTimeoutMs: number): void {
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  // These reads are the first to touch the file: a garbage file fails here (SQLITE_NOTADB).
  const appId = db.pragma('application_id', { simple: true }) as number;
  const version = db.pragma('user_version', { simple: true }) as number;
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
  const empty = appId === 0 && version === 0 && tables.length === 0;
  if (!empty && appId !== APPLICATION_ID) {
    throw new IncompatibleIndexError(`it belongs to another program (application_id 0x${(appId >>> 0).toString(16)})`);
  }
  if (version > SCHEMA_VERSION) {
    throw new IncompatibleIndexError(
      `it was written by a newer Almanac (schema version ${version}; this version reads up to ${SCHEMA_VERSION})`,
    );
  }
  if (!empty && version === SCHEMA_VERSION) {
    const missing = REQUIRED_TABLES.filter((t) => !tables.includes(t));
    if (missing.length > 0) throw new IncompatibleIndexError(`its tables are incomplete (missing ${missing.join(', ')})`);
  }
  db.pragma('foreign_keys = ON');
  if (version < SCHEMA_VERSION) {
    try {
      migrate(db, version);
      if (version > 0) releaseFreedPages(db);
    } catch (err) {
      if (isBusyError(err)) throw err;
      // The migration ran in one transaction and rolled back, so the file is as we found it: either another process
      // created the same new index meanwhile (use it), or it cannot be upgraded (e.g. user_version reset, tables kept).
      if (!migratedMeanwhile(db)) {
        throw new IncompatibleIndexError(
          `its schema (version ${version}) could not be upgraded to version ${SCHEMA_VERSION} (${err instanceof Error ? err.message : String(err)})`,
        );
      }
    }
  }
  // Only now, once the file is known to be a usable index: switching to WAL rewrites the header, and a file that
  // turns out not to be ours must be moved aside with its original bytes.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
}


/** Another process created or upgraded the same new index between our check and our migration. */
function migratedMeanwhile(db: Database): boolean {
  return db.pragma('application_id', { simple: true }) === APPLICATION_ID && db.pragma('user_version', { simple: true }) === SCHEMA_VERSION;
}

function migrate(db: Database, from: number): void {
  db.transaction(() => {
    for (let v = from; v < SCHEMA_VERSION; v++) {
      const step = MIGRATIONS[v];
      if (step === undefined) throw new Error(`almanac index: no migration from schema version ${v}`);
      db.exec(step);
    }
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}

/**
 * An upgrade that dropped the old tables (the index is derived data) leaves
 * their pages free inside the file: a 370 MB V1 index would keep its size.
 * The new tables are still empty, so VACUUM is quick. Outside the migration's
 * transaction (VACUUM cannot run in one); skipped when another connection is
 * busy with the file.
 */
function releaseFreedPages(db: Database): void {
  try {
    db.exec('VACUUM');
    // A V1 index was in WAL mode: the file itself shrinks at the checkpoint.
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (err) {
    if (!isBusyError(err)) throw err;
  }
}

/** `2026-11-29T10-00-00`: a timestamp that is a valid file name everywhere. */
function fileTimestamp(now: Date): string {
  return now.toISOString().slice(0, 19).replace(/:/g, '-');
}

/** Renames the database and its WAL/SHM companions; returns the new name. Never deletes. */
function moveAside(dbPath: string, now: Date): string {
  const base = `${dbPath}.corrupt-${fileTimestamp(now)}`;
  let aside = base;
  for (let n = 1; existsSync(aside); n++) aside = `${base}-${n}`;
  renameSync(dbPath, aside);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(dbPath + suffix)) renameSync(dbPath + suffix, aside + suffix);
  }
  return aside;
}

function connect(dbPath: string, options: OpenDatabaseOptions): Database {
  return new BetterSqlite3(dbPath, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
}

export function openDatabase(dbPath: string, options: OpenDatabaseOptions = {}): OpenedDatabase {
  const busy = options.busyTimeoutMs ?? 5000;
  mkdirSync(path.dirname(dbPath), { recursive: true });
  let db: Database | undefined;
  try {
    db = connect(dbPath, options);
    prepareDatabase(db, busy);
    return { db, notices: [] };
  } catch (err) {
    db?.close();
    if (!isRecoverable(err) || !existsSync(dbPath)) throw err;
    const why = err instanceof IncompatibleIndexError ? err.message : `it is not a readable SQLite database (${err.message})`;
    const aside = moveAside(dbPath, new Date());
    const fresh = connect(dbPath, options);
    try {
      prepareDatabase(fresh, busy);
    } catch (again) {
      fresh.close();
      throw again;
    }
    return {
      db: fresh,
      notices: [`The index ${dbPath} could not be used because ${why}. It was moved to ${aside} and a new index was created.`],
    };
  }
}
