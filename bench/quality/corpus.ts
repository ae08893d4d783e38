/**
 * What the quality bench knows of a vault without any index: each digest's
 * title, headings and plain text as the parser gives them (the substring
 * oracle of CJK exactness runs on these), and the lines that repeat in many
 * of its files (a masthead), by a rule of its own that shares nothing with
 * the engine's detection: a line, numbers, links and spaces aside, in 30%
 * or more of the vault's files.
 */
import path from 'node:path';
import { parseDigest } from '../../src/core/parse/parse.js';
import { readDigestFile } from '../../src/core/read/read.js';
import { normalizeText } from '../../src/core/text/tokenize.js';
import { scanVault } from '../../src/core/vault/scan.js';

export interface CorpusDigest {
  path: string;
  /** Title, headings and section texts, normalised (NFKC, lower case). */
  fields: string[];
  /** As written, for the grading rubric (rubric.ts). */
  title: string;
  /** Each section's own heading (the lead has none). */
  headings: string[];
  /** The lines of the sections' plain texts. */
  lines: string[];
}

export interface Corpus {
  digests: CorpusDigest[];
  /** Normalised keys of the lines in 30% or more of the files. */
  repeatedLines: Set<string>;
}

const REPEATED_SHARE = 0.3;

/** A line as compared for repeats: normalised, links, numbers and spaces removed. */
export function lineKey(line: string): string {
  return normalizeText(line)
    .replace(/https?:\/\/\S+/g, '')
    .replace(/[\d\s]+/g, '')
    .trim();
}

export async function readCorpus(vault: string): Promise<Corpus> {
  const scan = await scanVault(vault);
  const digests: CorpusDigest[] = [];
  const lineCounts = new Map<string, number>();
  for (const f of scan.files) {
    const read = await readDigestFile(path.join(vault, f.path));
    if (!read.ok) continue;
    const d = parseDigest(read.text, f.path);
    const texts = [d.title, ...d.sections.flatMap((s) => [...s.headingPath, s.text])];
    const lines = d.sections.flatMap((s) => s.text.split('\n'));
    digests.push({ path: f.path, fields: texts.map(normalizeText), title: d.title, headings: d.sections.map((s) => s.heading).filter((h) => h !== ''), lines });
    countKeys(lineCounts, lines);
  }
  return { digests, repeatedLines: keysInShare(lineCounts, REPEATED_SHARE, digests.length) };
}

/** Counts each digest's distinct keys of `texts` once; lines under 8 characters say too little to compare. */
export function countKeys(counts: Map<string, number>, texts: readonly string[], minLength = 8): void {
  for (const k of new Set(texts.map(lineKey).filter((key) => key.length >= minLength))) counts.set(k, (counts.get(k) ?? 0) + 1);
}

/** The keys counted in at least `share` of `total` digests. */
export function keysInShare(counts: ReadonlyMap<string, number>, share: number, total: number): Set<string> {
  return new Set([...counts].filter(([, n]) => n >= share * total).map(([k]) => k));
}

/** The digests holding `query` (one CJK run) as a substring of their title, a heading or a section's text. */
export function substringOracle(corpus: Corpus, query: string): Set<string> {
  const q = normalizeText(query);
  return new Set(corpus.digests.filter((d) => d.fields.some((f) => f.includes(q))).map((d) => d.path));
}

/**
 * Whether a snippet shows the query's match inside one of the vault's
 * repeated lines (for a build that does not mark boilerplate itself): a
 * repeated line the snippet holds, that holds a highlighted term. A repeated
 * line beside the match ("-- Hacker News 读者" under a quote) does not count.
 */
export function showsRepeatedLine(corpus: Corpus, snippet: string, highlighted: readonly string[]): boolean {
  const key = lineKey(snippet.replace(/\u2026/g, ''));
  const terms = highlighted.map(lineKey).filter((t) => t !== '');
  if (key === '' || terms.length === 0) return false;
  for (const line of corpus.repeatedLines) {
    if (!(key.includes(line) || line.includes(key))) continue;
    if (terms.some((t) => line.includes(t))) return true;
  }
  return false;
}
