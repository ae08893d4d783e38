/**
 * The search engine: parse (query-parser) -> build MATCH strings
 * (query-builder, with typo expansion from fuzzy) -> execute over FTS5 ->
 * group by digest -> page -> snippets (snippet) and facets (facets).
 * Design notes and measurements: docs/ARCHITECTURE.md ("Search").
 *
 * Read-only over the store's connection. Caches (the digest catalog and the
 * typo vocabulary) are dropped by invalidate() and also whenever the database
 * changed since they were built (total_changes() on this connection,
 * PRAGMA data_version for other connections), so a forgotten invalidate()
 * never serves stale results.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { DigestHit, RelatedSection, SearchRequest, SearchResponse, SectionHit, SortOrder } from '../../shared/api.js';
import { parseDateBound } from '../../shared/dates.js';
import { SectionTexts } from '../store/section-texts.js';
import { folderOf } from '../store/store.js';
import { readDigestBody } from '../store/stored-text.js';
import { DigestCatalog, type CatalogDigest, type DigestFilter } from './catalog.js';
import { emptyFacets } from './facets.js';
import { FuzzyVocabulary, VOCAB_TABLE, ensureVocabTable } from './fuzzy.js';
import { buildQuery, type BuiltQuery, type HighlightTerm } from './query-builder.js';
import { parseQuery, type ParsedQuery } from './query-parser.js';
import { makeSnippet } from './snippet.js';
import { indexTokens, isCjkChar, normalizeText } from '../text/tokenize.js';
import { warmUpRequests } from './warm-up.js';
import { decodeHeadingPath, formatHeadingPath } from '../store/heading-path.js';

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
}

/** bm25 column weights: title, heading (path), body. */
export const BM25_WEIGHTS = { title: 4, heading: 2.5, body: 1 } as const;
/** bm25 takes the weights in the table's column order: body, heading, title (core/store/schema.ts, V3). */
const RANK_FUNCTION = `bm25(${BM25_WEIGHTS.body}, ${BM25_WEIGHTS.heading}, ${BM25_WEIGHTS.title})`;
/** Factor for sections where several query words stand as one phrase. */
const PHRASE_BOOST = 1.5;
/** Digest score = best section * (1 + this * log2(matching sections)). */
const MULTI_SECTION_BONUS = 0.1;
/** Scores of hits that need a prefix or typo expansion (always ranked after exact hits too). */
const EXPANDED_PENALTY = 0.5;
const DEFAULT_LIMIT = 20;
/**
 * Relevance is computed when at most this many sections match. bm25 reads
 * each matching section's stored length (one B-tree lookup per row, 1-2 µs),
 * while collecting rowids costs ~0.1 µs per row: see docs/ARCHITECTURE.md.
 */
export const RELEVANCE_LIMIT = 3000;
/**
 * bm25 scores every section the words match, filters or not (FTS5 cannot
 * rank a subset), so a filtered search that keeps a few hundred of 24,000
 * matches would score all 24,000 (37 ms at 10k digests): such searches are
 * listed newest first, like unfiltered ones over RELEVANCE_LIMIT.
 */
export const RANK_SCAN_FACTOR = 2;
/**
 * Page cache the engine asks of its connection, in KiB: bm25 reads the
 * section-length table and postings all over the file, and with SQLite's
 * default 2-16 MB cache a 10k-digest index thrashes (bm25 over 4,700 matches:
 * 24 ms CPU, with 64 MB: 12 ms).
 */
const CACHE_KIB = 65_536;
/**
 * Memory-mapped reads for the engine's connection. On this project's VMs a
 * page read through SQLite's read() path costs ~20 µs: scanning the 80 MB
 * of postings of a 10k-digest index took 380-430 ms cold and 58 ms warm,
 * mapped 93 and 10 ms; the bench's 210 searches went from p50 9.7 / p95
 * 26-28 ms to 8.1 / 20 ms. Pages read through the map are the OS's file
 * cache (shared, reclaimable), but they count in the process's RSS, and the
 * kernel maps neighbouring pages on each fault, so the window is capped:
 * 256 MiB covers a 10k-digest index (172 MB) whole and bounds the RSS it
 * adds on larger ones.
 */
