/**
 * The store's records as its callers see them, and what both the write path
 * (digest-writes.ts) and the read queries (store.ts) derive from a row.
 */
import { isoWeekOf, isValidDate, type DatePrecision, type DateSource } from '../../shared/dates.js';
import { normalizeText } from '../text/tokenize.js';
import type { ParsedDigest, ParsedSection } from '../types.js';
import { SECTION_RANGE_SQL } from './section-range.js';

export type FileStatus = 'indexed' | 'skipped';

/** A row of the `file` table. */
export interface FileRow {
  path: string;
  size: number;
  mtimeMs: number;
  hash: string | null;
  encoding: string | null;
  status: FileStatus;
  /** A skipped file's FileProblem, encoded (shared/file-problems.ts); text alone in an index written before codes. */
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

/** A link an index page lists under a dated heading (index/index-page.ts): the digest it names gets that date when it has none. */
export interface IndexEntry {
  href: string;
  /** "YYYY-MM-DD": the day, or the first day of the month or year the heading names. */
  date: string;
  precision: DatePrecision;
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
  /** The dated links the file lists when it is an index page (index/index-page.ts); absent or empty otherwise. */
  indexEntries?: IndexEntry[];
}

export interface DigestRow {
  id: number;
  path: string;
  pathKey: string;
  folder: string;
  title: string;
  date: string | null;
  week: string | null;
  dateSource: DateSource;
  datePrecision: DatePrecision | null;
  number: number | null;
  series: string | null;
  seriesPos: number | null;
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

/** A `file` row as SQLite returns it. */
export interface RawFileRow {
  path: string;
  size: number;
  mtime_ms: number;
  hash: string | null;
  encoding: string | null;
  status: FileStatus;
  reason: string | null;
  warnings: string;
}

/**
 * The name a link key ends in ("2024-W06" for "weekly/2024-W06"): a link to a
 * missing path is found by this name elsewhere in the vault (series/links-by-name.ts).
 */
export function linkName(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1);
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

/**
 * The ISO week of a digest's date; null when it has no valid one, and for a
 * month or a year, which names no week (giving it the week of its first day
 * would put every digest of April into the week of April 1st).
 */
export function weekOf(date: string | null, precision: DatePrecision | null = 'day'): string | null {
  if (precision === 'month' || precision === 'year') return null;
  return date !== null && isValidDate(date) ? isoWeekOf(date) : null;
}

/** A file row's warnings column (a JSON array of messages). */
export function parseWarnings(text: string): string[] {
  if (text === '[]') return [];
  const v: unknown = JSON.parse(text);
  return Array.isArray(v) ? v.map(String) : [];
}

/** FROM clause of one digest's sections in document order; bind the digest id. */
export const SECTIONS_OF_DIGEST = `digest d JOIN section s ON ${SECTION_RANGE_SQL.sectionsOf('d', 's')} WHERE d.id = ? ORDER BY s.rowid`;

/** SECTIONS_OF_DIGEST with each section's own date, `sd` (null columns for a section without one). */
export const SECTIONS_OF_DIGEST_DATED = `digest d JOIN section s ON ${SECTION_RANGE_SQL.sectionsOf('d', 's')}
  LEFT JOIN section_date sd ON sd.section_rowid = s.rowid WHERE d.id = ? ORDER BY s.rowid`;
