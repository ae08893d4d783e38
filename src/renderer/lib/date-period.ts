/**
 * A digest date shown as the period it names: a month-level date (from an
 * index page, a year-month folder) as the month, a year-level one as the
 * year, in the UI's language ("Apr 2024" / "2024年4月"); days and weeks are
 * shown by the caller's day format.
 */
import type { DatePrecision } from '../../shared/api.js';

const formats = new Map<string, Intl.DateTimeFormat>();

function format(locale: string, precision: 'month' | 'year'): Intl.DateTimeFormat {
  const key = `${locale}\u0000${precision}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, precision === 'month' ? { year: 'numeric', month: 'short', timeZone: 'UTC' } : { year: 'numeric', timeZone: 'UTC' });
    formats.set(key, f);
  }
  return f;
}

/** True for the precisions shown as a period rather than a day. */
export function isPeriod(precision: DatePrecision | null | undefined): precision is 'month' | 'year' {
  return precision === 'month' || precision === 'year';
}

/** "Apr 2024", "2024年4月", "2024": a month- or year-level date in `locale`. */
export function periodText(locale: string, date: string, precision: 'month' | 'year'): string {
  return format(locale, precision).format(new Date(`${date}T00:00:00Z`));
}

/** The `<time datetime>` value of a date of that precision: "2024-04", "2024" or the day. */
export function periodDateTime(date: string, precision: DatePrecision | null | undefined): string {
  return precision === 'year' ? date.slice(0, 4) : precision === 'month' ? date.slice(0, 7) : date;
}
