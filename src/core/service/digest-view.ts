/**
 * The reader's view of one digest (AlmanacApi.getDigest): the stored row with
 * its date's source and precision, its sections (with the dates their
 * headings carry), series neighbours and links.
 */
import type { Digest } from '../../shared/api.js';
import { backlinks, neighbours, outgoingLinks } from '../series/series.js';
import { formatHeadingPath, type Store } from '../store/store.js';
import { resolveHref } from '../parse/links.js';
import { digestKey } from '../vault/paths.js';
import { digestNotFound } from './errors.js';
import { boilerplateOf, type BoilerLines } from '../store/section-marks.js';

/** SectionInfo.boilerplate of a section: 'all', or the texts of its repeated lines. */
function boilerplateInfo(lines: BoilerLines | null, text: string): { boilerplate?: 'all' | string[] } {
  if (lines === null) return {};
  if (lines === 'all') return { boilerplate: 'all' };
  const all = text.split('\n');
  return { boilerplate: lines.map((i) => all[i] ?? '').filter((l) => l !== '') };
}

/** The digest at `relPath` (already checked to stay in the vault), or at its path key ("weekly/w06" for "weekly/w06.md"). */
export function digestView(store: Store, relPath: string): Digest {
  const row = store.digestByPath(relPath) ?? store.digestByKey(digestKey(relPath));
  if (!row) throw digestNotFound(relPath);
  const db = store.db;
  const { prev, next } = neighbours(db, row);
  const sections = store.sectionsOf(row.id);
  const repeated = sections.length === 0 ? new Map() : boilerplateOf(db, { first: sections[0]!.rowid, last: sections[sections.length - 1]!.rowid });
  return {
    path: row.path,
    title: row.title,
    date: row.date,
    week: row.week,
    dateSource: row.dateSource,
    datePrecision: row.datePrecision,
    number: row.number,
    series: row.series,
    tags: store.tagsOf(row.id),
    description: row.description,
    meta: row.meta,
    markdown: row.body,
    sections: sections.map((s) => ({
      id: s.id,
      heading: s.heading,
      level: s.level,
      headingPath: formatHeadingPath(s.headingPath),
      ordinal: s.ordinal,
      start: s.start,
      end: s.end,
      ...(s.date ? { date: s.date, datePrecision: s.datePrecision ?? 'day' } : {}),
      ...boilerplateInfo(repeated.get(s.rowid) ?? null, s.text),
    })),
    prev,
    next,
    links: outgoingLinks(
      db,
      row,
      sections.map((s) => s.id),
      (href) => resolveHref(row.path, href).kind === 'external',
    ),
    backlinks: backlinks(db, row),
    warnings: store.warningsOf(row.path),
  };
}
