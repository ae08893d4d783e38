import { describe, expect, it } from 'vitest';
import type { Paging } from '../../src/core/search/aggregate.js';
import { datePage } from '../../src/core/search/paging.js';
import { filterOf, pagingOf } from '../../src/core/search/request.js';
import { parseQuery } from '../../src/core/search/query-parser.js';
import type { SearchRequest } from '../../src/shared/api.js';
import { notice, type SearchNotice } from '../../src/shared/notices.js';

const paging = (offset: number, limit: number): Paging => ({ sort: 'newest', offset, limit, perDigest: 3 });

describe('datePage', () => {
  // Positions 0..5 in date order 4, 2, 0, 5, 1, 3; positions 1 and 5 do not match.
  const order = Int32Array.from([4, 2, 0, 5, 1, 3]);
  const counts = Int32Array.from([2, 0, 1, 7, 1, 0]);

  it('walks the order, skipping digests without matches, and cuts the page', () => {
    expect(datePage(order, counts, paging(0, 0), null)).toEqual([4, 2, 0, 3]);
    expect(datePage(order, counts, paging(0, 2), null)).toEqual([4, 2]);
    expect(datePage(order, counts, paging(1, 2), null)).toEqual([2, 0]);
    expect(datePage(order, counts, paging(3, 5), null)).toEqual([3]);
    expect(datePage(order, counts, paging(4, 5), null)).toEqual([]);
  });

  it('puts tier-0 digests first, each tier in date order, and pages across the tiers', () => {
    const tier = (i: number): number => (i === 0 || i === 3 ? 0 : 1);
    expect(datePage(order, counts, paging(0, 0), tier)).toEqual([0, 3, 4, 2]);
    expect(datePage(order, counts, paging(1, 2), tier)).toEqual([3, 4]);
  });

  it('is empty for nothing matching', () => {
    expect(datePage(order, new Int32Array(6), paging(0, 0), null)).toEqual([]);
    expect(datePage(new Int32Array(0), new Int32Array(0), paging(0, 10), null)).toEqual([]);
  });
});

describe('pagingOf', () => {
  it('takes valid values and falls back to defaults for bad ones', () => {
    expect(pagingOf({ query: 'x', sort: 'oldest', limit: 5.7, offset: 2.2, sectionsPerDigest: 2 }, 3)).toEqual({
      sort: 'oldest',
      limit: 5,
      offset: 2,
      perDigest: 2,
    });
    const bad = { query: 'x', sort: 'sideways', limit: -1, offset: Number.NaN } as unknown as SearchRequest;
    expect(pagingOf(bad, 3)).toEqual({ sort: 'relevance', limit: 20, offset: 0, perDigest: 3 });
    expect(pagingOf({ query: 'x', limit: 0, sectionsPerDigest: 0 }, 3)).toMatchObject({ limit: 0, perDigest: Infinity });
  });
});

describe('filterOf', () => {
  it('intersects the query dates with the request dates and normalises request tags', () => {
    const notices: SearchNotice[] = [];
    const f = filterOf(parseQuery('x after:2026-01-01 tag:AI in:weekly'), { query: '', from: '2026-02', to: '2026-03-10', tags: ['ＡＩ ', '', 3 as unknown as string] }, notices);
    expect(f).toEqual({
      anyOrAllTags: { tags: ['ai'], mode: 'any' },
      requiredTags: ['ai'],
      excludedTags: [],
      from: '2026-02-01',
      to: '2026-03-10',
      folders: ['weekly'],
      excludedFolders: [],
      mentions: [],
      excludedMentions: [],
    });
    expect(notices).toEqual([]);
  });

  it('keeps the narrower query bound and names an unreadable request date', () => {
    const notices: SearchNotice[] = [];
    const f = filterOf(parseQuery('after:2026-05-01'), { query: '', from: '2026-01-01', to: 'soon', tagMode: 'all', tags: ['a'] }, notices);
    expect([f.from, f.to, f.anyOrAllTags?.mode]).toEqual(['2026-05-01', null, 'all']);
    expect(notices).toEqual([notice('bad-date-filter', { value: 'soon', name: 'to' })]);
    expect(notices[0]!.message).toBe("unrecognised date 'soon' in to; ignored");
  });
});
