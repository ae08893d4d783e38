/** The timeline's year grid: one row per ISO week-numbering year, one cell per ISO week. */
import type { TimelineEntry } from '../../shared/api.js';
import { formatIsoWeek, isoWeeksInYear, parseIsoWeek } from '../../shared/dates.js';

export interface WeekCell {
  week: string;
  entries: TimelineEntry[];
}

export interface YearRow {
  year: number;
  cells: WeekCell[];
}

/** Newest year first; every week of a year present, with the digests dated in it. */
export function timelineGrid(entries: readonly TimelineEntry[]): YearRow[] {
  const byWeek = new Map<string, TimelineEntry[]>();
  const years = new Set<number>();
  for (const entry of entries) {
    const w = parseIsoWeek(entry.week);
    if (!w) continue;
    const key = formatIsoWeek(w.year, w.week);
    years.add(w.year);
    const list = byWeek.get(key);
    if (list) list.push(entry);
    else byWeek.set(key, [entry]);
  }
  return [...years]
    .sort((a, b) => b - a)
    .map((year) => {
      const cells: WeekCell[] = [];
      for (let week = 1; week <= isoWeeksInYear(year); week++) {
        const key = formatIsoWeek(year, week);
        cells.push({ week: key, entries: byWeek.get(key) ?? [] });
      }
      return { year, cells };
    });
}

/** 0 (no match) .. 4 (most matches), on a square-root scale so a few busy weeks don't wash out the rest. */
export function shadeLevel(count: number, max: number): 0 | 1 | 2 | 3 | 4 {
  if (count <= 0 || max <= 0) return 0;
  const level = Math.ceil(Math.sqrt(count / max) * 4);
  return Math.min(Math.max(level, 1), 4) as 1 | 2 | 3 | 4;
}
