/**
 * The one owner of the section-rowid invariant: a digest's sections are stored
 * with **contiguous rowids** in `section`, `first .. first + count - 1`, in
 * document order (ordinal 0 at `first`). The digest row records the range as
 * `first_section` and `section_count`, so rowid -> digest and ordinal -> rowid
 * need no lookup and `section` needs no index on its digest.
 *
 * Everything that turns a rowid into an ordinal, an ordinal into a rowid, or
 * selects a digest's sections goes through this module: the class for code that
 * holds one range, the static functions for hot loops over the search catalog's
 * Int32 columns (no allocation), and `SECTION_RANGE_SQL` for statements.
 */
export class SectionRange {
  constructor(
    /** rowid of the digest's first section (ordinal 0). */
    readonly first: number,
    /** Number of sections (0: the digest has none, and `first` is not a section). */
    readonly count: number,
  ) {}

  /** The range of a digest row's `first_section` / `section_count` columns. */
  static of(row: { firstSection: number; sectionCount: number }): SectionRange {
    return new SectionRange(row.firstSection, row.sectionCount);
  }

  /** Exclusive end: the rowid after the last section. */
  get end(): number {
    return this.first + this.count;
  }

  /** The last section's rowid (`first - 1` when empty, so `BETWEEN first AND last` selects nothing). */
  get last(): number {
    return this.first + this.count - 1;
  }

  contains(rowid: number): boolean {
    return SectionRange.contains(this.first, this.count, rowid);
  }

  /** The section's position in the digest, or -1 when the rowid is not one of its sections. */
  ordinalOf(rowid: number): number {
    return SectionRange.ordinalOf(this.first, this.count, rowid);
  }

  /** The rowid of the section at `ordinal`; throws for an ordinal outside the range. */
  rowidOf(ordinal: number): number {
    if (!Number.isInteger(ordinal) || ordinal < 0 || ordinal >= this.count) {
      throw new RangeError(`section ordinal ${ordinal} is outside 0..${this.count - 1} (first rowid ${this.first})`);
    }
    return this.first + ordinal;
  }

  static contains(first: number, count: number, rowid: number): boolean {
    return rowid >= first && rowid < first + count;
  }

  static ordinalOf(first: number, count: number, rowid: number): number {
    return rowid >= first && rowid < first + count ? rowid - first : -1;
  }
}

/**
 * SQL for the same invariant. Aliases are the caller's: `d` a digest row, `s`
 * a section row. Each returns a boolean expression for a JOIN ... ON or WHERE.
 */
export const SECTION_RANGE_SQL = {
  /** The range columns of digest `d`, named as SectionRange.of reads them. */
  columns: (d: string): string => `${d}.first_section AS firstSection, ${d}.section_count AS sectionCount`,
  /** `s` is one of digest `d`'s sections. */
  sectionsOf: (d: string, s: string): string => `${s}.rowid BETWEEN ${d}.first_section AND ${d}.first_section + ${d}.section_count - 1`,
  /** `s` is digest `d`'s section at the ordinal given by the SQL expression `ordinal`. */
  sectionAt: (d: string, ordinal: string, s: string): string =>
    `${s}.rowid = ${d}.first_section + ${ordinal} AND ${ordinal} >= 0 AND ${ordinal} < ${d}.section_count`,
  /** The rowid bounds of one digest, as statement parameters: `BETWEEN ? AND ?` with [range.first, range.last]. */
  between: 'BETWEEN ? AND ?',
} as const;
