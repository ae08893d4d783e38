/**
 * Dates in file names and folder names: the `file-name` and `path` date
 * sources. Pure functions of a vault-relative POSIX path.
 *
 * File names (the last segment, extension removed), first rule that answers:
 * 1. a calendar date "2026-02-06", "2026_02_06", "2026.2.6" -> that day;
 * 2. eight digits "20260206" (also "AIToBoxWeeklyNews_20240222") that form a real day;
 * 2b. a timestamp id "202401051230 Weekly notes" (Zettelkasten notes) -> its day;
 * 3. an ISO week "2026-W06" / "2026W06" / "weekly.2026.w06" -> its Monday, precision week;
 *    spelled with words, "Week 6 2026", "2026 Week 6", "2026年第6周", "第6周（2026）", likewise;
 * 4. "news_2026_06": a year, an underscore and two digits ending the name -> ISO
 *    week 6 (weekly digests number files by week); with a hyphen, "priorities-2025-09",
 *    ISO 8601's year-month -> the month;
 * 5. "this-month-250731": six digits ending the name after a separator, read
 *    YYMMDD (20YY). Archives name files YYMMDD because it sorts; DDMMYY, which
 *    does not, is not read, so six digits have one reading;
 * 6. a date spelled with words or CJK characters, "2024年4月5日" (findDate).
 * A page bundle's main file (index, _index, README) is named by its folder:
 * "blog/2024-01-12-launch/index.mdx" -> 2024-01-12.
 * The Monday is chosen for weeks so that the date lies inside the week whatever
 * the publication weekday.
 *
 * Folders (readPathDate): the deepest folder named as a year ("2022"), a
 * year-month ("2025-06") or a day ("2024-03-08") starts a date partition, and
 * the segments after it narrow it down:
 * - year / month name / day: "2022/Aug/01.md", "2023/Jan/02/<section>/<item>.md";
 * - year / number: a number with a leading zero ("2024/03/") or followed by a
 *   day ("2024/10/05.md") is a month; otherwise ("2021/9/slug.md", "2021/23/")
 *   an ISO week, as weekly archives number their folders. (A `YYYY/M/` layout
 *   with unpadded months and no day folders reads as weeks: there is no telling
 *   them apart from one path.)
 * - year / week folder or file: "2024/W05/notes.md", "2024/week-05.md" -> that ISO week;
 * - an ISO week folder: "2024-W05/notes.md" -> that week;
 * - year-month / day: "2025-06/11.md"; "2024-06/index.md" is the month;
 * - a year alone: "2019/issue-172.markdown" -> the year.
 */
import { formatYmd, isoWeekMonday, isValidYmd, validIsoWeek } from './calendar.js';
import { findDate, type DateReading } from './date-spellings.js';

const EXTENSION_RE = /\.(?:md|markdown|mdx|mdown|mkd|txt)$/i;

// Digits must not continue on either side, so "v120260206x" or "2026-02-061" do not match.
const NAME_YMD_RE = /(?<!\d)(\d{4})([-_.])(\d{1,2})\2(\d{1,2})(?!\d)/g;
const NAME_COMPACT_RE = /(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)/g;
const NAME_ISO_WEEK_RE = /(?<![\dA-Za-z])(\d{4})[-_. ]?[Ww](\d{1,2})(?![\dA-Za-z])/g;
// A Zettelkasten-style timestamp id, "202401051230 Weekly notes": YYYYMMDD then hours, minutes (and seconds).
const NAME_TIMESTAMP_RE = /(?<!\d)(\d{4})(\d{2})(\d{2})([01]\d|2[0-3])[0-5]\d(?:[0-5]\d)?(?!\d)/g;
// A week spelled with words: "Week 6 2024", "week-06-2024", "2024 Week 6", "2024年第6周", "第6周（2024）".
const NAME_WORD_WEEK_RES: readonly [RegExp, 'wy' | 'yw'][] = [
  [/(?<![A-Za-z])(?:week|wk)[-_ .]?(\d{1,2})[-_ .,]+(\d{4})(?!\d)/i, 'wy'],
  [/(?<!\d)(\d{4})[-_ .]+(?:week|wk)[-_ .]?(\d{1,2})(?!\d)/i, 'yw'],
  [/(?<!\d)(\d{4})\s*年?\s*第\s*(\d{1,2})\s*周/, 'yw'],
  [/第\s*(\d{1,2})\s*周\s*[（(]\s*(\d{4})\s*[)）]/, 'wy'],
];
const NAME_YEAR_WEEK_RE = /(?<!\d)(\d{4})_(\d{2})$/;
const NAME_YEAR_MONTH_RE = /(?<!\d)(\d{4})-(\d{1,2})$/;
const NAME_YYMMDD_RE = /(?:^|[-_ .])(\d{2})(\d{2})(\d{2})$/;

