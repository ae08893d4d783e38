/**
 * Almanac's own tokens for CJK mixed with Latin text. The same functions
 * produce the tokens stored in the FTS5 index and the tokens of a query, so
 * the two always agree.
 *
 * - Text is normalised with NFKC (full-width ＧＰＴ -> GPT, compatibility forms)
 *   and lower-cased.
 * - Latin/number words: letters and digits, joined by "." or "_" when both
 *   sides are alphanumeric, so GPT-5.3-Codex -> gpt, 5.3, codex and K2.5 ->
 *   k2.5. A trailing full stop is not part of a word.
 * - A run of CJK characters (Han, kana, Hangul) of length n becomes n tokens:
 *   the n-1 overlapping bigrams followed by the last character alone
 *   (后门检测 -> 后门 门检 检测 测). Consecutive positions make an FTS5 phrase
 *   of a query run's bigrams match exactly the runs that contain it as a
 *   contiguous string, and a single character is a prefix query ("测*"), which
 *   matches every bigram starting with it and a run-final character.
 */

import { CJK_RUN_CHARS, CJK_SCRIPTS } from '../../shared/cjk.js';

/** Bump when token output changes: a stored index with another version is rebuilt. */
export const TOKENIZER_VERSION = 1;

const CJK_CLASS = `[${CJK_RUN_CHARS}]`;
/** A letter, digit or mark of a non-CJK word. */
const WORD_CHAR = String.raw`(?:(?![${CJK_SCRIPTS}])[\p{L}\p{N}\p{M}])`;
const CJK_CHAR = new RegExp(CJK_CLASS, 'u');
/** CJK runs, and words (with inner "." or "_": GPT-5.3 gives "gpt" and "5.3"). */
const TOKEN_RE = new RegExp(String.raw`(${CJK_CLASS}+)|(${WORD_CHAR}+(?:[._]${WORD_CHAR}+)*)`, 'gu');

export type TokenKind = 'cjk' | 'word';

export interface RawToken {
  kind: TokenKind;
  /** Normalised text of the run or word. */
  text: string;
}

/** NFKC + lower case: the one normalisation for indexed text and queries. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

export function isCjkChar(ch: string): boolean {
  return CJK_CHAR.test(ch);
}

/** Splits normalised text into CJK runs and Latin/number words, in order. */
export function splitRuns(normalized: string): RawToken[] {
  const out: RawToken[] = [];
  for (const m of normalized.matchAll(TOKEN_RE)) {
    if (m[1] !== undefined) out.push({ kind: 'cjk', text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: 'word', text: m[2] });
  }
  return out;
}

export interface RunWithOffset extends RawToken {
  /** [start, end) in UTF-16 units of the normalised string. */
  start: number;
  end: number;
}

/** splitRuns with the offsets of each run in the normalised string (for highlighting). */
export function splitRunsWithOffsets(normalized: string): RunWithOffset[] {
  const out: RunWithOffset[] = [];
  for (const m of normalized.matchAll(TOKEN_RE)) {
    const text = m[1] ?? m[2];
    if (text === undefined) continue;
    out.push({ kind: m[1] !== undefined ? 'cjk' : 'word', text, start: m.index, end: m.index + text.length });
  }
  return out;
}

/** The index tokens of one CJK run (see the module comment). */
export function cjkRunTokens(run: string): string[] {
  const chars = Array.from(run);
  if (chars.length === 1) return chars;
  const out: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) out.push(chars[i]! + chars[i + 1]!);
  out.push(chars[chars.length - 1]!);
  return out;
}

/** Index tokens of arbitrary text, in order. */
export function indexTokens(text: string): string[] {
  const out: string[] = [];
  for (const run of splitRuns(normalizeText(text))) {
    if (run.kind === 'cjk') for (const t of cjkRunTokens(run.text)) out.push(t);
    else out.push(run.text);
  }
  return out;
}

/** Index tokens joined by spaces: the form stored in FTS5 columns. */
export function indexTokenString(text: string): string {
  return indexTokens(text).join(' ');
}