const MMAP_BYTES = 256 * 1024 * 1024;

interface SectionAgg {
  rowid: number;
  ordinal: number;
  score: number;
  /** 0: every term matched exactly; 1: needed a prefix or typo expansion. */
  tier: number;
}

interface DigestAgg {
  /** The digest's catalog position (its record is made only for the page). */
  position: number;
  score: number;
  tier: number;
  count: number;
  top: SectionAgg[];
}

/** What a search matched, before paging. */
interface Matched {
  /** The page, in order. */
  page: DigestAgg[];
  total: number;
  totalSections: number;
  /** Positions (in the catalog) of every matching digest, for facets. */
  positions: ArrayLike<number>;
  /** Scored by bm25 (false: a date order, or too many matches to score). */
  ranked: boolean;
}

interface Paging {
  sort: SortOrder;
  offset: number;
  /** 0: no limit. */
  limit: number;
  /** Sections kept per digest (Infinity: all). */
  perDigest: number;
}

interface SectionRecord {
  id: string;
  heading: string;
  headingPath: string;
  text: string;
  digestId: number;
}

function validLimit(limit: number | undefined): number {
  return limit === undefined || !Number.isFinite(limit) || limit < 0 ? DEFAULT_LIMIT : Math.floor(limit);
}

function validOffset(offset: number | undefined): number {
  return offset === undefined || !Number.isFinite(offset) || offset < 0 ? 0 : Math.floor(offset);
}

function validSort(sort: SortOrder | undefined): SortOrder {
  return sort === 'newest' || sort === 'oldest' ? sort : 'relevance';
}

/** Better first: exact before expanded, higher score, then earlier in the digest. */
function compareSections(a: SectionAgg, b: SectionAgg): number {
  return a.tier - b.tier || b.score - a.score || a.ordinal - b.ordinal;
}

/** Document order, exact matches first. */
function compareSectionsByOrdinal(a: SectionAgg, b: SectionAgg): number {
  return a.tier - b.tier || a.ordinal - b.ordinal;
}

/** Inserts into a small best-first list capped at `cap`. */
function keepTop(list: SectionAgg[], item: SectionAgg, cap: number, cmp: (a: SectionAgg, b: SectionAgg) => number): void {
  if (list.length >= cap && cmp(item, list[list.length - 1]!) >= 0) return;
  let i = list.length;
  while (i > 0 && cmp(item, list[i - 1]!) < 0) i--;
  list.splice(i, 0, item);
  if (list.length > cap) list.pop();
}

/** Positions where counts[i] > 0, ascending. */
function matchingPositions(counts: Int32Array): Int32Array {
  let n = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i]! > 0) n++;
  const out = new Int32Array(n);
  let k = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i]! > 0) out[k++] = i;
  return out;
}

export class SearchEngine {
  private readonly vocab: FuzzyVocabulary;
  /** Unpacked section texts of the digests shown last (snippets). */
  private readonly texts: SectionTexts;
  private readonly statements = new Map<string, Statement>();
  private catalog: DigestCatalog | null = null;
  private stamp = '';
  private readonly sectionsPerDigest: number;
  private readonly relevanceLimit: number;
  private readonly rankScanLimit: number;

  constructor(
    private readonly db: Database,
    options: SearchEngineOptions = {},
  ) {
    this.vocab = new FuzzyVocabulary(db);
    this.texts = new SectionTexts(db);
    this.sectionsPerDigest = Math.max(1, options.sectionsPerDigest ?? 3);
    this.relevanceLimit = Math.max(0, options.relevanceLimit ?? RELEVANCE_LIMIT);
    this.rankScanLimit = Math.max(this.relevanceLimit, options.rankScanLimit ?? RANK_SCAN_FACTOR * this.relevanceLimit);
    // Never lowers a larger cache someone configured (negative = KiB, positive = pages).
    const cache = db.pragma('cache_size', { simple: true }) as number;
    const cacheKib = cache < 0 ? -cache : (cache * (db.pragma('page_size', { simple: true }) as number)) / 1024;
    if (cacheKib < CACHE_KIB) db.pragma(`cache_size = -${CACHE_KIB}`);
    if ((db.pragma('mmap_size', { simple: true }) as number) < MMAP_BYTES) db.pragma(`mmap_size = ${MMAP_BYTES}`);
  }

