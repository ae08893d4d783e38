/**
 * Snippets and highlight ranges. Matching runs on the normalised text (NFKC +
 * lower case, the same as the index), and every match is mapped back to
 * offsets in the ORIGINAL text, because NFKC can change lengths (ﬁ -> fi,
 * ㍿ -> 株式会社) and width forms (ＧＰＴ) must still highlight.
 *
 * The rules mirror the FTS5 phrases of query-builder.ts: a term of one part
 * matches a whole Latin word (or, typed last, a word starting with it) or a
 * CJK substring; a term of several parts matches consecutive runs where a
 * leading CJK part ends its run, middle parts equal theirs, and a trailing CJK
 * part starts its run.
 */
import type { Range } from '../../shared/api.js';
import { displayWidth } from '../../shared/cjk.js';
import type { HighlightTerm } from './query-builder.js';
import { normalizeText, splitRunsWithOffsets, type RunWithOffset } from '../text/tokenize.js';

/** Snippet length in UTF-16 units (before the ellipses). */
export const SNIPPET_WIDTH = 160;
/**
 * Characters of a section's text searched for the snippet's matches: far more
 * than a digest's sections hold, far less than a hostile one-line digest.
 */
export const SNIPPET_SCAN_CHARS = 100_000;
/**
 * Context kept before the first match, in display columns (a CJK character
 * is two): the results list clamps a snippet to three lines, so the first
 * match must come early to be seen; 40 columns is at most half of a line in
 * the narrowest results column.
 */
export const LEAD_COLUMNS = 40;
/** Characters a match may lie from a window's start and still count as in it (bestAnchor). */
const LEAD_CONTEXT = 40;
const ELLIPSIS = '\u2026';

interface NormalizedText {
  norm: string;
  /** For each UTF-16 unit of norm: the [start, end) of the original cluster it came from. */
  origStart: Int32Array;
  origEnd: Int32Array;
}

/**
 * Characters whose NFKC + lower case is one UTF-16 unit and independent of
 * their neighbours: ASCII, CJK unified ideographs, full-width ASCII forms and
 * common CJK punctuation. Runs of them map 1:1 and are normalised in one call;
 * anything else (combining marks, ligatures, half-width kana...) is handled
 * per base character + marks. A safe character followed by a combining mark
 * is not safe (they may compose).
 */
const SAFE_RUN = /(?:[\u0000-\u007f\u3001\u3002\u300a-\u300f\u4e00-\u9fff\uff01-\uff5e\u201c\u201d](?!\p{M}))+/gu;
const CLUSTER = /\P{M}\p{M}*|\p{M}+/gsu;

/** Normalises text, remembering for each unit of the result which original span it came from. */
function normalizeWithMap(text: string): NormalizedText {
  const pieces: string[] = [];
  const origStart = new Int32Array(text.length * 3 + 8);
  const origEnd = new Int32Array(text.length * 3 + 8);
  let n = 0;
  const push = (piece: string, start: number, end: number): void => {
    pieces.push(piece);
    for (let k = 0; k < piece.length; k++, n++) {
      origStart[n] = start;
      origEnd[n] = end;
    }
  };
  const slow = (from: number, to: number): void => {
    const part = text.slice(from, to);
    for (const m of part.matchAll(CLUSTER)) push(normalizeText(m[0]), from + m.index, from + m.index + m[0].length);
  };
  let pos = 0;
  for (const m of text.matchAll(SAFE_RUN)) {
    if (m.index > pos) slow(pos, m.index);
    const run = normalizeText(m[0]);
    pieces.push(run);
    for (let k = 0; k < run.length; k++, n++) {
      origStart[n] = m.index + k;
      origEnd[n] = m.index + k + 1;
    }
    pos = m.index + m[0].length;
  }
  if (pos < text.length) slow(pos, text.length);
  // NFKC can expand one character to many (㍿ -> 株式会社): grow the maps if the guess was short.
  const norm = pieces.join('');
  if (norm.length > origStart.length) return normalizeSlowly(text);
  return { norm, origStart, origEnd };
}

/** The per-cluster path for everything (used when a text expands more than 3x). */
function normalizeSlowly(text: string): NormalizedText {
  const pieces: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  for (const m of text.matchAll(CLUSTER)) {
    const piece = normalizeText(m[0]);
    pieces.push(piece);
    for (let k = 0; k < piece.length; k++) {
      starts.push(m.index);
      ends.push(m.index + m[0].length);
    }
  }
  return { norm: pieces.join(''), origStart: Int32Array.from(starts), origEnd: Int32Array.from(ends) };
}

/** A match in the original text: [start, end) and the index of its term in the query's terms. */
export interface Match {
  start: number;
  end: number;
  term: number;
}

function partMatches(run: RunWithOffset, text: string, kind: 'cjk' | 'word', rule: 'equal' | 'ends' | 'starts'): boolean {
  if (run.kind !== kind) return false;
  if (rule === 'equal') return run.text === text;
  return rule === 'ends' ? run.text.endsWith(text) : run.text.startsWith(text);
}

