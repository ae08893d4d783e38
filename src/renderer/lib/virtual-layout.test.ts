import { describe, expect, it } from 'vitest';
import { prefixOffsets, rowAt, scrollToReveal, visibleRange } from './virtual-layout.js';

describe('virtual layout', () => {
  const heights = [50, 80, 80, 50, 80];
  const offsets = prefixOffsets(heights);

  it('sums heights into row offsets', () => {
    expect(offsets).toEqual([0, 50, 130, 210, 260, 340]);
  });

  it('finds the row under a pixel, agreeing with a linear scan on random layouts', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 50; round++) {
      const hs = Array.from({ length: 1 + Math.floor(rand() * 40) }, () => 1 + Math.floor(rand() * 120));
      const offs = prefixOffsets(hs);
      for (let k = 0; k < 30; k++) {
        const y = Math.floor(rand() * (offs[offs.length - 1]! + 50)) - 10;
        let expected = 0;
        for (let i = 0; i < hs.length; i++) if (offs[i]! <= y) expected = i;
        expect(rowAt(offs, y)).toBe(expected);
      }
    }
  });

  it('returns the visible window with overscan, clamped to the rows', () => {
    expect(visibleRange(offsets, 60, 100, 0)).toEqual([1, 2]);
    expect(visibleRange(offsets, 60, 100, 2)).toEqual([0, 4]);
    expect(visibleRange([0], 0, 100, 2)).toBeNull();
  });

  it('scrolls just enough to reveal a row', () => {
    expect(scrollToReveal(offsets, 0, 100, 100)).toBe(0);
    expect(scrollToReveal(offsets, 4, 0, 100)).toBe(240);
    expect(scrollToReveal(offsets, 2, 100, 200)).toBe(100);
    expect(scrollToReveal(offsets, 9, 100, 200)).toBe(100);
  });

  it('handles 10,000 rows', () => {
    const big = prefixOffsets(Array.from({ length: 10_000 }, (_, i) => (i % 3 === 0 ? 62 : 84)));
    const range = visibleRange(big, 500_000, 800, 6);
    expect(range).not.toBeNull();
    const [first, last] = range!;
    expect(big[first + 6]! <= 500_000 && big[first + 7]! > 500_000).toBe(true);
    expect(last - first).toBeLessThan(30);
  });
});
