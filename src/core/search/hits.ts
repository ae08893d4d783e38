/**
 * From a page of aggregates to what a search returns: the page's section
 * records (heading, heading path, plain text) in one statement, and a
 * DigestHit per digest: its title's highlights, and a highlighted snippet
 * per listed section, taken from the section's own content lines (or, for a
 * boilerplate hit, from its repeated lines); a digest matched by its title
 * alone gets its description or first content section as a preview; a
 * section that folds the same item of other weeks lists them.
 */
import type { Database } from 'better-sqlite3';
import type { DigestHit, Range, RepeatHit, SectionHit } from '../../shared/api.js';
import { decodeHeadingPath, formatHeadingPath } from '../store/heading-path.js';
import type { BoilerLines } from '../store/section-marks.js';
import { SectionTexts } from '../store/section-texts.js';
import { cachedStatement } from '../store/statements.js';
import type { DigestAgg } from './aggregate.js';
import type { CatalogDigest } from './catalog.js';
import { KIND_TITLE } from './collect.js';
import type { HighlightTerm } from './query-builder.js';
import type { SectionDate } from './section-dates.js';
import { normalizeText } from '../text/tokenize.js';
import { findMatches, makeSnippet } from './snippet.js';

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

  /** The stable ids of these sections, by rowid: all a folded repeat shows, so its digest's text is not unpacked. */
  ids(rowids: readonly number[]): Map<number, string> {
    if (rowids.length === 0) return new Map();
    const rows = cachedStatement(this.db, 'SELECT rowid, id FROM section WHERE rowid IN (SELECT value FROM json_each(?))')
      .raw()
      .all(JSON.stringify(rowids)) as [number, string][];
    return new Map(rows);
  }

  record(rowid: number): SectionRecord | null {
    return this.records([rowid]).get(rowid) ?? null;
  }

  /** The rowid of the section with this stable id, null when the index has none. */
  rowidOf(sectionId: string): number | null {
    return (cachedStatement(this.db, 'SELECT rowid FROM section WHERE id = ?').pluck().get(sectionId) as number | undefined) ?? null;
  }

  /** The descriptions of these digests (by digest id), for the previews of title-only hits. */
  descriptions(digestIds: readonly number[]): Map<number, string> {
    if (digestIds.length === 0) return new Map();
    const rows = cachedStatement(this.db, 'SELECT id, description FROM digest WHERE id IN (SELECT value FROM json_each(?)) AND description IS NOT NULL')
      .raw()
      .all(JSON.stringify(digestIds)) as [number, string][];
    return new Map(rows.filter(([, d]) => d.trim() !== ''));
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

/** What hits know of repeated text: a section's boilerplate lines, and the section a digest is previewed by. */
export interface HitMarks {
  boiler(rowid: number): BoilerLines | null;
  preview(position: number): number | null;
}

/** The ranges of the query's terms in a short text (a title, a heading path); a plain substring test first skips the mapped matching for most. */
function rangesIn(text: string, highlight: readonly HighlightTerm[]): Range[] {
  if (text === '' || highlight.length === 0) return [];
  const norm = normalizeText(text);
  if (!highlight.some((t) => t.parts.length > 0 && norm.includes(t.parts[0]!.text))) return [];
  return findMatches(text, highlight);
}

/** A section's text without its boilerplate lines (`boilerplate`: only those lines). */
export function linesOf(text: string, boiler: BoilerLines | null, boilerplate: boolean): string {
  if (boiler === null) return boilerplate ? '' : text;
  if (boiler === 'all') return boilerplate ? text : '';
  const moved = new Set(boiler);
  return text
    .split('\n')
    .filter((_, i) => moved.has(i) === boilerplate)
    .join('\n');
}

/** Everything a page's hits are made from. */
export interface PageParts {
  catalog: HitCatalog;
  marks: HitMarks;
  highlight: readonly HighlightTerm[];
  ranked: boolean;
  records: ReadonlyMap<number, SectionRecord>;
  /** Section ids of the folded repeats, by rowid. */
  foldedIds: ReadonlyMap<number, string>;
  descriptions: ReadonlyMap<number, string>;
  /** By listed rowid: the rowids folded into it (repeats of other weeks). */
  folded: ReadonlyMap<number, readonly number[]>;
  /** Catalog position of a section's digest (for a folded section's week). */
  digestOfSection(rowid: number): number;
}

function repeatHits(parts: PageParts, rowid: number): RepeatHit[] | undefined {
  const members = parts.folded.get(rowid);
  if (!members || members.length === 0) return undefined;
  return members.flatMap((r) => {
    const sectionId = parts.foldedIds.get(r);
    const i = parts.digestOfSection(r);
    if (sectionId === undefined || i < 0) return [];
    const d = parts.catalog.digest(i);
    return [{ sectionId, path: d.path, title: d.title, date: d.date, week: d.week }];
  });
}

function sectionHit(parts: PageParts, position: number, rowid: number, score: number, boilerplate: boolean): SectionHit | null {
  const rec = parts.records.get(rowid);
  if (!rec) return null;
  const { snippet, ranges } = makeSnippet(linesOf(rec.text, parts.marks.boiler(rowid), boilerplate), parts.highlight);
  const { date, week, precision } = parts.catalog.sectionDate(position, rowid);
  const hit: SectionHit = { id: rec.id, heading: rec.heading, headingPath: rec.headingPath, snippet, ranges, score: roundScore(score), date, week };
  if (precision !== null) hit.datePrecision = precision;
  const headingRanges = rangesIn(rec.headingPath, parts.highlight);
  if (headingRanges.length > 0) hit.headingRanges = headingRanges;
  if (boilerplate) hit.boilerplate = true;
  const repeats = repeatHits(parts, rowid);
  if (repeats) hit.repeats = repeats;
  return hit;
}

/** The preview of a title-only hit: the digest's description, else the start of its first content section. */
function previewHit(parts: PageParts, position: number, d: CatalogDigest): SectionHit | null {
  const rowid = parts.marks.preview(position);
  const hit = rowid === null ? null : sectionHit(parts, position, rowid, 0, false);
  if (hit === null) return null;
  // The start of the text, not a window around a match: the title is what matched.
  const text = parts.descriptions.get(d.id) ?? linesOf(parts.records.get(rowid!)?.text ?? '', parts.marks.boiler(rowid!), false);
  hit.snippet = makeSnippet(text, []).snippet;
  hit.ranges = [];
  delete hit.repeats;
  hit.preview = true;
  return hit;
}

/** The hit of one digest of the page; `ranked` false shows score 0 (a date order has no relevance). */
export function digestHit(parts: PageParts, agg: DigestAgg): DigestHit {
  const d = parts.catalog.digest(agg.position);
  const sections: SectionHit[] = [];
  const titleOnly = agg.kind === KIND_TITLE;
  if (titleOnly) {
    const preview = previewHit(parts, agg.position, d);
    if (preview) sections.push(preview);
  }
  for (const s of agg.top) {
    const hit = sectionHit(parts, agg.position, s.rowid, s.score, s.tier >= 2);
    if (hit) sections.push(hit);
  }
  const hit: DigestHit = {
    path: d.path,
    title: d.title,
    date: d.date,
    week: d.week,
    tags: [...d.tags],
    score: parts.ranked ? roundScore(agg.score) : 0,
    sections,
    sectionCount: titleOnly ? 0 : agg.count,
  };
  const titleRanges = rangesIn(d.title, parts.highlight);
  if (titleRanges.length > 0) hit.titleRanges = titleRanges;
  if (titleOnly) hit.titleOnly = true;
  return hit;
}

/** Everything pageHits needs besides the page. */
export interface PageContext {
  reader: SectionReader;
  catalog: HitCatalog;
  marks: HitMarks;
  highlight: readonly HighlightTerm[];
  ranked: boolean;
  folded: ReadonlyMap<number, readonly number[]>;
  digestOfSection(rowid: number): number;
}

/**
 * The hits of a page: its listed and previewed sections read in one statement,
 * the ids of the repeats folded into them in another (a folded repeat shows
 * only its week, so the texts of other weeks' digests are never unpacked: with
 * an item repeated for months, that was most of a page's time).
 */
export function pageHits(ctx: PageContext, page: readonly DigestAgg[]): DigestHit[] {
  const rowids: number[] = [];
  const folded: number[] = [];
  const titleOnly: number[] = [];
  for (const agg of page) {
    for (const t of agg.top) {
      rowids.push(t.rowid);
      folded.push(...(ctx.folded.get(t.rowid) ?? []));
    }
    if (agg.kind !== KIND_TITLE) continue;
    const preview = ctx.marks.preview(agg.position);
    if (preview !== null) rowids.push(preview);
    titleOnly.push(ctx.catalog.digest(agg.position).id);
  }
  const parts: PageParts = {
    ...ctx,
    records: ctx.reader.records(rowids),
    foldedIds: ctx.reader.ids(folded),
    descriptions: ctx.reader.descriptions(titleOnly),
  };
  return page.map((agg) => digestHit(parts, agg));
}