  /** Reads the typo vocabulary in the background, off the first query's path (see FuzzyVocabulary.preload). */
  warm(): void {
    this.vocab.preload();
  }

  /** Resolves when no background read of the typo vocabulary is pending (a lookup meanwhile would read it at once). */
  vocabularySettled(): Promise<void> {
    return this.vocab.settled();
  }

  /** Warming searches built from the newest digest of the catalog (warm-up.ts); empty for an empty index. */
  warmUpRequests(): SearchRequest[] {
    const catalog = this.getCatalog();
    const newest = catalog.newestOrder[0];
    if (newest === undefined) return [];
    const d = catalog.digest(newest);
    const text = readDigestBody(this.db, d.id) ?? '';
    return warmUpRequests({ title: d.title, text, tags: d.tags, date: d.date, folder: folderOf(d.path) });
  }

  /** The store changed: drop the catalog and vocabulary (they reload on the next search). */
  invalidate(): void {
    this.catalog = null;
    this.vocab.clear();
    this.texts.clear();
  }

  private stmt(sql: string): Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  /** Moves when another connection commits (PRAGMA data_version). */
  private dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  private currentStamp(): string {
    const changes = this.stmt('SELECT total_changes()').pluck().get() as number;
    const version = this.dataVersion();
    return `${changes}:${version}`;
  }

  private getCatalog(): DigestCatalog {
    const stamp = this.currentStamp();
    if (stamp !== this.stamp) {
      this.invalidate();
      this.stamp = stamp;
    }
    this.catalog ??= DigestCatalog.load(this.db);
    return this.catalog;
  }

  /**
   * Stores the catalog this engine loaded from SQL as the index's snapshot,
   * so that the next process to open the index skips the SQL load (see
   * DigestCatalog.persist: never waits for another writer). Only a catalog
   * already in memory and still current is stored: loading one just for this
   * cost 1.5 s and ~380 MB at 50k digests. Writing takes 60-180 ms at 10k
   * digests, so it is not done on a search: the service calls this when it
   * closes. Returns whether a snapshot was written.
   */
  persistCatalog(): boolean {
    const catalog = this.catalog;
    if (catalog === null || catalog.fromSnapshot || this.currentStamp() !== this.stamp) return false;
    if (DigestCatalog.snapshotIsCurrent(this.db)) return false;
    const version = this.dataVersion();
    const written = catalog.persist(this.db);
    // Our own write moved total_changes; unless another connection wrote meanwhile, the caches hold.
    if (written && this.dataVersion() === version) this.stamp = this.currentStamp();
    return written;
  }

  /**
   * Every rowid matching `match`, ascending. One comma-separated BLOB crosses
   * into JS and is decoded by hand: at 80k matches a row per match costs
   * 20 ms, a JSON array 16 ms (JSON.parse alone 9), this 9 (see
   * docs/ARCHITECTURE.md, "Search").
   */
  private rowidsOf(match: string): Int32Array {
    const blob = this.stmt("SELECT CAST(group_concat(rowid, ',') AS BLOB) FROM section_fts WHERE section_fts MATCH ?").pluck().get(match) as
      | Uint8Array
      | null;
    return decodeRowids(blob);
  }

