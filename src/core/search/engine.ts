/**
 * The search engine: parse (query-parser) -> build MATCH strings
 * (query-builder, with typo expansion from fuzzy) -> match over FTS5 and
 * count per digest (matching) -> page by relevance or date (paging, ranking)
 * -> hits with snippets (hits) and facets (facets). Design notes and
 * measurements: docs/ARCHITECTURE.md ("Search").
 *
 * Read-only over the store's connection (its tuning is set where it is
 * opened, core/store/open-database.ts). Its caches (the digest catalog, the
 * typo vocabulary, section texts, rowid lists) are dropped whenever the
 * index generation (core/store/generation.ts) moved since they were built:
 * every write, from this connection or any other, moves it, so no caller
 * has to tell the engine that the index changed. The one exception is asked
 * for: while an index run writes, the catalog may lag (CATALOG_LAG_MS).
 */
import type { Database } from 'better-sqlite3';
import type { RelatedSection, SearchRequest, SearchResponse } from '../../shared/api.js';
import type { TrendsRequest, TrendsResponse } from '../../shared/research.js';
import { notice, type SearchNotice } from '../../shared/notices.js';
import { indexGeneration } from '../store/generation.js';
import { folderOf } from '../store/store.js';
import { readDigestBody } from '../store/stored-text.js';
import { nothingMatched, type Matched } from './aggregate.js';
import { DigestCatalog } from './catalog.js';
import { emptyFacets } from './facets.js';
import { FuzzyVocabulary } from './fuzzy.js';
import { SectionReader, pageHits, type HitMarks } from './hits.js';
import { forgetRowids } from './matching.js';
import { listDigests, matchDigests, previewRowid, type RankLimits } from './paging.js';
import { relatedSections } from './related.js';
import { matchingDigests, prepareRequest, type MatchContext } from './request-match.js';
import { trendsOf } from './trends.js';
import { SectionMarks } from './repeats.js';
import { marksVersion } from '../store/section-marks.js';
import { pagingOf } from './request.js';
import { WARM_UP_CANDIDATES, WARM_UP_MAX_TEXT_CHARS, warmUpRequests } from './warm-up.js';

export interface SearchEngineOptions {
  /** Sections listed per digest hit (best first). Default 3. */
  sectionsPerDigest?: number;
  /** Most matching sections that are still ranked by relevance. Default RELEVANCE_LIMIT. */
  relevanceLimit?: number;
  /**
   * Most sections matching the words (before tag, date and folder filters)
   * that bm25 may read to rank a filtered search. Default RANK_SCAN_FACTOR x relevanceLimit.
   */
  rankScanLimit?: number;
  /**
   * True while an index run is writing: the catalog then follows the index
   * at most every CATALOG_LAG_MS instead of at every write (see
   * currentCatalog). Default: never (every search sees every write).
   */
  indexing?: () => boolean;
}

/**
 * Relevance is computed when at most this many sections match. bm25 reads
 * each matching section's stored length (one B-tree lookup per row), while
 * collecting rowids costs a small fraction of that per row: see
 * docs/ARCHITECTURE.md.
 */
export const RELEVANCE_LIMIT = 3000;
/**
 * bm25 scores every section the words match, filters or not (FTS5 cannot
 * rank a subset), so a filtered search that keeps a few hundred of tens of
 * thousands of matches would score them all: such searches are listed newest
 * first, like unfiltered ones over RELEVANCE_LIMIT.
 */
export const RANK_SCAN_FACTOR = 2;
const DEFAULT_SECTIONS_PER_DIGEST = 3;
/**
 * How stale the catalog may be while an index run writes. A run moves the
 * generation with every batch, and reloading the catalog (and the mention
 * and link indexes a search with facets reads) at each would make most
 * keystrokes typed during a first index pay a reload of a growing index.
 * While it lags, new sections are not found yet (FTS5 rows the catalog does
 * not know are skipped) and a removed section's hit simply has no text to
 * show; the first search after the run sees everything.
 */
export const CATALOG_LAG_MS = 5000;

