/**
 * Counting a facet's values over the matching digests, for every facet kept
 * as a flat per-digest list (CSR: digest i's value ids are
 * ids[start[i] .. start[i + 1])): tags, mentioned names, sites.
 *
 * A short or common query (开, r, ai) matches nearly every digest, and
 * counting the values of all of them is most of such a search's own work.
 * The counts over every digest are made once per index (the lists change
 * only with a new catalog), so a match set larger than half the catalog is
 * counted as those totals minus the digests it leaves out: the same counts,
 * for the cost of the smaller side.
 */

/**
 * The positions 0 .. size - 1 missing from `positions` (ascending and
 * distinct) when they are fewer than half the catalog; null otherwise, or
 * when `positions` is not ascending and distinct (then count directly).
 */
export function complementOf(positions: ArrayLike<number>, size: number): Int32Array | null {
  if (positions.length * 2 <= size || positions.length > size) return null;
  const out = new Int32Array(size - positions.length);
  let k = 0;
  let p = 0;
  for (let i = 0; i < size; i++) {
    if (p < positions.length && positions[p] === i) p++;
    else if (k < out.length) out[k++] = i;
    else return null;
  }
  return p === positions.length && k === out.length ? out : null;
}

/** Per-digest value lists and their counts over any set of digests. */
export class ListCounts {
  private totals: Int32Array | null = null;
  /** countSparse's counts, and the ids it counted last (zeroed at its next call). */
  private scratch: Int32Array | null = null;
  private lastIds = new Int32Array(0);

  constructor(
    /** Digest i's value ids are ids[start[i] .. start[i + 1]) (size + 1 entries). */
    private readonly start: Int32Array,
    private readonly ids: Int32Array,
    /** Value ids are 0 .. width - 1. */
    readonly width: number,
  ) {}

  /** Digests the lists cover. */
  get size(): number {
    return this.start.length - 1;
  }

  /**
   * The digests left out of `positions` when counting them as the totals
   * minus those is cheaper: copying the totals costs a step per value, so
   * for values far more numerous than a digest's list (the names of a
   * link-heavy vault) only a match set nearly as large as the catalog does.
   */
  private missingFrom(positions: ArrayLike<number>): Int32Array | null {
    const missing = complementOf(positions, this.size);
    if (missing === null) return null;
    let left = 0;
    for (const i of missing) left += this.start[i + 1]! - this.start[i]!;
    const matched = this.ids.length - left;
    return this.width + 2 * left < matched ? missing : null;
  }

  /** How many of the digests at `positions` hold each value, by value id (see the module comment). */
  count(positions: ArrayLike<number>): Int32Array {
    const missing = this.missingFrom(positions);
    if (missing === null) {
      const counts = new Int32Array(this.width);
      this.add(positions, counts, 1);
      return counts;
    }
    if (this.totals === null) {
      this.totals = new Int32Array(this.width);
      for (let k = 0; k < this.ids.length; k++) this.totals[this.ids[k]!]!++;
    }
    const counts = this.totals.slice();
    this.add(missing, counts, -1);
    return counts;
  }

  /**
   * The counts and the value ids counted (each once), for values far more
   * numerous than a digest's list (the names of a link-heavy vault): a small
   * match set then costs its lists, not a pass over every value. Ids come
   * in the order first met walking the positions, or ascending for a match
   * set counted as its complement. The counts array is reused by the next
   * call.
   */
  countSparse(positions: ArrayLike<number>): { counts: Int32Array; ids: Int32Array; metOrder: boolean } {
    if (this.missingFrom(positions) !== null) {
      const counts = this.count(positions);
      const ids: number[] = [];
      for (let id = 0; id < counts.length; id++) if (counts[id]! > 0) ids.push(id);
      return { counts, ids: Int32Array.from(ids), metOrder: false };
    }
    this.scratch ??= new Int32Array(this.width);
    const counts = this.scratch;
    for (const id of this.lastIds) counts[id] = 0;
    const met: number[] = [];
    for (let p = 0; p < positions.length; p++) {
      const i = positions[p]!;
      for (let k = this.start[i]!, end = this.start[i + 1]!; k < end; k++) if (counts[this.ids[k]!]!++ === 0) met.push(this.ids[k]!);
    }
    this.lastIds = Int32Array.from(met);
    return { counts, ids: this.lastIds, metOrder: true };
  }

  private add(positions: ArrayLike<number>, counts: Int32Array, step: number): void {
    const { start, ids } = this;
    for (let p = 0; p < positions.length; p++) {
      const i = positions[p]!;
      for (let k = start[i]!, end = start[i + 1]!; k < end; k++) counts[ids[k]!]! += step;
    }
  }
}
