/**
 * What a search collects before it makes hits: matching sections grouped by
 * digest, the order among them, and how a page is asked for. Pure: the
 * ranking, paging and hit modules share these shapes.
 */
import type { SortOrder } from '../../shared/api.js';
import type { SectionCheck } from './section-dates.js';

export interface SectionAgg {
  rowid: number;
  ordinal: number;
  score: number;
  /** 0: every term matched exactly; 1: needed a prefix or typo expansion; 2 more when the match lies in boilerplate lines. */
  tier: number;
}

export interface DigestAgg {
  /** The digest's catalog position (its record is made only for the page). */
  position: number;
  score: number;
  tier: number;
  count: number;
  /** The digest's best sections, best first, at most Paging.perDigest. */
  top: SectionAgg[];
  /** How it matched (collect.ts KIND_*): a title hit lists no section and is shown with a preview. Absent: by its sections. */
  kind?: number;
}

/** What a search matched, before hits are made. */
export interface Matched {
  /** The page, in order. */
  page: DigestAgg[];
  total: number;
  totalSections: number;
  /** Positions (in the catalog) of every matching digest, for facets. */
  positions: ArrayLike<number>;
  /** Scored by bm25 (false: a date order, or too many matches to score). */
  ranked: boolean;
  /**
   * The matching sections, for facets by a section's own date: `rowids`
   * ascending (null: every section of a matching digest), and the date test
   * they passed (null: none applied). Absent when nothing matched.
   */
  sections?: { rowids: Int32Array | null; check: SectionCheck | null };
  /** By listed section rowid: the sections of the same item in other weeks, folded into it (repeats.ts). */
  folded?: ReadonlyMap<number, readonly number[]>;
}

export function nothingMatched(): Matched {
  return { page: [], total: 0, totalSections: 0, positions: [], ranked: false };
}

export interface Paging {
  sort: SortOrder;
  offset: number;
  /** 0: no limit. */
  limit: number;
  /** Sections kept per digest (Infinity: all). */
  perDigest: number;
}

/** Scores of hits that need a prefix or typo expansion (always ranked after exact hits too). */
export const EXPANDED_PENALTY = 0.5;

/** Better first: exact before expanded, higher score, then earlier in the digest. */
export function compareSections(a: SectionAgg, b: SectionAgg): number {
  return a.tier - b.tier || b.score - a.score || a.ordinal - b.ordinal;
}

/** Document order, exact matches first. */
export function compareSectionsByOrdinal(a: SectionAgg, b: SectionAgg): number {
  return a.tier - b.tier || a.ordinal - b.ordinal;
}

/** Inserts into a small best-first list capped at `cap`. */
export function keepTop(list: SectionAgg[], item: SectionAgg, cap: number, cmp: (a: SectionAgg, b: SectionAgg) => number): void {
  if (list.length >= cap && cmp(item, list[list.length - 1]!) >= 0) return;
  let i = list.length;
  while (i > 0 && cmp(item, list[i - 1]!) < 0) i--;
  list.splice(i, 0, item);
  if (list.length > cap) list.pop();
}

/**
 * Hits of a later tier (expanded, boilerplate) come after every hit of the
 * tiers before; keeps their scores below the lowest score of those tiers too
 * (times EXPANDED_PENALTY), so that scores agree with the order. `sorted` is
 * in page order (by tier first).
 */
export function capTierScores(sorted: DigestAgg[]): void {
  let floor = Infinity;
  let tier = sorted[0]?.tier ?? 0;
  let lowest = Infinity;
  for (const a of sorted) {
    if (a.tier !== tier) {
      floor = Math.min(floor, lowest) * EXPANDED_PENALTY;
      tier = a.tier;
    }
    if (floor !== Infinity) a.score = Math.min(a.score, floor);
    lowest = Math.min(lowest, a.score);
  }
}

/** The slice of `sorted` that `paging` asks for. */
export function pageOf<T>(sorted: readonly T[], paging: Paging): T[] {
  return paging.limit === 0 ? sorted.slice(paging.offset) : sorted.slice(paging.offset, paging.offset + paging.limit);
}
