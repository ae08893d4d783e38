/**
 * The index store: every write the indexer makes and every read the series
 * and service need, over one better-sqlite3 connection (see schema.ts for the
 * tables and section-id.ts for section ids).
 *
 * Writes are meant to run inside `store.batch(() => ...)`: one transaction per
 * batch of files. A section row and its FTS postings always change together
 * (FtsWriter is called in the same transaction).
 */
import type { Database, Statement } from 'better-sqlite3';
import { isoWeekOf, isValidDate } from '../../shared/dates.js';
import type { FileWarning, SkippedFile, TagCount, TimelineEntry } from '../../shared/api.js';
import { digestKey } from '../vault/paths.js';
import { FtsWriter } from './fts-write.js';
import { normalizeText } from '../text/tokenize.js';
import type { ParsedDigest, ParsedSection } from '../types.js';
import { openDatabase, type OpenDatabaseOptions } from './open-database.js';
import { preparedOf } from './prepare.js';
import { sectionIds } from './section-id.js';
import { cachedStatement } from './statements.js';
import { decodeHeadingPath, encodeHeadingPath } from './heading-path.js';
import { readDigestBody, readDigestTexts, writeDigestText } from './stored-text.js';

export { HEADING_PATH_SEPARATOR, formatHeadingPath } from './heading-path.js';

export type FileStatus = 'indexed' | 'skipped';

/** A row of the `file` table. */
export interface FileRow {
  path: string;
  size: number;
  mtimeMs: number;
  hash: string | null;
  encoding: string | null;
  status: FileStatus;
  reason: string | null;
  warnings: string[];
}

/** What an index run needs to know of a stored file. */
export type FileState = Pick<FileRow, 'path' | 'size' | 'mtimeMs' | 'hash' | 'status'>;

/** Where one parsed link points, decided by the indexer (parallel to ParsedDigest.links). */
export interface LinkTarget {
  external: boolean;
  /** digestKey of the vault path the link resolves to; null for external, anchor-only and invalid links. */
  targetKey: string | null;
  /** For a link to a vault file that is not a digest (an image...): whether it exists. */
  targetExists: boolean;
}

export interface DigestRecord {
  path: string;
  size: number;
  mtimeMs: number;
  hash: string;
  encoding: string;
  parsed: ParsedDigest;
  links: LinkTarget[];
  /** Every warning for the file (read and parse), stored on the file row. */
  warnings: string[];
}

export interface DigestRow {
  id: number;
  path: string;
  pathKey: string;
  folder: string;
  title: string;
  date: string | null;
  week: string | null;
  description: string | null;
  meta: Record<string, unknown>;
  body: string;
  hash: string;
}

/** A stored section: the parsed section with its row id and stable id. */
export interface SectionRow extends ParsedSection {
  rowid: number;
  id: string;
}

export interface StoreCounts {
  files: number;
  digests: number;
  sections: number;
  tags: number;
}

/** The vault-relative folder of a path ('' at the vault root): the digest's series. */
export function folderOf(vaultPath: string): string {
  const i = vaultPath.lastIndexOf('/');
  return i < 0 ? '' : vaultPath.slice(0, i);
}

/** The form of a tag used for grouping and filtering: NFKC, lower case, trimmed. */
export function normalizeTag(tag: string): string {
  return normalizeText(tag.trim());
}

function weekOf(date: string | null): string | null {
  return date !== null && isValidDate(date) ? isoWeekOf(date) : null;
}

interface RawFileRow {
  path: string;
  size: number;
  mtime_ms: number;
  hash: string | null;
  encoding: string | null;
  status: FileStatus;
  reason: string | null;
  warnings: string;
}

interface RawDigestRow {
  id: number;
  path: string;
  path_key: string;
  folder: string;
  title: string;
  date: string | null;
  week: string | null;
  description: string | null;
  meta: string;
  hash: string;
}

const DIGEST_ROW_SQL = 'SELECT d.id, d.path, d.path_key, d.folder, d.title, d.date, d.week, d.description, d.meta, d.hash FROM digest d';