/** Matches of one term as [start, end) in the normalised text. */
function termMatches(runs: readonly RunWithOffset[], term: HighlightTerm): [number, number][] {
  const out: [number, number][] = [];
  const { parts } = term;
  const k = parts.length;
  if (k === 0) return out;
  if (k === 1) {
    const p = parts[0]!;
    for (const run of runs) {
      if (run.kind !== p.kind) continue;
      if (p.kind === 'word') {
        if (run.text === p.text || (term.prefixLast && run.text.startsWith(p.text))) out.push([run.start, run.end]);
      } else {
        for (let i = run.text.indexOf(p.text); i >= 0; i = run.text.indexOf(p.text, i + p.text.length)) {
          out.push([run.start + i, run.start + i + p.text.length]);
        }
      }
    }
    return out;
  }
  for (let i = 0; i + k <= runs.length; i++) {
    let ok = true;
    for (let j = 0; j < k && ok; j++) {
      const p = parts[j]!;
      const run = runs[i + j]!;
      const last = j === k - 1;
      let rule: 'equal' | 'ends' | 'starts' = 'equal';
      if (j === 0 && p.kind === 'cjk') rule = 'ends';
      else if (last && (p.kind === 'cjk' || term.prefixLast)) rule = 'starts';
      ok = partMatches(run, p.text, p.kind, rule);
    }
    if (!ok) continue;
    const first = runs[i]!;
    const lastRun = runs[i + k - 1]!;
    const start = parts[0]!.kind === 'cjk' ? first.end - parts[0]!.text.length : first.start;
    const lastPart = parts[k - 1]!;
    const end = lastPart.kind === 'cjk' ? lastRun.start + lastPart.text.length : lastRun.end;
    out.push([start, end]);
  }
  return out;
}

function substringMatches(norm: string, needle: string): [number, number][] {
  const out: [number, number][] = [];
  for (let i = norm.indexOf(needle); i >= 0; i = norm.indexOf(needle, i + needle.length)) out.push([i, i + needle.length]);
  return out;
}

/** Every match of the terms in `text`, as sorted, non-overlapping ranges of the original text. */
export function findMatches(text: string, terms: readonly HighlightTerm[]): Range[] {
  return mergeMatches(findTermMatches(text, terms)).map((m) => [m.start, m.end]);
}

function findTermMatches(text: string, terms: readonly HighlightTerm[]): Match[] {
  if (terms.length === 0 || text.length === 0) return [];
  const { norm, origStart, origEnd } = normalizeWithMap(text);
  // A term that is one CJK run is a plain substring search (its characters are all CJK, so
  // any occurrence lies inside a CJK run); only words and multi-part terms need the runs.
  const cjkOnly = (term: HighlightTerm): boolean => term.parts.length === 1 && term.parts[0]!.kind === 'cjk';
  const runs = terms.every(cjkOnly) ? [] : splitRunsWithOffsets(norm);
  const out: Match[] = [];
  terms.forEach((term, t) => {
    const found = cjkOnly(term) ? substringMatches(norm, term.parts[0]!.text) : termMatches(runs, term);
    for (const [s, e] of found) {
      if (e <= s) continue;
      out.push({ start: origStart[s]!, end: origEnd[e - 1]!, term: t });
    }
  });
  return out;
}

