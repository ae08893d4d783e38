/**
 * A hit shows its match: which sections hold the query in their own heading
 * and text, given which clauses each digest's title already satisfies.
 *
 * Titles are indexed once per digest (title_fts), not with every section.
 * A digest whose title satisfies clauses `m` (a bit mask) matches through a
 * section holding every other clause in its own text; when its title
 * satisfies them all, it matches as it is, and lists the sections that hold
 * the whole query too (none: a title-only hit). So each distinct mask among the
 * matching titles is one FTS5 query over section rows (query-builder.ts
 * ownQuery), and digests without a title hit (mask 0, the usual case) are
 * one query, the same as before titles moved out. Queries that come out the
 * same string run once.
 *
 * A section's lines that repeat across its series have their own row
 * (store/fts-write.ts, BOILER_ROWID_BASE): a section matched only there is a
 * boilerplate match, kept apart so that it ranks below content.
 */
import type { Database } from 'better-sqlite3';
import { BOILER_ROWID_BASE } from '../store/fts-write.js';
import { cachedStatement } from '../store/statements.js';
import type { DigestCatalog } from './catalog.js';
import { decodeRowids, rowidsOf } from './matching.js';
import { inMask, MASK_CLAUSES, ownQuery, type BuiltQuery, type QueryVariant } from './query-builder.js';

/** What the titles matched. */
export interface TitleHits {
  /** Per catalog position: bit j when the title satisfies clause j; null when no title satisfies any clause. */
  masks: Int32Array | null;
  /** The mask of a title that satisfies every clause. */
  all: number;
  /** 1 at the positions whose title holds an excluded term (the digest is left out); null when none does. */
  excluded: Uint8Array | null;
}

export interface OwnMatches {
  /** Sections matching by their content row, ascending rowids. */
  content: Int32Array;
  /** Sections matching only by their boilerplate row (not in `content`), ascending rowids. */
  boiler: Int32Array;
  titles: TitleHits;
  /** The queries run (ranking runs them again with bm25). */
  queries: GroupQuery[];
  /** Rows FTS5 returned over all queries (what bm25 would have to read). */
  scanned: number;
}

/** Catalog positions of the digests whose title matches `match`. */
export function titlePositions(db: Database, catalog: DigestCatalog, match: string): number[] {
  const blob = cachedStatement(db, "SELECT CAST(group_concat(rowid, ',') AS BLOB) FROM title_fts WHERE title_fts MATCH ?")
    .pluck()
    .get(match) as Uint8Array | null;
  const out: number[] = [];
  for (const id of decodeRowids(blob)) {
    const i = catalog.positionOfDigestId(id);
    if (i >= 0) out.push(i);
  }
  return out;
}

/** Which clauses each title satisfies, and which titles hold an excluded term. */
export function titleHits(db: Database, catalog: DigestCatalog, built: BuiltQuery, variant: QueryVariant): TitleHits {
  const clauses = built.clauses.slice(0, MASK_CLAUSES);
  let masks: Int32Array | null = null;
  clauses.forEach((c, j) => {
    const match = variant === 'exact' ? c.titleExact : c.title;
    if (match === null) return;
    for (const i of titlePositions(db, catalog, match)) {
      masks ??= new Int32Array(catalog.size);
      masks[i]! |= 1 << j;
    }
  });
  let excluded: Uint8Array | null = null;
  if (built.excludedTitle !== null) {
    for (const i of titlePositions(db, catalog, built.excludedTitle)) {
      excluded ??= new Uint8Array(catalog.size);
      excluded[i] = 1;
    }
  }
  // A mask recording every clause exists only when each clause has a bit.
  const all = built.clauses.length <= MASK_CLAUSES ? (1 << built.clauses.length) - 1 : -1;
  return { masks, all, excluded };
}

/** The section rowid of a row (a boilerplate row's section), and whether it was the boilerplate row. */
export function sectionOfRow(row: number): number {
  return row >= BOILER_ROWID_BASE ? row - BOILER_ROWID_BASE : row;
}

/** `sorted` without the values in `remove` (both ascending). */
function minus(sorted: Int32Array, remove: Int32Array): Int32Array {
  if (remove.length === 0 || sorted.length === 0) return sorted;
  const out = new Int32Array(sorted.length);
  let n = 0;
  let j = 0;
  for (const v of sorted) {
    while (j < remove.length && remove[j]! < v) j++;
    if (j < remove.length && remove[j] === v) continue;
    out[n++] = v;
  }
  return out.subarray(0, n);
}

/** One FTS5 query over section rows and the digests whose rows it may give. */
export interface GroupQuery {
  match: string;
  /** The title masks it serves; null: every digest but those of `except` (the query for mask 0, which also serves masks whose query comes out the same). */
  masks: ReadonlySet<number> | null;
  /** Masks served by a query of their own (so that a row is scored once, by its digest's query). */
  except?: ReadonlySet<number>;
}

/** The queries for the masks present: mask 0's for every digest, one per other distinct query string for its masks. */
export function groupQueries(built: BuiltQuery, titles: TitleHits, variant: QueryVariant): GroupQuery[] {
  const base = ownQuery(built, 0, variant);
  const out: GroupQuery[] = base === null ? [] : [{ match: base, masks: null }];
  if (titles.masks === null) return out;
  const present = new Set<number>();
  const masks = titles.masks;
  for (let i = 0; i < masks.length; i++) if (masks[i] !== 0) present.add(masks[i]!);
  const byMatch = new Map<string, Set<number>>();
  for (const m of [...present].sort((a, b) => a - b)) {
    const match = ownQuery(built, m, variant);
    if (match === null || match === base) continue;
    const masks = byMatch.get(match) ?? new Set<number>();
    masks.add(m);
    byMatch.set(match, masks);
  }
  const except = new Set<number>();
  for (const [match, masks] of byMatch) {
    out.push({ match, masks });
    for (const m of masks) except.add(m);
  }
  if (base !== null && except.size > 0) out[0] = { match: base, masks: null, except };
  return out;
}

