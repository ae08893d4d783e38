import { describe, expect, it } from 'vitest';
import { shadeLevel, timelineGrid } from './timeline-grid.js';

describe('timelineGrid', () => {
  it('lays out every ISO week of each year, newest year first, with its digests', () => {
    const rows = timelineGrid([
      { path: 'a.md', title: 'A', date: '2026-02-06', week: '2026-W06' },
      { path: 'b.md', title: 'B', date: '2026-02-07', week: '2026-W06' },
      { path: 'c.md', title: 'C', date: '2020-12-31', week: '2020-W53' },
      { path: 'bad.md', title: 'Bad', date: 'x', week: 'not-a-week' },
    ]);
    expect(rows.map((r) => [r.year, r.cells.length])).toEqual([
      [2026, 53],
      [2020, 53],
    ]);
    expect(rows[0]!.cells[5]).toMatchObject({ week: '2026-W06' });
    expect(rows[0]!.cells[5]!.entries.map((e) => e.path)).toEqual(['a.md', 'b.md']);
    expect(rows[1]!.cells[52]!.entries.map((e) => e.path)).toEqual(['c.md']);
  });
});

describe('shadeLevel', () => {
  it('is 0 without matches and rises to 4 at the maximum', () => {
    expect(shadeLevel(0, 10)).toBe(0);
    expect(shadeLevel(1, 100)).toBe(1);
    expect(shadeLevel(10, 10)).toBe(4);
    expect(shadeLevel(3, 0)).toBe(0);
  });
});