  search(req: SearchRequest): SearchResponse {
    const started = performance.now();
    const catalog = this.getCatalog();
    const q = parseQuery(typeof req.query === 'string' ? req.query : '');
    const notices = [...q.notices];
    const filter = this.filterOf(q, req, notices);
    const perDigest = req.sectionsPerDigest === undefined ? this.sectionsPerDigest : req.sectionsPerDigest === 0 ? Infinity : req.sectionsPerDigest;
    const paging: Paging = { sort: validSort(req.sort), limit: validLimit(req.limit), offset: validOffset(req.offset), perDigest };

    const built = buildQuery(
      q,
      (word) => this.vocab.expand(word),
      (token) => this.vocab.hasLongerTerms(token),
    );
    let matched: Matched;
    try {
      if (built.full === null) {
        if (built.excluded !== null) notices.push('the query has only excluded words: listing the digests without them');
        matched = this.listDigests(catalog, filter, built.excluded, paging);
      } else {
        matched = this.matchDigests(catalog, filter, built, paging);
        if (paging.sort === 'relevance' && !matched.ranked) {
          notices.push(
            matched.totalSections > this.relevanceLimit
              ? `more than ${this.relevanceLimit.toLocaleString('en')} sections match: newest first instead of by relevance (add words to narrow the search)`
              : `more than ${this.rankScanLimit.toLocaleString('en')} sections match the words before the filters: newest first instead of by relevance (add words to narrow the search)`,
          );
        }
      }
    } catch (err) {
      // The builder quotes every token, so this means a bug or a damaged index; report, never throw.
      notices.push(`search failed: ${err instanceof Error ? err.message : String(err)}`);
      matched = { page: [], total: 0, totalSections: 0, positions: [], ranked: false };
    }

    const records = this.sectionRecords(matched.page.flatMap((agg) => agg.top.map((t) => t.rowid)));
    const results = matched.page.map((agg) => this.digestHit(catalog.digest(agg.position), agg, built.highlight, matched.ranked, records));
    return {
      total: matched.total,
      totalSections: matched.totalSections,
      tookMs: Math.round((performance.now() - started) * 100) / 100,
      results,
      facets: req.facets === false ? emptyFacets() : catalog.facets.count(matched.positions),
      notices,
      highlightTerms: built.highlightTerms,
    };
  }

  private filterOf(q: ParsedQuery, req: SearchRequest, notices: string[]): DigestFilter {
    let from = q.from;
    let to = q.to;
    const bound = (value: unknown, which: 'start' | 'end', name: string): string | null => {
      if (typeof value !== 'string' || value.trim() === '') return null;
      const d = parseDateBound(value, which);
      if (d === null) notices.push(`unrecognised date '${value}' in ${name}; ignored`);
      return d;
    };
    const reqFrom = bound(req.from, 'start', 'from');
    const reqTo = bound(req.to, 'end', 'to');
    if (reqFrom !== null && (from === null || reqFrom > from)) from = reqFrom;
    if (reqTo !== null && (to === null || reqTo < to)) to = reqTo;
    const reqTags = Array.isArray(req.tags) ? req.tags.filter((t): t is string => typeof t === 'string' && t.trim() !== '') : [];
    return {
      anyOrAllTags: reqTags.length > 0 ? { tags: reqTags.map((t) => normalizeText(t.trim())), mode: req.tagMode === 'all' ? 'all' : 'any' } : null,
      requiredTags: q.tags,
      excludedTags: q.excludedTags,
      from,
      to,
      folders: q.folders,
      excludedFolders: q.excludedFolders,
    };
  }

  /**
   * The page of matching digests in date order: walks the catalog's
   * precomputed date order and stops once the page is full. With `tiers`,
   * digests whose tier is 0 come first.
   */
  private datePage(catalog: DigestCatalog, counts: Int32Array, paging: Paging, tierOf: ((i: number) => number) | null): number[] {
    const order = paging.sort === 'oldest' ? catalog.oldestOrder : catalog.newestOrder;
    const end = paging.limit === 0 ? Infinity : paging.offset + paging.limit;
    const out: number[] = [];
    let seen = 0;
    for (const tier of tierOf === null ? [-1] : [0, 1]) {
      for (const i of order) {
        if (counts[i]! === 0 || (tier >= 0 && tierOf!(i) !== tier)) continue;
        if (seen >= end) return out;
        if (seen >= paging.offset) out.push(i);
        seen++;
      }
    }
    return out;
  }

