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
export const MIN_YEAR = 1000;
export const MAX_YEAR = 9999;

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

/** The ISO week as numbers, or null unless it exists in that year. */
export function validIsoWeek(year: number, week: number): IsoWeek | null {
  if (year < MIN_YEAR || year > MAX_YEAR || week < 1) return null;
  return week <= isoWeeksInYear(year) ? { year, week } : null;
}

/** Monday of ISO week `week` of `year` (no validation: see validIsoWeek). */
export function isoWeekMonday(year: number, week: number): string {
  // Jan 4 is always in week 1.
  const jan4 = formatYmd(year, 1, 4);
  return addDays(jan4, (week - 1) * 7 - (isoWeekday(jan4) - 1));
}

/** Monday of an ISO week: "2026-W06" -> "2026-02-02"; null for an invalid week. */
export function isoWeekStart(week: string): string | null {
  const w = parseIsoWeek(week);
  return w ? isoWeekMonday(w.year, w.week) : null;
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

/** Days from `from` to `to` (negative when `to` is earlier). Throws RangeError on an invalid date. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(requireYmd(to)) - dayNumber(requireYmd(from));
}
