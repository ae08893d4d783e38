/**
 * Calendar dates and ISO weeks as strings: a date is "YYYY-MM-DD", an ISO week
 * "YYYY-Www" (ISO 8601: weeks start on Monday; week 1 is the week holding the
 * year's first Thursday, so 2021-01-03 belongs to 2020-W53).
 *
 * Pure and runtime-neutral: all arithmetic is in UTC days, so no local time
 * zone or DST ever shifts a date. Every parser validates real calendar dates
 * (2026-02-30 and 2026-13-45 are rejected, never rolled over).
 */

export interface YearMonthDay {
  year: number;
  month: number;
  day: number;
}

export interface IsoWeek {
  year: number;
  week: number;
}

export interface DateRange {
  /** First day, inclusive. */
  start: string;
  /** Last day, inclusive. */
  end: string;
}

const MS_PER_DAY = 86_400_000;
/** Years outside this range are not taken as dates (file names hold many numbers). */
const MIN_YEAR = 1000;
const MAX_YEAR = 9999;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function isValidYmd(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= MIN_YEAR &&
    year <= MAX_YEAR &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** Formats parts as "YYYY-MM-DD" (no validation). */
export function formatYmd(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

const YMD_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses a strict "YYYY-MM-DD" that is a real calendar date; null otherwise. */
export function parseYmd(date: string): YearMonthDay | null {
  const m = YMD_RE.exec(date);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return isValidYmd(year, month, day) ? { year, month, day } : null;
}

export function isValidDate(date: string): boolean {
  return parseYmd(date) !== null;
}

function requireYmd(date: string): YearMonthDay {
  const ymd = parseYmd(date);
  if (!ymd) throw new RangeError(`not a valid date (expected YYYY-MM-DD): '${date}'`);
  return ymd;
}

function dayNumber({ year, month, day }: YearMonthDay): number {
  return Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

function fromDayNumber(days: number): string {
  const d = new Date(days * MS_PER_DAY);
  return formatYmd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** The date `days` days after `date` (negative: before). Throws RangeError on an invalid date. */
export function addDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(requireYmd(date)) + days);
}

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(date: string): number {
  const dow = new Date(dayNumber(requireYmd(date)) * MS_PER_DAY).getUTCDay();
  return dow === 0 ? 7 : dow;
}

/** Number of ISO weeks (52 or 53) in an ISO week-numbering year. */
export function isoWeeksInYear(year: number): number {
  // A year has 53 weeks when Dec 28 (always in the last week) is in week 53.
  return isoWeekParts(formatYmd(year, 12, 28)).week;
}

function isoWeekParts(date: string): IsoWeek {
  const ymd = requireYmd(date);
  const days = dayNumber(ymd);
  const weekday = isoWeekday(date);
  // The Thursday of the same week decides the week-numbering year.
  const thursday = new Date((days + 4 - weekday) * MS_PER_DAY);
  const year = thursday.getUTCFullYear();
  const jan1 = Math.floor(Date.UTC(year, 0, 1) / MS_PER_DAY);
  const week = Math.floor((days + 4 - weekday - jan1) / 7) + 1;
  return { year, week };
}

export function formatIsoWeek(year: number, week: number): string {
  return `${pad(year, 4)}-W${pad(week, 2)}`;
}

/** "2026-02-06" -> "2026-W06". Throws RangeError on an invalid date. */
export function isoWeekOf(date: string): string {
  const { year, week } = isoWeekParts(date);
  return formatIsoWeek(year, week);
}

const ISO_WEEK_RE = /^(\d{4})-?W(\d{1,2})$/i;

/** Parses "2026-W06" (also "2026W06", "2026-w6"); null unless the week exists in that year. */
export function parseIsoWeek(week: string): IsoWeek | null {
  const m = ISO_WEEK_RE.exec(week.trim());
  if (!m) return null;
  return validIsoWeek(Number(m[1]), Number(m[2]));
}

function validIsoWeek(year: number, week: number): IsoWeek | null {
  if (year < MIN_YEAR || year > MAX_YEAR || week < 1) return null;
  return week <= isoWeeksInYear(year) ? { year, week } : null;
}

function mondayOf(year: number, week: number): string {
  // Jan 4 is always in week 1.
  const jan4 = formatYmd(year, 1, 4);
  return addDays(jan4, (week - 1) * 7 - (isoWeekday(jan4) - 1));
}

/** Monday of an ISO week: "2026-W06" -> "2026-02-02"; null for an invalid week. */
export function isoWeekStart(week: string): string | null {
  const w = parseIsoWeek(week);
  return w ? mondayOf(w.year, w.week) : null;
}

/** Sunday of an ISO week: "2026-W06" -> "2026-02-08"; null for an invalid week. */
export function isoWeekEnd(week: string): string | null {
  const start = isoWeekStart(week);
  return start ? addDays(start, 6) : null;
}

export function isoWeekRange(week: string): DateRange | null {
  const start = isoWeekStart(week);
  return start ? { start, end: addDays(start, 6) } : null;
}

/** The ISO week `offset` weeks after `week` ("2026-W01", -1 -> "2025-W52"); null for an invalid week. */
export function shiftIsoWeek(week: string, offset: number): string | null {
  const start = isoWeekStart(week);
  return start ? isoWeekOf(addDays(start, offset * 7)) : null;
}

/** "2026-02-06" -> "2026-02". */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** "2026-02-06" -> "2026". */
export function yearOf(date: string): string {
  return date.slice(0, 4);
}

/** "2026-02-06", "2026/2/6", "2026.02.06", optionally followed by a time ("T10:00:00+08:00", " 10:00"). */
const DATE_STRING_RE = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{1,2}(?::?\d{2})?)?)?$/i;
const COMPACT_DATE_RE = /^(\d{4})(\d{2})(\d{2})$/;

