/**
 * Character tests as micromark performs them, for the fast engine to make the
 * same decisions as remark. micromark reads code points but tests Unicode
 * classes on `String.fromCharCode(code)`, which keeps only the low 16 bits of
 * an astral code point: an emoji counts as neither whitespace nor punctuation.
 * That quirk decides, e.g., whether `**粗体🚀**中文` is emphasis, so it is kept.
 */

export const EOF = -1;

const WHITESPACE_RE = /\s/;
const PUNCTUATION_RE = /\p{P}|\p{S}/u;

export const isAsciiAlpha = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
export const isAsciiAlphanumeric = (c: number): boolean => isAsciiAlpha(c) || (c >= 48 && c <= 57);
export const isUnicodeWhitespace = (c: number): boolean => c !== EOF && WHITESPACE_RE.test(String.fromCharCode(c));
export const isUnicodePunctuation = (c: number): boolean => c !== EOF && PUNCTUATION_RE.test(String.fromCharCode(c));
/** Tabs, spaces and line endings (micromark's markdownLineEndingOrSpace). */
export const isLineEndingOrSpace = (c: number): boolean => c === 9 || c === 10 || c === 13 || c === 32;
export const isSpaceLike = (c: number): boolean => c === EOF || isLineEndingOrSpace(c) || isUnicodeWhitespace(c);

export const WHITESPACE_GROUP = 1;
export const PUNCTUATION_GROUP = 2;

/** micromark's classifyCharacter: 1 whitespace (or EOF), 2 punctuation, 0 other. */
export function classify(c: number): number {
  if (isSpaceLike(c)) return WHITESPACE_GROUP;
  return isUnicodePunctuation(c) ? PUNCTUATION_GROUP : 0;
}

/** The code point at `pos`, or EOF at/after `end`. */
export function codeAt(src: string, pos: number, end: number): number {
  return pos >= end ? EOF : (src.codePointAt(pos) ?? EOF);
}

/** The code point before `pos` (EOF at or before `start`). */
export function codeBefore(src: string, pos: number, start: number): number {
  if (pos <= start) return EOF;
  const low = src.charCodeAt(pos - 1);
  if (low >= 0xdc00 && low <= 0xdfff && pos - 2 >= start) {
    const high = src.charCodeAt(pos - 2);
    if (high >= 0xd800 && high <= 0xdbff) return src.codePointAt(pos - 2) ?? EOF;
  }
  return low;
}
