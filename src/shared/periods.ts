/**
 * Calendar periods as keys: an ISO week "2026-W06", a month "2026-02" or a
 * year "2026". Keys of one kind sort as strings in time order. Shared by the
 * trends (core), the histogram and the trend chart (renderer).
 */
import { isoWeekRange, MAX_YEAR, MIN_YEAR, monthOf, parseDateBound, shiftIsoWeek, yearOf, type DateRange } from './dates.js';

export type PeriodKind = 'week' | 'month' | 'year';

/** The key of the period of kind `kind` holding a date ("YYYY-MM-DD") whose ISO week is `week` (null: none, as for a month-level date). */
export function periodKeyOf(date: string, week: string | null, kind: PeriodKind): string | null {
  if (kind === 'week') return week;
  return kind === 'month' ? monthOf(date) : yearOf(date);
}

/** The first and last day of a period, null for a key that names none. */
export function periodRange(key: string, kind: PeriodKind): DateRange | null {
  if (kind === 'week') return /^\d{4}-W\d{2}$/.test(key) ? isoWeekRange(key) : null;
  if (!(kind === 'month' ? /^\d{4}-\d{2}$/ : /^\d{4}$/).test(key)) return null;
  const start = parseDateBound(key, 'start');
  const end = parseDateBound(key, 'end');
  return start !== null && end !== null ? { start, end } : null;
}

/** The period `offset` periods after `key` (before it when negative), null outside the calendar. */
export function shiftPeriod(key: string, kind: PeriodKind, offset: number): string | null {
  if (kind === 'week') return shiftIsoWeek(key, offset);
  const y = Number(key.slice(0, 4));
  const index = kind === 'year' ? y + offset : y * 12 + Number(key.slice(5, 7)) - 1 + offset;
  const year = kind === 'year' ? index : Math.floor(index / 12);
  if (year < MIN_YEAR || year > MAX_YEAR) return null;
  return kind === 'year' ? String(year) : `${year}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * Every period from `first` to `last` (keys of one kind, first <= last), at
 * most `max` of them: the last `max` when the span is longer.
 */
export function periodsBetween(first: string, last: string, kind: PeriodKind, max: number): string[] {
  const earliest = shiftPeriod(last, kind, 1 - max);
  const out: string[] = [];
  for (let key: string | null = earliest !== null && earliest > first ? earliest : first; key !== null && key <= last; key = shiftPeriod(key, kind, 1)) {
    out.push(key);
  }
  return out;
}
