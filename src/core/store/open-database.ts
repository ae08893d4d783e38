/**
 * Opens (or creates) an Almanac index database. A file Almanac did not create
 * is never opened, changed or moved: the index path holds Almanac's index or
 * nothing of anyone else's. It creates the current schema and tunes the
 * connection for what it is used for.
 *
 * What is found at the path decides, first from the file's first bytes
 * (inspectIndexFile, before SQLite opens anything), then from its contents (layoutOf):
 * - nothing: a new file is created, readable by its owner only (0600; a
 *   folder created for it is 0700), and the schema in it.
 * - an empty (0-byte) file: used as a new index (it holds nothing to lose).
 * - an index of ours (the SQLite header's application_id is Almanac's):
 *   - at an older schema version: it is derived data, so its tables are
 *     dropped and the current schema created in one transaction, keeping the
 *     file; the next run parses the vault again.
 *   - at the current version: used as it is.
 *   - corrupt, lacking tables of the current version, or written by a newer
 *     Almanac (whose layout this version cannot know): renamed to
 *     `<name>.corrupt-<timestamp>` together with its -wal/-shm files, with a
 *     notice, and a new index is created.
 * - anything else (a text file, another program's SQLite database, a folder,
 *   a device): refused with an AlmanacError 'not-found' naming the file and
 *   why, and left byte for byte as it was.
 * Any other failure (permissions, a lock held by another process) is thrown:
 * a busy index is not a broken one.
 */
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync, readSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { AlmanacError, isAlmanacError } from '../../shared/errors.js';
import { isBusyError } from './errors.js';
import { APPLICATION_ID, SCHEMA_SQL, SCHEMA_TABLES, SCHEMA_VERSION } from './schema.js';

export interface OpenDatabaseOptions {
  /** Path of better-sqlite3's native binary (Electron loads its own build). */
  nativeBinding?: string;
  /** Milliseconds a writer waits for a lock held by another connection. Default 5000. */
  busyTimeoutMs?: number;
  /**
   * What the connection is for. Default 'reader': it serves searches and
   * reads (and the small writes that come with them), and gets a larger page
   * cache and memory-mapped reads. 'writer': the indexing writer thread's
   * connection, which writes in bulk and keeps SQLite's defaults.
   */
  role?: 'reader' | 'writer';
}

export interface OpenedDatabase {
  db: Database;
  /** Human-readable messages about recoveries done while opening (empty normally). */
  notices: string[];
}

/** The database file is an Almanac index that cannot be used: move it aside and start again. */
class IncompatibleIndexError extends Error {}

/** The file is not Almanac's: it is refused and left as it is. */
class NotOursError extends Error {}

const RECOVERABLE_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

function isRecoverable(err: unknown): err is Error {
  if (err instanceof IncompatibleIndexError) return true;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (RECOVERABLE_CODES.has(code) || code.startsWith('SQLITE_CORRUPT'));
}

/**
 * Page cache of a reading connection, in KiB: bm25 reads the section-length
 * table and the postings all over the file, and with SQLite's default cache
 * (2 MB) a large index thrashes (docs/PERFORMANCE.md).
 */
const READER_CACHE_KIB = 65_536;
/**
 * Memory-mapped window of a reading connection: a page read through the map
 * costs no system call and no copy (docs/PERFORMANCE.md, "mmap reads"). Mapped
 * pages are the OS's file cache (shared, reclaimable), but they count in the
 * process's RSS and the kernel maps neighbouring pages on each fault, so the
 * window is capped: 256 MiB covers the index of a 10k-digest vault whole and
 * bounds what it adds on larger ones.
 */
const READER_MMAP_BYTES = 256 * 1024 * 1024;

/** Raises the page cache and the mmap window to the reader's values; never lowers a larger one someone configured. */
function tuneForReads(db: Database): void {
  const cache = db.pragma('cache_size', { simple: true }) as number;
  // Negative: KiB; positive: pages.
  const cacheKib = cache < 0 ? -cache : (cache * (db.pragma('page_size', { simple: true }) as number)) / 1024;
  if (cacheKib < READER_CACHE_KIB) db.pragma(`cache_size = -${READER_CACHE_KIB}`);
  if ((db.pragma('mmap_size', { simple: true }) as number) < READER_MMAP_BYTES) db.pragma(`mmap_size = ${READER_MMAP_BYTES}`);
}