/** An integer with commas between groups of three digits (1234567 -> "1,234,567"). */
export function withThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** The answer to a query that holds nothing to search (ParsedQuery.nothingToSearch): no results, and the notices saying why. */
function nothingToSearch(notices: SearchNotice[], started: number): SearchResponse {
  return {
    total: 0,
    totalSections: 0,
    tookMs: Math.round((performance.now() - started) * 100) / 100,
    results: [],
    facets: emptyFacets(),
    notices,
    highlightTerms: [],
  };
}

export class SearchEngine {
  private readonly vocab: FuzzyVocabulary;
  private readonly reader: SectionReader;
  private catalog: DigestCatalog | null = null;
  private marks: SectionMarks | null = null;
  /** The index generation the caches hold (nothing is cached yet at construction). */
  private generation: number;
  /** The repeats step's stamp the marks were loaded at (it writes no digest row, so it has its own). */
  private marksStamp = -1;
  private readonly sectionsPerDigest: number;
  private readonly limits: RankLimits;
  private readonly indexing: () => boolean;
  /** When the catalog was loaded (performance.now()). */
  private loadedAt = 0;

  constructor(
    private readonly db: Database,
    options: SearchEngineOptions = {},
  ) {
    this.vocab = new FuzzyVocabulary(db);
    this.reader = new SectionReader(db);
    this.generation = indexGeneration(db);
    this.sectionsPerDigest = Math.max(1, options.sectionsPerDigest ?? DEFAULT_SECTIONS_PER_DIGEST);
    const relevance = Math.max(0, options.relevanceLimit ?? RELEVANCE_LIMIT);
    this.indexing = options.indexing ?? (() => false);
    this.limits = { relevance, rankScan: Math.max(relevance, options.rankScanLimit ?? RANK_SCAN_FACTOR * relevance) };
  }

  /** Reads the typo vocabulary in the background, off the first query's path (see FuzzyVocabulary.preload). */
  warm(): void {
    this.vocab.preload();
  }

  /** Resolves when no background read of the typo vocabulary is pending (a lookup meanwhile would read it at once). */
  vocabularySettled(): Promise<void> {
    return this.vocab.settled();
  }

  /**
   * Warming searches built from the newest digest of usual size (warm-up.ts):
   * the first of the WARM_UP_CANDIDATES newest whose text is at most
   * WARM_UP_MAX_TEXT_CHARS; empty for an empty index or when none is.
   */
  warmUpRequests(): SearchRequest[] {
    const catalog = this.currentCatalog();
    for (const position of catalog.newestOrder.subarray(0, WARM_UP_CANDIDATES)) {
      const d = catalog.digest(position);
      const text = readDigestBody(this.db, d.id) ?? '';
      if (text.length > WARM_UP_MAX_TEXT_CHARS) continue;
      return warmUpRequests({ title: d.title, text, tags: d.tags, date: d.date, folder: folderOf(d.path) });
    }
    return [];
  }

  /**
   * The catalog of the current index generation. One indexed lookup per
   * call; when the generation moved, the catalog and section texts are
   * dropped and the typo vocabulary refreshes in the background; while an
   * index run writes, only once the catalog is CATALOG_LAG_MS old.
   */
  private currentCatalog(): DigestCatalog {
    const generation = indexGeneration(this.db);
    if (generation !== this.generation) {
      forgetRowids(this.db);
      if (this.catalog === null || !this.indexing() || performance.now() - this.loadedAt >= CATALOG_LAG_MS) {
        this.catalog = null;
        this.vocab.clear();
        this.reader.clear();
        this.generation = generation;
      }
    }
    if (this.catalog === null) {
      this.catalog = DigestCatalog.load(this.db);
      this.loadedAt = performance.now();
    }
    return this.catalog;
  }

  /** The sections marked as boilerplate or repeats (repeats.ts), reloaded when the repeats step wrote since. */
  private currentMarks(): SectionMarks {
    const stamp = marksVersion(this.db);
    if (this.marks === null || stamp !== this.marksStamp) {
      // The repeats step moves a section's repeated lines between its content and boilerplate rows of
      // section_fts without a new generation: rowid lists read before it no longer hold.
      if (this.marks !== null) forgetRowids(this.db);
      this.marks = stamp === 0 ? SectionMarks.empty() : SectionMarks.load(this.db);
      this.marksStamp = stamp;
    }
    return this.marks;
  }

