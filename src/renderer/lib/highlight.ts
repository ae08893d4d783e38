/**
 * Highlighting helpers shared by result snippets (server-given UTF-16 ranges)
 * and the reader (query terms found in rendered text).
 */
import type { Range } from '../../shared/api.js';
import { CJK_RUN_CHARS } from '../../shared/cjk.js';

export interface Segment {
  text: string;
  mark: boolean;
}

/**
 * Splits `text` at the [start, end) ranges (UTF-16 offsets, as JavaScript strings
 * index them, so CJK and astral characters line up). Ranges may arrive unsorted,
 * overlapping or out of bounds: they are clamped and merged; a range that would
 * cut a surrogate pair in half is widened to keep the character whole.
 */
export function splitByRanges(text: string, ranges: readonly Range[]): Segment[] {
  const clean = ranges
    .map(([s, e]) => [widenLow(text, clamp(s, text.length)), widenHigh(text, clamp(e, text.length))] as const)
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [s, e] of clean) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  const out: Segment[] = [];
  let at = 0;
  for (const [s, e] of merged) {
    if (s > at) out.push({ text: text.slice(at, s), mark: false });
    out.push({ text: text.slice(s, e), mark: true });
    at = e;
  }
  if (at < text.length || out.length === 0) out.push({ text: text.slice(at), mark: false });
  return out;
}

function clamp(n: number, max: number): number {
  return Number.isFinite(n) ? Math.min(Math.max(Math.trunc(n), 0), max) : 0;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function widenLow(text: string, i: number): number {
  return i > 0 && isLowSurrogate(text.charCodeAt(i)) ? i - 1 : i;
}

function widenHigh(text: string, i: number): number {
  return i > 0 && i < text.length && isLowSurrogate(text.charCodeAt(i)) ? i + 1 : i;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** CJK runs are indexed as bigrams, so a CJK term matches anywhere. */
const STARTS_CJK = new RegExp(`^[${CJK_RUN_CHARS}]`, 'u');
/** Not right after a letter, digit or mark of a Latin word (a CJK run character ends no word): where the index's words start. */
const WORD_START = String.raw`(?<!(?![${CJK_RUN_CHARS}])[\p{L}\p{N}\p{M}])`;

/**
 * A case-insensitive pattern matching any of the terms, longest first so that
 * "claude opus" wins over "claude". CJK terms match as substrings (Chinese has
 * no spaces). Latin terms match at the start of a word and may run on into
 * it ("detect" in "detection", as the search's prefix expansion matches), but
 * never inside one: "ai" does not mark "email", where the search did not
 * match it. Null when there is nothing to highlight.
 */
export function termPattern(terms: readonly string[]): RegExp | null {
  const unique = [...new Set(terms.map((t) => t.trim()).filter((t) => t.length > 0))];
  if (unique.length === 0) return null;
  unique.sort((a, b) => b.length - a.length);
  // Whitespace inside a term (a phrase) matches any run of whitespace in the text.
  const alternatives = unique.map((t) => (STARTS_CJK.test(t) ? '' : WORD_START) + escapeRegExp(t).replace(/\s+/g, '\\s+'));
  return new RegExp(alternatives.join('|'), 'giu');
}

/** Splits text into marked and unmarked segments by a termPattern(). */
export function splitByPattern(text: string, pattern: RegExp | null): Segment[] {
  if (!pattern || text.length === 0) return [{ text, mark: false }];
  const out: Segment[] = [];
  let at = 0;
  pattern.lastIndex = 0;
  for (const m of text.matchAll(pattern)) {
    const start = m.index;
    if (m[0].length === 0) continue;
    if (start > at) out.push({ text: text.slice(at, start), mark: false });
    out.push({ text: m[0], mark: true });
    at = start + m[0].length;
  }
  if (at < text.length || out.length === 0) out.push({ text: text.slice(at), mark: false });
  return out;
}
