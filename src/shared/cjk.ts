/**
 * The scripts whose text Almanac indexes as CJK runs (bigrams, no spaces
 * between words), as a regular-expression class body for /u patterns. The
 * tokenizer (core/search/tokenize.ts) and the reader's highlighting
 * (renderer/lib/highlight.ts) must agree on it.
 */
export const CJK_SCRIPTS = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}`;