  /** Digests that pass the filter, without text matching (lead section each). */
  private listDigests(catalog: DigestCatalog, filter: DigestFilter, excluded: string | null, paging: Paging): Matched {
    const pass = catalog.filterCheck(filter);
    const counts = new Int32Array(catalog.size);
    const without = new Uint8Array(catalog.size);
    if (excluded !== null) {
      for (const rowid of this.rowidsOf(excluded)) {
        const i = catalog.digestIndexOfSection(rowid);
        if (i >= 0) without[i] = 1;
      }
    }
    let total = 0;
    let totalSections = 0;
    for (let i = 0; i < catalog.size; i++) {
      if (without[i] === 1 || (pass !== null && !pass(i))) continue;
      const sections = catalog.sectionCountOf(i);
      counts[i] = Math.max(1, sections);
      total++;
      totalSections += sections;
    }
    const page = this.datePage(catalog, counts, paging, null).map((i): DigestAgg => {
      const d = catalog.digest(i);
      const top: SectionAgg[] = d.leadRowid === null ? [] : [{ rowid: d.leadRowid, ordinal: 0, score: 0, tier: 0 }];
      return { position: i, score: 0, tier: 0, count: d.sectionCount, top };
    });
    return { page, total, totalSections, positions: matchingPositions(counts), ranked: false };
  }

  /**
   * Matching sections grouped by digest. One cheap pass collects every
   * matching rowid into per-digest counts (totals, facets). bm25 needs each
   * section's stored length, one B-tree lookup per row, so relevance scoring
   * runs only when at most relevanceLimit sections match (and at most
   * rankScanLimit before the filters); otherwise (and for
   * date sorts) the page is cut from the catalog's date order, and only the
   * page's digests get their sections collected.
   */
  private matchDigests(catalog: DigestCatalog, filter: DigestFilter, built: BuiltQuery, paging: Paging): Matched {
    const full = built.full!;
    const pass = catalog.filterCheck(filter);
    const n = catalog.size;
    const counts = new Int32Array(n);
    const rowids = this.rowidsOf(full);
    const totalSections = catalog.countSections(rowids, counts, pass);
    let total = 0;
    for (let i = 0; i < n; i++) if (counts[i]! > 0) total++;
    const positions = matchingPositions(counts);

    // Sections (and digests) matched by the exact query, when expansions widened it.
    const exactRowids = built.exact !== null && built.exact !== full ? this.rowidsOf(built.exact) : null;
    const isExact = exactRowids === null ? null : rowidSet(exactRowids);
    const sectionTier = (rowid: number): number => (isExact === null || isExact(rowid) ? 0 : 1);
    let digestTier: ((i: number) => number) | null = null;
    if (exactRowids !== null) {
      const exactDigest = new Uint8Array(n);
      for (const rowid of exactRowids) {
        const i = catalog.digestIndexOfSection(rowid);
        if (i >= 0) exactDigest[i] = 1;
      }
      digestTier = (i) => (exactDigest[i] === 1 ? 0 : 1);
    }

    if (paging.sort === 'relevance' && totalSections <= this.relevanceLimit && rowids.length <= this.rankScanLimit) {
      const page = this.rankedPage(catalog, built, pass, sectionTier, paging);
      return { page, total, totalSections, positions, ranked: true };
    }

    const pageIdx = this.datePage(catalog, counts, paging, paging.sort === 'relevance' ? digestTier : null);
    const page = pageIdx.map((i): DigestAgg => {
      const agg: DigestAgg = { position: i, score: 0, tier: digestTier?.(i) ?? 0, count: counts[i]!, top: [] };
      const first = catalog.digest(i).firstSection;
      for (const rowid of catalog.sectionsIn(rowids, i)) {
        keepTop(agg.top, { rowid, ordinal: rowid - first, score: 0, tier: sectionTier(rowid) }, paging.perDigest, compareSectionsByOrdinal);
      }
      return agg;
    });
    return { page, total, totalSections, positions, ranked: false };
  }

