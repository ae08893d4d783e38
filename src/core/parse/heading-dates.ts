/**
 * Dates carried by headings: the `heading` date source (a date in the title
 * or the first heading) and the dates of sections whose headings carry one
 * (a weekly list kept in one README, "## Top ML Papers of the Week (June 23 -
 * June 29) - 2025"; a changelog's "## 2024-03-08"; "### 3月8日" under "## 2024").
 * Only heading text is read, never body text.
 *
 * A heading that is only a year ("## 2023") or a month ("### 四月", "### April"
 * under a year) is a date of that precision; inside longer text only
 * spellings that name a day, a range or a month with its year count (see
 * findDate). A heading without a year takes it from the nearest enclosing
 * dated heading, else from the digest's date (the year that puts it nearest).
 */
import { findDate, isDateProblem, readDateText, type DateContext, type DateReading } from '../../shared/dates.js';
import type { ParsedSection } from '../types.js';

/** Headings longer than this are prose, not dates: only their start is read. */
const MAX_DATED_HEADING_CHARS = 200;
const DIGIT_RE = /\d/;

/** The date a heading (or title) carries, or null. */
export function headingDate(text: string, context: DateContext = {}): DateReading | null {
  const s = text.length > MAX_DATED_HEADING_CHARS ? text.slice(0, MAX_DATED_HEADING_CHARS) : text;
  // Every spelling holds a digit but a lone month name, which needs a year from the context.
  if (!DIGIT_RE.test(s) && context.year === undefined) return null;
  const whole = readDateText(s, context);
  if (whole !== null && !isDateProblem(whole)) return whole;
  return findDate(s, context);
}

/**
 * Sets `date` and `datePrecision` on every section (null when its heading
 * carries no date). `near` is the digest's date, for headings without a year.
 */
export function dateSections(sections: ParsedSection[], near: string | null): void {
  const enclosing: { level: number; year: number }[] = [];
  for (const section of sections) {
    section.date = null;
    section.datePrecision = null;
    if (section.level === 0) continue;
    while (enclosing.length > 0 && enclosing[enclosing.length - 1]!.level >= section.level) enclosing.pop();
    const year = enclosing[enclosing.length - 1]?.year;
    const context: DateContext = year !== undefined ? { year } : near !== null ? { near } : {};
    const reading = headingDate(section.heading, context);
    if (!reading) continue;
    section.date = reading.date;
    section.datePrecision = reading.precision;
    enclosing.push({ level: section.level, year: Number(reading.date.slice(0, 4)) });
  }
}
