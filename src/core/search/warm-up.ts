/**
 * Warming searches: what the service runs once it is idle after opening an
 * index, so that the user's first searches do not pay for V8 compiling the
 * search path: a fresh process answers the same queries on the same pages
 * markedly slower on its first pass than later - the difference is the JIT,
 * not I/O (docs/PERFORMANCE.md, "Warming searches"). Search servers do the same (Solr's firstSearcher warming queries).
 *
 * The queries come from the index's own text - the newest digest's words -
 * so that every shape of query the UI sends runs against real postings: a
 * CJK bigram and a longer CJK run (an FTS5 phrase), a Latin word, its prefix
 * and a typo of it (the vocabulary paths), words combined and excluded, a
 * quoted phrase, tag and date filters, newest-first order, and facets.
 * Frequent words match thousands of sections, which the engine pages by
 * date; relevance ranking (bm25 with the phrase boost) runs only on smaller
 * result sets, so a few queries use a longer CJK run or a rarer word of the
 * digest, which match few sections (without them the first ranked phrase
 * query of a session paid for compiling that path).
 *
 * A hostile vault must not turn warming into work of its own: the sample is
 * the newest of the few newest digests whose text is of a digest's usual size
 * (WARM_UP_MAX_TEXT_CHARS), only the start of its text is read, and terms,
 * tags and folders longer than a query would hold are left out. The service
 * caps the time the searches may take (service/warmer.ts).
 */
import type { SearchRequest } from '../../shared/api.js';
import { normalizeText, splitRuns } from '../text/tokenize.js';

/** A digest whose text is longer is not a sample: a megabyte line or a huge table is no user's typical search. */
export const WARM_UP_MAX_TEXT_CHARS = 300_000;
/** How many of the newest digests may be tried for a sample. */
export const WARM_UP_CANDIDATES = 8;
/** Characters of the sample's text (and title) the queries are made from. */
const SAMPLE_CHARS = 50_000;
/** Longest Latin word used in a warming query, and longest tag or folder. */
const MAX_TERM_CHARS = 40;
const MAX_FILTER_CHARS = 100;
const WORD = new RegExp(`^\\p{L}{6,${MAX_TERM_CHARS}}$`, 'u');
/** A tag or folder usable in a query: no spaces or quotes (the query language would split them), not too long. */
const QUERYABLE = new RegExp(`^[^\\s"']{1,${MAX_FILTER_CHARS}}$`, 'u');

/** What the warming queries are made from: one digest's title, text, tags, date and folder. */
export interface WarmUpSample {
  title: string;
  text: string;
  tags: readonly string[];
  date: string | null;
  /** Vault-relative folder of the digest ('' at the top). */
  folder: string;
}

/** The most frequent of `items` (the first seen on a tie); undefined when empty. */
function mostFrequent(items: Iterable<string>): string | undefined {
  const counts = new Map<string, number>();
  let best: string | undefined;
  let bestCount = 0;
  for (const item of items) {
    const n = (counts.get(item) ?? 0) + 1;
    counts.set(item, n);
    if (n > bestCount) {
      best = item;
      bestCount = n;
    }
  }
  return best;
}

function* substrings(runs: readonly string[], length: number): Generator<string> {
  for (const run of runs) {
    const chars = Array.from(run);
    for (let i = 0; i + length <= chars.length; i++) yield chars.slice(i, i + length).join('');
  }
}

/** The least frequent of `items` (the first seen on a tie); undefined when empty. */
function leastFrequent(items: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  let best: string | undefined;
  let bestCount = Infinity;
  for (const [item, n] of counts) {
    if (n < bestCount) {
      best = item;
      bestCount = n;
    }
  }
  return best;
}

/** The first six characters of the two longest CJK runs of at least four: phrases few sections contain. */
function longPhrases(cjk: readonly string[]): string[] {
  const runs = cjk.map((r) => Array.from(r)).filter((chars) => chars.length >= 4);
  runs.sort((a, b) => b.length - a.length);
  const out: string[] = [];
  for (const chars of runs) {
    const phrase = chars.slice(0, 6).join('');
    if (!out.includes(phrase)) out.push(phrase);
    if (out.length === 2) break;
  }
  return out;
}