function mergeMatches(matches: Match[]): Match[] {
  const sorted = [...matches].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Match[] = [];
  for (const m of sorted) {
    const prev = out[out.length - 1];
    if (prev && m.start <= prev.end) prev.end = Math.max(prev.end, m.end);
    else out.push({ ...m });
  }
  return out;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

export interface Snippet {
  snippet: string;
  ranges: Range[];
}

/** Counts bestAnchor's work for tests: one step per match entering or leaving the window, and per window. */
export interface AnchorWork {
  steps: number;
}

/** Match indices ordered by `key` (ties in the given order). */
function orderBy(matches: readonly Match[], key: 'start' | 'end'): Int32Array {
  return Int32Array.from(matches.keys()).sort((a, b) => matches[a]![key] - matches[b]![key] || a - b);
}

/**
 * The window start that covers the most distinct terms: each match starts a
 * window that counts the matches lying wholly within `width - LEAD_CONTEXT` of
 * its start; the first match (in the order given) with the most distinct terms
 * wins. One sweep over the matches sorted by start, with the window's content
 * kept up to date as matches enter it (by end) and leave it (by start), so the
 * work grows with the number of matches, never with its square: comparing every
 * match with every other took seconds for a word repeated 80,000 times.
 */
export function bestAnchor(matches: readonly Match[], width: number, work?: AnchorWork): number {
  const reach = width - LEAD_CONTEXT;
  const byStart = orderBy(matches, 'start');
  const byEnd = orderBy(matches, 'end');
  const perTerm = new Map<number, number>();
  /** 0: not yet in a window, 1: in the current one, 2: left it for good (starts before the window). */
  const state = new Uint8Array(matches.length);
  const distinct = new Int32Array(matches.length);
  let inWindow = 0;
  let entering = 0;
  let leaving = 0;
  for (const k of byStart) {
    const start = matches[k]!.start;
    for (; leaving < byStart.length && matches[byStart[leaving]!]!.start < start; leaving++) {
      const o = byStart[leaving]!;
      if (state[o] === 1) {
        const left = perTerm.get(matches[o]!.term)! - 1;
        perTerm.set(matches[o]!.term, left);
        if (left === 0) inWindow--;
      }
      state[o] = 2;
    }
    for (; entering < byEnd.length && matches[byEnd[entering]!]!.end <= start + reach; entering++) {
      const o = byEnd[entering]!;
      if (state[o] !== 0) continue;
      state[o] = 1;
      const now = (perTerm.get(matches[o]!.term) ?? 0) + 1;
      perTerm.set(matches[o]!.term, now);
      if (now === 1) inWindow++;
    }
    distinct[k] = inWindow;
  }
  if (work) work.steps += leaving + entering + matches.length;
  let best = 0;
  for (let k = 1; k < matches.length; k++) if (distinct[k]! > distinct[best]!) best = k;
  return matches[best]!.start;
}

/**
 * Where a long text stops being searched for the snippet: only its first
 * SNIPPET_SCAN_CHARS characters are normalised and matched (a section of
 * megabytes would otherwise cost a normalised copy and offset maps several
 * times its size on every search that shows it). Before a low surrogate it
 * steps back one, so a character is never split.
 */
function scanEnd(text: string): number {
  if (text.length <= SNIPPET_SCAN_CHARS) return text.length;
  return isLowSurrogate(text.charCodeAt(SNIPPET_SCAN_CHARS)) ? SNIPPET_SCAN_CHARS - 1 : SNIPPET_SCAN_CHARS;
}

/**
 * Where a snippet whose first match is at `anchor` starts: at the text's
 * start when the match lies within 2 x LEAD_COLUMNS display columns of it,
 * else LEAD_COLUMNS before the match (never clamped towards the end of the
 * text: a match near the end would be pushed past the lines the list shows),
 * then after a nearby space so that it does not begin mid-word.
 */
export function windowStart(text: string, anchor: number): number {
  // A match this close to the start shows in the first lines as it is: keep the text whole.
  let before = 0;
  for (let i = 0; i < anchor && before <= 2 * LEAD_COLUMNS; i++) before += displayWidth(text[i]!);
  if (before <= 2 * LEAD_COLUMNS) return 0;
  let start = anchor;
  let columns = 0;
  while (start > 0 && columns < LEAD_COLUMNS) columns += displayWidth(text[--start]!);
  const space = text.slice(start, Math.min(anchor, start + 20)).search(/\s/u);
  if (start > 0 && space >= 0) start += space + 1;
  return start;
}

/**
 * A window of about `width` characters of `text` around the best match, with
 * whitespace collapsed, ellipses where cut, and the ranges of every match in it.
 * The window's first match lies within 2 x LEAD_COLUMNS display columns of
 * its start (windowStart), so it shows in the first lines the results list
 * keeps, even in a short text (which is then cut at the front).
 * Without a match (the term was only in the title or heading, or only past
 * SNIPPET_SCAN_CHARS) it is the start of the text.
 */
export function makeSnippet(text: string, terms: readonly HighlightTerm[], width = SNIPPET_WIDTH): Snippet {
  const all = findTermMatches(text.slice(0, scanEnd(text)), terms);
  let start = all.length > 0 ? windowStart(text, bestAnchor(all, width)) : 0;
  if (start < text.length && isLowSurrogate(text.charCodeAt(start))) start++;
  let end = Math.min(text.length, start + width);
  if (end < text.length && isLowSurrogate(text.charCodeAt(end))) end++;

  // Collapse whitespace, keeping a map from original offsets to snippet offsets.
  const prefix = start > 0 ? ELLIPSIS : '';
  let out = prefix;
  const map = new Int32Array(end - start + 1);
  let pendingSpace = false;
  for (let i = start; i < end; i++) {
    const ch = text[i]!;
    if (/\s/u.test(ch)) {
      map[i - start] = out.length;
      if (out.length > prefix.length) pendingSpace = true;
      continue;
    }
    if (pendingSpace) {
      out += ' ';
      pendingSpace = false;
    }
    map[i - start] = out.length;
    out += ch;
  }
  map[end - start] = out.length;
  if (end < text.length) out += ELLIPSIS;

  const ranges: Range[] = [];
  for (const m of mergeMatches(all)) {
    const s = Math.max(m.start, start);
    const e = Math.min(m.end, end);
    if (e <= s) continue;
    const rs = map[s - start]!;
    const re = map[e - start]!;
    if (re > rs) ranges.push([rs, re]);
  }
  return { snippet: out, ranges };
}