  /** Scores every matching section with bm25 (few enough) and returns the page of digests by relevance. */
  private rankedPage(
    catalog: DigestCatalog,
    built: BuiltQuery,
    pass: ((i: number) => boolean) | null,
    sectionTier: (rowid: number) => number,
    paging: Paging,
  ): DigestAgg[] {
    const inPhrase = built.phrase === null ? null : rowidSet(this.rowidsOf(built.phrase));
    const rows = this.stmt('SELECT rowid, rank FROM section_fts WHERE section_fts MATCH ? AND rank MATCH ?')
      .raw()
      .all(built.full, RANK_FUNCTION) as [number, number][];
    const aggs = new Map<number, DigestAgg>();
    for (const [rowid, rank] of rows) {
      const i = catalog.digestIndexOfSection(rowid);
      if (i < 0 || (pass !== null && !pass(i))) continue;
      const tier = sectionTier(rowid);
      let score = -rank;
      if (inPhrase?.(rowid)) score *= PHRASE_BOOST;
      if (tier === 1) score *= EXPANDED_PENALTY;
      let agg = aggs.get(i);
      if (!agg) {
        agg = { position: i, score: 0, tier: 1, count: 0, top: [] };
        aggs.set(i, agg);
      }
      agg.count++;
      keepTop(agg.top, { rowid, ordinal: catalog.ordinalOfSection(rowid), score, tier }, paging.perDigest, compareSections);
    }
    const sorted = [...aggs.values()];
    for (const agg of sorted) {
      const best = agg.top[0]!;
      agg.tier = best.tier;
      agg.score = best.score * (1 + MULTI_SECTION_BONUS * Math.log2(agg.count));
    }
    sorted.sort((a, b) => a.tier - b.tier || b.score - a.score || (catalog.pathOf(a.position) < catalog.pathOf(b.position) ? -1 : 1));
    capExpandedScores(sorted);
    return paging.limit === 0 ? sorted.slice(paging.offset) : sorted.slice(paging.offset, paging.offset + paging.limit);
  }

  private sectionRecord(rowid: number): SectionRecord | null {
    return this.sectionRecords([rowid]).get(rowid) ?? null;
  }

