/**
 * The fixed query set of a real-text corpus, drawn from its own words so that
 * every corpus is searched for what it says: frequent and mid-frequency CJK
 * bigrams and trigrams and Latin words (by the number of digests holding
 * them), phrases cut from its sentences, prefixes and typos of its words, and
 * filters on its own tags, dates and folders. Seeded: the same corpus and
 * seed always give the same queries, in the kinds of bench/queries.ts.
 */
import { metadataFields } from '../../src/core/parse/fields.js';
import { readMetadata } from '../../src/core/parse/metadata/read-metadata.js';
import type { SortOrder } from '../../src/shared/api.js';
import type { BenchQuery, QueryKind } from '../queries.js';
import { Rng } from '../rng.js';
import type { SourceCorpus } from './replicate.js';

/** What the filters may name: the replicated vault's dates and folders. */
export interface QueryContext {
  dates: { p30: string | null; p70: string | null; years: Record<string, number> };
  folders: string[];
}

const MAX_DOCS = 1_500;
const FREQUENT = 30;
/** Characters that begin or end far more n-grams than words (particles, pronouns, measure words). */
const CJK_STOP = new Set('的了是在和也就都而及与这那个我你他她它们之其为以于不有对从把被让给等吗呢吧啊着过地得所此并但或又还很将到说一'.split(''));
const EN_STOP = new Set(
  'the and for with that this from are was were you your have has had not but all can will one our out more about into than then them they their there what when which who how its also just like use new get some any may other over only such these those been being would could should here where why http https www com html png jpg org via per'.split(' '),
);
const HAN_RUN_RE = /\p{Script=Han}+/gu;
const LATIN_WORD_RE = /(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9]{2,19}(?![A-Za-z0-9])/g;
const LATIN_PAIR_RE = /(?<![A-Za-z0-9])([A-Za-z]{3,15}) ([A-Za-z]{3,15})(?![A-Za-z0-9])/g;
const SAFE_TAG_RE = /^[^\s:"'()-][^\s:"'()]*$/;

interface Doc {
  tags: string[];
  titleTerms: string[];
  /** A few CJK runs of six characters or more, and a few Latin words and n-grams, for phrases and mixed queries. */
  runs: string[];
  latin: string[];
  grams: string[];
}

/** Document frequency of terms, and the commonest spelling of each (Latin words compare in lower case). */
class Counts {
  readonly df = new Map<string, number>();
  private readonly spelling = new Map<string, Map<string, number>>();

  addDoc(terms: Iterable<string>): void {
    const seen = new Set<string>();
    for (const t of terms) {
      const key = t.toLowerCase();
      const s = this.spelling.get(key) ?? new Map<string, number>();
      s.set(t, (s.get(t) ?? 0) + 1);
      this.spelling.set(key, s);
      seen.add(key);
    }
    for (const key of seen) this.df.set(key, (this.df.get(key) ?? 0) + 1);
  }

  spell(key: string): string {
    const s = [...(this.spelling.get(key) ?? new Map<string, number>())].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    return s[0]?.[0] ?? key;
  }

  /** The commonest terms, and those held by 0.5-5% of the digests (at least 2). */
  bands(docs: number, accept: (term: string) => boolean = () => true): { frequent: string[]; mid: string[] } {
    const ranked = [...this.df].filter(([k, n]) => n >= 2 && accept(k)).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const frequent = ranked.slice(0, FREQUENT).map(([k]) => this.spell(k));
    let mid = ranked.filter(([, n]) => n >= Math.max(2, docs * 0.005) && n <= docs * 0.05).map(([k]) => this.spell(k));
    if (mid.length === 0) mid = ranked.slice(FREQUENT, FREQUENT * 10).map(([k]) => this.spell(k));
    return { frequent, mid };
  }
}

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const wordCache = new Map<string, boolean>();

/** True when the n-gram is one word to the segmenter (开源, 二维码), not a seam between two (页应). */
function isCjkWord(gram: string): boolean {
  let word = wordCache.get(gram);
  if (word === undefined) {
    const segments = [...segmenter.segment(gram)];
    word = segments.length === 1 && segments[0]!.isWordLike === true;
    wordCache.set(gram, word);
  }
  return word;
}

function clean(body: string): string {
  return body
    .replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, ' ')
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/\]\([^)]*\)/g, '] ')
    .replace(/<[^>\n]*>/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ');
}

function cjkGrams(run: string, n: number): string[] {
  const chars = [...run];
  const out: string[] = [];
  for (let i = 0; i + n <= chars.length; i++) {
    const gram = chars.slice(i, i + n);
    if (!CJK_STOP.has(gram[0] as string) && !CJK_STOP.has(gram[n - 1] as string)) out.push(gram.join(''));
  }
  return out;
}

const latinWords = (text: string): string[] => (text.match(LATIN_WORD_RE) ?? []).filter((w) => !EN_STOP.has(w.toLowerCase()) && !/^\d/.test(w));