/** "weekly/2026-02-06.md" -> "2026-02-06". */
export function fileStem(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base.replace(EXTENSION_RE, '') || base;
}

function dayReading(y: number, m: number, d: number): DateReading | null {
  return isValidYmd(y, m, d) ? { date: formatYmd(y, m, d), precision: 'day' } : null;
}

function weekReading(y: number, w: number): DateReading | null {
  const week = validIsoWeek(y, w);
  return week ? { date: isoWeekMonday(week.year, week.week), precision: 'week' } : null;
}

function monthReading(y: number, m: number): DateReading | null {
  return isValidYmd(y, m, 1) ? { date: formatYmd(y, m, 1), precision: 'month' } : null;
}

function firstDay(re: RegExp, base: string, parts: (m: RegExpMatchArray) => [number, number, number]): DateReading | null {
  for (const m of base.matchAll(re)) {
    const reading = dayReading(...parts(m));
    if (reading) return reading;
  }
  return null;
}

/** Names of a page bundle's main file: the page is named by its folder. */
const BUNDLE_STEM_RE = /^(?:index|_index|readme)$/i;

/**
 * The name a file is known by: its stem, or for a page bundle's main file
 * ("blog/2024-01-12-launch/index.mdx") its folder's name, unless that folder
 * is a date partition ("2024-06/index.md"), which readPathDate reads.
 */
function nameOf(path: string): string {
  const stem = fileStem(path);
  if (!BUNDLE_STEM_RE.test(stem)) return stem;
  const segments = path.split('/');
  const folder = segments[segments.length - 2];
  if (folder === undefined || YEAR_FOLDER_RE.test(folder) || YEAR_MONTH_FOLDER_RE.test(folder) || DAY_FOLDER_RE.test(folder)) return stem;
  return folder;
}

/** The date a file name states (a page bundle's: its folder's), or null (rules in the module comment). */
export function readFileNameDate(path: string): DateReading | null {
  const base = nameOf(path);
  const ymd = firstDay(NAME_YMD_RE, base, (m) => [Number(m[1]), Number(m[3]), Number(m[4])]);
  if (ymd) return ymd;
  const compact = firstDay(NAME_COMPACT_RE, base, (m) => [Number(m[1]), Number(m[2]), Number(m[3])]);
  if (compact) return compact;
  const stamp = firstDay(NAME_TIMESTAMP_RE, base, (m) => [Number(m[1]), Number(m[2]), Number(m[3])]);
  if (stamp) return stamp;
  for (const m of base.matchAll(NAME_ISO_WEEK_RE)) {
    const week = weekReading(Number(m[1]), Number(m[2]));
    if (week) return week;
  }
  for (const [re, order] of NAME_WORD_WEEK_RES) {
    const m = re.exec(base);
    if (!m) continue;
    const [year, week] = order === 'yw' ? [m[1], m[2]] : [m[2], m[1]];
    const reading = weekReading(Number(year), Number(week));
    if (reading) return reading;
  }
  const yw = NAME_YEAR_WEEK_RE.exec(base);
  if (yw) return weekReading(Number(yw[1]), Number(yw[2]));
  const ym = NAME_YEAR_MONTH_RE.exec(base);
  if (ym) return monthReading(Number(ym[1]), Number(ym[2]));
  const short = NAME_YYMMDD_RE.exec(base);
  if (short) {
    const reading = dayReading(2000 + Number(short[1]), Number(short[2]), Number(short[3]));
    if (reading) return reading;
  }
  return /\d/.test(base) ? findDate(base) : null;
}