/** FROM clause of a digest's sections (bind the digest id), in order: their rowids are a contiguous range (schema V4). */
const SECTIONS_OF_DIGEST = 'digest d JOIN section s ON s.rowid BETWEEN d.first_section AND d.first_section + d.section_count - 1 WHERE d.id = ? ORDER BY s.rowid';

/** A stored section's heading path from its row (heading-path.ts). */
function headingPathOfRow(r: { ancestors: string; heading: string; level: number }): string[] {
  return decodeHeadingPath(r.ancestors, r.heading, r.level);
}

function parseJsonArray(text: string): string[] {
  const v: unknown = JSON.parse(text);
  return Array.isArray(v) ? v.map(String) : [];
}

export class Store {
  private readonly fts: FtsWriter;

  private constructor(
    readonly db: Database,
    readonly dbPath: string,
    /** Messages about recoveries made while opening (a corrupt index moved aside...). */
    readonly notices: readonly string[],
  ) {
    this.fts = new FtsWriter(db);
    if (this.fts.isStale()) db.transaction(() => this.fts.rebuildAll()).immediate();
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
      warnings: r.warnings === '[]' ? [] : parseJsonArray(r.warnings),
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

  /** Files recorded as skipped, with their reasons, by path. */
  skippedFiles(): SkippedFile[] {
    return this.stmt("SELECT path, reason FROM file WHERE status = 'skipped' ORDER BY path")
      .all()
      .map((r) => {
        const row = r as { path: string; reason: string | null };
        return { path: row.path, reason: row.reason ?? 'skipped' };
      });
  }

  /** Every stored warning, one entry per message, by path. */
  fileWarnings(): FileWarning[] {
    const rows = this.stmt("SELECT path, warnings FROM file WHERE warnings != '[]' ORDER BY path").all() as {
      path: string;
      warnings: string;
    }[];
    return rows.flatMap((r) => parseJsonArray(r.warnings).map((message) => ({ path: r.path, message })));
  }

  /**
   * Records a file as indexed with the parsed digest, replacing what was
   * stored for that path. Uses `parsed.prepared` (tokens and packed texts made
   * by the parse worker) when present; then neither `parsed.body` nor the
   * sections' `text` is read: the worker blanks them (prepare.ts
   * attachPrepared). A prepared form that does not fit the sections throws.
   */
  putDigest(rec: DigestRecord): void {
    const { parsed } = rec;
    const prepared = preparedOf(parsed);
    this.deleteDigestRows(rec.path);
    this.upsertFile(rec.path, rec.size, rec.mtimeMs, rec.hash, rec.encoding, 'indexed', null, rec.warnings);
    // The digest's sections take the next free rowids, as one contiguous range.
    const firstSection = this.stmt('SELECT coalesce(max(rowid), 0) + 1 FROM section').pluck().get() as number;
    const info = this.stmt(
      `INSERT INTO digest(path, path_key, folder, title, date, week, description, meta, hash, first_section, section_count)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      rec.path,
      digestKey(rec.path),
      folderOf(rec.path),
      parsed.title,
      parsed.date,
      weekOf(parsed.date),
      parsed.description,
      JSON.stringify(parsed.meta),
      rec.hash,
      firstSection,
      parsed.sections.length,
    );
    const digestId = Number(info.lastInsertRowid);
    writeDigestText(this.db, digestId, prepared.text);
    const insertTag = this.stmt('INSERT INTO tag(digest_id, ordinal, tag, tag_norm) VALUES (?, ?, ?, ?)');
    parsed.tags.forEach((tag, i) => insertTag.run(digestId, i, tag, normalizeTag(tag)));

    const ids = sectionIds(
      rec.path,
      parsed.sections.map((s) => s.headingPath),
    );
    const insertSection = this.stmt(
      `INSERT INTO section(rowid, id, digest_id, ordinal, heading, level, ancestors, start, end)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    parsed.sections.forEach((s, i) => {
      insertSection.run(firstSection + i, ids[i], digestId, i, s.heading, s.level, encodeHeadingPath(s.headingPath, s.heading, s.level), s.start, s.end);
      this.fts.insert(firstSection + i, prepared.titleTokens, prepared.sections[i]!);
    });

    const insertLink = this.stmt(
      `INSERT INTO link(digest_id, ordinal, section, href, text, external, target_key, target_exists)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // A link's section, as the ordinal of a stored section (the first when the parser's ordinal is not one).
    const storedOrdinal = new Map(parsed.sections.map((s, i) => [s.ordinal, i]));
    parsed.links.forEach((link, i) => {
      const target = rec.links[i] ?? { external: false, targetKey: null, targetExists: false };
      insertLink.run(
        digestId,
        i,
        storedOrdinal.get(link.section) ?? 0,
        link.href,
        link.text,
        target.external ? 1 : 0,
        target.targetKey,
        target.targetExists ? 1 : 0,
      );
    });
  }

  /** Records a file that could not be indexed, dropping any digest stored for it. */
  putSkipped(file: { path: string; size: number; mtimeMs: number; hash: string | null }, reason: string): void {
    this.deleteDigestRows(file.path);
    this.upsertFile(file.path, file.size, file.mtimeMs, file.hash, null, 'skipped', reason, []);
  }

  /** Updates size and mtime of a file whose content is unchanged. */
  touchFile(path: string, size: number, mtimeMs: number): void {
    this.stmt('UPDATE file SET size = ?, mtime_ms = ? WHERE path = ?').run(size, mtimeMs, path);
  }

  removeFile(path: string): void {
    this.deleteDigestRows(path);
    this.stmt('DELETE FROM file WHERE path = ?').run(path);
  }

  /**
   * A file moved from `from` to `to` with the same content: updates paths,
   * series folder, path key and section ids without re-parsing. FTS postings
   * stay (title, headings and text are unchanged). Relative links point
   * elsewhere from the new folder: `links` are their targets resolved from
   * `to`, parallel to linkHrefs(from).
   */
  moveFile(from: string, to: string, size: number, mtimeMs: number, links: readonly LinkTarget[]): void {
    const row = this.stmt('SELECT * FROM file WHERE path = ?').get(from) as RawFileRow | undefined;
    if (!row) throw new Error(`almanac index: cannot move ${from}: it is not in the index`);
    this.removeFile(to);
    this.upsertFile(to, size, mtimeMs, row.hash, row.encoding, row.status, row.reason, parseJsonArray(row.warnings));
    const digest = this.stmt('SELECT id FROM digest WHERE path = ?').get(from) as { id: number } | undefined;
    if (digest) {
      this.stmt('UPDATE digest SET path = ?, path_key = ?, folder = ? WHERE id = ?').run(to, digestKey(to), folderOf(to), digest.id);
      const sections = this.stmt(`SELECT s.rowid, s.heading, s.level, s.ancestors FROM ${SECTIONS_OF_DIGEST}`).all(digest.id) as {
        rowid: number;
        heading: string;
        level: number;
        ancestors: string;
      }[];
      const newIds = sectionIds(to, sections.map(headingPathOfRow));
      const updateSection = this.stmt('UPDATE section SET id = ? WHERE rowid = ?');
      sections.forEach((s, i) => updateSection.run(newIds[i], s.rowid));
      const updateTarget = this.stmt('UPDATE link SET external = ?, target_key = ?, target_exists = ? WHERE digest_id = ? AND ordinal = ?');
      links.forEach((t, ordinal) => updateTarget.run(t.external ? 1 : 0, t.targetKey, t.targetExists ? 1 : 0, digest.id, ordinal));
    }
    this.stmt('DELETE FROM file WHERE path = ?').run(from);
  }

  private upsertFile(
    path: string,
    size: number,
    mtimeMs: number,
    hash: string | null,
    encoding: string | null,
    status: FileStatus,
    reason: string | null,
    warnings: readonly string[],
  ): void {
    this.stmt(
      `INSERT INTO file(path, size, mtime_ms, hash, encoding, status, reason, warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(path) DO UPDATE SET size = excluded.size, mtime_ms = excluded.mtime_ms, hash = excluded.hash,
         encoding = excluded.encoding, status = excluded.status, reason = excluded.reason, warnings = excluded.warnings`,
    ).run(path, size, mtimeMs, hash, encoding, status, reason, JSON.stringify(warnings));
  }

  /** Deletes the digest of a path with its FTS postings (text, tags, sections, links cascade). */
  private deleteDigestRows(path: string): void {
    const d = this.stmt('SELECT id, title, first_section AS firstSection, section_count AS sectionCount FROM digest WHERE path = ?').get(path) as
      | { id: number; title: string; firstSection: number; sectionCount: number }
      | undefined;
    if (!d) return;
    const texts = readDigestTexts(this.db, d.id)?.sections ?? [];
    const last = d.firstSection + d.sectionCount - 1;
    const sections = this.stmt('SELECT rowid, heading, level, ancestors FROM section WHERE rowid BETWEEN ? AND ?').all(d.firstSection, last) as {
      rowid: number;
      heading: string;
      level: number;
      ancestors: string;
    }[];
    for (const s of sections) {
      this.fts.delete(s.rowid, d.title, headingPathOfRow(s), texts[s.rowid - d.firstSection] ?? '');
    }
    // Sections have no foreign key (schema V4): they go by their rowid range; text, tags and links cascade.
    this.stmt('DELETE FROM section WHERE rowid BETWEEN ? AND ?').run(d.firstSection, last);
    this.stmt('DELETE FROM digest WHERE id = ?').run(d.id);
  }

  // ---- reads ----

  /** The hrefs of a stored digest's links in document order (empty when the path has no digest). */
  linkHrefs(path: string): string[] {
    return this.stmt('SELECT l.href FROM link l JOIN digest d ON d.id = l.digest_id WHERE d.path = ? ORDER BY l.ordinal')
      .pluck()
      .all(path) as string[];
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
      description: r.description,
      meta: JSON.parse(r.meta) as Record<string, unknown>,
      body: readDigestBody(this.db, r.id) ?? '',
      hash: r.hash,
    };
  }

  sectionsOf(digestId: number): SectionRow[] {
    const rows = this.stmt(
      `SELECT s.rowid, s.id, s.ordinal, s.heading, s.level, s.ancestors, s.start, s.end FROM ${SECTIONS_OF_DIGEST}`,
    ).all(digestId) as (Omit<SectionRow, 'headingPath' | 'text'> & { ancestors: string })[];
    if (rows.length === 0) return [];
    const texts = readDigestTexts(this.db, digestId)?.sections ?? [];
    return rows.map(({ ancestors, ...rest }) => ({ ...rest, headingPath: headingPathOfRow({ ...rest, ancestors }), text: texts[rest.ordinal] ?? '' }));
  }

  tagsOf(digestId: number): string[] {
    return this.stmt('SELECT tag FROM tag WHERE digest_id = ? ORDER BY ordinal').pluck().all(digestId) as string[];
  }

  warningsOf(path: string): string[] {
    const w = this.stmt('SELECT warnings FROM file WHERE path = ?').pluck().get(path) as string | undefined;
    return w === undefined ? [] : parseJsonArray(w);
  }

  /** Tags with the number of digests carrying them, most used first; the display form is the smallest spelling. */
  tagCounts(): TagCount[] {
    return this.stmt(
      `SELECT min(tag) AS tag, count(DISTINCT digest_id) AS count FROM tag
       GROUP BY tag_norm ORDER BY count DESC, tag_norm`,
    ).all() as TagCount[];
  }

  /** Dated digests, oldest first (ties by path). */
  timeline(): TimelineEntry[] {
    return this.stmt(
      `SELECT path, title, date, week FROM digest WHERE date IS NOT NULL AND week IS NOT NULL ORDER BY date, path`,
    ).all() as TimelineEntry[];
  }

  close(): void {
    if (!this.db.open) return;
    try {
      this.db.pragma('optimize');
    } catch {
      // Only statistics: skipped when another process holds the lock.
    }
    this.db.close();
  }
}