function ymdOrInvalid(year: number, month: number, day: number): string | 'invalid' {
  return isValidYmd(year, month, day) ? formatYmd(year, month, day) : 'invalid';
}

/**
 * A date value as front matter holds it -> "YYYY-MM-DD".
 * - missing, null or an empty string -> null (no date given);
 * - a JS Date (YAML timestamps) -> its UTC calendar date (YAML date-only values are UTC midnight);
 * - a string "2026-02-06", "2026/2/6", "2026.02.06", "20260206", or a date-time
 *   ("2026-02-06T10:00:00+08:00", "2026-02-06 10:00"): the date as written, the time ignored
 *   (a zone conversion would move a late-evening post to another day);
 * - an 8-digit number 20260206 (unquoted YAML) -> that date;
 * - anything else, or a date that is not on the calendar -> 'invalid'.
 */
export function parseDateValue(value: unknown): string | null | 'invalid' {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    const t = value.getTime();
    if (Number.isNaN(t)) return 'invalid';
    return ymdOrInvalid(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  }
  if (typeof value === 'number') {
    return Number.isInteger(value) ? parseDateString(String(value)) : 'invalid';
  }
  if (typeof value !== 'string') return 'invalid';
  const s = value.trim();
  return s === '' ? null : parseDateString(s);
}

function parseDateString(s: string): string | 'invalid' {
  const m = DATE_STRING_RE.exec(s);
  if (m) return ymdOrInvalid(Number(m[1]), Number(m[3]), Number(m[4]));
  const c = COMPACT_DATE_RE.exec(s);
  if (c) return ymdOrInvalid(Number(c[1]), Number(c[2]), Number(c[3]));
  return 'invalid';
}

// Digits must not continue on either side, so "v120260206x" or "2026-02-061" do not match.
const NAME_YMD_RE = /(?<!\d)(\d{4})([-_.])(\d{1,2})\2(\d{1,2})(?!\d)/g;
const NAME_COMPACT_RE = /(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)/g;
const NAME_ISO_WEEK_RE = /(?<![\dA-Za-z])(\d{4})-?[Ww](\d{1,2})(?![\dA-Za-z])/g;
// "news_2026_06": a year and a two-digit number with nothing after it but the extension.
const NAME_YEAR_WEEK_RE = /(?<!\d)(\d{4})[-_](\d{2})$/;

/**
 * A date in a file name (or the last segment of a path), or null.
 * Tried in order, first hit wins:
 * 1. a calendar date: "2026-02-06", "2026_02_06", "2026.2.6" -> that date;
 * 2. eight digits "20260206" that form a real date;
 * 3. an ISO week "2026-W06" / "2026W06" -> the Monday of that week;
 * 4. a year and two digits at the end of the name, "news_2026_06" -> the Monday of
 *    ISO week 6 of 2026 (weekly digests name files by week number, not month).
 * The Monday is chosen for weeks so that the date lies inside the week whatever
 * the publication weekday; isoWeekOf() of the result gives the week back.
 */
export function dateFromFileName(name: string): string | null {
  const base = name.slice(name.lastIndexOf('/') + 1).replace(/\.(?:md|markdown|mdown|mkd|txt)$/i, '');
  for (const m of base.matchAll(NAME_YMD_RE)) {
    const y = Number(m[1]);
    const mo = Number(m[3]);
    const d = Number(m[4]);
    if (isValidYmd(y, mo, d)) return formatYmd(y, mo, d);
  }
  for (const m of base.matchAll(NAME_COMPACT_RE)) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    if (isValidYmd(y, mo, d)) return formatYmd(y, mo, d);
  }
  for (const m of base.matchAll(NAME_ISO_WEEK_RE)) {
    const w = validIsoWeek(Number(m[1]), Number(m[2]));
    if (w) return mondayOf(w.year, w.week);
  }
  const yw = NAME_YEAR_WEEK_RE.exec(base);
  if (yw) {
    const w = validIsoWeek(Number(yw[1]), Number(yw[2]));
    if (w) return mondayOf(w.year, w.week);
  }
  return null;
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
  if (ISO_WEEK_RE.test(s)) return bound === 'start' ? isoWeekStart(s) : isoWeekEnd(s);
  if (!/^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$/.test(s)) return null;
  const day = parseDateValue(s);
  return day === null || day === 'invalid' ? null : day;
}
