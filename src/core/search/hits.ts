/**
 * From a page of aggregates to what a search returns: the page's section
 * records (heading, heading path, plain text) in one statement, and a
 * DigestHit per digest with a highlighted snippet per section.
 */
import type { Database } from 'better-sqlite3';
import type { DigestHit, SectionHit } from '../../shared/api.js';
import { decodeHeadingPath, formatHeadingPath } from '../store/heading-path.js';
import { SectionTexts } from '../store/section-texts.js';
import { cachedStatement } from '../store/statements.js';
import type { DigestAgg } from './aggregate.js';
import type { CatalogDigest } from './catalog.js';
import type { HighlightTerm } from './query-builder.js';
import type { SectionDate } from './section-dates.js';
import { makeSnippet } from './snippet.js';

export interface SectionRecord {
  id: string;
  heading: string;
  headingPath: string;
  text: string;
  digestId: number;
}

/** Reads sections for display; keeps the unpacked texts of the digests shown last (SectionTexts). */
export class SectionReader {
  private readonly texts: SectionTexts;

  constructor(private readonly db: Database) {
    this.texts = new SectionTexts(db);
  }

  /** The index changed: forget the cached texts. */
  clear(): void {
    this.texts.clear();
  }

  /** The sections of a page, by rowid, in one statement (a statement per section cost ~25 µs each, 60 per page). */
  records(rowids: readonly number[]): Map<number, SectionRecord> {
    const rows = cachedStatement(
      this.db,
      'SELECT rowid, id, heading, level, ancestors, digest_id, ordinal FROM section WHERE rowid IN (SELECT value FROM json_each(?))',
    )
      .raw()
      .all(JSON.stringify(rowids)) as [number, string, string, number, string, number, number][];
    const out = new Map<number, SectionRecord>();
    for (const [rowid, id, heading, level, ancestors, digestId, ordinal] of rows) {
      const text = this.texts.text(digestId, ordinal) ?? '';
      out.set(rowid, { id, heading, headingPath: formatHeadingPath(decodeHeadingPath(ancestors, heading, level)), text, digestId });
    }
    return out;
  }

  record(rowid: number): SectionRecord | null {
    return this.records([rowid]).get(rowid) ?? null;
  }

  /** The rowid of the section with this stable id, null when the index has none. */
  rowidOf(sectionId: string): number | null {
    return (cachedStatement(this.db, 'SELECT rowid FROM section WHERE id = ?').pluck().get(sectionId) as number | undefined) ?? null;
  }
}

/** Scores as shown: four decimals. */
export function roundScore(score: number): number {
  return Math.round(score * 1e4) / 1e4;
}

/** What hits read of the catalog: a digest's record, and a section's effective date. */
export interface HitCatalog {
  digest(position: number): CatalogDigest;
  sectionDate(position: number, rowid: number): SectionDate;
}

/** The hit of one digest of the page; `ranked` false shows score 0 (a date order has no relevance). */
export function digestHit(
  catalog: HitCatalog,
  agg: DigestAgg,
  highlight: readonly HighlightTerm[],
  ranked: boolean,
  records: ReadonlyMap<number, SectionRecord>,
): DigestHit {
  const d = catalog.digest(agg.position);
  const sections: SectionHit[] = [];
  for (const s of agg.top) {
    const rec = records.get(s.rowid);
    if (!rec) continue;
    const { snippet, ranges } = makeSnippet(rec.text, highlight);
    const { date, week, precision } = catalog.sectionDate(agg.position, s.rowid);
    const hit: SectionHit = { id: rec.id, heading: rec.heading, headingPath: rec.headingPath, snippet, ranges, score: roundScore(s.score), date, week };
    if (precision !== null) hit.datePrecision = precision;
    sections.push(hit);
  }
  return {
    path: d.path,
    title: d.title,
    date: d.date,
    week: d.week,
    tags: [...d.tags],
    score: ranked ? roundScore(agg.score) : 0,
    sections,
    sectionCount: agg.count,
  };
}

/** The hits of a page, reading all its sections in one statement. */
export function pageHits(
  reader: SectionReader,
  catalog: HitCatalog,
  page: readonly DigestAgg[],
  highlight: readonly HighlightTerm[],
  ranked: boolean,
): DigestHit[] {
  const records = reader.records(page.flatMap((agg) => agg.top.map((t) => t.rowid)));
  return page.map((agg) => digestHit(catalog, agg, highlight, ranked, records));
}
