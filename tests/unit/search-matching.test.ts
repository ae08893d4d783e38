import { afterEach, describe, expect, it } from 'vitest';
import { DigestCatalog } from '../../src/core/search/catalog.js';
import { collect, tiersOf } from '../../src/core/search/collect.js';
import { countMatches, decodeRowids, digestMarks, matchingPositions, rowidSet, rowidsOf } from '../../src/core/search/matching.js';
import { ownMatches } from '../../src/core/search/own-match.js';
import { buildQuery } from '../../src/core/search/query-builder.js';
import { parseQuery } from '../../src/core/search/query-parser.js';
import { SectionMarks } from '../../src/core/search/repeats.js';
import { SectionRange } from '../../src/core/store/section-range.js';
import { SectionRanges, rowidsIn } from '../../src/core/search/section-ranges.js';
import { SearchFixture } from './search-fixtures.js';

describe('decodeRowids', () => {
  it('decodes the comma-separated rowids group_concat writes', () => {
    expect([...decodeRowids(null)]).toEqual([]);
    expect([...decodeRowids(new Uint8Array())]).toEqual([]);
    expect([...decodeRowids(Buffer.from('7'))]).toEqual([7]);
    expect([...decodeRowids(Buffer.from('1,22,333,2147483647'))]).toEqual([1, 22, 333, 2147483647]);
  });
});

describe('rowidSet', () => {
  it('answers membership in its dense form (a byte per rowid)', () => {
    const has = rowidSet(Int32Array.from([3, 5, 900]));
    expect([0, 3, 4, 5, 900, 901, 1_000_000].map(has)).toEqual([false, true, false, true, true, false, false]);
  });

  it('answers the same in its sparse form (rowids far beyond their number)', () => {
    const has = rowidSet(Int32Array.from([2, 50_000_000]));
    expect([1, 2, 3, 49_999_999, 50_000_000].map(has)).toEqual([false, true, false, false, true]);
  });

  it('holds nothing for no rowids', () => {
    expect(rowidSet(new Int32Array(0))(0)).toBe(false);
  });
});

describe('matchingPositions', () => {
  it('lists the positions with a count, ascending', () => {
    expect([...matchingPositions(Int32Array.from([0, 2, 0, 1, 5]))]).toEqual([1, 3, 4]);
    expect([...matchingPositions(new Int32Array(3))]).toEqual([]);
  });
});

describe('SectionRanges', () => {
  // Digest positions 0..3: sections 10..12, none, 13..13, 20..24.
  const first = Int32Array.from([10, 99, 13, 20]);
  const count = Int32Array.from([3, 0, 1, 5]);
  const expected = (rowid: number): number => {
    for (let i = 0; i < first.length; i++) if (SectionRange.contains(first[i]!, count[i]!, rowid)) return i;
    return -1;
  };

  it('maps rowids to digests the same way in its dense and sparse forms', () => {
    const dense = new SectionRanges(first, count, 9);
    // Pretending there are no sections forces the sparse form over the same ranges.
    const sparse = new SectionRanges(first, count, -1000);
    expect([dense.isDense, sparse.isDense]).toEqual([true, false]);
    for (let rowid = -1; rowid <= 30; rowid++) {
      expect([rowid, dense.digestOf(rowid)]).toEqual([rowid, expected(rowid)]);
      expect([rowid, sparse.digestOf(rowid)]).toEqual([rowid, expected(rowid)]);
    }
  });

  it('counts matches per digest through a filter, in both forms', () => {
    const rowids = Int32Array.from([9, 10, 12, 13, 14, 20, 24, 25, 99]);
    for (const total of [9, -1000]) {
      const ranges = new SectionRanges(first, count, total);
      const all = new Int32Array(4);
      expect(ranges.count(rowids, all, null)).toBe(5);
      expect([...all]).toEqual([2, 0, 1, 2]);
      const some = new Int32Array(4);
      expect(ranges.count(rowids, some, (i) => i !== 3)).toBe(3);
      expect([...some]).toEqual([2, 0, 1, 0]);
    }
  });

  it('gives ordinals within a digest and -1 outside it', () => {
    const ranges = new SectionRanges(first, count, 9);
    expect([20, 22, 24, 25, 19].map((r) => ranges.ordinalIn(3, r))).toEqual([0, 2, 4, -1, -1]);
    expect(ranges.ordinalIn(1, 99)).toBe(-1);
    expect(ranges.rangeAt(3)).toEqual(new SectionRange(20, 5));
  });

  it('finds the slice of sorted rowids inside a range', () => {
    const rowids = Int32Array.from([1, 10, 11, 12, 13, 30]);
    expect([...rowidsIn(rowids, new SectionRange(10, 3))]).toEqual([10, 11, 12]);
    expect([...rowidsIn(rowids, new SectionRange(14, 5))]).toEqual([]);
    expect([...rowidsIn(rowids, new SectionRange(0, 100))]).toEqual([...rowids]);
  });
});

describe('matching over a real index', () => {
  let fx: SearchFixture;
  afterEach(() => fx.close());

  it('counts sections per digest, marks digests and tells exact from expanded rowids', () => {
    fx = SearchFixture.create([
      { path: 'a.md', title: 'A', sections: [{ text: 'alpha beta' }, { text: 'alpha' }] },
      { path: 'b.md', title: 'B', sections: [{ text: 'gamma' }, { text: 'alphas' }] },
      { path: 'c.md', title: 'C', sections: [{ text: 'delta' }] },
    ]);
    const catalog = DigestCatalog.load(fx.db);
    const exact = rowidsOf(fx.db, '"alpha"');
    const widened = rowidsOf(fx.db, '"alpha" OR "alphas"');
    expect(exact).toHaveLength(2);
    expect(widened).toHaveLength(3);

    const counted = countMatches(catalog, widened, null);
    expect([...counted.counts]).toEqual([2, 1, 0]);
    expect([counted.total, counted.totalSections, [...counted.positions]]).toEqual([2, 3, [0, 1]]);
    const onlyB = countMatches(catalog, widened, (i) => i === 1);
    expect([onlyB.total, onlyB.totalSections, [...onlyB.positions]]).toEqual([1, 1, [1]]);
    expect([...digestMarks(catalog, exact)]).toEqual([1, 0, 0]);

    const built = buildQuery(parseQuery('alpha '), (w) => (w === 'alpha' ? ['alphas'] : []));
    const full = ownMatches(fx.db, catalog, built, 'full');
    expect([...full.content]).toEqual([...widened]);
    const collected = collect({ db: fx.db, catalog, marks: SectionMarks.empty(), matches: full, pass: null, excluded: null });
    const tiers = tiersOf(catalog, collected, ownMatches(fx.db, catalog, built, 'exact'));
    expect([...widened].map(tiers.section)).toEqual([0, 0, 1]);
    expect([0, 1].map(tiers.digest)).toEqual([0, 1]);
    const allExact = tiersOf(catalog, collected, null);
    expect([allExact.section(widened[2]!), allExact.digest(1)]).toEqual([0, 0]);
  });
});
