/**
 * What Almanac indexes as CJK runs (bigrams, no spaces between words), as
 * regular-expression class bodies for /u patterns. The tokenizer
 * (core/text/tokenize.ts) and the reader's highlighting
 * (renderer/lib/highlight.ts) must agree on them.
 */
/** The CJK scripts: a letter of these never belongs to a Latin word. */
export const CJK_SCRIPTS = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}`;
/** A character of a CJK run: the scripts plus 々 〇 ー, which continue a run. */
export const CJK_RUN_CHARS = String.raw`${CJK_SCRIPTS}\u3005\u3007\u30fc`;

/** Characters shown two columns wide (on a terminal, in a line of text): CJK scripts, CJK punctuation, full-width forms. */
const WIDE_RE = new RegExp(`[${CJK_SCRIPTS}\\u3000-\\u303f\\uff01-\\uff60\\uffe0-\\uffe6]`, 'u');

/** Display columns of a string: CJK and full-width characters take two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += WIDE_RE.test(ch) ? 2 : 1;
  return w;
}