/** The word without its middle letter: a typo at edit distance 1. */
function typoOf(word: string): string {
  const i = Math.floor(word.length / 2);
  return word.slice(0, i) + word.slice(i + 1);
}

/** A tag usable in a query (see QUERYABLE). */
function queryableTag(tags: readonly string[]): string | undefined {
  return tags.find((t) => QUERYABLE.test(t));
}

/**
 * The warming requests for a sample: each a first page with facets, as the UI
 * asks. Empty when the sample has no words. Shapes the sample cannot supply
 * (no CJK text, no tags, no date) are left out.
 */
export function warmUpRequests(sample: WarmUpSample): SearchRequest[] {
  const runs = splitRuns(normalizeText(sample.text.slice(0, SAMPLE_CHARS)));
  const cjk = runs.filter((r) => r.kind === 'cjk').map((r) => r.text);
  const words = runs.filter((r) => r.kind === 'word' && WORD.test(r.text)).map((r) => r.text);
  const bigram = mostFrequent(substrings(cjk, 2));
  const trigram = mostFrequent(substrings(cjk, 3));
  const otherBigram = mostFrequent([...substrings(cjk, 2)].filter((b) => b !== bigram && !trigram?.includes(b)));
  const word = mostFrequent(words);
  const otherWord = mostFrequent(words.filter((w) => w !== word));
  const rareWord = leastFrequent(words.filter((w) => w !== word && w !== otherWord));
  const [longPhrase, otherLongPhrase] = longPhrases(cjk);
  const tag = queryableTag(sample.tags);
  const date = sample.date;
  const folder = QUERYABLE.test(sample.folder) ? sample.folder : undefined;
  const term = bigram ?? word;
  const titleRuns = splitRuns(normalizeText(sample.title.slice(0, SAMPLE_CHARS)));
  const titleTerm =
    mostFrequent(substrings(titleRuns.filter((r) => r.kind === 'cjk').map((r) => r.text), 2)) ??
    titleRuns.find((r) => r.kind === 'word' && r.text.length <= MAX_TERM_CHARS && /^\p{L}+$/u.test(r.text))?.text;

  const queries: Omit<SearchRequest, 'facets' | 'limit'>[] = [];
  const add = (query: string | false | null | undefined, more: Omit<SearchRequest, 'query' | 'facets' | 'limit'> = {}): void => {
    if (query) queries.push({ query, ...more });
  };
  // Words: CJK bigram, CJK phrase, Latin word, prefix, typo, combined, excluded, OR, quoted.
  add(bigram);
  add(trigram);
  add(trigram && `"${trigram}"`, { sort: 'newest' });
  add(bigram && otherBigram && `${bigram} ${otherBigram}`);
  add(word);
  add(word && word.slice(0, 4));
  add(word && typoOf(word));
  add(bigram && word && `${bigram} ${word}`);
  add(bigram && trigram && trigram !== bigram && `${bigram} -${trigram}`);
  add(word && otherWord && `${word} OR ${otherWord}`, { sort: 'oldest' });
  add(word && otherWord && `"${word} ${otherWord}"`);
  // Rarer terms, for the ranked path: a quoted CJK phrase, CJK and Latin words combined (phrase boost).
  add(longPhrase && `"${longPhrase}"`);
  add(bigram && longPhrase && `${bigram} ${longPhrase}`);
  add(otherLongPhrase && word && `${otherLongPhrase} ${word}`);
  add(rareWord && word && `${rareWord} ${word}`);
  // Fields and filters, alone and with words; a second page.
  add(titleTerm && `title:${titleTerm}`);
  add(bigram && `heading:${bigram}`);
  add(term && tag && `tag:${tag} ${term}`, { sort: 'newest' });
  add(term && date && `date:${date.slice(0, 4)} ${term}`);
  add(term && date && `after:${date.slice(0, 7)} ${term}`);
  add(term && date && `before:${date} ${term}`, { offset: 20 });
  add(term && folder && `in:${folder} ${term}`);
  add(tag && `tag:${tag}`);
  return queries.map((q) => ({ sort: 'relevance', offset: 0, ...q, facets: true, limit: 20 }));
}
