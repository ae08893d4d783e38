/**
 * A request's matching, apart from any page: the front half of a search
 * (query -> notices, digest filter, MATCH strings) that the engine's
 * search() runs, and what trends and saved searches need from it — every
 * section a search counts in its totalSections, with its digest, and every
 * digest it counts in its total. They run the same steps as search()
 * (own-match.ts, collect.ts, paging.ts listDigests), so a trend sums to a
 * search's totals.
 */
import type { Database } from 'better-sqlite3';
import type { SearchRequest } from '../../shared/api.js';
import type { SearchNotice } from '../../shared/notices.js';
import type { DigestCatalog, DigestPass } from './catalog.js';
import { collect, KIND_BOILER, KIND_CONTENT, KIND_TITLE } from './collect.js';
import type { FuzzyVocabulary } from './fuzzy.js';
import { ownMatches } from './own-match.js';
import { listDigests } from './paging.js';
import { buildQuery, type BuiltQuery } from './query-builder.js';
import { parseQuery } from './query-parser.js';
import type { SectionMarks } from './repeats.js';
import { filterOf } from './request.js';

export interface PreparedRequest {
  /** How the query was understood (the request's bad dates included). */
  notices: SearchNotice[];
  /** The digest filter, null when nothing is filtered. */
  pass: DigestPass | null;
  /** The MATCH strings; null when the query holds nothing to search (it finds nothing). */
  built: BuiltQuery | null;
}

/** Parses the query, applies the request's filters and builds the MATCH strings (with the vocabulary's prefix and typo expansions). */
export function prepareRequest(catalog: DigestCatalog, req: SearchRequest, vocab: FuzzyVocabulary): PreparedRequest {
  const q = parseQuery(typeof req.query === 'string' ? req.query : '');
  const notices = [...q.notices];
  if (q.nothingToSearch) return { notices, pass: null, built: null };
  const pass = catalog.filterCheck(filterOf(q, req, notices));
  const built = buildQuery(
    q,
    (word) => vocab.expand(word),
    (token) => vocab.hasLongerTerms(token),
  );
  return { notices, pass, built };
}

/** What the matching reads: the index, its catalog and its section marks (repeats.ts). */
export interface MatchContext {
  db: Database;
  catalog: DigestCatalog;
  marks: SectionMarks;
}

/**
 * Called for each counted section (rowid), grouped by digest; for a digest
 * that matches by its title alone (no section counted), once with rowid -1.
 */
export type SectionVisitor = (position: number, rowid: number) => void;

/** The whole-index listing a query of filters or exclusions only is (one digest asked for: only its totals are used). */
function listing(ctx: MatchContext, prepared: PreparedRequest & { built: BuiltQuery }) {
  const paging = { sort: 'newest', offset: 0, limit: 1, perDigest: 1 } as const;
  return listDigests(ctx.db, ctx.catalog, prepared.pass, prepared.built.excluded, paging, { excludedTitle: prepared.built.excludedTitle, marks: ctx.marks });
}

/**
 * Visits every section a search of the prepared request counts in
 * totalSections: a content match's matching sections, a boilerplate-only
 * match's boilerplate sections, after the filters and the folding of
 * repeats; for a query of filters or exclusions only, every section of the
 * listed digests that passes the filter's own-date test.
 */
export function visitMatchingSections(ctx: MatchContext, prepared: PreparedRequest, visit: SectionVisitor): void {
  const { built, pass } = prepared;
  const { db, catalog, marks } = ctx;
  if (built === null) return;
  if (built.clauses.length === 0) {
    const check = pass?.section ?? null;
    for (const i of Array.from(listing(ctx, { ...prepared, built }).positions)) {
      const range = catalog.sectionsOf(i);
      for (let r = range.first; r < range.end; r++) if (check === null || check(i, r)) visit(i, r);
    }
    return;
  }
  const collected = collect({ db, catalog, marks, matches: ownMatches(db, catalog, built, 'full'), pass, excluded: built.excluded });
  const visitKind = (rowids: Int32Array, kind: number): void => {
    for (const r of rowids) {
      const i = catalog.digestIndexOfSection(r);
      if (i >= 0 && collected.kind[i] === kind) visit(i, r);
    }
  };
  visitKind(collected.content, KIND_CONTENT);
  visitKind(collected.boiler, KIND_BOILER);
  for (const i of collected.positions) if (collected.kind[i] === KIND_TITLE) visit(i, -1);
}

/** The catalog positions of the digests a search of the prepared request counts in its total, ascending. */
export function matchingDigests(ctx: MatchContext, prepared: PreparedRequest): ArrayLike<number> {
  const { built, pass } = prepared;
  const { db, catalog, marks } = ctx;
  if (built === null) return [];
  if (built.clauses.length === 0) return listing(ctx, { ...prepared, built }).positions;
  return collect({ db, catalog, marks, matches: ownMatches(db, catalog, built, 'full'), pass, excluded: built.excluded }).positions;
}
