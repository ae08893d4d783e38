/**
 * Section dates in the search: a section whose own heading carries a date (a
 * weekly list kept in one README, a changelog's "## 2024-03-08") is filtered,
 * counted in the facets and shown by that date; every other section by its
 * digest's. That is a section's **effective date**.
 *
 * Built once per catalog from its dated-section columns (table section_date,
 * usually empty): only digests holding a dated section get slots, one per
 * section, holding the index of the section's dated entry (or -1). A vault
 * without dated headings gets no slots, so every per-row path of the search
 * asks one typed-array question (`has`) or none at all.
 */
import type { DatePrecision } from '../../shared/dates.js';
import { PRECISIONS, type CatalogTable } from './catalog-snapshot.js';
import { rowidsIn, type SectionRanges } from './section-ranges.js';

/** A section's effective date as a hit shows it. */
export interface SectionDate {
  date: string | null;
  week: string | null;
  /** Set for a date of a month or a year (its first day; `week` is null). */
  precision: 'month' | 'year' | null;
}

/**
 * Whether a section of the digest at `position` passes the date bounds by its
 * effective date. Sections of digests without dated sections always do here:
 * their digest's date is checked by the digest test.
 */
export type SectionCheck = (position: number, rowid: number) => boolean;

/** Lists a search's matching sections of digests with dated sections (see DatedMatches). */
export interface DatedSectionVisitor {
  /** `entry`: the section's dated entry, -1 for a section dated by its digest. */
  (position: number, entry: number): void;
}

export class SectionDates {
  /** Per digest position: its first slot, -1 for a digest without dated sections. */
  private readonly slotStart: Int32Array;
  /** Per section of those digests, in rowid order: the index of its dated entry, -1 for none. */
  private readonly slots: Int32Array;
  /** Positions of the digests with dated sections, ascending. */
  readonly positions: Int32Array;

  constructor(
    private readonly table: CatalogTable,
    private readonly ranges: SectionRanges,
  ) {
    const dated = table.dated;
    this.slotStart = new Int32Array(dated.rowid.length === 0 ? 0 : table.n).fill(-1);
    const digestOf = Int32Array.from(dated.rowid, (rowid) => ranges.digestOf(rowid));
    let slotTotal = 0;
    for (const i of digestOf) {
      if (i < 0 || this.slotStart[i]! >= 0) continue;
      this.slotStart[i] = slotTotal;
      slotTotal += table.sectionCount[i]!;
    }
    this.slots = new Int32Array(slotTotal).fill(-1);
    digestOf.forEach((i, k) => {
      if (i >= 0) this.slots[this.slotStart[i]! + ranges.ordinalIn(i, dated.rowid[k]!)] = k;
    });
    this.positions = Int32Array.from(new Set(digestOf)).filter((i) => i >= 0).sort();
  }

  /** Whether any section of the index carries its own date. */
  get any(): boolean {
    return this.slots.length > 0;
  }

  /** Whether the digest at `position` holds a section with its own date. */
  has(position: number): boolean {
    return this.slotStart.length > 0 && this.slotStart[position]! >= 0;
  }

  /** The dated entry of section `rowid` of the digest at `position`, -1 when it has no date of its own. */
  entryOf(position: number, rowid: number): number {
    if (!this.has(position)) return -1;
    const ordinal = this.ranges.ordinalIn(position, rowid);
    return ordinal < 0 ? -1 : this.slots[this.slotStart[position]! + ordinal]!;
  }

  /** The effective date's string reference in the catalog table (-1: undated). */
  dateRefOf(position: number, rowid: number): number {
    const k = this.entryOf(position, rowid);
    return k < 0 ? this.table.dateRef[position]! : this.table.dated.dateRef[k]!;
  }

  /** A section's effective date; `precision` only for its own month or year (the service marks the digest's). */
  dateOf(position: number, rowid: number): SectionDate {
    const t = this.table;
    const k = this.entryOf(position, rowid);
    if (k < 0) return { date: t.stringOrNull(t.dateRef[position]!), week: t.stringOrNull(t.weekRef[position]!), precision: null };
    const precision: DatePrecision = PRECISIONS[t.dated.precision[k]!]!;
    return {
      date: t.string(t.dated.dateRef[k]!),
      week: t.stringOrNull(t.dated.weekRef[k]!),
      precision: precision === 'month' || precision === 'year' ? precision : null,
    };
  }

  /**
   * Calls `visit` for each matching section of each matching digest that has
   * dated sections, grouped by digest. `matching` holds the matching digests'
   * positions ascending; `rowids` the matching sections ascending (null: every
   * section of a matching digest); `check` drops sections outside the date
   * bounds.
   */
  forEachMatch(matching: ArrayLike<number>, rowids: Int32Array | null, check: SectionCheck | null, visit: DatedSectionVisitor): void {
    for (const i of this.positions) {
      if (!containsSorted(matching, i)) continue;
      const range = this.ranges.rangeAt(i);
      const visitRowid = (rowid: number): void => {
        if (check === null || check(i, rowid)) visit(i, this.entryOf(i, rowid));
      };
      if (rowids === null) for (let r = range.first; r < range.end; r++) visitRowid(r);
      else for (const r of rowidsIn(rowids, range)) visitRowid(r);
    }
  }
}

/** Whether ascending `sorted` holds `value` (binary search). */
function containsSorted(sorted: ArrayLike<number>, value: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid]!;
    if (v === value) return true;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
