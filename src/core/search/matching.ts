/**
 * Matching primitives: the rowids an FTS5 MATCH string selects, sets and
 * marks over them, and positions of matching digests. Everything here runs
 * per matching row, so it works on typed arrays and allocates nothing per
 * row. What counts as a match is decided in own-match.ts and collect.ts.
 */
import type { Database } from 'better-sqlite3';
import { cachedStatement } from '../store/statements.js';
import type { DigestCatalog, DigestPass } from './catalog.js';

const COMMA = 44;
const ZERO = 48;

/** Decodes "12,13,40" (ASCII digits and commas, as group_concat writes rowids) into integers. */
export function decodeRowids(blob: Uint8Array | null): Int32Array {
  if (blob === null || blob.length === 0) return new Int32Array(0);
  let count = 1;
  for (let i = 0; i < blob.length; i++) if (blob[i] === COMMA) count++;
  const out = new Int32Array(count);
  let value = 0;
  let k = 0;
  for (let i = 0; i < blob.length; i++) {
    const c = blob[i]!;
    if (c === COMMA) {
      out[k++] = value;
      value = 0;
    } else {
      value = value * 10 + (c - ZERO);
    }
  }
  out[k] = value;
  return out;
}

/**
 * Rowid lists of the recent MATCH strings that returned many rows, per
 * connection: typing sends the same short, common prefixes again and again
 * (开, 大, rus: each new query typed starts with one), and a prefix of one
 * CJK character or a common word is the costliest FTS5 query there is (it
 * merges the doclists of every token it starts). Kept as varint gaps
 * (ascending rowids of neighbouring sections: about a byte each), so that
 * the lists of many such prefixes fit in a few MB; each hit decodes a fresh
 * array. Dropped by the engine whenever the index generation moves.
 */
class RowidCache {
  private readonly lists = new Map<string, Uint8Array>();
  private held = 0;

  get(match: string): Int32Array | undefined {
    const packed = this.lists.get(match);
    if (packed === undefined) return undefined;
    // Most recently used last: the first entries are the ones to drop.
    this.lists.delete(match);
    this.lists.set(match, packed);
    return unpackGaps(packed);
  }

  set(match: string, rows: Int32Array): void {
    if (rows.length < CACHED_MIN_ROWS || this.lists.has(match)) return;
    const packed = packGaps(rows);
    if (packed === null || packed.length > CACHED_MAX_BYTES) return;
    this.lists.set(match, packed);
    this.held += packed.length;
    for (const [key, old] of this.lists) {
      if (this.held <= CACHED_MAX_BYTES) break;
      this.lists.delete(key);
      this.held -= old.length;
    }
  }
}

/** Lists shorter than this are cheap to ask FTS5 for again. */
const CACHED_MIN_ROWS = 2_000;
/** Bytes the cache holds at most over all its lists: the commonest prefixes of a 10k-digest index. */
const CACHED_MAX_BYTES = 4 * 1024 * 1024;

/** Ascending rowids as LEB128 gaps; null when they are not ascending. */
export function packGaps(rows: Int32Array): Uint8Array | null {
  const out = new Uint8Array(rows.length * 5);
  let n = 0;
  let previous = 0;
  for (let k = 0; k < rows.length; k++) {
    let gap = rows[k]! - previous;
    if (gap < 0 || (k > 0 && gap === 0)) return null;
    previous = rows[k]!;
    while (gap >= 0x80) {
      out[n++] = (gap & 0x7f) | 0x80;
      gap >>>= 7;
    }
    out[n++] = gap;
  }
  return out.slice(0, n);
}

/** The rowids packGaps packed. */
export function unpackGaps(packed: Uint8Array): Int32Array {
  let count = 0;
  for (let i = 0; i < packed.length; i++) if (packed[i]! < 0x80) count++;
  const out = new Int32Array(count);
  let value = 0;
  let k = 0;
  for (let i = 0; i < packed.length; ) {
    let gap = 0;
    let shift = 0;
    let b: number;
    do {
      b = packed[i++]!;
      gap |= (b & 0x7f) << shift;
      shift += 7;
    } while (b >= 0x80);
    value += gap;
    out[k++] = value;
  }
  return out;
}

const rowidCaches = new WeakMap<Database, RowidCache>();

/** Forgets the rowid lists of `db` (the index changed). */
export function forgetRowids(db: Database): void {
  rowidCaches.delete(db);
}

/**
 * Every rowid matching `match`, ascending. One comma-separated BLOB crosses into JS and is decoded by hand:
 * cheaper than a row per match or a JSON array (docs/PERFORMANCE.md, "Rowids into JS").
 */
export function rowidsOf(db: Database, match: string): Int32Array {
  let cache = rowidCaches.get(db);
  const cached = cache?.get(match);
  if (cached !== undefined) return cached;
  const blob = cachedStatement(db, "SELECT CAST(group_concat(rowid, ',') AS BLOB) FROM section_fts WHERE section_fts MATCH ?")
    .pluck()
    .get(match) as Uint8Array | null;
  const rows = decodeRowids(blob);
  if (cache === undefined) {
    cache = new RowidCache();
    rowidCaches.set(db, cache);
  }
  cache.set(match, rows);
  return rows;
}

/** Membership of rowids: a byte per rowid while they are dense enough, else a Set. */
export function rowidSet(rowids: Int32Array): (rowid: number) => boolean {
  let max = 0;
  for (const r of rowids) if (r > max) max = r;
  if (max <= 64 * rowids.length + 65_536) {
    const marks = new Uint8Array(max + 1);
    for (const r of rowids) marks[r] = 1;
    return (rowid) => rowid <= max && marks[rowid] === 1;
  }
  const set = new Set(rowids);
  return (rowid) => set.has(rowid);
}

/** Positions where counts[i] > 0, ascending. */
export function matchingPositions(counts: ArrayLike<number>): Int32Array {
  let n = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i]! > 0) n++;
  const out = new Int32Array(n);
  let k = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i]! > 0) out[k++] = i;
  return out;
}

/** A byte per catalog position: 1 when one of `rowids` is a section of that digest. */
export function digestMarks(catalog: DigestCatalog, rowids: Int32Array): Uint8Array {
  const marks = new Uint8Array(catalog.size);
  for (let k = 0; k < rowids.length; k++) {
    const i = catalog.digestIndexOfSection(rowids[k]!);
    if (i >= 0) marks[i] = 1;
  }
  return marks;
}

/** Matching sections counted per digest. */
export interface MatchCounts {
  /** Matching sections per catalog position (0 for digests that fail the filter). */
  counts: Int32Array;
  /** Digests with at least one matching section. */
  total: number;
  totalSections: number;
  /** Positions of the matching digests, ascending (for facets). */
  positions: Int32Array;
}

/** Counts `rowids` per digest through the catalog, keeping only digests (and sections, by their own dates) that `pass` (null: all). */
export function countMatches(catalog: DigestCatalog, rowids: Int32Array, pass: DigestPass | null): MatchCounts {
  const counts = new Int32Array(catalog.size);
  const totalSections = catalog.countSections(rowids, counts, pass);
  const positions = matchingPositions(counts);
  return { counts, total: positions.length, totalSections, positions };
}
