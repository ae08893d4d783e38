/**
 * A search hit whose date names a month or a year (an index page's month,
 * a year folder) must be shown as that period. The search catalog carries
 * only the date and the week; such a date is the one kind that has no week,
 * so only those hits are looked up, in one query over the page's paths.
 */
import type { Database } from 'better-sqlite3';
import type { SearchResponse } from '../../shared/api.js';
import { cachedStatement } from '../store/statements.js';

const PRECISION_SQL = "SELECT path, date_precision FROM digest WHERE path IN (SELECT value FROM json_each(?)) AND date_precision IN ('month', 'year')";

/** Sets `datePrecision` on the hits dated by a month or a year, and on their sections dated by them (in place); returns the response. */
export function withDatePrecisions(db: Database, response: SearchResponse): SearchResponse {
  const coarse = response.results.filter((h) => h.date !== null && h.week === null);
  if (coarse.length === 0) return response;
  const rows = cachedStatement(db, PRECISION_SQL)
    .raw()
    .all(JSON.stringify(coarse.map((h) => h.path))) as [string, 'month' | 'year'][];
  const byPath = new Map(rows);
  for (const hit of coarse) {
    const precision = byPath.get(hit.path);
    if (precision === undefined) continue;
    hit.datePrecision = precision;
    // Sections dated by their digest (a section's own month or year is marked by the search already).
    for (const s of hit.sections) if (s.date === hit.date && s.week === null && s.datePrecision === undefined) s.datePrecision = precision;
  }
  return response;
}
