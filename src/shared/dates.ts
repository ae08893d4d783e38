/**
 * Dates for the rest of the app: the calendar (calendar.ts: "YYYY-MM-DD"
 * dates and ISO weeks), the spellings people write dates in
 * (date-spellings.ts), dates in file and folder names (date-names.ts), and
 * the query language's periods (parseDateBound, below). Every parser
 * validates real calendar dates (2026-02-30 and 2026-13-45 are rejected,
 * never rolled over).
 */
import { daysInMonth, formatYmd, isoWeekEnd, isoWeekStart, isValidYmd, MAX_YEAR, MIN_YEAR, parseIsoWeek } from './calendar.js';
import { readFileNameDate } from './date-names.js';
import { isDateProblem, readDateValue } from './date-spellings.js';

export * from './calendar.js';
export { findDate, isDateProblem, readDateText, readDateValue, vaultDayMonthOrder } from './date-spellings.js';
export type { DateContext, DatePrecision, DateProblem, DateReading, DateSource, DayMonthOrder } from './date-spellings.js';
export { fileStem, readFileNameDate, readPathDate, type PathDate } from './date-names.js';

/**
 * A date value as front matter holds it -> "YYYY-MM-DD" of the start of the
 * period it names (readDateValue), null when absent or empty, 'invalid' when
 * it is no date or names no real one.
 */
export function parseDateValue(value: unknown): string | null | 'invalid' {
  const reading = readDateValue(value);
  if (reading === null) return null;
  return isDateProblem(reading) ? 'invalid' : reading.date;
}

/** The day (or the week's Monday) a file name states, or null: see date-names.ts. */
export function dateFromFileName(name: string): string | null {
  return readFileNameDate(name)?.date ?? null;
}

const YEAR_RE = /^(\d{4})$/;
const YEAR_MONTH_RE = /^(\d{4})-(\d{1,2})$/;

/**
 * The first ('start') or last ('end') day of a period written in the query
 * language: "2026" (a year), "2026-02" (a month), "2026-W06" (an ISO week) or
 * a day ("2026-02-06", "2026/2/6"). Null when the text is not a valid period.
 * Callers build ranges from it: after:2026-02 means date > parseDateBound('2026-02', 'end'),
 * before:2026-02 means date < parseDateBound('2026-02', 'start').
 */
export function parseDateBound(text: string, bound: 'start' | 'end'): string | null {
  const s = text.trim();
  const y = YEAR_RE.exec(s);
  if (y) {
    const year = Number(y[1]);
    if (year < MIN_YEAR || year > MAX_YEAR) return null;
    return bound === 'start' ? formatYmd(year, 1, 1) : formatYmd(year, 12, 31);
  }
  const ym = YEAR_MONTH_RE.exec(s);
  if (ym) {
    const year = Number(ym[1]);
    const month = Number(ym[2]);
    if (!isValidYmd(year, month, 1)) return null;
    return formatYmd(year, month, bound === 'start' ? 1 : daysInMonth(year, month));
  }
  if (parseIsoWeek(s)) return bound === 'start' ? isoWeekStart(s) : isoWeekEnd(s);
  if (!/^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$/.test(s)) return null;
  const day = parseDateValue(s);
  return day === null || day === 'invalid' ? null : day;
}
