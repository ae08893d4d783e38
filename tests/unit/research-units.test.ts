/**
 * The pure parts of the research tools: period keys, the trend's CSV, the
 * chart's value steps, the argument checks of trends and saved searches, and
 * the seen-set bookkeeping of saved searches over a changing list of matches.
 */
import { describe, expect, it } from 'vitest';
import { periodKeyOf, periodRange, periodsBetween, shiftPeriod } from '../../src/shared/periods.js';
import type { TrendsResponse } from '../../src/shared/research.js';
import { csvField, trendCsv } from '../../src/shared/trend-table.js';
import { savedSearchInput, trendsRequest } from '../../src/shared/validate-research.js';
import { niceStep } from '../../src/renderer/components/Trends/chart-layout.js';
import { pathFingerprint, SavedSearches, type StoredSavedSearch } from '../../src/core/service/saved-searches.js';

describe('periods', () => {
  it('names the period of a date, and a week only when the date has one', () => {
    expect(periodKeyOf('2026-02-06', '2026-W06', 'week')).toBe('2026-W06');
    expect(periodKeyOf('2024-04-01', null, 'week')).toBeNull();
    expect(periodKeyOf('2026-02-06', '2026-W06', 'month')).toBe('2026-02');
    expect(periodKeyOf('2026-02-06', null, 'year')).toBe('2026');
  });

  it('gives the first and last day of a period, null for a malformed key', () => {
    expect(periodRange('2026-W01', 'week')).toEqual({ start: '2025-12-29', end: '2026-01-04' });
    expect(periodRange('2024-02', 'month')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(periodRange('2026', 'year')).toEqual({ start: '2026-01-01', end: '2026-12-31' });
    expect(periodRange('2026-13', 'month')).toBeNull();
    expect(periodRange('2026-02', 'year')).toBeNull();
  });

  it('steps across years, and lists a span without gaps, keeping the newest when it is too long', () => {
    expect(shiftPeriod('2025-12', 'month', 1)).toBe('2026-01');
    expect(shiftPeriod('2026-01', 'month', -13)).toBe('2024-12');
    expect(shiftPeriod('2020-W53', 'week', 1)).toBe('2021-W01');
    expect(shiftPeriod('9999', 'year', 1)).toBeNull();
    expect(periodsBetween('2025-11', '2026-02', 'month', 100)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(periodsBetween('1000', '2026', 'year', 3)).toEqual(['2024', '2025', '2026']);
    expect(periodsBetween('2026-W05', '2026-W05', 'week', 10)).toEqual(['2026-W05']);
  });
});

const TREND: TrendsResponse = {
  by: 'month',
  unit: 'sections',
  normalise: true,
  periods: [
    { key: '2026-01', from: '2026-01-01', to: '2026-01-31', total: 40 },
    { key: '2026-02', from: '2026-02-01', to: '2026-02-28', total: 0 },
  ],
  series: [
    { query: 'agent', counts: [4, 0], values: [0.1, 0], total: 4, notices: [] },
    { query: '-tag:x "a, b"', counts: [1, 0], values: [1 / 40, 0], total: 1, notices: [] },
  ],
  tookMs: 1,
};

describe('trend CSV', () => {
  it('writes a row per period: its days, its total, the counts and (normalised) the shares', () => {
    expect(trendCsv(TREND)).toBe(
      [
        `period,from,to,total sections,agent,"'-tag:x ""a, b""",agent (share),"'-tag:x ""a, b"" (share)"`,
        '2026-01,2026-01-01,2026-01-31,40,4,1,0.1,0.025',
        '2026-02,2026-02-01,2026-02-28,0,0,0,0,0',
        '',
      ].join('\r\n'),
    );
  });

  it('quotes separators and defuses formulas', () => {
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField('@x')).toBe("'@x");
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField(0.5)).toBe('0.5');
    expect(trendCsv({ ...TREND, normalise: false }).split('\r\n')[0]).toBe(`period,from,to,total sections,agent,"'-tag:x ""a, b"""`);
  });
});

describe('chart steps', () => {
  it.each([
    [10, 5, 2],
    [7, 5, 2],
    [100, 5, 20],
    [0.3, 5, 0.1],
    [0, 5, 1],
    [1234, 5, 500],
  ])('max %d in about %d steps -> %d', (max, ticks, step) => {
    expect(niceStep(max, ticks)).toBeCloseTo(step);
  });
});

