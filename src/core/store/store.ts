/**
 * The index store: every write the indexer makes and every read the series
 * and service need, over one better-sqlite3 connection (see schema.ts for the
 * tables, section-id.ts for section ids, digest-writes.ts for the write path).
 *
 * Writes are meant to run inside `store.batch(() => ...)`: one transaction per
 * batch of files. A section row and its FTS postings always change together
 * (FtsWriter is called in the same transaction).
 */
import type { Database, Statement } from 'better-sqlite3';
import type { FileWarning, SkippedFile, TagCount, TimelineEntry } from '../../shared/api.js';
import type { DatePrecision, DateSource } from '../../shared/dates.js';
import { decodeFileProblem, otherProblem, problemEntry, type FileProblem } from '../../shared/file-problems.js';
import { DigestWrites } from './digest-writes.js';
import { FtsWriter } from './fts-write.js';
import { headingPathOf } from './heading-path.js';
import { openDatabase, type OpenDatabaseOptions } from './open-database.js';
import {
  parseWarnings,
  SECTIONS_OF_DIGEST_DATED,
  weekOf,
  type DigestRecord,
  type DigestRow,
  type FileRow,
  type FileState,
  type LinkTarget,
  type RawFileRow,
  type SectionRow,
  type StoreCounts,
} from './records.js';
import { storedLinkHrefs } from './link-writes.js';
import { cachedStatement } from './statements.js';
import { readDigestBody, readDigestTexts } from './stored-text.js';

export { HEADING_PATH_SEPARATOR, formatHeadingPath } from './heading-path.js';
export { folderOf, normalizeTag } from './records.js';
export type { DigestRecord, DigestRow, FileRow, FileState, FileStatus, IndexEntry, LinkTarget, SectionRow, StoreCounts } from './records.js';

interface RawDigestRow {
  id: number;
  path: string;
  path_key: string;
  folder: string;
  title: string;
  date: string | null;
  week: string | null;
  date_source: DateSource;
  date_precision: DatePrecision | null;
  number: number | null;
  series: string | null;
  series_pos: number | null;
  description: string | null;
  meta: string;
  hash: string;
}

const DIGEST_ROW_SQL = `SELECT d.id, d.path, d.path_key, d.folder, d.title, d.date, d.week, d.date_source, d.date_precision, d.number,
  d.series, d.series_pos, d.description, d.meta, d.hash FROM digest d`;

export class Store {
  private readonly writes: DigestWrites;

  private constructor(
    readonly db: Database,
    readonly dbPath: string,
    /** Messages about recoveries made while opening (a corrupt index moved aside...). */
    readonly notices: readonly string[],
  ) {
    const fts = new FtsWriter(db);
    if (fts.isStale()) db.transaction(() => fts.rebuildAll()).immediate();
    this.writes = new DigestWrites(db, fts);
  }

  /** Opens or creates the index at dbPath (see open-database.ts for recovery rules). */
  static open(dbPath: string, options: OpenDatabaseOptions = {}): Store {
    const { db, notices } = openDatabase(dbPath, options);
    try {
      return new Store(db, dbPath, notices);
    } catch (err) {
      db.close();
      throw err;
    }
  }

  /** A cached prepared statement. */
  private stmt(sql: string): Statement {
    return cachedStatement(this.db, sql);
  }

  /**
   * Runs fn in one transaction (nested calls join the outer one as a savepoint).
   * BEGIN IMMEDIATE takes the write lock up front, waiting busy_timeout for
   * another process's writer: a deferred transaction that reads first and
   * writes later fails at once (SQLITE_BUSY_SNAPSHOT) when another process
   * (the app, `almanac serve`, the CLI) wrote in between.
   */
  batch<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  // ---- meta ----