/**
 * Runs `fn` with the connection reading through read() rather than its mmap
 * window, then restores the window. For scans of whole tables on the thread
 * that serves the UI (the index run's vault-wide and repeats steps): a table
 * written by a bulk index lies in pages spread over the whole file, and the
 * kernel maps neighbouring pages on every fault, so one scan of a few MB of
 * rows would map tens of MB into the process's RSS; read() copies only the
 * pages SQLite asks for into its page cache.
 */
export async function readingUnmapped<T>(db: Database, fn: () => Promise<T>): Promise<T> {
  const window = db.pragma('mmap_size', { simple: true }) as number;
  if (window === 0) return fn();
  db.pragma('mmap_size = 0');
  try {
    return await fn();
  } finally {
    if (db.open) db.pragma(`mmap_size = ${window}`);
  }
}

/** What the file holds: an empty database, an older index of ours, or a current one. */
type Layout = 'empty' | 'older' | 'current';

/** Reads the file's identity and tables; throws IncompatibleIndexError for a file to move aside. */
function layoutOf(db: Database): Layout {
  const appId = db.pragma('application_id', { simple: true }) as number;
  const version = db.pragma('user_version', { simple: true }) as number;
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
  if (appId === 0 && version === 0 && tables.length === 0) return 'empty';
  // The header said ours before SQLite opened it; only another writer (or a WAL of someone else's) changes that.
  if (appId !== APPLICATION_ID) throw new NotOursError(foreignDatabase(appId));
  if (version > SCHEMA_VERSION) {
    throw new IncompatibleIndexError(
      `it was written by a newer Almanac (schema version ${version}; this version reads up to ${SCHEMA_VERSION})`,
    );
  }
  if (version < SCHEMA_VERSION) return 'older';
  const missing = SCHEMA_TABLES.filter((t) => !tables.includes(t));
  if (missing.length > 0) throw new IncompatibleIndexError(`its tables are incomplete (missing ${missing.join(', ')})`);
  return 'current';
}

function prepareDatabase(db: Database, options: OpenDatabaseOptions): void {
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
  // The first reads of the file: a garbage file fails here (SQLITE_NOTADB).
  if (layoutOf(db) !== 'current') createSchema(db);
  db.pragma('foreign_keys = ON');
  // Only now, once the file is known to be a usable index: switching to WAL rewrites the header, and a file that
  // turns out not to be ours must be moved aside with its original bytes.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  if ((options.role ?? 'reader') === 'reader') tuneForReads(db);
}

/**
 * Creates the current schema in one transaction, dropping every table of an
 * older index of ours first. The layout is read again under the write lock:
 * another process may have created the index meanwhile (then it is used).
 */
function createSchema(db: Database): void {
  const foundVersion = db.pragma('user_version', { simple: true }) as number;
  // Dropping a table with foreign keys on deletes its rows first, which would cascade and fire the old triggers.
  db.pragma('foreign_keys = OFF');
  let dropped = false;
  try {
    dropped = db
      .transaction(() => {
        const layout = layoutOf(db);
        if (layout === 'current') return false;
        if (layout === 'older') dropEverything(db);
        db.exec(SCHEMA_SQL);
        db.pragma(`application_id = ${APPLICATION_ID}`);
        db.pragma(`user_version = ${SCHEMA_VERSION}`);
        return layout === 'older';
      })
      .immediate();
  } catch (err) {
    if (isBusyError(err) || err instanceof IncompatibleIndexError || err instanceof NotOursError) throw err;
    // The transaction rolled back, so the file is as we found it.
    throw new IncompatibleIndexError(
      `its schema (version ${foundVersion}) could not be replaced by version ${SCHEMA_VERSION} (${err instanceof Error ? err.message : String(err)})`,
    );
  }
  if (dropped) releaseFreedPages(db);
}

/** Drops every table and view (indexes and triggers go with their tables); virtual tables first, as they drop their own shadow tables. */
function dropEverything(db: Database): void {
  const objects = (): { type: string; name: string; sql: string | null }[] =>
    db.prepare("SELECT type, name, sql FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'").all() as {
      type: string;
      name: string;
      sql: string | null;
    }[];
  const quoted = (name: string): string => `"${name.replace(/"/g, '""')}"`;
  for (const o of objects()) if (/^CREATE\s+VIRTUAL\s+TABLE/i.test(o.sql ?? '')) db.exec(`DROP TABLE ${quoted(o.name)}`);
  for (const o of objects()) db.exec(`DROP ${o.type === 'view' ? 'VIEW' : 'TABLE'} ${quoted(o.name)}`);
}

