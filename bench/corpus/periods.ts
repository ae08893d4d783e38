/**
 * Periods (a day, an ISO week, a month, a year) as a file spells them, and
 * how the corpus replicator moves one by whole weeks. A day or a week moves
 * exactly; a month or a year moves with the file's own precise date when it
 * lies inside the period (so "2024/" and "2024-12-30" in one path stay one
 * year), else with the period's middle.
 */
import { addDays, daysInMonth, formatYmd, isoWeekMonday, isoWeekOf, parseIsoWeek, parseYmd } from '../../src/shared/dates.js';

export type Precision = 'day' | 'week' | 'month' | 'year';

export interface Period {
  precision: Precision;
  /** The first day ("YYYY-MM-DD"; the Monday of a week). */
  date: string;
}

function ymd(date: string): { year: number; month: number; day: number } {
  const parts = parseYmd(date);
  if (!parts) throw new Error(`bench: "${date}" is not a YYYY-MM-DD date`);
  return parts;
}

/** The last day of the period. */
export function periodEnd(p: Period): string {
  const { year, month } = ymd(p.date);
  switch (p.precision) {
    case 'day':
      return p.date;
    case 'week':
      return addDays(p.date, 6);
    case 'month':
      return formatYmd(year, month, daysInMonth(year, month));
    case 'year':
      return formatYmd(year, 12, 31);
  }
}

function inside(p: Period, date: string): boolean {
  return date >= p.date && date <= periodEnd(p);
}

/** The day that stands for the period: the anchor when inside it, else the middle of a month or a year. */
export function representative(p: Period, anchor: string | null): string {
  if (anchor !== null && inside(p, anchor)) return anchor;
  const { year, month } = ymd(p.date);
  if (p.precision === 'month') return formatYmd(year, month, 15);
  if (p.precision === 'year') return formatYmd(year, 7, 1);
  return p.date;
}

/** The period of the same precision that holds `date`. */
export function periodOf(precision: Precision, date: string): Period {
  const { year, month } = ymd(date);
  switch (precision) {
    case 'day':
      return { precision, date };
    case 'week': {
      const week = parseIsoWeek(isoWeekOf(date));
      if (!week) throw new Error(`bench: no ISO week for ${date}`);
      return { precision, date: isoWeekMonday(week.year, week.week) };
    }
    case 'month':
      return { precision, date: formatYmd(year, month, 1) };
    case 'year':
      return { precision, date: formatYmd(year, 1, 1) };
  }
}

/** The period moved by `days` (a multiple of 7), carried by the anchor when the anchor is inside it. */
export function shiftPeriod(p: Period, days: number, anchor: string | null): Period {
  return periodOf(p.precision, addDays(representative(p, anchor), days));
}

/** Year, month and day of a period's first day, and for a week its ISO year and number. */
export function periodParts(p: Period): { year: number; month: number; day: number; isoYear: number; isoWeek: number } {
  const { year, month, day } = ymd(p.date);
  const week = parseIsoWeek(isoWeekOf(p.date));
  return { year, month, day, isoYear: week?.year ?? year, isoWeek: week?.week ?? 1 };
}

/** `n` written with at least `width` digits. */
export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
