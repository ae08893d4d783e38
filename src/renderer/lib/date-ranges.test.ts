import { describe, expect, it } from 'vitest';
import { histogramBuckets, matchingQuickPick, quickPickRange, rangeOfBuckets, todayYmd } from './date-ranges.js';

describe('quick picks', () => {
  it('computes the last 4 weeks, last 12 months and this year up to today', () => {
    expect(quickPickRange('last4Weeks', '2026-02-06')).toEqual({ from: '2026-01-10', to: '2026-02-06' });
    expect(quickPickRange('last12Months', '2026-02-06')).toEqual({ from: '2025-02-07', to: '2026-02-06' });
    expect(quickPickRange('thisYear', '2026-02-06')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('recognises a range that equals a quick pick', () => {
    expect(matchingQuickPick({ from: '2026-01-01', to: '2026-12-31' }, '2026-02-06')).toBe('thisYear');
    expect(matchingQuickPick({ from: '2026-01-02', to: '2026-12-31' }, '2026-02-06')).toBeNull();
  });

  it('takes today from the local calendar', () => {
    expect(todayYmd(new Date(2026, 1, 6, 23, 59))).toBe('2026-02-06');
  });
});

describe('histogramBuckets', () => {
  it('uses weeks for short spans and fills the gaps with zeros', () => {
    const { granularity, buckets } = histogramBuckets({ '2026-W05': 2, '2026-W08': 1 }, { '2026-02': 3 }, { '2026': 3 });
    expect(granularity).toBe('week');
    expect(buckets.map((b) => [b.key, b.count])).toEqual([
      ['2026-W05', 2],
      ['2026-W06', 0],
      ['2026-W07', 0],
      ['2026-W08', 1],
    ]);
    expect(buckets[1]).toMatchObject({ from: '2026-02-02', to: '2026-02-08' });
  });

  it('crosses ISO years correctly (2020 has 53 weeks)', () => {
    const { buckets } = histogramBuckets({ '2020-W52': 1, '2021-W01': 1 }, {}, {});
    expect(buckets.map((b) => b.key)).toEqual(['2020-W52', '2020-W53', '2021-W01']);
  });

  it('switches to months when weeks would be too many, then to years', () => {
    const months = histogramBuckets({ '2024-W01': 1, '2026-W01': 1 }, { '2024-01': 1, '2026-01': 1 }, {});
    expect(months.granularity).toBe('month');
    expect(months.buckets).toHaveLength(25);
    expect(months.buckets[0]).toMatchObject({ key: '2024-01', from: '2024-01-01', to: '2024-01-31' });
    const years = histogramBuckets({ '2010-W01': 1, '2026-W01': 1 }, { '2010-01': 1, '2026-01': 1 }, { '2010': 1, '2026': 1 });
    expect(years.granularity).toBe('year');
    expect(years.buckets.map((b) => b.key)).toHaveLength(17);
    expect(years.buckets[16]).toMatchObject({ key: '2026', from: '2026-01-01', to: '2026-12-31' });
  });

  it('is empty when nothing matched', () => {
    expect(histogramBuckets({}, {}, {}).buckets).toEqual([]);
  });

  it('turns a dragged span of bars (either direction) into one range', () => {
    const { buckets } = histogramBuckets({ '2026-W05': 2, '2026-W08': 1 }, {}, {});
    expect(rangeOfBuckets(buckets, 3, 1)).toEqual({ from: '2026-02-02', to: '2026-02-22' });
    expect(rangeOfBuckets(buckets, 0, 9)).toBeNull();
  });
});
