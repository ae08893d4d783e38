/**
 * Relevance: bm25 over the sections a query matches by their own text, with
 * a boost for sections where the query words stand as one phrase, penalties
 * for hits that needed an expansion or lie in boilerplate, a digest score
 * from its best section and how many of its sections match, and a bonus for
 * the clauses its title holds (titles are scored once per digest, in
 * title_fts). Used only when few enough sections match (paging.ts decides):
 * bm25 reads each matching section's stored length.
 */
import type { Database } from 'better-sqlite3';
import { cachedStatement } from '../store/statements.js';
import { EXPANDED_PENALTY, capTierScores, compareSections, keepTop, pageOf, type DigestAgg, type Paging } from './aggregate.js';
import type { DigestCatalog } from './catalog.js';
import { KIND_BOILER, KIND_CONTENT, KIND_TITLE, type Collected, type Tiers } from './collect.js';
import { rowidSet, rowidsOf } from './matching.js';
import { inMask, type BuiltQuery } from './query-builder.js';
import { rowServes, sectionOfRow, type OwnMatches } from './own-match.js';

/** bm25 column weights of section rows: heading, body. */
export const BM25_WEIGHTS = { heading: 2.5, body: 1 } as const;
/** bm25 takes the weights in the table's column order: body, heading (core/store/schema.ts, V7). */
export const RANK_FUNCTION = `bm25(${BM25_WEIGHTS.body}, ${BM25_WEIGHTS.heading})`;
/** Factor for sections where several query words stand as one phrase. */
const PHRASE_BOOST = 1.5;
/**
 * Digest score = best section * (1 + this * log2(matching sections)) + title
 * bonus: a digest matching in four sections scores 1.6 times its best one.
 * 0.3 rather than 0.1: on the judged set (docs/SEARCH-QUALITY.md) digests
 * covering a topic in several items were ranked below one short mention.
 */
const MULTI_SECTION_BONUS = 0.3;
/**
 * What a title holding a clause adds to a digest's score, per unit of the
 * clause's idf over section rows: what bm25 gave a section row of average
 * length for a term four times in it (tf 4, k1 1.2: 4 x 2.2 / 5.2), as when
 * every section row held the title with weight 4. A title-only hit scores
 * this alone; a digest matching in sections too gets it on top.
 */
export const TITLE_WEIGHT = 1.7;
/** Factor for a section matched only in lines its series repeats (a masthead): below content. */
export const BOILER_PENALTY = 0.25;

/** Section rows matching `match` with their bm25 rank (lower is better), best first when `limit` is given. */
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

/** bm25's idf (as FTS5 computes it, never below its floor) of a clause over the section rows. */
function clauseIdf(db: Database, match: string, rows: number): number {
  const n = cachedStatement(db, 'SELECT count(*) FROM section_fts WHERE section_fts MATCH ?').pluck().get(match) as number;
  return Math.max(1e-6, Math.log((rows - n + 0.5) / (n + 0.5)));
}

/** Per catalog position: the title bonus of the clauses its title holds (empty map when no title holds one). */
export function titleScores(db: Database, catalog: DigestCatalog, built: BuiltQuery, own: OwnMatches): Map<number, number> {
  const scores = new Map<number, number>();
  const { masks, excluded } = own.titles;
  if (masks === null) return scores;
  let used = 0;
  for (const m of masks) used |= m;
  const weights = built.clauses.map((c, j) => {
    // The exact clause: an expansion's variants would lower the idf of what the title holds.
    const match = c.ownExact ?? c.titleExact;
    return match === null || !inMask(used, j) ? 0 : TITLE_WEIGHT * clauseIdf(db, match, catalog.sectionTotal);
  });
  masks.forEach((m, i) => {
    if (m === 0 || excluded?.[i] === 1) return;
    let score = 0;
    weights.forEach((w, j) => {
      if (inMask(m, j)) score += w;
    });
    scores.set(i, score);
  });
  return scores;
}

export interface RankInput {
  db: Database;
  catalog: DigestCatalog;
  built: BuiltQuery;
  own: OwnMatches;
  collected: Collected;
  tiers: Tiers;
  paging: Paging;
  /** A section repeated whole (its one row's matches are boilerplate matches). */
  isBoilerplate: (rowid: number) => boolean;
}

/** Scores every matching section with bm25 (few enough) and returns the page of digests by relevance. */
export function rankedPage({ db, catalog, built, own, collected, tiers, paging, isBoilerplate }: RankInput): DigestAgg[] {
  const inPhrase = built.phrase === null ? null : rowidSet(rowidsOf(db, built.phrase).map(sectionOfRow));
  const isContent = rowidSet(collected.content);
  const isBoiler = rowidSet(collected.boiler);
  const aggs = new Map<number, DigestAgg>();
  const agg = (i: number): DigestAgg => {
    let a = aggs.get(i);
    if (!a) {
      a = { position: i, score: 0, tier: tiers.digest(i), count: collected.shown[i]!, top: [] };
      aggs.set(i, a);
    }
    return a;
  };
  for (const query of own.queries) {
    for (const [row, rank] of rankedRows(db, query.match)) {
      const rowid = sectionOfRow(row);
      const i = catalog.digestIndexOfSection(rowid);
      if (!rowServes(query, own.titles, i)) continue;
      const boilerRow = row !== rowid || isBoilerplate(rowid);
      const kind = collected.kind[i];
      if (boilerRow ? kind !== KIND_BOILER || !isBoiler(rowid) : kind !== KIND_CONTENT || !isContent(rowid)) continue;
      const tier = tiers.section(rowid);
      let score = -rank;
      if (inPhrase?.(rowid)) score *= PHRASE_BOOST;
      if (tier === 1) score *= EXPANDED_PENALTY;
      if (boilerRow) score *= BOILER_PENALTY;
      keepTop(agg(i).top, { rowid, ordinal: catalog.ordinalIn(i, rowid), score, tier: tier + (boilerRow ? 2 : 0) }, paging.perDigest, compareSections);
    }
  }
  for (const i of collected.positions) if (collected.kind[i] === KIND_TITLE) agg(i);
  const titles = titleScores(db, catalog, built, own);
  const sorted = [...aggs.values()];
  for (const a of sorted) {
    const best = a.top[0];
    const sectionScore = best === undefined ? 0 : best.score * (1 + MULTI_SECTION_BONUS * Math.log2(Math.max(1, a.count)));
    a.score = sectionScore + (collected.kind[a.position] === KIND_BOILER ? 0 : (titles.get(a.position) ?? 0));
  }
  sorted.sort((a, b) => a.tier - b.tier || b.score - a.score || (catalog.pathOf(a.position) < catalog.pathOf(b.position) ? -1 : 1));
  capTierScores(sorted);
  return pageOf(sorted, paging);
}
