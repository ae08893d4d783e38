/**
 * What search knows of sections that repeat across a series (the repeats
 * step's marks, store/section-marks.ts): a section's boilerplate lines (for
 * its snippet and for choosing previews) and its repeat cluster, and the
 * folding of a cluster's matching sections into one hit.
 *
 * Loaded once per index state (marks are few: a row only for a marked
 * section), kept by the engine beside the catalog.
 */
import type { Database } from 'better-sqlite3';
import { boilerLinesOf, markLists, type BoilerLines } from '../store/section-marks.js';
import { decodeRowids } from './matching.js';

export class SectionMarks {
  /** Rowids of the sections repeated whole, ascending (their matches are boilerplate matches; fts-write.ts keeps them one row). */
  private readonly wholeRowids: Int32Array;
  /** Rowids of the sections with some boilerplate lines, ascending; their lines are read when first asked for. */
  private readonly partialRowids: Int32Array;
  private readonly partialLines = new Map<number, BoilerLines | null>();
  /** Rowids of sections in a repeat cluster, ascending, with their cluster ids. */
  private readonly groupRowids: Int32Array;
  private readonly groupIds: Int32Array;

  private constructor(
    private readonly db: Database | null,
    lists: { whole: Int32Array; partial: Int32Array; grouped: Int32Array; groups: Int32Array },
  ) {
    this.wholeRowids = lists.whole;
    this.partialRowids = lists.partial;
    this.groupRowids = lists.grouped;
    this.groupIds = lists.groups;
  }

  /** The marks of the index, as rowid lists (a row object each cost a reopened index's first query tens of ms on real text). */
  static load(db: Database): SectionMarks {
    const lists = markLists(db);
    const grouped = decodeRowids(lists.grouped);
    const groups = decodeRowids(lists.groups);
    if (groups.length !== grouped.length) throw new Error(`almanac index: ${grouped.length} clustered sections with ${groups.length} cluster ids`);
    return new SectionMarks(db, { whole: decodeRowids(lists.whole), partial: decodeRowids(lists.partial), grouped, groups });
  }

  static empty(): SectionMarks {
    const none = new Int32Array(0);
    return new SectionMarks(null, { whole: none, partial: none, grouped: none, groups: none });
  }

  /** The section's boilerplate lines, null when it has none. */
  boiler(rowid: number): BoilerLines | null {
    if (this.isBoilerplate(rowid)) return 'all';
    if (this.db === null || !has(this.partialRowids, rowid)) return null;
    let lines = this.partialLines.get(rowid);
    if (lines === undefined) {
      lines = boilerLinesOf(this.db, rowid);
      this.partialLines.set(rowid, lines);
    }
    return lines;
  }

  /** The whole section repeats across its series (it is never a digest's preview). */
  isBoilerplate(rowid: number): boolean {
    return has(this.wholeRowids, rowid);
  }

  /**
   * Splits rowids matched by their content rows (ascending) into those of
   * sections that are content and those repeated whole, one merge walk.
   */
  splitWhole(rowids: Int32Array): { content: Int32Array; whole: Int32Array } {
    if (this.wholeRowids.length === 0 || rowids.length === 0) return { content: rowids, whole: new Int32Array(0) };
    const content = new Int32Array(rowids.length);
    const whole = new Int32Array(Math.min(rowids.length, this.wholeRowids.length));
    let c = 0;
    let w = 0;
    let j = 0;
    for (const r of rowids) {
      while (j < this.wholeRowids.length && this.wholeRowids[j]! < r) j++;
      if (j < this.wholeRowids.length && this.wholeRowids[j] === r) whole[w++] = r;
      else content[c++] = r;
    }
    return { content: content.subarray(0, c), whole: whole.subarray(0, w) };
  }

  get hasGroups(): boolean {
    return this.groupRowids.length > 0;
  }

  /**
   * Folds repeats: of the sections of one cluster among `rowids` (ascending,
   * already filtered), only the one whose `rank` is lowest (its digest's
   * place in date order: the earliest week) stays. Returns the rowids kept
   * and, by kept rowid, the rowids folded into it. One merge walk over the
   * two sorted lists: no lookup per matching row.
   */
  fold(rowids: Int32Array, rank: (rowid: number) => number): { kept: Int32Array; folded: Map<number, number[]> } {
    const folded = new Map<number, number[]>();
    if (!this.hasGroups || rowids.length === 0) return { kept: rowids, folded };
    const members = new Map<number, number[]>();
    let j = 0;
    for (const r of rowids) {
      while (j < this.groupRowids.length && this.groupRowids[j]! < r) j++;
      if (j < this.groupRowids.length && this.groupRowids[j] === r) {
        const g = this.groupIds[j]!;
        const list = members.get(g);
        if (list) list.push(r);
        else members.set(g, [r]);
      }
    }
    const drop = new Set<number>();
    for (const list of members.values()) {
      if (list.length < 2) continue;
      list.sort((a, b) => rank(a) - rank(b) || a - b);
      const [keep, ...rest] = list;
      folded.set(keep!, rest);
      for (const r of rest) drop.add(r);
    }
    if (drop.size === 0) return { kept: rowids, folded };
    return { kept: rowids.filter((r) => !drop.has(r)), folded };
  }
}

/** Whether ascending `sorted` holds `value` (a binary search). */
function has(sorted: Int32Array, value: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (v === value) return true;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
