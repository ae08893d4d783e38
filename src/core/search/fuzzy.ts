/**
 * Typo tolerance: expands a Latin query word into the real words of the index
 * that are within a small edit distance. The vocabulary comes from FTS5's own
 * term list (an fts5vocab table over section_fts) and is held in MiniSearch's
 * radix tree (SearchableMap), whose fuzzyGet is the fast part of MiniSearch we
 * need. Built lazily on the first fuzzy lookup and dropped by clear(); only
 * alphabetic words are loaded (CJK bigrams and numbers are never expanded), so
 * the build stays cheap.
 */
import type { Database } from 'better-sqlite3';
import SearchableMap from 'minisearch/SearchableMap';

/** The temp fts5vocab table (one row per term: term, doc, cnt). */
export const VOCAB_TABLE = 'temp.section_vocab';

/** Letters only: numbers and version strings (2026, 5.3, k2.5) are never typo-expanded. */
const ALPHA_WORD = /^\p{L}+$/u;

/** Terms that sort below this code point are the non-CJK ones (UTF-8 order = code point order). */
const FIRST_CJK = '\u2e80';

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

export class FuzzyVocabulary {
  private map: SearchableMap<number> | null = null;

  constructor(private readonly db: Database) {}

  /** Drops the loaded vocabulary (the index changed). */
  clear(): void {
    this.map = null;
  }

  private load(): SearchableMap<number> {
    ensureVocabTable(this.db);
    const map = new SearchableMap<number>();
    const rows = this.db
      .prepare(`SELECT term, doc FROM ${VOCAB_TABLE} WHERE term < ?`)
      .raw()
      .iterate(FIRST_CJK) as IterableIterator<[string, number]>;
    for (const [term, doc] of rows) {
      if (doc > 0 && ALPHA_WORD.test(term)) map.set(term, doc);
    }
    return map;
  }

  /**
   * Index words within the edit distance of `word` (normalised, lower case),
   * the word itself excluded; closest first, then the most frequent.
   */
  expand(word: string): string[] {
    const distance = maxEditDistance(word);
    if (distance === 0) return [];
    this.map ??= this.load();
    const found = [...this.map.fuzzyGet(word, distance)]
      .filter(([term, [, d]]) => d > 0 && term !== word)
      .sort((a, b) => a[1][1] - b[1][1] || b[1][0] - a[1][0] || (a[0] < b[0] ? -1 : 1));
    return found.slice(0, MAX_EXPANSIONS).map(([term]) => term);
  }
}
