/**
 * Typo tolerance: expands a Latin query word into the real words of the index
 * that are within a small edit distance. The vocabulary comes from FTS5's own
 * term list (an fts5vocab table over section_fts) and is held in MiniSearch's
 * radix tree (SearchableMap), whose fuzzyGet is the fast part of MiniSearch we
 * need. Every non-CJK term is loaded (words, numbers, versions); only
 * alphabetic words are typo-expanded, and a word the index already holds in
 * COMMON_WORD_SECTIONS or more sections is taken as spelled right (its typo
 * variants would only add a slower OR group ranked after it). The same map
 * tells the query builder when a word typed last has no longer completion in
 * the index, so its prefix query can be an exact one.
 *
 * Loaded synchronously on the first fuzzy lookup, unless preload() read it
 * in the background before (the service asks for that once it is idle after
 * opening). After that, clear() (the
 * index changed) only marks the map stale: lookups keep answering from it
 * while a refresh reads the vocabulary again off the hot path - a page of
 * terms at a time by term range, with a setImmediate yield between pages
 * (a full read grows with the index and would block the process that
 * serves the UI; docs/PERFORMANCE.md, "Typo vocabulary") - and swaps the new map in when complete. No statement
 * stays open across a yield (the connection also writes), and a clear()
 * during a refresh restarts it.
 */
import type { Database } from 'better-sqlite3';
import SearchableMap from 'minisearch/SearchableMap';

/** The temp fts5vocab table (one row per term: term, doc, cnt). */
export const VOCAB_TABLE = 'temp.section_vocab';

/**
 * A word in at least this many sections is not typo-expanded. At 10k digests
 * expanding "nvidia" (24k sections) doubled the FTS5 work of the query for
 * hits that always rank after the exact ones.
 */
export const COMMON_WORD_SECTIONS = 20;

/** Letters only: numbers and version strings (2026, 5.3, k2.5) are never typo-expanded. */
const ALPHA_WORD = /^\p{L}+$/u;

/** Terms that sort below this code point are the non-CJK ones (UTF-8 order = code point order). */
const FIRST_CJK = '\u2e80';

/**
 * Terms read per refresh page. fts5vocab reads each term's whole doclist to
 * count its documents, and seeks per page: a page must stay short even
 * where common words have long doclists.
 */
const DEFAULT_PAGE_SIZE = 64;

/** Expansions kept per query word (the closest and most frequent first). */
const MAX_EXPANSIONS = 8;

/** Maximum edit distance for a query word: 0 under 4 letters, 1 for 4-7, 2 from 8. */
export function maxEditDistance(word: string): number {
  if (!ALPHA_WORD.test(word)) return 0;
  const n = Array.from(word).length;
  if (n < 4) return 0;
  return n < 8 ? 1 : 2;
}

/** Creates the fts5vocab table on this connection (idempotent). */
export function ensureVocabTable(db: Database): void {
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS ${VOCAB_TABLE} USING fts5vocab(main, section_fts, row)`);
}

export interface FuzzyVocabularyOptions {
  /** Terms read per refresh page. Default 64. */
  pageSize?: number;
}

type VocabRow = [term: string, doc: number];

export class FuzzyVocabulary {
  private map: SearchableMap<number> | null = null;
  /** Bumped by every clear(); a refresh that sees it change starts over. */
  private generation = 0;
  /** The generation `map` was read at. */
  private mapGeneration = 0;
  private refreshing: Promise<void> | null = null;
  private readonly pageSize: number;

  constructor(
    private readonly db: Database,
    options: FuzzyVocabularyOptions = {},
  ) {
    this.pageSize = Math.max(1, options.pageSize ?? DEFAULT_PAGE_SIZE);
  }

  /** The index changed: keep answering from the loaded words and read them again in the background. */
  clear(): void {
    this.generation++;
    if (this.map !== null) this.refreshing ??= this.refresh();
  }

  /**
   * Starts reading the words in the background, a page at a time, so that
   * the first typo lookup does not block for the whole read. A lookup before the read finished still loads at once.
   */
  preload(): void {
    if (this.map === null) this.refreshing ??= this.refresh();
  }

  /** Resolves when no refresh is pending (the words are current unless the read failed). */
  async settled(): Promise<void> {
    while (this.refreshing) await this.refreshing;
  }

  /** The loaded words are older than the last clear() (a refresh is pending or failed). */
  get stale(): boolean {
    return this.map !== null && this.mapGeneration !== this.generation;
  }

  /** Up to `limit` (-1: all) non-CJK terms after `after`, read to the end before returning. */
  private page(after: string, limit: number): VocabRow[] {
    ensureVocabTable(this.db);
    return this.db
      .prepare(`SELECT term, doc FROM ${VOCAB_TABLE} WHERE term > ? AND term < ? ORDER BY term LIMIT ?`)
      .raw()
      .all(after, FIRST_CJK, limit) as VocabRow[];
  }

  private static add(map: SearchableMap<number>, rows: readonly VocabRow[]): void {
    for (const [term, doc] of rows) {
      if (doc > 0) map.set(term, doc);
    }
  }

  /** The first load: nothing to answer from yet, so it reads everything at once. */
  private loadNow(): SearchableMap<number> {
    const map = new SearchableMap<number>();
    FuzzyVocabulary.add(map, this.page('', -1));
    this.mapGeneration = this.generation;
    return map;
  }

  private async refresh(): Promise<void> {
    try {
      for (;;) {
        const generation = this.generation;
        const map = new SearchableMap<number>();
        let after = '';
        let restarted = false;
        for (;;) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          if (!this.db.open) return; // the index was closed: nothing left to serve
          if (this.generation !== generation) {
            restarted = true;
            break;
          }
          const rows = this.page(after, this.pageSize);
          FuzzyVocabulary.add(map, rows);
          if (rows.length < this.pageSize) break;
          after = rows[rows.length - 1]![0];
        }
        if (restarted) continue;
        this.map = map;
        this.mapGeneration = generation;
        return;
      }
    } catch {
      // The old words keep answering; the next clear() tries again.
    } finally {
      this.refreshing = null;
    }
  }

  /**
   * Index words within the edit distance of `word` (normalised, lower case),
   * the word itself excluded; closest first, then the most frequent. Never
   * waits for a refresh.
   */
  expand(word: string): string[] {
    const distance = maxEditDistance(word);
    if (distance === 0) return [];
    this.map ??= this.loadNow();
    if ((this.map.get(word) ?? 0) >= COMMON_WORD_SECTIONS) return [];
    const found = [...this.map.fuzzyGet(word, distance)]
      .filter(([term, [, d]]) => d > 0 && term !== word && ALPHA_WORD.test(term))
      .sort((a, b) => a[1][1] - b[1][1] || b[1][0] - a[1][0] || (a[0] < b[0] ? -1 : 1));
    return found.slice(0, MAX_EXPANSIONS).map(([term]) => term);
  }

  /**
   * Whether the index holds a term that starts with `token` and is longer
   * (a Latin word or number typed last, normalised). False lets its prefix
   * query become an exact one. Answers true (keep the prefix) until the
   * vocabulary was loaded by a typo lookup, and for terms added since the
   * last refresh it may say false for a moment.
   */
  hasLongerTerms(token: string): boolean {
    if (this.map === null || token === '' || token >= FIRST_CJK) return true;
    for (const [term] of this.map.atPrefix(token)) if (term !== token) return true;
    return false;
  }
}
