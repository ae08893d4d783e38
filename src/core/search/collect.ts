/**
 * From the sections that match by their own text (own-match.ts) to what a
 * search counts and lists: the filters applied, repeats folded into their
 * earliest week (repeats.ts), and each matching digest of one kind:
 *
 * - content: some section holds the query in its own text (outside
 *   boilerplate); its sections are listed;
 * - title: its title satisfies every clause and no section holds one outside
 *   boilerplate: listed with its title highlighted and a preview;
 * - boilerplate: only lines repeated across its series hold the query: ranked
 *   after every other hit.
 *
 * Per-row loops work on typed arrays and allocate nothing per row.
 */
import type { Database } from 'better-sqlite3';
import type { DigestCatalog, DigestPass } from './catalog.js';
import { digestMarks, matchingPositions, rowidSet, rowidsOf } from './matching.js';
import { sectionOfRow, titleSatisfiesAll, type OwnMatches } from './own-match.js';
import type { SectionMarks } from './repeats.js';

export const KIND_CONTENT = 1;
export const KIND_TITLE = 2;
export const KIND_BOILER = 3;

export interface Collected {
  /** Content sections that count (filters passed, repeats folded), ascending. */
  content: Int32Array;
  /** Sections matching only in boilerplate lines that count, ascending. */
  boiler: Int32Array;
  /** Per position: the digest's kind (0: no match). */
  kind: Uint8Array;
  /** Per position: its matching sections as counted (content ones, or boilerplate ones for a boilerplate hit; 0 for a title hit). */
  shown: Int32Array;
  total: number;
  totalSections: number;
  /** Positions of the matching digests, ascending. */
  positions: Int32Array;
  /** By kept section rowid: the rowids of the same item in other weeks, folded into it. */
  folded: Map<number, number[]>;
}

/** The rowids whose digest (and, for a section dated by its heading, whose own date) passes. */
function passing(catalog: DigestCatalog, rowids: Int32Array, pass: DigestPass | null): Int32Array {
  if (pass === null) return rowids;
  const section = pass.section ?? null;
  const out = new Int32Array(rowids.length);
  let n = 0;
  for (let k = 0; k < rowids.length; k++) {
    const r = rowids[k]!;
    const i = catalog.digestIndexOfSection(r);
    if (i < 0 || !pass(i) || (section !== null && !section(i, r))) continue;
    out[n++] = r;
  }
  return out.subarray(0, n);
}

const oldestRanks = new WeakMap<DigestCatalog, Int32Array>();

/** Each position's place in the oldest-first order (made once per catalog). */
function oldestRank(catalog: DigestCatalog): Int32Array {
  let ranks = oldestRanks.get(catalog);
  if (!ranks) {
    ranks = new Int32Array(catalog.size);
    catalog.oldestOrder.forEach((position, k) => (ranks![position] = k));
    oldestRanks.set(catalog, ranks);
  }
  return ranks;
}

/** Whether some section of the digest passes the filter's own-date test (always, without one). */
function someSectionPasses(catalog: DigestCatalog, position: number, pass: DigestPass): boolean {
  const check = pass.section ?? null;
  if (check === null || !catalog.sectionDates.has(position)) return true;
  const range = catalog.digest(position).sections;
  for (let r = range.first; r < range.end; r++) if (check(position, r)) return true;
  return false;
}

/** Per position: how many of its sections hold an excluded term (content or boilerplate row), or null without exclusions. */
function excludedCounts(db: Database, catalog: DigestCatalog, excluded: string | null): Int32Array | null {
  if (excluded === null) return null;
  const counts = new Int32Array(catalog.size);
  const seen = new Set<number>();
  for (const row of rowidsOf(db, excluded)) {
    const section = sectionOfRow(row);
    if (seen.has(section)) continue;
    seen.add(section);
    const i = catalog.digestIndexOfSection(section);
    if (i >= 0) counts[i]!++;
  }
  return counts;
}

export interface CollectInput {
  db: Database;
  catalog: DigestCatalog;
  marks: SectionMarks;
  matches: OwnMatches;
  pass: DigestPass | null;
  /** The excluded terms over section rows (a title-only digest needs a section without them). */
  excluded: string | null;
}

/** See the module comment. */
export function collect({ db, catalog, marks, matches, pass, excluded }: CollectInput): Collected {
  const ranks = oldestRank(catalog);
  // A section repeated whole matches by its one row (fts-write.ts): its mark makes it boilerplate.
  const { content: own, whole } = marks.splitWhole(matches.content);
  const { kept: content, folded } = marks.fold(passing(catalog, own, pass), (r) => ranks[catalog.digestIndexOfSection(r)]!);
  const boiler = passing(catalog, whole.length === 0 ? matches.boiler : mergeSorted(matches.boiler, whole), pass);
  const contentCounts = new Int32Array(catalog.size);
  const boilerCounts = new Int32Array(catalog.size);
  catalog.countSections(content, contentCounts, null);
  catalog.countSections(boiler, boilerCounts, null);
  const kind = new Uint8Array(catalog.size);
  const shown = new Int32Array(catalog.size);
  const { titles } = matches;
  const withExcluded = titles.masks === null ? null : excludedCounts(db, catalog, excluded);
  let totalSections = 0;
  for (let i = 0; i < catalog.size; i++) {
    if (contentCounts[i]! > 0) {
      kind[i] = KIND_CONTENT;
      shown[i] = contentCounts[i]!;
    } else if (
      titleSatisfiesAll(titles, i) &&
      (pass === null || (pass(i) && someSectionPasses(catalog, i, pass))) &&
      (withExcluded === null || withExcluded[i]! < catalog.sectionCountOf(i))
    ) {
      kind[i] = KIND_TITLE;
    } else if (boilerCounts[i]! > 0) {
      kind[i] = KIND_BOILER;
      shown[i] = boilerCounts[i]!;
    }
    totalSections += shown[i]!;
  }
  const positions = matchingPositions(kind);
  return { content, boiler, kind, shown, total: positions.length, totalSections, positions, folded };
}

/** Sorted union of two ascending rowid lists that share no value. */
export function mergeSorted(a: Int32Array, b: Int32Array): Int32Array {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const out = new Int32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]! <= b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

/** Tier of a matching section (by rowid) and of a matching digest (by position): 0 exact, 1 expanded; a boilerplate hit adds BOILER_TIER. */
export interface Tiers {
  section: (rowid: number) => number;
  digest: (position: number) => number;
}

/** Tiers step for hits only in boilerplate: after every exact and expanded hit. */
export const BOILER_TIER = 2;

/**
 * The tiers, given what the exact query matched (null: the query had no
 * expansions, so every hit is exact).
 */
export function tiersOf(catalog: DigestCatalog, collected: Collected, exact: OwnMatches | null): Tiers {
  const boilerTier = (i: number): number => (collected.kind[i] === KIND_BOILER ? BOILER_TIER : 0);
  if (exact === null) return { section: () => 0, digest: boilerTier };
  const rows = new Int32Array(exact.content.length + exact.boiler.length);
  rows.set(exact.content);
  rows.set(exact.boiler, exact.content.length);
  const isExact = rowidSet(rows);
  const exactDigest = digestMarks(catalog, rows);
  return {
    section: (rowid) => (isExact(rowid) ? 0 : 1),
    digest: (i) => boilerTier(i) + (exactDigest[i] === 1 || (collected.kind[i] === KIND_TITLE && titleSatisfiesAll(exact.titles, i)) ? 0 : 1),
  };
}
