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
import { countMatches, digestMarks, matchingPositions, rowidsOf, tiersOf } from './matching.js';
import type { BuiltQuery } from './query-builder.js';
import { rankedPage } from './ranking.js';
import type { SectionCheck } from './section-dates.js';
import { rowidsIn } from './section-ranges.js';

/** When relevance is computed (see SearchEngineOptions). */
export interface RankLimits {
  /** Most matching sections (after the filters) still ranked by relevance. */
  relevance: number;
  /** Most sections matching the words (before the filters) that bm25 may read. */
  rankScan: number;
}

/**
 * The page of matching digests (counts[i] > 0) in a date order: walks the
 * precomputed order and stops once the page is full. With `tierOf`, digests
 * of tier 0 come first.
 */
export function datePage(order: ArrayLike<number>, counts: Int32Array, paging: Paging, tierOf: ((position: number) => number) | null): number[] {
  const end = paging.limit === 0 ? Infinity : paging.offset + paging.limit;
  const out: number[] = [];
  let seen = 0;
  for (const tier of tierOf === null ? [-1] : [0, 1]) {
    for (let k = 0; k < order.length; k++) {
      const i = order[k]!;
      if (counts[i]! === 0 || (tier >= 0 && tierOf!(i) !== tier)) continue;
      if (seen >= end) return out;
      if (seen >= paging.offset) out.push(i);
      seen++;
    }
  }
  return out;
}

function dateOrder(catalog: DigestCatalog, paging: Paging): Int32Array {
  return paging.sort === 'oldest' ? catalog.oldestOrder : catalog.newestOrder;
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

/**
 * Digests that pass the filter and have no section matching `excluded`,
 * newest (or oldest) first, each with its lead section. A digest with
 * sections dated by their own headings, under a date filter, lists only the
 * sections in the dates asked for (and is left out when none is).
 */
export function listDigests(db: Database, catalog: DigestCatalog, pass: DigestPass | null, excluded: string | null, paging: Paging): Matched {
  const counts = new Int32Array(catalog.size);
  const without = excluded === null ? null : digestMarks(catalog, rowidsOf(db, excluded));
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
    const d = catalog.digest(i);
    const top: SectionAgg[] = d.leadRowid === null ? [] : [{ rowid: d.leadRowid, ordinal: 0, score: 0, tier: 0 }];
    return { position: i, score: 0, tier: 0, count: d.sectionCount, top };
  });
  return { page, total, totalSections, positions: matchingPositions(counts), ranked: false, sections: { rowids: null, check } };
}

/**
 * Matching sections grouped by digest. One cheap pass collects every
 * matching rowid into per-digest counts (totals, facets). bm25 needs each
 * section's stored length, one B-tree lookup per row, so relevance scoring
 * runs only when at most limits.relevance sections match (and at most
 * limits.rankScan before the filters); otherwise (and for date sorts) the
 * page is cut from the catalog's date order, and only the page's digests get
 * their sections collected.
 */
export function matchDigests(
  db: Database,
  catalog: DigestCatalog,
  pass: DigestPass | null,
  built: BuiltQuery,
  paging: Paging,
  limits: RankLimits,
): Matched {
  const full = built.full!;
  const rowids = rowidsOf(db, full);
  const { counts, total, totalSections, positions } = countMatches(catalog, rowids, pass);
  // Sections (and digests) matched by the exact query, when expansions widened it.
  const tiers = tiersOf(catalog, built.exact !== null && built.exact !== full ? rowidsOf(db, built.exact) : null);
  const check = pass?.section ?? null;
  const sections = { rowids, check };

  if (paging.sort === 'relevance' && totalSections <= limits.relevance && rowids.length <= limits.rankScan) {
    return { page: rankedPage(db, catalog, built, pass, tiers, paging), total, totalSections, positions, ranked: true, sections };
  }
  const pageIdx = datePage(dateOrder(catalog, paging), counts, paging, paging.sort === 'relevance' ? tiers.digest : null);
  const page = pageIdx.map((i): DigestAgg => {
    const agg: DigestAgg = { position: i, score: 0, tier: tiers.digest?.(i) ?? 0, count: counts[i]!, top: [] };
    const range = catalog.digest(i).sections;
    for (const rowid of rowidsIn(rowids, range)) {
      if (check !== null && !check(i, rowid)) continue;
      keepTop(agg.top, { rowid, ordinal: range.ordinalOf(rowid), score: 0, tier: tiers.section(rowid) }, paging.perDigest, compareSectionsByOrdinal);
    }
    return agg;
  });
  return { page, total, totalSections, positions, ranked: false, sections };
}
