/**
 * GFM autolink literals as micromark-extension-gfm-autolink-literal tokenizes
 * them (the step before remark's text-node pass in autolink-literal.ts):
 * `www.`, `http(s)://` and email literals recognised while inline text is
 * tokenized, so they take precedence over emphasis, code and strikethrough
 * markers inside them. A port of that extension's state machines, operating
 * on the inline source string; `matchLiteralAutolink` is called by the
 * markdown-it rules in markdown-it.ts.
 */
import {
  codeAt,
  codeBefore,
  EOF,
  isAsciiAlpha,
  isAsciiAlphanumeric,
  isLineEndingOrSpace,
  isSpaceLike,
  isUnicodePunctuation,
  isUnicodeWhitespace,
} from './char-class.js';

export interface LiteralMatch {
  end: number;
  url: string;
  text: string;
}

function width(code: number): number {
  return code > 0xffff ? 2 : 1;
}

const isAsciiControl = (c: number): boolean => c !== EOF && (c < 32 || c === 127);
const isGfmAtext = (c: number): boolean => c === 43 || c === 45 || c === 46 || c === 95 || isAsciiAlphanumeric(c);

function previousWww(c: number): boolean {
  // eof ( * _ [ ] ~ or whitespace
  return c === EOF || c === 40 || c === 42 || c === 95 || c === 91 || c === 93 || c === 126 || isLineEndingOrSpace(c);
}

/** micromark's `trail` check: does the punctuation at `pos` end the literal? */
function isTrail(src: string, pos: number, end: number): boolean {
  let p = pos;
  for (;;) {
    const c = codeAt(src, p, end);
    // ! " ' ) * , . : ; ? _ ~
    if (c === 33 || c === 34 || c === 39 || c === 41 || c === 42 || c === 44 || c === 46 || c === 58 || c === 59 || c === 63 || c === 95 || c === 126) {
      p++;
    } else if (c === 38) {
      // `&name;` (a character reference) is trailing too.
      p++;
      if (!isAsciiAlpha(codeAt(src, p, end))) return false;
      while (isAsciiAlpha(codeAt(src, p, end))) p++;
      if (codeAt(src, p, end) !== 59) return false;
      p++;
    } else if (c === 93) {
      p++;
      const next = codeAt(src, p, end);
      if (next === EOF || next === 40 || next === 91 || isLineEndingOrSpace(next) || isUnicodeWhitespace(next)) return true;
    } else {
      return c === 60 || isSpaceLike(c);
    }
  }
}

/** micromark's `domain`: the end of a valid domain starting at `pos`, or -1. */
function scanDomain(src: string, pos: number, end: number): number {
  let underscoreInLast = false;
  let underscoreInLastLast = false;
  let seen = false;
  let p = pos;
  for (;;) {
    const c = codeAt(src, p, end);
    if (c === 46 || c === 95) {
      if (isTrail(src, p, end)) break;
      if (c === 95) {
        underscoreInLast = true;
      } else {
        underscoreInLastLast = underscoreInLast;
        underscoreInLast = false;
      }
      p++;
      continue;
    }
    if (isSpaceLike(c) || (c !== 45 && isUnicodePunctuation(c))) break;
    seen = true;
    p += width(c);
  }
  return underscoreInLast || underscoreInLastLast || !seen ? -1 : p;
}

/** micromark's `path`: where the path after a domain ends (it may be empty). */
function scanPath(src: string, pos: number, end: number): number {
  let open = 0;
  let close = 0;
  let p = pos;
  for (;;) {
    const c = codeAt(src, p, end);
    if (c === 40) {
      open++;
      p++;
      continue;
    }
    if (c === 41 && close < open) {
      close++;
      p++;
      continue;
    }
    // ! " & ' ) * , . : ; < ? ] _ ~
    if (c === 33 || c === 34 || c === 38 || c === 39 || c === 41 || c === 42 || c === 44 || c === 46 || c === 58 || c === 59 || c === 60 || c === 63 || c === 93 || c === 95 || c === 126) {
      if (isTrail(src, p, end)) return p;
      if (c === 41) close++;
      p++;
      continue;
    }
    if (isSpaceLike(c)) return p;
    p += width(c);
  }
}

function matchEmail(src: string, pos: number, end: number): LiteralMatch | null {
  let p = pos;
  while (isGfmAtext(codeAt(src, p, end))) p++;
  if (codeAt(src, p, end) !== 64) return null;
  p++;
  let data = false;
  let dot = false;
  for (;;) {
    const c = codeAt(src, p, end);
    if (c === 46) {
      // A dot followed by an alphanumeric continues the domain; otherwise it is trailing.
      if (!isAsciiAlphanumeric(codeAt(src, p + 1, end))) break;
      dot = true;
      p++;
    } else if (c === 45 || c === 95 || isAsciiAlphanumeric(c)) {
      data = true;
      p++;
    } else {
      break;
    }
  }
  if (!(data && dot && isAsciiAlpha(src.charCodeAt(p - 1)))) return null;
  const text = src.slice(pos, p);
  return { end: p, url: `mailto:${text}`, text };
}

function matchWww(src: string, pos: number, end: number): LiteralMatch | null {
  if (!/^www\./i.test(src.slice(pos, pos + 4)) || pos + 4 >= end) return null;
  const domainEnd = scanDomain(src, pos, end);
  if (domainEnd === -1) return null;
  const p = scanPath(src, domainEnd, end);
  const text = src.slice(pos, p);
  return { end: p, url: `http://${text}`, text };
}

function matchProtocol(src: string, pos: number, end: number): LiteralMatch | null {
  let p = pos + 1;
  while (p - pos < 5 && isAsciiAlpha(codeAt(src, p, end))) p++;
  const protocol = src.slice(pos, p).toLowerCase();
  if ((protocol !== 'http' && protocol !== 'https') || src.slice(p, p + 3) !== '://') return null;
  p += 3;
  const c = codeAt(src, p, end);
  if (c === EOF || isAsciiControl(c) || isSpaceLike(c) || isUnicodePunctuation(c)) return null;
  const domainEnd = scanDomain(src, p, end);
  if (domainEnd === -1) return null;
  const pathEnd = scanPath(src, domainEnd, end);
  const text = src.slice(pos, pathEnd);
  return { end: pathEnd, url: text, text };
}

/**
 * The autolink literal starting at `pos` of the inline source `src[start, end)`, or
 * null. `insideOpenBracket`: an earlier `[` of this text is not yet closed
 * (micromark then recognises no literal; remark's later text pass may).
 */
export function matchLiteralAutolink(src: string, pos: number, start: number, end: number, insideOpenBracket: boolean): LiteralMatch | null {
  if (insideOpenBracket || pos >= end) return null;
  const c = src.charCodeAt(pos);
  const prev = codeBefore(src, pos, start);
  // Constructs at one character are tried in micromark's order: email first.
  if (isGfmAtext(c) && !(prev === 47 || isGfmAtext(prev))) {
    const email = matchEmail(src, pos, end);
    if (email) return email;
  }
  if ((c === 119 || c === 87) && previousWww(prev)) return matchWww(src, pos, end);
  if ((c === 104 || c === 72) && !isAsciiAlpha(prev)) return matchProtocol(src, pos, end);
  return null;
}

/** Cheap test for characters where a literal may start (before calling matchLiteralAutolink). */
export function mayStartLiteral(c: number): boolean {
  return isGfmAtext(c);
}
