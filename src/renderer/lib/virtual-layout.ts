/**
 * Windowing arithmetic for the virtualised results list: rows have measured
 * heights (or an estimate until measured); offsets are prefix sums, and the
 * visible window is found by binary search, so 10,000 rows cost O(log n) per scroll.
 */

/** offsets[i] = top of row i; offsets[n] = total height. */
export function prefixOffsets(heights: readonly number[]): number[] {
  const out = new Array<number>(heights.length + 1);
  out[0] = 0;
  for (let i = 0; i < heights.length; i++) out[i + 1] = out[i]! + heights[i]!;
  return out;
}

/** Index of the row containing pixel `y` (clamped to the rows). */
export function rowAt(offsets: readonly number[], y: number): number {
  const n = offsets.length - 1;
  if (n <= 0) return 0;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid]! <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** [first, last] rows to render for a viewport, with `overscan` extra rows on each side; null when empty. */
export function visibleRange(offsets: readonly number[], scrollTop: number, viewport: number, overscan: number): [number, number] | null {
  const n = offsets.length - 1;
  if (n <= 0) return null;
  const first = Math.max(0, rowAt(offsets, scrollTop) - overscan);
  const last = Math.min(n - 1, rowAt(offsets, scrollTop + Math.max(viewport, 1)) + overscan);
  return [first, last];
}

/** The scrollTop that brings row i fully into view (unchanged when it already is). */
export function scrollToReveal(offsets: readonly number[], i: number, scrollTop: number, viewport: number): number {
  const top = offsets[i];
  const bottom = offsets[i + 1];
  if (top === undefined || bottom === undefined) return scrollTop;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewport) return Math.max(0, Math.min(top, bottom - viewport));
  return scrollTop;
}
