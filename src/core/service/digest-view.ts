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

/** The digest at `relPath` (already checked to stay in the vault), or at its path key ("weekly/w06" for "weekly/w06.md"). */
export function digestView(store: Store, relPath: string): Digest {
  const row = store.digestByPath(relPath) ?? store.digestByKey(digestKey(relPath));
  if (!row) throw digestNotFound(relPath);
  const db = store.db;
  const { prev, next } = neighbours(db, row);
  const sections = store.sectionsOf(row.id);
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