/** Whether a row of `query` counts for the digest at `position` (its title mask is one the query serves, and no excluded term is in its title). */
export function rowServes(query: GroupQuery, titles: TitleHits, position: number): boolean {
  if (position < 0 || titles.excluded?.[position] === 1) return false;
  const mask = titles.masks?.[position] ?? 0;
  return query.masks === null ? query.except?.has(mask) !== true : query.masks.has(mask);
}

/** Sorted unique union of ascending arrays (a merge: no sort). */
function union(parts: readonly Int32Array[]): Int32Array {
  let acc = parts[0] ?? new Int32Array(0);
  for (let p = 1; p < parts.length; p++) {
    const b = parts[p]!;
    if (b.length === 0) continue;
    const out = new Int32Array(acc.length + b.length);
    let i = 0;
    let j = 0;
    let n = 0;
    while (i < acc.length || j < b.length) {
      const v = j >= b.length || (i < acc.length && acc[i]! <= b[j]!) ? acc[i++]! : b[j++]!;
      if (n === 0 || out[n - 1] !== v) out[n++] = v;
    }
    acc = out.subarray(0, n);
  }
  return acc;
}

/** The values in both ascending arrays. */
function intersect(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(Math.min(a.length, b.length));
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else {
      out[n++] = a[i]!;
      i++;
      j++;
    }
  }
  return out.subarray(0, n);
}

/** The rows of `query` that count (see rowServes), split into content rows and boilerplate rows' sections. */
function keptRows(catalog: DigestCatalog, rows: Int32Array, query: GroupQuery, titles: TitleHits): { content: Int32Array; boiler: Int32Array } {
  let kept = rows;
  if (query.masks !== null || query.except !== undefined || titles.excluded !== null) {
    // Whether each digest's rows count, decided once per digest rather than per row.
    const serves = new Uint8Array(catalog.size);
    for (let i = 0; i < serves.length; i++) if (rowServes(query, titles, i)) serves[i] = 1;
    const out = new Int32Array(rows.length);
    let n = 0;
    for (let k = 0; k < rows.length; k++) {
      const row = rows[k]!;
      if (serves[catalog.digestIndexOfSection(sectionOfRow(row))] === 1) out[n++] = row;
    }
    kept = out.subarray(0, n);
  }
  let split = kept.length;
  while (split > 0 && kept[split - 1]! >= BOILER_ROWID_BASE) split--;
  return { content: kept.subarray(0, split), boiler: kept.slice(split).map((r) => r - BOILER_ROWID_BASE) };
}

/**
 * The rows of each group query. With one title mask besides 0 (the usual
 * case: one series whose titles hold a word of the query), its query's rows
 * hold every clause but the title's, so mask 0's rows are those of them that
 * also hold the title's clauses. When its query has a phrase (FTS5 matches
 * positions, the costly part), mask 0's rows come from the title's clauses
 * AND-ed with one token of each other clause (ownLoose), intersected with its
 * rows: that phrase is matched once instead of twice.
 */
function groupRows(db: Database, built: BuiltQuery, queries: readonly GroupQuery[], variant: QueryVariant): Int32Array[] {
  const masks = queries[1]?.masks;
  if (queries.length === 2 && masks?.size === 1 && /"[^"]* [^"]*"/.test(queries[1]!.match)) {
    const [mask] = masks;
    const held = built.clauses.filter((_, j) => inMask(mask!, j)).map((c) => (variant === 'exact' ? c.ownExact : c.own));
    const loose = built.clauses.filter((_, j) => !inMask(mask!, j)).map((c) => c.ownLoose);
    if (held.every((e) => e !== null) && loose.every((e) => e !== null)) {
      const partial = rowidsOf(db, queries[1]!.match);
      const exprs = [...held, ...loose].map((e) => `(${e})`).join(' AND ');
      return [intersect(partial, rowidsOf(db, built.excluded === null ? exprs : `(${exprs}) NOT (${built.excluded})`)), partial];
    }
  }
  return queries.map((q) => rowidsOf(db, q.match));
}

/**
 * Every section matching by its own text for the title mask its digest has
 * (see the module comment): one FTS5 query for digests without a title
 * match, one per other title mask present (FTS5 intersects the clauses
 * itself, skipping through long doclists).
 */
export function ownMatches(db: Database, catalog: DigestCatalog, built: BuiltQuery, variant: QueryVariant): OwnMatches {
  const titles = titleHits(db, catalog, built, variant);
  const queries = groupQueries(built, titles, variant);
  const rows = groupRows(db, built, queries, variant);
  const kept = queries.map((q, k) => keptRows(catalog, rows[k]!, q, titles));
  const content = union(kept.map((k) => k.content));
  // A section matched in content and in its boilerplate row is a content match.
  const boiler = minus(union(kept.map((k) => k.boiler)), content);
  return { content, boiler, titles, queries, scanned: rows.reduce((n, r) => n + r.length, 0) };
}

/** Whether the title of the digest at `position` satisfies every clause (it matches even with no section listed). */
export function titleSatisfiesAll(titles: TitleHits, position: number): boolean {
  return titles.masks !== null && titles.all >= 0 && titles.masks[position] === titles.all && titles.excluded?.[position] !== 1;
}