/**
 * Dropping an older index's tables leaves their pages free inside the file,
 * which would keep its size. The new tables are still empty, so VACUUM is
 * quick. Outside the transaction (VACUUM cannot run in one); skipped when
 * another connection is busy with the file.
 */
function releaseFreedPages(db: Database): void {
  try {
    db.exec('VACUUM');
    // In WAL mode the file itself shrinks at the checkpoint.
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

/** What is at the index path, judged before SQLite opens it (SQLite would write to a file it opens). */
type Found = 'nothing' | 'empty-file' | 'ours';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
/** The SQLite header: 100 bytes; application_id is the big-endian 32-bit integer at offset 68. */
const HEADER_BYTES = 100;
const APPLICATION_ID_OFFSET = 68;

function foreignDatabase(appId: number): string {
  return `it is another program's SQLite database (application_id 0x${(appId >>> 0).toString(16)}, Almanac's is 0x${APPLICATION_ID.toString(16)})`;
}

function readHeader(dbPath: string): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  const fd = openSync(dbPath, 'r');
  try {
    return header.subarray(0, readSync(fd, header, 0, HEADER_BYTES, 0));
  } finally {
    closeSync(fd);
  }
}

/** Why the file at dbPath is not Almanac's, or what it is when it may be used. */
function judge(dbPath: string): Found | NotOursError {
  let stats;
  try {
    stats = statSync(dbPath);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'nothing';
    throw err;
  }
  if (stats.isDirectory()) return new NotOursError('it is a folder');
  if (!stats.isFile()) return new NotOursError('it is not a regular file');
  if (stats.size === 0) return 'empty-file';
  const header = readHeader(dbPath);
  if (header.length < HEADER_BYTES || !header.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) {
    return new NotOursError('it is not an SQLite database (a text or other file)');
  }
  const appId = header.readInt32BE(APPLICATION_ID_OFFSET);
  return appId === APPLICATION_ID ? 'ours' : new NotOursError(foreignDatabase(appId));
}

function refusal(dbPath: string, err: NotOursError): AlmanacError {
  return new AlmanacError(
    'not-found',
    `the index file ${dbPath} is not an Almanac index: ${err.message}. Almanac leaves files it did not create untouched; give another index file (--db) or move this one away`,
    { path: dbPath, reason: err.message },
  );
}

/** What is at dbPath when Almanac may use it; throws the refusal (AlmanacError 'not-found') for anything not ours. */
export function inspectIndexFile(dbPath: string): Found {
  const found = judge(dbPath);
  if (found instanceof NotOursError) throw refusal(dbPath, found);
  return found;
}

/** A new index file: its folder (when missing) 0700 and the file 0600, so other users cannot read what the vault says. */
function createIndexFile(dbPath: string): void {
  mkdirSync(path.dirname(dbPath), { recursive: true, mode: 0o700 });
  try {
    closeSync(openSync(dbPath, 'wx', 0o600));
  } catch (err) {
    // Another process created it meanwhile: layoutOf judges what it holds.
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}

function connectPrepared(dbPath: string, options: OpenDatabaseOptions): Database {
  const db = connect(dbPath, options);
  try {
    prepareDatabase(db, options);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

export function openDatabase(dbPath: string, options: OpenDatabaseOptions = {}): OpenedDatabase {
  if (inspectIndexFile(dbPath) === 'nothing') createIndexFile(dbPath);
  try {
    return { db: connectPrepared(dbPath, options), notices: [] };
  } catch (err) {
    if (err instanceof NotOursError) throw refusal(dbPath, err);
    // Only a file that is still demonstrably ours is moved aside.
    if (isAlmanacError(err) || !isRecoverable(err) || judge(dbPath) !== 'ours') throw err;
    const why = err instanceof IncompatibleIndexError ? err.message : `it is not a readable SQLite database (${err.message})`;
    const aside = moveAside(dbPath, new Date());
    createIndexFile(dbPath);
    return {
      db: connectPrepared(dbPath, options),
      notices: [`The index ${dbPath} could not be used because ${why}. It was moved to ${aside} and a new index was created.`],
    };
  }
}
