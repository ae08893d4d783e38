/**
 * Every digest as `listDigests()` shows it (AlmanacApi, `almanac list`): what
 * Almanac understood of each file, for a user to audit. Two queries (digests,
 * tags), neighbours found in memory from the series positions.
 */
import type { Database } from 'better-sqlite3';
import type { DigestListEntry } from '../../shared/api.js';
import { cachedStatement } from './statements.js';

type ListRow = Omit<DigestListEntry, 'prev' | 'next' | 'tags'> & { id: number; seriesPos: number | null };

const LIST_SQL = `SELECT id, path, title, date, date_source AS dateSource, date_precision AS datePrecision, week, series, number,
  series_pos AS seriesPos FROM digest ORDER BY path`;

/** Every digest, by path, with its tags and its series neighbours. */
export function listDigests(db: Database): DigestListEntry[] {
  const rows = cachedStatement(db, LIST_SQL).all() as ListRow[];
  const tagRows = cachedStatement(db, 'SELECT digest_id, json_group_array(tag ORDER BY ordinal) FROM tag GROUP BY digest_id').raw().all() as [
    number,
    string,
  ][];
  const tags = new Map(tagRows.map(([id, json]) => [id, JSON.parse(json) as string[]]));
  const at = new Map<string, string>();
  const place = (series: string, pos: number): string => `${pos}\u0000${series}`;
  for (const r of rows) if (r.series !== null && r.seriesPos !== null) at.set(place(r.series, r.seriesPos), r.path);
  return rows.map(({ id, seriesPos, ...r }) => {
    const inSeries = r.series !== null && seriesPos !== null;
    return {
      path: r.path,
      title: r.title,
      date: r.date,
      dateSource: r.dateSource,
      datePrecision: r.datePrecision,
      week: r.week,
      series: r.series,
      number: r.number,
      prev: inSeries ? (at.get(place(r.series!, seriesPos - 1)) ?? null) : null,
      next: inSeries ? (at.get(place(r.series!, seriesPos + 1)) ?? null) : null,
      tags: tags.get(id) ?? [],
    };
  });
}