  /**
   * Stores the catalog this engine loaded from SQL as the index's snapshot,
   * so that the next process to open the index skips the SQL load (see
   * DigestCatalog.persist: never waits for another writer, and writes only
   * while the catalog's generation is current). Only a catalog already in
   * memory is stored: loading one just for this costs seconds and hundreds
   * of MB on large indexes. Writing is too slow for a search, so the service
   * calls this when it closes. Returns whether a snapshot was written.
   */
  persistCatalog(): boolean {
    const catalog = this.catalog;
    return catalog !== null && catalog.addsToSnapshot(this.db) && catalog.persist(this.db);
  }

  search(req: SearchRequest): SearchResponse {
    const started = performance.now();
    const catalog = this.currentCatalog();
    const { notices, pass, built } = prepareRequest(catalog, req, this.vocab);
    if (built === null) return nothingToSearch(notices, started);
    const paging = pagingOf(req, this.sectionsPerDigest);
    const marks = this.currentMarks();
    let matched: Matched;
    try {
      if (built.clauses.length === 0) {
        if (built.excluded !== null || built.excludedTitle !== null) notices.push(notice('only-exclusions'));
        matched = listDigests(this.db, catalog, pass, built.excluded, paging, { excludedTitle: built.excludedTitle, marks });
      } else {
        matched = matchDigests({ db: this.db, catalog, marks, pass, built, paging, limits: this.limits });
        if (paging.sort === 'relevance' && !matched.ranked) notices.push(this.unrankedNotice(matched));
      }
    } catch (err) {
      // The builder quotes every token, so this means a bug or a damaged index; report, never throw.
      notices.push(notice('search-failed', { reason: err instanceof Error ? err.message : String(err) }));
      matched = nothingMatched();
    }
    const hitMarks: HitMarks = { boiler: (rowid) => marks.boiler(rowid), preview: (i) => previewRowid(catalog, marks, i) };
    const results = pageHits(
      {
        reader: this.reader,
        catalog,
        marks: hitMarks,
        highlight: built.highlight,
        ranked: matched.ranked,
        folded: matched.folded ?? new Map(),
        digestOfSection: (rowid) => catalog.digestIndexOfSection(rowid),
      },
      matched.page,
    );
    return {
      total: matched.total,
      totalSections: matched.totalSections,
      tookMs: Math.round((performance.now() - started) * 100) / 100,
      results,
      facets: req.facets === false ? emptyFacets() : catalog.countFacets(matched),
      notices,
      highlightTerms: built.highlightTerms,
    };
  }

  /**
   * Why a relevance search came back in date order (the limit written as in
   * English text, "3,000": by hand, since the first toLocaleString of a
   * process loads ICU's number formatting, on a reopened index's first search).
   */
  private unrankedNotice(matched: Matched): SearchNotice {
    const { relevance, rankScan } = this.limits;
    return matched.totalSections > relevance
      ? notice('unranked-too-many', { limit: withThousands(relevance) })
      : notice('unranked-before-filters', { limit: withThousands(rankScan) });
  }

  /** Counts per period of each query of `req`, matched as search() matches it (trends.ts). */
  trends(req: TrendsRequest): TrendsResponse {
    return trendsOf(this.matchContext(), this.vocab, req);
  }

  /** The vault paths of the digests a search of `req` counts in its total (saved searches). */
  matchingPaths(req: SearchRequest): string[] {
    const ctx = this.matchContext();
    return Array.from(matchingDigests(ctx, prepareRequest(ctx.catalog, req, this.vocab)), (i) => ctx.catalog.pathOf(i));
  }

  private matchContext(): MatchContext {
    return { db: this.db, catalog: this.currentCatalog(), marks: this.currentMarks() };
  }

  /** See related.ts: sections of other digests sharing this section's most distinctive terms. */
  related(sectionId: string, limit?: number): RelatedSection[] {
    return relatedSections(this.db, this.currentCatalog(), this.reader, sectionId, limit);
  }
}
