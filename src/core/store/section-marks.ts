/**
 * What the repeats step (index/repeats-step.ts) learns about sections, in the
 * table section_mark (a row only for a marked section, by section rowid):
 *
 * - boiler: the section's lines that repeat across its series (a masthead, a
 *   subscription footer): '*' for the whole section (heading included), else
 *   the numbers of the lines of its plain text, "0,1". Their tokens live in
 *   the section's boilerplate row of section_fts (fts-write.ts), so a search
 *   sees a match in them by its rowid.
 * - grp: the cluster of near-identical sections in other weeks of the series
 *   (an event listed for several issues), which search results fold into one.
 *
 * Rows go with their section's range (DigestWrites deletes them with it).
 */
import type { Database } from 'better-sqlite3';
import { SECTION_RANGE_SQL } from './section-range.js';
import { cachedStatement } from './statements.js';

/** Lines of a section that repeat across its series: all of it, or these line numbers (0-based, of its text split at '\n'). */
export type BoilerLines = 'all' | readonly number[];

export interface SectionMark {
  rowid: number;
  boiler: BoilerLines | null;
  /** Repeat cluster id (shared by the near-identical sections of other weeks), null for none. */
  group: number | null;
}

const WHOLE = '*';

/**
 * The meta key of the marks' own stamp, bumped by every write of the
 * repeats step: that step changes no digest row, so the index generation
 * (generation.ts) does not move, and a search engine that loaded the marks
 * compares this instead.
 */
export const META_MARKS_VERSION = 'section_marks_version';

/** The current marks stamp (0: the step never wrote). One indexed lookup. */
export function marksVersion(db: Database): number {
  // Not plucked: the statement cache is shared by SQL text, and Store.getMeta reads rows of this same statement.
  const row = cachedStatement(db, 'SELECT value FROM meta WHERE key = ?').get(META_MARKS_VERSION) as { value: string } | undefined;
  return row === undefined ? 0 : Number(row.value);
}

/** Moves the marks stamp on; the caller writes in the same transaction. */
export function bumpMarksVersion(db: Database): void {
  cachedStatement(db, "INSERT INTO meta(key, value) VALUES (?, '1') ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)").run(
    META_MARKS_VERSION,
  );
}

export function encodeBoiler(lines: BoilerLines): string {
  return lines === 'all' ? WHOLE : lines.join(',');
}

/** The stored form read back; null for none or an unreadable value (a derived table: the next step rewrites it). */
export function decodeBoiler(stored: string | null): BoilerLines | null {
  if (stored === null || stored === '') return null;
  if (stored === WHOLE) return 'all';
  const lines = stored.split(',').map(Number);
  return lines.every((n) => Number.isInteger(n) && n >= 0) ? lines : null;
}

/** The boilerplate lines of every marked section (or of the sections between two rowids), by rowid. */
export function boilerplateOf(db: Database, range?: { first: number; last: number }): Map<number, BoilerLines> {
  const rows = (
    range === undefined
      ? cachedStatement(db, 'SELECT section_rowid, boiler FROM section_mark WHERE boiler IS NOT NULL').raw().all()
      : cachedStatement(db, `SELECT section_rowid, boiler FROM section_mark WHERE boiler IS NOT NULL AND section_rowid ${SECTION_RANGE_SQL.between}`)
          .raw()
          .all(range.first, range.last)
  ) as [number, string][];
  const out = new Map<number, BoilerLines>();
  for (const [rowid, stored] of rows) {
    const lines = decodeBoiler(stored);
    if (lines !== null) out.set(rowid, lines);
  }
  return out;
}

/** Every mark, by rowid ascending (what the search catalog loads). */
export function storedMarks(db: Database): SectionMark[] {
  const rows = cachedStatement(db, 'SELECT section_rowid, boiler, grp FROM section_mark ORDER BY section_rowid').raw().all() as [
    number,
    string | null,
    number | null,
  ][];
  return rows.map(([rowid, boiler, group]) => ({ rowid, boiler: decodeBoiler(boiler), group }));
}

/**
 * The marks as comma-separated ASCII rowid lists, ascending, without a row
 * object each (what a search loads on a reopened index's first query):
 * sections repeated whole, sections in a repeat cluster and their cluster
 * ids (in the same order), and sections with some boilerplate lines (whose
 * lines boilerLinesOf reads when a hit shows one). null for an empty list.
 */
export function markLists(db: Database): { whole: Uint8Array | null; grouped: Uint8Array | null; groups: Uint8Array | null; partial: Uint8Array | null } {
  const list = (where: string): Uint8Array | null =>
    cachedStatement(db, `SELECT CAST(group_concat(section_rowid, ',') AS BLOB) FROM (SELECT section_rowid FROM section_mark WHERE ${where} ORDER BY section_rowid)`)
      .pluck()
      .get(WHOLE) as Uint8Array | null;
  const [grouped, groups] = cachedStatement(
    db,
    "SELECT CAST(group_concat(section_rowid, ',') AS BLOB), CAST(group_concat(grp, ',') AS BLOB) FROM (SELECT section_rowid, grp FROM section_mark WHERE grp IS NOT NULL ORDER BY section_rowid)",
  )
    .raw()
    .get() as [Uint8Array | null, Uint8Array | null];
  return { whole: list('boiler = ?'), grouped, groups, partial: list("boiler IS NOT NULL AND boiler NOT IN (?, '')") };
}

/** One section's boilerplate lines, null when it has none. */
export function boilerLinesOf(db: Database, rowid: number): BoilerLines | null {
  return decodeBoiler((cachedStatement(db, 'SELECT boiler FROM section_mark WHERE section_rowid = ?').pluck().get(rowid) as string | null | undefined) ?? null);
}

/** Removes the marks of the sections between two rowids (their sections are being deleted). */
export function deleteMarksIn(db: Database, first: number, last: number): void {
  cachedStatement(db, `DELETE FROM section_mark WHERE section_rowid ${SECTION_RANGE_SQL.between}`).run(first, last);
}

/** Sets one section's mark (a mark with neither boilerplate nor group deletes the row). */
export function writeMark(db: Database, mark: SectionMark): void {
  if (mark.boiler === null && mark.group === null) {
    cachedStatement(db, 'DELETE FROM section_mark WHERE section_rowid = ?').run(mark.rowid);
    return;
  }
  cachedStatement(db, 'INSERT OR REPLACE INTO section_mark(section_rowid, boiler, grp) VALUES (?, ?, ?)').run(
    mark.rowid,
    mark.boiler === null ? null : encodeBoiler(mark.boiler),
    mark.group,
  );
}
