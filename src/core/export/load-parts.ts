/**
 * Loads selected sections from the index: each section's exact Markdown
 * source is the [start, end) slice of its digest's body.
 */
import type { Database } from 'better-sqlite3';
import { AlmanacError } from '../../shared/errors.js';
import { decodeHeadingPath } from '../store/heading-path.js';
import { readDigestBody } from '../store/stored-text.js';
import type { ExportPart } from './types.js';

interface PartRow {
  id: string;
  ordinal: number;
  heading: string;
  level: number;
  ancestors: string;
  start: number;
  end: number;
  path: string;
  title: string;
  date: string | null;
  week: string | null;
  digest_id: number;
  grp: number | null;
}

// Well under SQLite's limit on bound parameters.
const CHUNK = 500;

/**
 * The parts for `sectionIds`, in the order given (a repeated id is kept once,
 * at its first place). Throws an AlmanacError 'not-found' naming every id that is not in the index.
 */
export function loadExportParts(db: Database, sectionIds: readonly string[]): ExportPart[] {
  const ids = [...new Set(sectionIds)];
  const rows = new Map<string, PartRow>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const stmt = db.prepare<string[], PartRow>(
      `SELECT s.id, s.ordinal, s.heading, s.level, s.ancestors, s.start, s."end" AS "end",
              d.path, d.title, d.date, d.week, d.id AS digest_id, m.grp
         FROM section s JOIN digest d ON d.id = s.digest_id LEFT JOIN section_mark m ON m.section_rowid = s.rowid
        WHERE s.id IN (${chunk.map(() => '?').join(', ')})`,
    );
    for (const row of stmt.all(...chunk)) rows.set(row.id, row);
  }
  const missing = ids.filter((id) => !rows.has(id));
  if (missing.length > 0) {
    const shown = missing.slice(0, 10).map((id) => JSON.stringify(id)).join(', ');
    const more = missing.length > 10 ? ` and ${missing.length - 10} more` : '';
    throw new AlmanacError(
      'not-found',
      `export: unknown section id${missing.length === 1 ? '' : 's'} ${shown}${more} (not in the index; re-run a search or re-index)`,
      { argument: 'sectionIds', missing: missing.length },
    );
  }
  // Sections of one digest share its body: unpacked once.
  const bodies = new Map<number, string>();
  const bodyOf = (row: PartRow): string => {
    let body = bodies.get(row.digest_id);
    if (body === undefined) {
      body = readDigestBody(db, row.digest_id) ?? '';
      bodies.set(row.digest_id, body);
    }
    return body;
  };
  return ids.map((id) => {
    const row = rows.get(id) as PartRow;
    return {
      sectionId: row.id,
      digestPath: row.path,
      digestTitle: row.title,
      date: row.date,
      week: row.week,
      heading: row.heading,
      headingPath: decodeHeadingPath(row.ancestors, row.heading, row.level),
      level: row.level,
      ordinal: row.ordinal,
      markdown: bodyOf(row).slice(row.start, row.end),
      repeatGroup: row.grp,
    };
  });
}