describe('argument checks', () => {
  it('accepts a trend request and names what is wrong with a bad one', () => {
    expect(trendsRequest('trends: request', { queries: ['agent', ''], by: 'week', normalise: true, tags: ['AI'] })).toEqual({
      queries: ['agent', ''],
      by: 'week',
      normalise: true,
      tags: ['AI'],
    });
    expect(() => trendsRequest('trends: request', { queries: [], by: 'month' })).toThrow('trends: request.queries must hold 1 to 6 queries, got 0');
    expect(() => trendsRequest('trends: request', { queries: Array(7).fill('a'), by: 'month' })).toThrow('got 7');
    expect(() => trendsRequest('trends: request', { queries: ['a'], by: 'day' })).toThrow('trends: request.by must be one of "week", "month", "year", got "day"');
    expect(() => trendsRequest('trends: request', { queries: ['a'], by: 'year', unit: 'words' })).toThrow('request.unit');
    expect(() => trendsRequest('trends: request', { queries: ['a'], by: 'year', from: '2026-13-01' })).toThrow('request.from must be a date');
    expect(() => trendsRequest('trends: request', { queries: ['a'], by: 'year', colour: 'red' })).toThrow('unknown field "colour"');
  });

  it('accepts a saved search and refuses a blank or control-character name', () => {
    expect(savedSearchInput('s', { name: '芯片', query: '芯片 -tag:x', mentions: ['NVIDIA'] })).toEqual({ name: '芯片', query: '芯片 -tag:x', mentions: ['NVIDIA'] });
    expect(() => savedSearchInput('s', { name: '  ', query: 'x' })).toThrow('s.name must not be blank');
    expect(() => savedSearchInput('s', { name: 'a\u0007b', query: 'x' })).toThrow('contains a control character');
    expect(() => savedSearchInput('s', { name: 'x'.repeat(101), query: 'x' })).toThrow('at most 100');
  });
});

describe('saved searches: what is new', () => {
  function fixture(initial: unknown = undefined) {
    let stored: unknown = initial;
    let matches = ['weekly/a.md', 'weekly/b.md'];
    let generation = 1;
    const saved = () =>
      new SavedSearches({
        persistence: { load: () => stored, save: (list) => (stored = JSON.parse(JSON.stringify(list)) as unknown) },
        matchingPaths: () => matches,
        generation: () => generation,
        now: () => new Date('2026-02-06T10:00:00Z'),
      });
    return {
      saved,
      stored: () => stored as StoredSavedSearch[],
      setMatches: (m: string[]) => ((matches = m), generation++),
    };
  }

  it('counts matching digests not seen at the last open, across a reload of the file', () => {
    const fx = fixture();
    const s = fx.saved();
    expect(s.save({ name: 'agents', query: 'agent' }).map((x) => [x.name, x.newCount])).toEqual([['agents', 0]]);
    fx.setMatches(['weekly/a.md', 'weekly/b.md', 'weekly/c.md']);
    s.refresh();
    expect(s.list()[0]!.newCount).toBe(1);
    // A new process reads the same file.
    const again = fx.saved();
    expect(again.list()[0]).toMatchObject({ name: 'agents', query: 'agent', newCount: 1, createdAt: '2026-02-06T10:00:00.000Z' });
    expect(again.open('agents').newCount).toBe(0);
    expect(again.list()[0]!.newCount).toBe(0);
    fx.setMatches(['weekly/b.md', 'weekly/c.md']);
    expect(again.list()[0]!.newCount).toBe(0);
  });

  it('replaces a search saved under a name in use, removes by name, and refuses an unknown name', () => {
    const fx = fixture();
    const s = fx.saved();
    s.save({ name: 'x', query: 'a' });
    s.save({ name: 'y', query: 'b' });
    expect(s.save({ name: 'x', query: 'c', tags: ['AI'] }).map((v) => [v.name, v.query])).toEqual([
      ['x', 'c'],
      ['y', 'b'],
    ]);
    expect(s.remove('x').map((v) => v.name)).toEqual(['y']);
    expect(() => s.remove('x')).toThrow('no saved search named "x"');
    expect(() => s.open('nope')).toThrow('no saved search named "nope"');
  });

  it('keeps the seen set small and drops malformed entries of the file', () => {
    const fx = fixture([{ name: 'ok', query: 'q', createdAt: 'c', openedAt: 'o', seen: '' }, { name: 5 }, 'junk']);
    const s = fx.saved();
    expect(s.list().map((v) => [v.name, v.newCount])).toEqual([['ok', 2]]);
    s.open('ok');
    expect(Buffer.from(fx.stored()[0]!.seen, 'base64').length).toBe(8);
    expect(pathFingerprint('weekly/a.md')).not.toBe(pathFingerprint('weekly/b.md'));
  });
});
