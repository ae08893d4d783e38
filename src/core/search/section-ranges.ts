/**
 * Section rowid -> position of its digest in the search catalog. A digest's
 * sections are one contiguous rowid range (core/store/section-range.ts), so
 * the map is built from the digest rows alone: a typed array indexed by rowid
 * while rowids are dense, else a binary search over the ranges (rowids are
 * not reused once a newer range exists, so max(rowid) can far exceed the
 * section count).
 */
import { SectionRange } from '../store/section-range.js';
import type { DigestPass } from './filter.js';

/** Dense form while the highest rowid is at most this many times the sections, plus DENSE_SLACK. */
const DENSE_FACTOR = 4;
const DENSE_SLACK = 1024;

export class SectionRanges {
  private readonly dense: Int32Array | null;
  /** Sparse form: range starts ascending, with their digest positions. */
  private readonly starts: Float64Array;
  private readonly positions: Int32Array;

  constructor(
    /** Per digest position: rowid of its first section, and its number of sections. */
    private readonly firstSection: Int32Array,
    private readonly sectionCount: Int32Array,
    sectionTotal: number,
  ) {
    const n = firstSection.length;
    // Once per catalog load (not per search): a range object per digest is cheap here.
    let maxRowid = 0;
    for (let i = 0; i < n; i++) if (sectionCount[i]! > 0) maxRowid = Math.max(maxRowid, this.rangeAt(i).last);
    if (maxRowid <= DENSE_FACTOR * sectionTotal + DENSE_SLACK) {
      // Position + 1 per rowid (0: no section).
      const dense = new Int32Array(maxRowid + 1);
      for (let i = 0; i < n; i++) {
        const range = this.rangeAt(i);
        if (range.count > 0) dense.fill(i + 1, range.first, range.end);
      }
      this.dense = dense;
      this.starts = new Float64Array(0);
      this.positions = new Int32Array(0);
    } else {
      const ranged = Int32Array.from({ length: n }, (_, i) => i)
        .filter((i) => sectionCount[i]! > 0)
        .sort((a, b) => firstSection[a]! - firstSection[b]!);
      this.dense = null;
      this.starts = Float64Array.from(ranged, (i) => firstSection[i]!);
      this.positions = ranged;
    }
  }

  /** The section range of the digest at `position`. */
  rangeAt(position: number): SectionRange {
    return new SectionRange(this.firstSection[position]!, this.sectionCount[position]!);
  }

  /**
   * counts[position] += 1 for each rowid's digest that passes (null: all do)
   * and, when the filter tests sections by their own dates, whose section
   * passes too; returns how many sections were counted. One tight loop: on a
   * cold start the code is still interpreted, and a call per rowid is paid per match.
   */
  count(rowids: Int32Array, counts: Int32Array, pass: DigestPass | null): number {
    let total = 0;
    const dense = this.dense;
    const section = pass?.section ?? null;
    if (dense === null) {
      for (let k = 0; k < rowids.length; k++) {
        const r = rowids[k]!;
        const i = this.digestOf(r);
        if (i < 0 || (pass !== null && !pass(i)) || (section !== null && !section(i, r))) continue;
        counts[i]!++;
        total++;
      }
      return total;
    }
    const end = dense.length;
    for (let k = 0; k < rowids.length; k++) {
      const r = rowids[k]!;
      if (r < 0 || r >= end) continue;
      const i = dense[r]! - 1;
      if (i < 0 || (pass !== null && !pass(i)) || (section !== null && !section(i, r))) continue;
      counts[i]!++;
      total++;
    }
    return total;
  }

  /** Position of the digest holding `rowid`, -1 when none does. */
  digestOf(rowid: number): number {
    if (this.dense) return rowid >= 0 && rowid < this.dense.length ? this.dense[rowid]! - 1 : -1;
    // Last range starting at or before rowid.
    let lo = 0;
    let hi = this.starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! <= rowid) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (found < 0) return -1;
    const i = this.positions[found]!;
    return SectionRange.contains(this.firstSection[i]!, this.sectionCount[i]!, rowid) ? i : -1;
  }

  /** Ordinal of `rowid` in the digest at `position`, -1 when it is not one of its sections. Allocation-free. */
  ordinalIn(position: number, rowid: number): number {
    return SectionRange.ordinalOf(this.firstSection[position]!, this.sectionCount[position]!, rowid);
  }

  /** Whether the map is the dense array (else the binary search over ranges). */
  get isDense(): boolean {
    return this.dense !== null;
  }
}

/** First index of a sorted array whose value is >= target. */
function lowerBound(sorted: Int32Array, target: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The slice of `rowids` (ascending) inside `range`: two binary searches find
 * a digest's sections without walking every match. A view, not a copy.
 */
export function rowidsIn(rowids: Int32Array, range: SectionRange): Int32Array {
  return rowids.subarray(lowerBound(rowids, range.first), lowerBound(rowids, range.end));
}