const MONTH_FOLDERS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_FOLDER_RE = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*$/i;
const YEAR_FOLDER_RE = /^(19|20)\d{2}$/;
const YEAR_MONTH_FOLDER_RE = /^((?:19|20)\d{2})[-_](\d{1,2})$/;
const DAY_FOLDER_RE = /^((?:19|20)\d{2})[-_](\d{1,2})[-_](\d{1,2})$/;
const NUMBER_RE = /^\d{1,2}$/;
/** A week folder after a year folder: "W05", "w5", "week-05", "week_5", "week05". */
const WEEK_FOLDER_RE = /^(?:w|week[-_ ]?)(\d{1,2})$/i;
/** An ISO week folder on its own: "2024-W05", "2024W05", "2024-w5". */
const YEAR_WEEK_FOLDER_RE = /^((?:19|20)\d{2})-?[Ww](\d{1,2})$/;

export interface PathDate {
  reading: DateReading;
  /** The file's own name was read as part of the date (the "11" of "2025-06/11.md"). */
  usesFileName: boolean;
}

function monthOfFolder(segment: string | undefined): number | null {
  const m = segment === undefined ? null : MONTH_FOLDER_RE.exec(segment);
  return m ? MONTH_FOLDERS.indexOf(m[1]!.toLowerCase()) + 1 : null;
}

/** A day segment after a year and month: a folder, or the file's stem. */
function narrowToDay(year: number, month: number, rest: readonly string[], stemIndex: number): PathDate | null {
  const month1 = monthReading(year, month);
  if (!month1) return null;
  const next = rest[0];
  if (next !== undefined && NUMBER_RE.test(next)) {
    const day = dayReading(year, month, Number(next));
    if (day) return { reading: day, usesFileName: stemIndex === 0 };
  }
  return { reading: month1, usesFileName: false };
}

/** After a year folder: a month name, a month number, or an ISO week number (see the module comment). */
function narrowYear(year: number, rest: readonly string[], stemIndex: number): PathDate {
  const yearReading: PathDate = { reading: { date: formatYmd(year, 1, 1), precision: 'year' }, usesFileName: false };
  const next = rest[0];
  const named = monthOfFolder(next);
  // The file's own name is never read as a month or a week: "2019/issue-172" names an issue.
  if (named !== null && stemIndex !== 0) return narrowToDay(year, named, rest.slice(1), stemIndex - 1) ?? yearReading;
  // A week spelled as such ("W05", "week-05") is read from the file's name too: unlike a bare number, it names no issue.
  const weekFolder = next === undefined ? null : WEEK_FOLDER_RE.exec(next);
  if (weekFolder) {
    const week = weekReading(year, Number(weekFolder[1]));
    return week ? { reading: week, usesFileName: stemIndex === 0 } : yearReading;
  }
  if (next === undefined || !NUMBER_RE.test(next) || stemIndex === 0) return yearReading;
  const n = Number(next);
  const dayFollows = rest[1] !== undefined && NUMBER_RE.test(rest[1]);
  if ((next.length === 2 && next.startsWith('0')) || dayFollows) {
    return narrowToDay(year, n, rest.slice(1), stemIndex - 1) ?? yearReading;
  }
  const week = weekReading(year, n);
  return week ? { reading: week, usesFileName: false } : yearReading;
}

/** The date the folders (and a day-numbered file inside them) state, or null. */
export function readPathDate(path: string): PathDate | null {
  const segments = path.split('/');
  const folders = segments.slice(0, -1);
  for (let i = folders.length - 1; i >= 0; i--) {
    const folder = folders[i]!;
    // What follows the partition folder: the deeper folders, then the file's stem.
    const rest = [...folders.slice(i + 1), fileStem(path)];
    const stemIndex = rest.length - 1;
    const d = DAY_FOLDER_RE.exec(folder);
    if (d) {
      const reading = dayReading(Number(d[1]), Number(d[2]), Number(d[3]));
      if (reading) return { reading, usesFileName: false };
    }
    const yw = YEAR_WEEK_FOLDER_RE.exec(folder);
    if (yw) {
      const reading = weekReading(Number(yw[1]), Number(yw[2]));
      if (reading) return { reading, usesFileName: false };
    }
    const ym = YEAR_MONTH_FOLDER_RE.exec(folder);
    if (ym) {
      const found = narrowToDay(Number(ym[1]), Number(ym[2]), rest, stemIndex);
      if (found) return found;
    }
    if (YEAR_FOLDER_RE.test(folder)) return narrowYear(Number(folder), rest, stemIndex);
  }
  return null;
}