  getMeta(key: string): string | null {
    const row = this.stmt('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  /** A meta value stored as JSON, parsed; null when absent or unreadable (meta holds derived state: a bad value is rebuilt, not an error). */
  getMetaJson(key: string): unknown {
    const text = this.getMeta(key);
    if (text === null) return null;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return null;
    }
  }

  setMeta(key: string, value: string): void {
    this.stmt('INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)').run(key, value);
  }

  // ---- files ----

  files(): FileRow[] {
    const rows = this.stmt('SELECT * FROM file ORDER BY path').all() as RawFileRow[];
    return rows.map((r) => ({
      path: r.path,
      size: r.size,
      mtimeMs: r.mtime_ms,
      hash: r.hash,
      encoding: r.encoding,
      status: r.status,
      reason: r.reason,
      warnings: parseWarnings(r.warnings),
    }));
  }

  /**
   * What an index run compares of stored files (path, size, mtime, hash,
   * status), for these paths or for every file. Lighter than files(): no
   * warnings parsed, no sort - a no-change run at 10k files paid for those
   * in GC, and a targeted run must not read the whole table.
   */
  fileStates(paths?: readonly string[]): Map<string, FileState> {
    const columns = 'SELECT path, size, mtime_ms AS mtimeMs, hash, status FROM file';
    const rows = (
      paths === undefined
        ? this.stmt(columns).all()
        : this.stmt(`${columns} WHERE path IN (SELECT value FROM json_each(?))`).all(JSON.stringify(paths))
    ) as FileState[];
    return new Map(rows.map((r) => [r.path, r]));
  }

  /** Files recorded as skipped, with their problems (a reason stored before codes is 'other'), by path. */
  skippedFiles(): SkippedFile[] {
    return this.stmt("SELECT path, reason FROM file WHERE status = 'skipped' ORDER BY path")
      .all()
      .map((r) => {
        const row = r as { path: string; reason: string | null };
        return problemEntry(row.path, row.reason === null ? otherProblem('skipped') : decodeFileProblem(row.reason));
      });
  }

  /** Every stored warning, one entry per message, by path. */
  fileWarnings(): FileWarning[] {
    const rows = this.stmt("SELECT path, warnings FROM file WHERE warnings != '[]' ORDER BY path").all() as {
      path: string;
      warnings: string;
    }[];
    return rows.flatMap((r) => parseWarnings(r.warnings).map((message) => ({ path: r.path, message })));
  }

  /**
   * Records a file as indexed with the parsed digest, replacing what was
   * stored for that path. Uses `parsed.prepared` (tokens and packed texts made
   * by the parse worker) when present; then neither `parsed.body` nor the
   * sections' `text` is read: the worker blanks them (prepare.ts
   * attachPrepared). A prepared form that does not fit the sections throws.
   */
  putDigest(rec: DigestRecord): void {
    this.writes.putDigest(rec);
  }

  /** Records a file that could not be indexed, dropping any digest stored for it. */
  putSkipped(file: { path: string; size: number; mtimeMs: number; hash: string | null }, problem: FileProblem): void {
    this.writes.putSkipped(file, problem);
  }

  /** Updates size and mtime of a file whose content is unchanged. */
  touchFile(path: string, size: number, mtimeMs: number): void {
    this.writes.touchFile(path, size, mtimeMs);
  }

  removeFile(path: string): void {
    this.writes.removeFile(path);
  }

  /**
   * A file moved from `from` to `to` with the same content: updates paths,
   * series folder, path key and section ids without re-parsing. FTS postings
   * stay (title, headings and text are unchanged). Relative links point
   * elsewhere from the new folder: `links` are their targets resolved from
   * `to`, parallel to linkHrefs(from).
   */
  moveFile(from: string, to: string, size: number, mtimeMs: number, links: readonly LinkTarget[]): void {
    this.writes.moveFile(from, to, size, mtimeMs, links);
  }

  // ---- reads ----

  /** The hrefs of a stored digest's links in document order (empty when the path has no digest). */
  linkHrefs(path: string): string[] {
    const row = this.stmt('SELECT id FROM digest WHERE path = ?').get(path) as { id: number } | undefined;
    return row === undefined ? [] : storedLinkHrefs(this.db, row.id);
  }

  counts(): StoreCounts {
    const one = (sql: string): number => this.stmt(sql).pluck().get() as number;
    return {
      files: one('SELECT count(*) FROM file'),
      digests: one('SELECT count(*) FROM digest'),
      sections: one('SELECT count(*) FROM section'),
      tags: one('SELECT count(DISTINCT tag_norm) FROM tag'),
    };
  }

  digestByPath(path: string): DigestRow | null {
    return this.toDigestRow(this.stmt(`${DIGEST_ROW_SQL} WHERE d.path = ?`).get(path) as RawDigestRow | undefined);
  }

  /** The digest with this path key (path without .md/.markdown); the first by path if several. */
  digestByKey(key: string): DigestRow | null {
    return this.toDigestRow(this.stmt(`${DIGEST_ROW_SQL} WHERE d.path_key = ? ORDER BY d.path LIMIT 1`).get(key) as RawDigestRow | undefined);
  }

  private toDigestRow(r: RawDigestRow | undefined): DigestRow | null {
    if (!r) return null;
    return {
      id: r.id,
      path: r.path,
      pathKey: r.path_key,
      folder: r.folder,
      title: r.title,
      date: r.date,
      week: r.week,
      dateSource: r.date_source,
      datePrecision: r.date_precision,
      number: r.number,
      series: r.series,
      seriesPos: r.series_pos,
      description: r.description,
      meta: JSON.parse(r.meta) as Record<string, unknown>,
      body: readDigestBody(this.db, r.id) ?? '',
      hash: r.hash,
    };
  }

  /** The digest's sections in order, with their texts and, for a section whose heading carries one, its date. */
  sectionsOf(digestId: number): SectionRow[] {
    const rows = this.stmt(
      `SELECT s.rowid, s.id, s.ordinal, s.heading, s.level, s.ancestors, s.start, s.end, sd.date, sd.precision AS datePrecision
       FROM ${SECTIONS_OF_DIGEST_DATED}`,
    ).all(digestId) as (Omit<SectionRow, 'headingPath' | 'text' | 'date' | 'datePrecision'> & {
      ancestors: string;
      date: string | null;
      datePrecision: DatePrecision | null;
    })[];
    if (rows.length === 0) return [];
    const texts = readDigestTexts(this.db, digestId)?.sections ?? [];
    return rows.map(({ ancestors, date, datePrecision, ...rest }) => ({
      ...rest,
      ...(date !== null ? { date, datePrecision } : {}),
      headingPath: headingPathOf({ ...rest, ancestors }),
      text: texts[rest.ordinal] ?? '',
    }));
  }

  tagsOf(digestId: number): string[] {
    return this.stmt('SELECT tag FROM tag WHERE digest_id = ? ORDER BY ordinal').pluck().all(digestId) as string[];
  }

  warningsOf(path: string): string[] {
    const w = this.stmt('SELECT warnings FROM file WHERE path = ?').pluck().get(path) as string | undefined;
    return w === undefined ? [] : parseWarnings(w);
  }

  /** Tags with the number of digests carrying them, most used first; the display form is the smallest spelling. */
  tagCounts(): TagCount[] {
    return this.stmt(
      `SELECT min(tag) AS tag, count(DISTINCT digest_id) AS count FROM tag
       GROUP BY tag_norm ORDER BY count DESC, tag_norm`,
    ).all() as TagCount[];
  }

  /** Dated digests, oldest first (ties by path). */
  /**
   * Every dated digest in its week, and every section whose own heading
   * carries a day or a week in that week (with the section to open), so a
   * file holding many weeks appears in each of them. By date, then path,
   * then document order.
   */
  timeline(): TimelineEntry[] {
    const digests = this.stmt(
      `SELECT path, title, date, week FROM digest WHERE date IS NOT NULL AND week IS NOT NULL ORDER BY date, path`,
    ).all() as TimelineEntry[];
    const sections = this.stmt(
      `SELECT d.path, d.title, sd.date, sd.precision, s.id, s.heading FROM section_date sd
       JOIN section s ON s.rowid = sd.section_rowid JOIN digest d ON d.id = s.digest_id ORDER BY sd.section_rowid`,
    )
      .raw()
      .all() as [string, string, string, DatePrecision, string, string][];
    if (sections.length === 0) return digests;
    const dated: TimelineEntry[] = [];
    for (const [path, title, date, precision, sectionId, heading] of sections) {
      const week = weekOf(date, precision);
      if (week !== null) dated.push({ path, title, date, week, sectionId, heading });
    }
    // Stable: a digest before its own sections of the same day, sections in document order.
    return [...digests, ...dated].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /**
   * Closes the connection, first copying the WAL into the database (PASSIVE:
   * never waiting for readers). A connection that is not the last one open
   * closes without a checkpoint otherwise, and the next commit of another
   * (the main thread's, after the writer thread's run) would then copy up to
   * wal_autocheckpoint pages while the UI waits.
   */
  close(): void {
    if (!this.db.open) return;
    try {
      this.db.pragma('optimize');
      this.db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // Statistics and a checkpoint: skipped when another process holds the lock (a later commit checkpoints).
    }
    this.db.close();
  }
}
