/**
 * The snippet window in time that grows with the number of matches: bestAnchor
 * against the all-pairs comparison it replaced (the oracle: same window for
 * every set of matches), its work counted on a word repeated 80,000 times, and
 * the bounded scan of a very long section.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../bench/rng.js';
import { buildQuery } from '../../src/core/search/query-builder.js';
import { parseQuery } from '../../src/core/search/query-parser.js';
import { bestAnchor, LEAD_COLUMNS, makeSnippet, SNIPPET_SCAN_CHARS, type AnchorWork, type Match } from '../../src/core/search/snippet.js';

const LEAD_CONTEXT = 40;

/** The rule as first written: every match compared with every other (quadratic). */
function oracleAnchor(matches: readonly Match[], width: number): number {
  let best = matches[0]!.start;
  let bestCount = 0;
  for (const m of matches) {
    const seen = new Set<number>();
    for (const o of matches) if (o.start >= m.start && o.end <= m.start + width - LEAD_CONTEXT) seen.add(o.term);
    if (seen.size > bestCount) {
      bestCount = seen.size;
      best = m.start;
    }
  }
  return best;
}

/** Matches as findTermMatches lists them: grouped by term, each term's in text order, some overlapping or long. */
function randomMatches(rng: Rng): Match[] {
  const terms = 1 + Math.floor(rng.next() * 4);
  const span = 50 + Math.floor(rng.next() * 2000);
  const out: Match[] = [];
  for (let term = 0; term < terms; term++) {
    const count = Math.floor(rng.next() * 25);
    const starts = Array.from({ length: count }, () => Math.floor(rng.next() * span)).sort((a, b) => a - b);
    for (const start of starts) out.push({ start, end: start + 1 + Math.floor(rng.next() * (rng.next() < 0.1 ? 300 : 12)), term });
  }
  return out;
}

describe('bestAnchor', () => {
  it('picks the same window start as comparing every match with every other', () => {
    const rng = new Rng(15);
    let compared = 0;
    for (let i = 0; i < 3000; i++) {
      const matches = randomMatches(rng);
      if (matches.length === 0) continue;
      for (const width of [60, 160, 400]) {
        expect(bestAnchor(matches, width), JSON.stringify({ width, matches })).toBe(oracleAnchor(matches, width));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(8000);
  });

  it('does work proportional to the matches: 80,000 matches of two terms, each entering and leaving the window once', () => {
    const matches: Match[] = Array.from({ length: 80_000 }, (_, i) => ({ start: i * 10, end: i * 10 + 9, term: i % 2 }));
    const work: AnchorWork = { steps: 0 };
    expect(bestAnchor(matches, 160, work)).toBe(0);
    expect(work.steps).toBeLessThanOrEqual(3 * matches.length);
  });
});

describe('makeSnippet on long sections', () => {
  const zebrafish = buildQuery(parseQuery('zebrafish')).highlight;

  it('highlights a word repeated 80,000 times (800 KB) in its first window', () => {
    const snip = makeSnippet('zebrafish '.repeat(80_000), zebrafish);
    expect(snip.snippet.startsWith('zebrafish zebrafish')).toBe(true);
    expect(snip.ranges.length).toBe(16);
    for (const [a, b] of snip.ranges) expect(snip.snippet.slice(a, b)).toBe('zebrafish');
  });

  it('looks for matches in the first SNIPPET_SCAN_CHARS characters only', () => {
    const filler = 'lorem ipsum '.repeat(Math.ceil(SNIPPET_SCAN_CHARS / 12));
    const late = makeSnippet(`${filler}zebrafish at the end`, zebrafish);
    expect(late.ranges).toEqual([]);
    expect(late.snippet.startsWith('lorem ipsum')).toBe(true);
    const early = makeSnippet(`${filler.slice(0, SNIPPET_SCAN_CHARS - 100)}zebrafish ${filler}`, zebrafish);
    expect(early.ranges.map(([a, b]) => early.snippet.slice(a, b))).toEqual(['zebrafish']);
  });
});

describe('the snippet window keeps its first match in the lines the results list shows (issue 16.5)', () => {
  const highlight = (q: string) => buildQuery(parseQuery(`${q} `)).highlight;
  /** Display columns before the first highlight (CJK characters count two). */
  const columnsBeforeFirst = (snippet: string, ranges: readonly [number, number][]): number =>
    Array.from(snippet.slice(0, ranges[0]![0])).reduce((n, ch) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uff00-\uff60\u2026]/u.test(ch) ? 2 : 1), 0);

  it('starts a long section shortly before a match at its end (the window was clamped to the last 160 characters)', () => {
    const text = `${'开头内容很长的一段话。'.repeat(40)}最后一句提到量子计算。`;
    const s = makeSnippet(text, highlight('量子计算'));
    expect(s.snippet.startsWith('\u2026')).toBe(true);
    expect(s.ranges.map(([a, b]) => s.snippet.slice(a, b))).toEqual(['量子计算']);
    expect(columnsBeforeFirst(s.snippet, s.ranges)).toBeLessThanOrEqual(2 + LEAD_COLUMNS);
  });

  it('cuts a short text at the front when its match would fall past the first lines', () => {
    const text = `${'这是一段没有关键词的中文。'.repeat(9)}量子计算`;
    expect(text.length).toBeLessThan(160);
    const s = makeSnippet(text, highlight('量子计算'));
    expect(s.snippet.startsWith('\u2026')).toBe(true);
    expect(columnsBeforeFirst(s.snippet, s.ranges)).toBeLessThanOrEqual(2 + LEAD_COLUMNS);
  });

  it('keeps the text whole when the match is already near its start', () => {
    const s = makeSnippet('前面几个字，然后是量子计算，后面还有很多很多的内容。', highlight('量子计算'));
    expect(s.snippet.startsWith('前面几个字')).toBe(true);
    expect(columnsBeforeFirst(s.snippet, s.ranges)).toBe(18);
  });

  it('measures the lead in columns: twice the Latin characters of CJK ones', () => {
    const latin = `${'word '.repeat(60)}target ${'tail '.repeat(10)}`;
    const s = makeSnippet(latin, highlight('target'));
    expect(s.snippet.startsWith('\u2026')).toBe(true);
    const before = columnsBeforeFirst(s.snippet, s.ranges);
    expect(before).toBeGreaterThan(LEAD_COLUMNS - 8);
    expect(before).toBeLessThanOrEqual(LEAD_COLUMNS + 2);
  });
});
