import { describe, expect, it } from 'vitest';
import {
  EXPANDED_PENALTY,
  capTierScores,
  compareSections,
  compareSectionsByOrdinal,
  keepTop,
  pageOf,
  type DigestAgg,
  type Paging,
  type SectionAgg,
} from '../../src/core/search/aggregate.js';

const sec = (rowid: number, ordinal: number, score: number, tier = 0): SectionAgg => ({ rowid, ordinal, score, tier });
const digestAgg = (position: number, score: number, tier: number): DigestAgg => ({ position, score, tier, count: 1, top: [] });

describe('compareSections', () => {
  it('orders exact before expanded, then higher score, then earlier in the digest', () => {
    const items = [sec(1, 3, 9, 1), sec(2, 2, 1), sec(3, 1, 5), sec(4, 0, 5)];
    expect([...items].sort(compareSections).map((s) => s.rowid)).toEqual([4, 3, 2, 1]);
  });

  it('in document order, exact before expanded, ignoring scores', () => {
    const items = [sec(1, 0, 9, 1), sec(2, 2, 1), sec(3, 1, 5)];
    expect([...items].sort(compareSectionsByOrdinal).map((s) => s.rowid)).toEqual([3, 2, 1]);
  });
});

describe('keepTop', () => {
  it('keeps the best `cap` items in order, whatever order they arrive in', () => {
    const list: SectionAgg[] = [];
    for (const s of [sec(1, 0, 1), sec(2, 1, 5), sec(3, 2, 3), sec(4, 3, 4), sec(5, 4, 0.5)]) keepTop(list, s, 3, compareSections);
    expect(list.map((s) => s.rowid)).toEqual([2, 4, 3]);
  });

  it('drops an item no better than the last of a full list, and keeps ties in arrival order', () => {
    const list: SectionAgg[] = [];
    keepTop(list, sec(1, 0, 2), 2, compareSectionsByOrdinal);
    keepTop(list, sec(2, 1, 2), 2, compareSectionsByOrdinal);
    keepTop(list, sec(3, 5, 9), 2, compareSectionsByOrdinal);
    expect(list.map((s) => s.rowid)).toEqual([1, 2]);
    const ties: SectionAgg[] = [];
    for (const r of [7, 8, 9]) keepTop(ties, sec(r, 0, 1), 5, compareSections);
    expect(ties.map((s) => s.rowid)).toEqual([7, 8, 9]);
  });

  it('keeps everything with an infinite cap', () => {
    const list: SectionAgg[] = [];
    for (let i = 0; i < 50; i++) keepTop(list, sec(i, 49 - i, 0), Infinity, compareSectionsByOrdinal);
    expect(list).toHaveLength(50);
    expect(list[0]!.ordinal).toBe(0);
  });
});

describe('capTierScores', () => {
  it('keeps an expanded digest scored below the lowest exact one (by the expansion penalty)', () => {
    const sorted = [digestAgg(0, 10, 0), digestAgg(1, 4, 0), digestAgg(2, 30, 1), digestAgg(3, 1, 1)];
    capTierScores(sorted);
    expect(sorted.map((a) => a.score)).toEqual([10, 4, 4 * EXPANDED_PENALTY, 1]);
  });

  it('keeps each later tier (boilerplate after expanded) below every tier before it', () => {
    const sorted = [digestAgg(0, 10, 0), digestAgg(1, 8, 1), digestAgg(2, 50, 2), digestAgg(3, 1, 3)];
    capTierScores(sorted);
    expect(sorted.map((a) => a.score)).toEqual([10, 10 * EXPANDED_PENALTY, 10 * EXPANDED_PENALTY ** 2, 1]);
  });

  it('leaves scores alone when no digest matched exactly', () => {
    const sorted = [digestAgg(0, 30, 1), digestAgg(1, 20, 1)];
    capTierScores(sorted);
    expect(sorted.map((a) => a.score)).toEqual([30, 20]);
  });
});

describe('pageOf', () => {
  const paging = (offset: number, limit: number): Paging => ({ sort: 'relevance', offset, limit, perDigest: 3 });
  it('slices offset .. offset + limit, 0 meaning no limit', () => {
    const all = [0, 1, 2, 3, 4];
    expect(pageOf(all, paging(1, 2))).toEqual([1, 2]);
    expect(pageOf(all, paging(3, 0))).toEqual([3, 4]);
    expect(pageOf(all, paging(9, 2))).toEqual([]);
  });
});
