/**
 * What the vault-wide step (index/vault-wide.ts) reads from the index and
 * writes back: every digest's date facts and series place, the index pages'
 * dated entries, and the git first-commit dates cached for a HEAD commit.
 * The step computes in memory and writes only the rows whose values changed.
 */
import type { Database } from 'better-sqlite3';
import type { DatePrecision, DateSource, DayMonthOrder } from '../../shared/dates.js';
import { weekOf } from './records.js';
import { cachedStatement } from './statements.js';

/** One digest as the vault-wide step sees it. */
export interface VaultWideRow {
  id: number;
  path: string;
  pathKey: string;
  number: number | null;
  date: string | null;
  dateSource: DateSource;
  datePrecision: DatePrecision | null;
  /** The parser's reading of a "03-04-2024" date: the order it guessed, and the date read the other way. */
  dateOrder: DayMonthOrder | null;
  dateAlt: string | null;
  series: string | null;
  seriesPos: number | null;
}

/** What the step decides for one digest (the columns it owns). */
export interface VaultWideValues {
  date: string | null;
  dateSource: DateSource;
  datePrecision: DatePrecision | null;
  series: string | null;
  seriesPos: number | null;
}

/** An index page's entry with the page's path, so its href can be resolved from where the page is now. */
export interface StoredIndexEntry {
  pagePath: string;
  href: string;
  date: string;
  precision: DatePrecision;
}

const ROWS_SQL = `SELECT id, path, path_key AS pathKey, number, date, date_source AS dateSource, date_precision AS datePrecision,
  date_order AS dateOrder, date_alt AS dateAlt, series, series_pos AS seriesPos FROM digest`;

/** The rows with an id above `afterId`, by id, at most `limit` of them (the step reads them in turns). */
export function vaultWideRows(db: Database, afterId: number, limit: number): VaultWideRow[] {
  return cachedStatement(db, `${ROWS_SQL} WHERE id > ? ORDER BY id LIMIT ?`).all(afterId, limit) as VaultWideRow[];
}

export function storedIndexEntries(db: Database): StoredIndexEntry[] {
  return cachedStatement(
    db,
    `SELECT d.path AS pagePath, e.href, e.date, e.precision FROM index_entry e JOIN digest d ON d.id = e.digest_id ORDER BY d.path, e.ordinal`,
  ).all() as StoredIndexEntry[];
}

/** True when no index page holds entries: the step then need not read them. */
export function hasIndexEntries(db: Database): boolean {
  return cachedStatement(db, 'SELECT EXISTS (SELECT 1 FROM index_entry)').pluck().get() === 1;
}

/** Writes the step's values of the given digests (the week follows the date); the caller runs it in a transaction. */
export function writeVaultWide(db: Database, changes: ReadonlyMap<number, VaultWideValues>): void {
  const update = cachedStatement(
    db,
    'UPDATE digest SET date = ?, week = ?, date_source = ?, date_precision = ?, series = ?, series_pos = ? WHERE id = ?',
  );
  for (const [id, v] of changes) {
    update.run(v.date, weekOf(v.date, v.datePrecision), v.dateSource, v.datePrecision, v.series, v.seriesPos, id);
  }
}

/** The cached git first-commit days, by vault path. */
export function cachedGitDates(db: Database): Map<string, string> {
  const rows = cachedStatement(db, 'SELECT path, date FROM git_date').raw().all() as [string, string][];
  return new Map(rows);
}

/** Replaces the cached git dates; the caller runs it in a transaction and records the HEAD they belong to. */
export function replaceGitDates(db: Database, dates: ReadonlyMap<string, string>): void {
  cachedStatement(db, 'DELETE FROM git_date').run();
  const insert = cachedStatement(db, 'INSERT INTO git_date(path, date) VALUES (?, ?)');
  for (const [path, date] of dates) insert.run(path, date);
}
