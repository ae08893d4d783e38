/**
 * From matches to a page of digests: by relevance (ranking.ts) when few
 * enough sections match, else cut from the catalog's precomputed date order,
 * so that only the page's digests get their sections collected. Also the
 * listing of digests without text matching (a query of filters or exclusions
 * only).
 */
import type { Database } from 'better-sqlite3';
import { compareSectionsByOrdinal, keepTop, type DigestAgg, type Matched, type Paging, type SectionAgg } from './aggregate.js';
import type { DigestCatalog, DigestPass } from './catalog.js';
import { collect, KIND_BOILER, KIND_TITLE, mergeSorted, tiersOf, type Collected, type Tiers } from './collect.js';
import { digestMarks, matchingPositions, rowidsOf } from './matching.js';
import { ownMatches, sectionOfRow, titlePositions } from './own-match.js';
import type { BuiltQuery } from './query-builder.js';
import { rankedPage } from './ranking.js';
import { SectionMarks } from './repeats.js';
import type { SectionCheck } from './section-dates.js';
import { rowidsIn } from './section-ranges.js';

/** When relevance is computed (see SearchEngineOptions). */
export interface RankLimits {
  /** Most matching sections (after the filters) still ranked by relevance. */
  relevance: number;
  /** Most sections matching the words (before the filters) that bm25 may read. */
  rankScan: number;
}

/** Tiers a date order may hold (collect.ts: exact, expanded, then the same in boilerplate). */
const DATE_TIERS = 4;

/**
 * The page of matching digests (matching[i] > 0) in a date order: walks the
 * precomputed order once and stops once the page is full. With `tierOf`,
 * digests of lower tiers come first: each tier keeps the first digests it
 * meets, up to the page's end, and the walk stops as soon as tier 0 alone
 * fills it.
 */
export function datePage(order: ArrayLike<number>, matching: ArrayLike<number>, paging: Paging, tierOf: ((position: number) => number) | null): number[] {
  const end = paging.limit === 0 ? Infinity : paging.offset + paging.limit;
  const buckets: number[][] = Array.from({ length: tierOf === null ? 1 : DATE_TIERS }, () => []);
  for (let k = 0; k < order.length && buckets[0]!.length < end; k++) {
    const i = order[k]!;
    if (matching[i]! === 0) continue;
    const bucket = buckets[tierOf === null ? 0 : Math.min(DATE_TIERS - 1, tierOf(i))]!;
    if (bucket.length < end) bucket.push(i);
  }
  return buckets.flat().slice(paging.offset, end);
}

function dateOrder(catalog: DigestCatalog, paging: Paging): Int32Array {
  return paging.sort === 'oldest' ? catalog.oldestOrder : catalog.newestOrder;
}

/** The rowid of the section a digest is previewed by: its first that is not wholly boilerplate (else its first), null without sections. */
export function previewRowid(catalog: DigestCatalog, marks: SectionMarks, position: number): number | null {
  const range = catalog.digest(position).sections;
  for (let r = range.first; r < range.end; r++) if (!marks.isBoilerplate(r)) return r;
  return range.count > 0 ? range.first : null;
}

/**
 * The sections of the digest at `position` that pass `check` by their own
 * dates, in document order: how many, and the first `keep` of them.
 */
function passingSections(catalog: DigestCatalog, position: number, check: SectionCheck, keep: number): { count: number; top: SectionAgg[] } {
  const range = catalog.digest(position).sections;
  const top: SectionAgg[] = [];
  let count = 0;
  for (let rowid = range.first; rowid < range.end; rowid++) {
    if (!check(position, rowid)) continue;
    if (count++ < keep) top.push({ rowid, ordinal: range.ordinalOf(rowid), score: 0, tier: 0 });
  }
  return { count, top };
}

/** Positions of the digests with a section holding an excluded term, or whose title holds one (null: nothing excluded). */
function excludedDigests(db: Database, catalog: DigestCatalog, excluded: string | null, excludedTitle: string | null): Uint8Array | null {
  if (excluded === null && excludedTitle === null) return null;
  const marks = excluded === null ? new Uint8Array(catalog.size) : digestMarks(catalog, rowidsOf(db, excluded).map(sectionOfRow));
  if (excludedTitle !== null) for (const i of titlePositions(db, catalog, excludedTitle)) marks[i] = 1;
  return marks;
}

/** What listDigests needs besides the excluded terms over sections: the same over titles, and the marks that choose previews. */
export interface ListExtras {
  excludedTitle: string | null;
  marks: SectionMarks;
}

/**
 * Digests that pass the filter and hold no excluded term, newest (or oldest)
 * first, each with its preview section. A digest with sections dated by
 * their own headings, under a date filter, lists only the sections in the
 * dates asked for (and is left out when none is).
 */
