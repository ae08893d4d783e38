/**
 * The rubric bench/judgments was graded by (docs/SEARCH-QUALITY.md), so that
 * a judged set can be made again, or for a new vault, and read in review:
 * a digest is worth 2 when the query is its subject (in its title, in a
 * topical heading) or comes up at least three times in its text, 1 when it
 * is mentioned once or twice, 0 otherwise. Text in the lines the vault
 * repeats in most issues (corpus.ts) does not count, and a heading most
 * issues carry ("Rust 项目", "📱 React-Native") names a standing column,
 * not a topic: a mention there counts as text. A query of several words
 * (consecutive Latin words are one phrase) grades each and keeps the lowest:
 * every word must be there.
 *
 * It counts substrings on the parsed text (CJK) or whole words (Latin), by
 * rules of its own: it shares nothing with the engine it judges.
 */
import { normalizeText } from '../../src/core/text/tokenize.js';
import { countKeys, keysInShare, lineKey, type Corpus, type CorpusDigest } from './corpus.js';
import type { Judgments } from './metrics.js';

/** Share of a vault's digests from which a heading is a standing column. */
const STANDING_HEADING_SHARE = 0.2;
/** Mentions in the text that make a digest about the query. */
const MANY_MENTIONS = 3;

const LINK = /https?:\/\/\S+/g;

function countOf(hay: string, needle: string): number {
  let n = 0;
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** Occurrences of a normalised term in `text`: CJK as substrings, Latin as whole words ("server components" also as "server-components", "ServerComponents"). */
export function occurrences(text: string, term: string): number {
  const t = normalizeText(text.replace(LINK, ' '));
  if (/^\p{Script=Han}+$/u.test(term)) return countOf(t, term);
  const body = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[\\s-]*');
  // 'i' as when bench/judgments was graded; NFKC lower case has folded nearly everything already.
  return (t.match(new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'giu')) ?? []).length;
}

function gradeTerm(d: CorpusDigest, term: string, repeated: ReadonlySet<string>, standing: (heading: string) => boolean): number {
  const subject = occurrences(d.title, term) + d.headings.filter((h) => !standing(h)).reduce((n, h) => n + occurrences(h, term), 0);
  if (subject > 0) return 2;
  const inColumns = d.headings.filter(standing).reduce((n, h) => n + occurrences(h, term), 0);
  const inText = inColumns + d.lines.filter((l) => !repeated.has(lineKey(l))).reduce((n, l) => n + occurrences(l, term), 0);
  return inText >= MANY_MENTIONS ? 2 : inText > 0 ? 1 : 0;
}

const hasHan = (word: string): boolean => /\p{Script=Han}/u.test(word);

/** The query's words, consecutive Latin words kept as one phrase: "React Compiler", "Python 爬虫" -> python, 爬虫. */
export function termsOf(query: string): string[] {
  const terms: string[] = [];
  for (const word of query.split(/\s+/).filter((w) => w !== '')) {
    const last = terms.length - 1;
    if (last >= 0 && !hasHan(word) && !hasHan(terms[last]!)) terms[last] += ` ${word}`;
    else terms.push(word);
  }
  return terms;
}

/** The graded digests of `query` (grade 0 left out), by vault path, best first. */
export function gradeQuery(corpus: Corpus, query: string): Judgments {
  const headingCounts = new Map<string, number>();
  for (const d of corpus.digests) countKeys(headingCounts, d.headings, 0);
  const standingKeys = keysInShare(headingCounts, STANDING_HEADING_SHARE, corpus.digests.length);
  const standing = (h: string): boolean => standingKeys.has(lineKey(h));
  const terms = termsOf(query);
  const graded: [string, number][] = [];
  for (const d of corpus.digests) {
    const grade = Math.min(...terms.map((t) => gradeTerm(d, normalizeText(t), corpus.repeatedLines, standing)));
    if (grade > 0) graded.push([d.path, grade]);
  }
  // Best first, then by path: the order the committed files list them in.
  return Object.fromEntries(graded.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
}