  /** The sections of a page, by rowid, in one statement (a statement per section cost ~25 µs each, 60 per page). */
  private sectionRecords(rowids: readonly number[]): Map<number, SectionRecord> {
    const rows = this.stmt(
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

  private digestHit(
    d: CatalogDigest,
    agg: DigestAgg,
    highlight: readonly HighlightTerm[],
    ranked: boolean,
    records: Map<number, SectionRecord>,
  ): DigestHit {
    const sections: SectionHit[] = [];
    for (const s of agg.top) {
      const rec = records.get(s.rowid);
      if (!rec) continue;
      const { snippet, ranges } = makeSnippet(rec.text, highlight);
      sections.push({ id: rec.id, heading: rec.heading, headingPath: rec.headingPath, snippet, ranges, score: round(s.score) });
    }
    return {
      path: d.path,
      title: d.title,
      date: d.date,
      week: d.week,
      tags: [...d.tags],
      score: ranked ? round(agg.score) : 0,
      sections,
      sectionCount: agg.count,
    };
  }

  /**
   * Sections of other digests that share this section's most distinctive
   * words and CJK bigrams (tf x idf from the index vocabulary), best first,
   * at most one per digest.
   */
  related(sectionId: string, limit = 5): RelatedSection[] {
    const catalog = this.getCatalog();
    const row = this.stmt('SELECT rowid FROM section WHERE id = ?').pluck().get(sectionId) as number | undefined;
    const source = row === undefined ? null : this.sectionRecord(row);
    const max = Number.isFinite(limit) && limit > 0 ? Math.min(Math.floor(limit), 100) : 5;
    if (!source) return [];
    const terms = this.distinctiveTerms(`${source.headingPath} ${source.text}`, catalog);
    if (terms.length === 0) return [];
    const match = terms.map((t) => `"${t}"`).join(' OR ');
    const sourceIndex = catalog.digestIndexOfSection(row!);
    const sameDigest = sourceIndex < 0 ? 0 : catalog.sectionCountOf(sourceIndex);
    const rows = this.stmt('SELECT rowid, rank FROM section_fts WHERE section_fts MATCH ? AND rank MATCH ? ORDER BY rank LIMIT ?')
      .raw()
      .all(match, RANK_FUNCTION, max * 8 + sameDigest) as [number, number][];
    const highlight: HighlightTerm[] = terms.map((t) => ({ parts: [{ kind: isCjkChar(Array.from(t)[0]!) ? 'cjk' : 'word', text: t }], prefixLast: false }));
    const out: RelatedSection[] = [];
    const seen = new Set<number>([sourceIndex]);
    for (const [rowid, rank] of rows) {
      if (out.length >= max) break;
      const i = catalog.digestIndexOfSection(rowid);
      if (i < 0 || seen.has(i)) continue;
      const d = catalog.digest(i);
      seen.add(i);
      const rec = this.sectionRecord(rowid);
      if (!rec) continue;
      out.push({
        id: rec.id,
        path: d.path,
        title: d.title,
        date: d.date,
        heading: rec.heading,
        headingPath: rec.headingPath,
        snippet: makeSnippet(rec.text, highlight).snippet,
        score: round(-rank),
      });
    }
    return out;
  }

  /** Up to 12 terms of `text` by tf x idf, skipping numbers, single characters and very common terms. */
  private distinctiveTerms(text: string, catalog: DigestCatalog): string[] {
    const tf = new Map<string, number>();
    for (const t of indexTokens(text)) {
      if (Array.from(t).length < 2 || /^[\d._]+$/.test(t)) continue;
      tf.set(t, (tf.get(t) ?? 0) + 1);
    }
    const n = catalog.sectionTotal;
    if (n === 0) return [];
    ensureVocabTable(this.db);
    const df = this.stmt(`SELECT doc FROM ${VOCAB_TABLE} WHERE term = ?`).pluck();
    // Each document-frequency lookup walks that term's postings, so only the most frequent 60 terms are weighed.
    const candidates = [...tf].sort((a, b) => b[1] - a[1]).slice(0, 60);
    const scored: [string, number][] = [];
    for (const [term, count] of candidates) {
      const docs = (df.get(term) as number | undefined) ?? 0;
      // A term only this section has relates to nothing; a term in a fifth of all sections says little.
      if (docs < 2 || docs > Math.max(2, n * 0.2)) continue;
      scored.push([term, count * Math.log(n / docs)]);
    }
    scored.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    return scored.slice(0, 12).map(([t]) => t);
  }
}

/**
 * Expanded (prefix/typo) hits come after every exact hit; keep their scores
 * below the lowest exact score too, so that scores agree with the order.
 */
function capExpandedScores(sorted: DigestAgg[]): void {
  let floor = Infinity;
  for (const a of sorted) {
    if (a.tier === 0) floor = a.score;
    else if (floor !== Infinity) a.score = Math.min(a.score, floor * EXPANDED_PENALTY);
  }
}

/** Decodes "12,13,40" (ASCII digits and commas, as group_concat writes rowids) into integers. */
export function decodeRowids(blob: Uint8Array | null): Int32Array {
  if (blob === null || blob.length === 0) return new Int32Array(0);
  let count = 1;
  for (let i = 0; i < blob.length; i++) if (blob[i] === 44) count++;
  const out = new Int32Array(count);
  let value = 0;
  let k = 0;
  for (let i = 0; i < blob.length; i++) {
    const c = blob[i]!;
    if (c === 44) {
      out[k++] = value;
      value = 0;
    } else {
      value = value * 10 + (c - 48);
    }
  }
  out[k] = value;
  return out;
}

/** Membership of rowids: a byte per rowid while they are dense enough, else a Set. */
function rowidSet(rowids: Int32Array): (rowid: number) => boolean {
  let max = 0;
  for (const r of rowids) if (r > max) max = r;
  if (max <= 64 * rowids.length + 65_536) {
    const marks = new Uint8Array(max + 1);
    for (const r of rowids) marks[r] = 1;
    return (rowid) => rowid <= max && marks[rowid] === 1;
  }
  const set = new Set(rowids);
  return (rowid) => set.has(rowid);
}

function round(score: number): number {
  return Math.round(score * 1e4) / 1e4;
}
