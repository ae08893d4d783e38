/**
 * Relevance: bm25 over the sections a query matches, with a boost for
 * sections where the query words stand as one phrase, a penalty for hits
 * that needed an expansion, and a digest score from its best section and how
 * many of its sections match. Used only when few enough sections match
 * (paging.ts decides): bm25 reads each matching section's stored length.
 */
import type { Database } from 'better-sqlite3';
import { cachedStatement } from '../store/statements.js';
import { EXPANDED_PENALTY, capExpandedScores, compareSections, keepTop, pageOf, type DigestAgg, type Paging } from './aggregate.js';
import type { DigestCatalog, DigestPass } from './catalog.js';
import { rowidSet, rowidsOf, type Tiers } from './matching.js';
import type { BuiltQuery } from './query-builder.js';

/** bm25 column weights: title, heading (path), body. */
export const BM25_WEIGHTS = { title: 4, heading: 2.5, body: 1 } as const;
/** bm25 takes the weights in the table's column order: body, heading, title (core/store/schema.ts, V3). */
export const RANK_FUNCTION = `bm25(${BM25_WEIGHTS.body}, ${BM25_WEIGHTS.heading}, ${BM25_WEIGHTS.title})`;
/** Factor for sections where several query words stand as one phrase. */
const PHRASE_BOOST = 1.5;
/** Digest score = best section * (1 + this * log2(matching sections)). */
const MULTI_SECTION_BONUS = 0.1;

/** Sections matching `match` with their bm25 rank (lower is better), best first when `limit` is given. */
export function rankedRows(db: Database, match: string, limit?: number): [rowid: number, rank: number][] {
  if (limit === undefined) {
    return cachedStatement(db, 'SELECT rowid, rank FROM section_fts WHERE section_fts MATCH ? AND rank MATCH ?').raw().all(match, RANK_FUNCTION) as [
      number,
      number,
    ][];
  }
  return cachedStatement(db, 'SELECT rowid, rank FROM section_fts WHERE section_fts MATCH ? AND rank MATCH ? ORDER BY rank LIMIT ?')
    .raw()
    .all(match, RANK_FUNCTION, limit) as [number, number][];
}

/** Scores every matching section with bm25 (few enough) and returns the page of digests by relevance. */
export function rankedPage(
  db: Database,
  catalog: DigestCatalog,
  built: BuiltQuery,
  pass: DigestPass | null,
  tiers: Tiers,
  paging: Paging,
): DigestAgg[] {
  const inPhrase = built.phrase === null ? null : rowidSet(rowidsOf(db, built.phrase));
  const aggs = new Map<number, DigestAgg>();
  const section = pass?.section ?? null;
  for (const [rowid, rank] of rankedRows(db, built.full!)) {
    const i = catalog.digestIndexOfSection(rowid);
    if (i < 0 || (pass !== null && !pass(i)) || (section !== null && !section(i, rowid))) continue;
    const tier = tiers.section(rowid);
    let score = -rank;
    if (inPhrase?.(rowid)) score *= PHRASE_BOOST;
    if (tier === 1) score *= EXPANDED_PENALTY;
    let agg = aggs.get(i);
    if (!agg) {
      agg = { position: i, score: 0, tier: 1, count: 0, top: [] };
      aggs.set(i, agg);
    }
    agg.count++;
    keepTop(agg.top, { rowid, ordinal: catalog.ordinalIn(i, rowid), score, tier }, paging.perDigest, compareSections);
  }
  const sorted = [...aggs.values()];
  for (const agg of sorted) {
    const best = agg.top[0]!;
    agg.tier = best.tier;
    agg.score = best.score * (1 + MULTI_SECTION_BONUS * Math.log2(agg.count));
  }
  sorted.sort((a, b) => a.tier - b.tier || b.score - a.score || (catalog.pathOf(a.position) < catalog.pathOf(b.position) ? -1 : 1));
  capExpandedScores(sorted);
  return pageOf(sorted, paging);
}