interface Vocabulary {
  docs: Doc[];
  bigrams: Counts;
  trigrams: Counts;
  words: Counts;
  pairs: Counts;
  tags: Counts;
  titles: Counts;
}

function readVocabulary(corpora: readonly SourceCorpus[], rng: Rng): Vocabulary {
  const texts = corpora.flatMap((c) => c.files.map((f) => f.text).filter((t): t is string => t !== null));
  const chosen = texts.length > MAX_DOCS ? rng.sample(texts, MAX_DOCS) : texts;
  const v: Vocabulary = { docs: [], bigrams: new Counts(), trigrams: new Counts(), words: new Counts(), pairs: new Counts(), tags: new Counts(), titles: new Counts() };
  for (const raw of chosen) {
    const meta = readMetadata(raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'));
    const fields = metadataFields(meta);
    const body = clean(meta.body);
    const runs = body.match(HAN_RUN_RE) ?? [];
    const bigrams = runs.flatMap((r) => cjkGrams(r, 2));
    const words = latinWords(body);
    v.bigrams.addDoc(bigrams);
    v.trigrams.addDoc(runs.flatMap((r) => cjkGrams(r, 3)));
    v.words.addDoc(words);
    v.pairs.addDoc([...body.matchAll(LATIN_PAIR_RE)].filter((m) => !EN_STOP.has(m[1]!.toLowerCase()) && !EN_STOP.has(m[2]!.toLowerCase())).map((m) => m[0]));
    const tags = fields.tags.filter((t) => SAFE_TAG_RE.test(t));
    v.tags.addDoc(tags);
    const title = fields.title ?? '';
    const titleTerms = [...(title.match(HAN_RUN_RE) ?? []).flatMap((r) => cjkGrams(r, 2)), ...latinWords(title)];
    v.titles.addDoc(titleTerms);
    v.docs.push({ tags, titleTerms, runs: runs.filter((r) => [...r].length >= 6).slice(0, 20), latin: words.slice(0, 40), grams: bigrams.slice(0, 40) });
  }
  return v;
}

/** A phrase of whole words, 4-8 characters, cut from a real run of CJK text (a few tries). */
function cjkPhrase(rng: Rng, docs: readonly Doc[]): string | undefined {
  const withRuns = docs.filter((d) => d.runs.length > 0);
  for (let attempt = 0; attempt < 10 && withRuns.length > 0; attempt++) {
    const words = [...segmenter.segment(rng.pick(rng.pick(withRuns).runs))].map((s) => s.segment);
    let phrase = '';
    for (let i = rng.int(0, words.length - 1); i < words.length && [...phrase].length < 4; i++) phrase += words[i];
    const chars = [...phrase];
    if (chars.length >= 4 && chars.length <= 8) return phrase;
  }
  return undefined;
}

/** A Latin word and a CJK bigram of one digest, both common in the corpus. */
function mixedPair(rng: Rng, v: Vocabulary, common: { words: Set<string>; grams: Set<string> }): [string, string] | undefined {
  const candidates = v.docs.filter((d) => d.latin.some((w) => common.words.has(w.toLowerCase())) && d.grams.some((g) => common.grams.has(g)));
  if (candidates.length === 0) return undefined;
  const doc = rng.pick(candidates);
  return [rng.pick(doc.latin.filter((w) => common.words.has(w.toLowerCase()))), rng.pick(doc.grams.filter((g) => common.grams.has(g)))];
}

/** Two neighbouring letters of the word swapped (never the first, never two alike), or undefined when no pair differs. */
function typo(word: string, rng: Rng): string | undefined {
  const spots = [...word.slice(0, -1)].map((_, i) => i).filter((i) => i >= 1 && i <= word.length - 3 && word[i] !== word[i + 1]);
  if (spots.length === 0) return undefined;
  const i = rng.pick(spots);
  return `${word.slice(0, i)}${word[i + 1]}${word[i]}${word.slice(i + 2)}`;
}

/** Builds the list, skipping a query whose ingredients the corpus lacks. */
class QueryList {
  readonly queries: BenchQuery[] = [];

  add(kind: QueryKind, parts: readonly (string | undefined)[], terms: readonly (string | undefined)[], sort: SortOrder = 'relevance', facets = true): void {
    if (parts.some((p) => p === undefined || p === '') || terms.some((t) => t === undefined)) return;
    const query = parts.join(' ');
    if (this.queries.some((q) => q.query === query)) return;
    this.queries.push({ kind, query, sort, facets, terms: terms as string[] });
  }
}

function termQueries(list: QueryList, v: Vocabulary, rng: Rng, docs: number): void {
  const bi = v.bigrams.bands(docs, isCjkWord);
  const tri = v.trigrams.bands(docs, isCjkWord);
  const en = v.words.bands(docs);
  const pick = (items: readonly string[]): string | undefined => (items.length === 0 ? undefined : rng.pick(items));
  [bi.frequent, tri.frequent, bi.mid, tri.mid].forEach((band, b) => {
    for (let i = 0; i < 2; i++) {
      const t = pick(band);
      list.add('cjk', [t], [t], (b + i) % 3 === 2 ? 'newest' : 'relevance', !(b === 3 && i === 1));
    }
  });
  [en.frequent, en.mid].forEach((band, b) => {
    for (let i = 0; i < 3; i++) {
      const t = pick(band);
      list.add('english', [t], [t], (b + i) % 3 === 1 ? 'newest' : 'relevance', !(b === 1 && i === 2));
    }
  });
  for (let i = 0; i < 2; i++) {
    const p = cjkPhrase(rng, v.docs);
    list.add('cjk-phrase', [p === undefined ? p : `"${p}"`], [p], i === 1 ? 'newest' : 'relevance');
  }
  const a = pick(bi.frequent);
  const b = pick(bi.mid);
  list.add('cjk-phrase', [a, b], [a, b]);
  const pair = pick(v.pairs.bands(docs).mid.concat(v.pairs.bands(docs).frequent));
  list.add('cjk-phrase', [pair === undefined ? pair : `"${pair}"`], [pair]);
  const common = { words: new Set([...en.frequent, ...en.mid].map((w) => w.toLowerCase())), grams: new Set([...bi.frequent, ...bi.mid]) };
  for (let i = 0; i < 3; i++) {
    const m = mixedPair(rng, v, common);
    list.add('mixed', m ?? [undefined], m ?? [undefined], i === 1 ? 'newest' : 'relevance');
  }
  const long = [...en.frequent, ...en.mid].filter((w) => w.length >= 6);
  for (let i = 0; i < 3; i++) {
    const w = pick(long);
    const prefix = w?.slice(0, rng.int(3, 5));
    list.add('prefix', [prefix], [prefix], i === 1 ? 'newest' : 'relevance');
  }
  const first = pick(bi.frequent)?.[0];
  list.add('prefix', [first], [first]);
  const typoable = en.frequent.filter((w) => w.length >= 5);
  for (let i = 0; i < 3; i++) {
    const w = pick(typoable);
    const t = w === undefined ? w : typo(w, rng);
    list.add('typo', [t], [t], i === 2 ? 'newest' : 'relevance');
  }
}

function filterQueries(list: QueryList, v: Vocabulary, rng: Rng, docs: number, ctx: QueryContext): void {
  const pick = (items: readonly string[]): string | undefined => (items.length === 0 ? undefined : rng.pick(items));
  const bi = v.bigrams.bands(docs, isCjkWord);
  const common = [...bi.frequent.slice(0, 10), ...v.words.bands(docs).frequent.slice(0, 10)];
  const mid = [...bi.mid, ...v.words.bands(docs).mid];
  const tags = v.tags.bands(docs).frequent;
  const [tag1, tag2] = [pick(tags), pick(tags)];
  const t1 = pick(common);
  list.add('filter', [tag1 && `tag:${tag1}`, t1], [t1]);
  if (tag2 !== tag1) list.add('filter', [tag2 && `tag:${tag2}`], [], 'newest');
  const years = Object.entries(ctx.dates.years).sort((a, b) => b[1] - a[1]);
  const year = years.length === 0 ? undefined : years[Math.floor(years.length / 2)]?.[0];
  const t2 = pick(common);
  list.add('filter', [year && `date:${year}`, t2], [t2]);
  const t3 = pick(mid);
  list.add('filter', [ctx.dates.p70 ? `after:${ctx.dates.p70}` : undefined, t3], [t3], 'newest');
  const [t4, t5] = [pick(common), pick(common)];
  if (t4 !== t5) list.add('filter', [ctx.dates.p30 ? `before:${ctx.dates.p30}` : undefined, t4, t5 && `-${t5}`], [t4], 'relevance', false);
  const folder = pick(ctx.folders.slice(1));
  const t6 = pick(common);
  list.add('filter', [folder && `in:${folder}`, t6], [t6]);
  const t7 = pick(mid);
  list.add('filter', [ctx.folders[0] && `in:${ctx.folders[0]}`, t7], [t7], 'newest');
  const title = pick(v.titles.bands(docs, (t) => !/\p{Script=Han}/u.test(t) || isCjkWord(t)).frequent);
  const t8 = pick(common);
  list.add('filter', [title && `title:${title}`, t8], [t8]);
}

export function corpusQueries(corpora: readonly SourceCorpus[], ctx: QueryContext, seed: number): BenchQuery[] {
  const rng = new Rng(seed, 0x9e11);
  const v = readVocabulary(corpora, rng);
  const list = new QueryList();
  termQueries(list, v, rng, v.docs.length);
  filterQueries(list, v, rng, v.docs.length, ctx);
  if (list.queries.length === 0) throw new Error(`bench: no words to search for in ${corpora.map((c) => c.dir).join(', ')}`);
  return list.queries;
}
