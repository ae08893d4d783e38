import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SECTION_RANGE_SQL, SectionRange } from '../../src/core/store/section-range.js';

describe('SectionRange', () => {
  const cases: [string, SectionRange, number[]][] = [
    ['a range of three', new SectionRange(10, 3), [10, 11, 12]],
    ['a range of one', new SectionRange(1, 1), [1]],
    ['an empty range', new SectionRange(7, 0), []],
  ];
  for (const [name, range, rowids] of cases) {
    it(`maps rowids and ordinals of ${name} both ways`, () => {
      expect(range.end).toBe(range.first + rowids.length);
      expect(range.last).toBe(range.first + rowids.length - 1);
      rowids.forEach((rowid, ordinal) => {
        expect(range.contains(rowid)).toBe(true);
        expect(range.ordinalOf(rowid)).toBe(ordinal);
        expect(range.rowidOf(ordinal)).toBe(rowid);
      });
      for (const outside of [range.first - 1, range.end, range.end + 5, -1]) {
        expect(range.contains(outside)).toBe(false);
        expect(range.ordinalOf(outside)).toBe(-1);
      }
      // The static forms (for loops over Int32 columns) agree with the instance.
      for (let rowid = range.first - 2; rowid <= range.end + 2; rowid++) {
        expect(SectionRange.contains(range.first, range.count, rowid)).toBe(range.contains(rowid));
        expect(SectionRange.ordinalOf(range.first, range.count, rowid)).toBe(range.ordinalOf(rowid));
      }
    });
  }

  it('refuses an ordinal outside the range, naming it and the range', () => {
    const range = new SectionRange(10, 3);
    expect(() => range.rowidOf(3)).toThrow('section ordinal 3 is outside 0..2 (first rowid 10)');
    expect(() => range.rowidOf(-1)).toThrow('section ordinal -1 is outside 0..2 (first rowid 10)');
    expect(() => range.rowidOf(0.5)).toThrow('section ordinal 0.5 is outside 0..2 (first rowid 10)');
    expect(() => new SectionRange(4, 0).rowidOf(0)).toThrow('section ordinal 0 is outside 0..-1 (first rowid 4)');
  });

  it('reads a digest row', () => {
    const range = SectionRange.of({ firstSection: 5, sectionCount: 2 });
    expect([range.first, range.count, range.last]).toEqual([5, 2, 6]);
  });
});

describe('SECTION_RANGE_SQL', () => {
  let db: BetterSqlite3.Database;

  beforeEach(() => {
    db = new BetterSqlite3(':memory:');
    db.exec(`
      CREATE TABLE digest (id INTEGER PRIMARY KEY, first_section INTEGER NOT NULL, section_count INTEGER NOT NULL);
      CREATE TABLE section (rowid INTEGER PRIMARY KEY, name TEXT NOT NULL);
      -- Digest 1: rowids 1-3; digest 2: none (its first_section is digest 3's first); digest 3: 4-5; rowid 6 belongs to no digest.
      INSERT INTO digest VALUES (1, 1, 3), (2, 4, 0), (3, 4, 2);
      INSERT INTO section VALUES (1, 'a0'), (2, 'a1'), (3, 'a2'), (4, 'c0'), (5, 'c1'), (6, 'orphan');
    `);
  });

  afterEach(() => db.close());

  const sectionsOf = (id: number): string[] =>
    db.prepare(`SELECT s.name FROM digest d JOIN section s ON ${SECTION_RANGE_SQL.sectionsOf('d', 's')} WHERE d.id = ? ORDER BY s.rowid`).pluck().all(id) as string[];

  const sectionAt = (id: number, ordinal: number): string | undefined =>
    db.prepare(`SELECT s.name FROM digest d JOIN section s ON ${SECTION_RANGE_SQL.sectionAt('d', '?', 's')} WHERE d.id = ?`).pluck().get(ordinal, ordinal, ordinal, id) as
      | string
      | undefined;

  it("selects exactly a digest's sections, none for an empty digest", () => {
    expect(sectionsOf(1)).toEqual(['a0', 'a1', 'a2']);
    expect(sectionsOf(2)).toEqual([]);
    expect(sectionsOf(3)).toEqual(['c0', 'c1']);
  });

  it('selects the section at an ordinal, nothing outside the range', () => {
    expect([0, 1, 2].map((o) => sectionAt(1, o))).toEqual(['a0', 'a1', 'a2']);
    expect(sectionAt(1, 3)).toBeUndefined(); // would be digest 3's first section
    expect(sectionAt(1, -1)).toBeUndefined();
    expect(sectionAt(2, 0)).toBeUndefined();
    expect(sectionAt(3, 1)).toBe('c1');
  });

  it('binds one range as BETWEEN parameters and names the range columns as SectionRange.of reads them', () => {
    const row = db.prepare(`SELECT ${SECTION_RANGE_SQL.columns('digest')} FROM digest WHERE id = 3`).get() as { firstSection: number; sectionCount: number };
    const range = SectionRange.of(row);
    const names = db.prepare(`SELECT name FROM section WHERE rowid ${SECTION_RANGE_SQL.between} ORDER BY rowid`).pluck();
    expect(names.all(range.first, range.last)).toEqual(['c0', 'c1']);
    const empty = SectionRange.of(db.prepare(`SELECT ${SECTION_RANGE_SQL.columns('d')} FROM digest d WHERE id = 2`).get() as typeof row);
    expect(names.all(empty.first, empty.last)).toEqual([]);
  });
});