export function listDigests(
  db: Database,
  catalog: DigestCatalog,
  pass: DigestPass | null,
  excluded: string | null,
  paging: Paging,
  extras: ListExtras = { excludedTitle: null, marks: SectionMarks.empty() },
): Matched {
  const counts = new Int32Array(catalog.size);
  const without = excludedDigests(db, catalog, excluded, extras.excludedTitle);
  const check = pass?.section ?? null;
  const bySection = (i: number): boolean => check !== null && catalog.sectionDates.has(i);
  let total = 0;
  let totalSections = 0;
  for (let i = 0; i < catalog.size; i++) {
    if (without?.[i] === 1 || (pass !== null && !pass(i))) continue;
    const sections = bySection(i) ? passingSections(catalog, i, check!, 0).count : catalog.sectionCountOf(i);
    if (sections === 0 && bySection(i)) continue;
    counts[i] = Math.max(1, sections);
    total++;
    totalSections += sections;
  }
  const page = datePage(dateOrder(catalog, paging), counts, paging, null).map((i): DigestAgg => {
    if (bySection(i)) {
      const { count, top } = passingSections(catalog, i, check!, paging.perDigest);
      return { position: i, score: 0, tier: 0, count, top };
    }
    const lead = previewRowid(catalog, extras.marks, i);
    const top: SectionAgg[] = lead === null ? [] : [{ rowid: lead, ordinal: catalog.ordinalIn(i, lead), score: 0, tier: 0 }];
    return { position: i, score: 0, tier: 0, count: catalog.sectionCountOf(i), top };
  });
  return { page, total, totalSections, positions: matchingPositions(counts), ranked: false, sections: { rowids: null, check } };
}

/** The listed sections of a digest in document order (date pages): its content sections, or its boilerplate ones for a boilerplate hit. */
function dateOrderedAgg(catalog: DigestCatalog, collected: Collected, tiers: Tiers, i: number, paging: Paging): DigestAgg {
  const kind = collected.kind[i]!;
  const agg: DigestAgg = { position: i, score: 0, tier: tiers.digest(i), count: collected.shown[i]!, top: [], kind };
  if (kind === KIND_TITLE) return agg;
  const range = catalog.digest(i).sections;
  const boiler = kind === KIND_BOILER;
  for (const rowid of rowidsIn(boiler ? collected.boiler : collected.content, range)) {
    keepTop(agg.top, { rowid, ordinal: range.ordinalOf(rowid), score: 0, tier: tiers.section(rowid) + (boiler ? 2 : 0) }, paging.perDigest, compareSectionsByOrdinal);
  }
  return agg;
}

export interface MatchInput {
  db: Database;
  catalog: DigestCatalog;
  marks: SectionMarks;
  pass: DigestPass | null;
  built: BuiltQuery;
  paging: Paging;
  limits: RankLimits;
}

/**
 * Matching sections grouped by digest (own-match.ts, collect.ts). One cheap
 * pass collects every matching rowid into per-digest counts (totals,
 * facets). bm25 needs each section's stored length, one B-tree lookup per
 * row, so relevance scoring runs only when at most limits.relevance sections
 * match (and at most limits.rankScan rows before the filters); otherwise
 * (and for date sorts) the page is cut from the catalog's date order, and
 * only the page's digests get their sections collected.
 */
export function matchDigests({ db, catalog, marks, pass, built, paging, limits }: MatchInput): Matched {
  const own = ownMatches(db, catalog, built, 'full');
  const collected = collect({ db, catalog, marks, matches: own, pass, excluded: built.excluded });
  const tiers = tiersOf(catalog, collected, built.expanded ? ownMatches(db, catalog, built, 'exact') : null);
  const { total, totalSections, positions, folded } = collected;
  const sections = { rowids: mergeSorted(collected.content, collected.boiler), check: pass?.section ?? null };
  const base = { total, totalSections, positions, sections, folded };
  if (paging.sort === 'relevance' && totalSections <= limits.relevance && own.scanned <= limits.rankScan) {
    const page = rankedPage({ db, catalog, built, own, collected, tiers, paging, isBoilerplate: (rowid) => marks.isBoilerplate(rowid) });
    for (const agg of page) agg.kind = collected.kind[agg.position]!;
    return { ...base, page, ranked: true };
  }
  // Date orders too list content before boilerplate-only hits, which are noise whatever the order.
  const tierOf = paging.sort === 'relevance' ? tiers.digest : (i: number): number => (collected.kind[i] === KIND_BOILER ? 2 : 0);
  const page = datePage(dateOrder(catalog, paging), collected.kind, paging, tierOf).map((i) => dateOrderedAgg(catalog, collected, tiers, i, paging));
  return { ...base, page, ranked: false };
}
