/**
 * Dates as people write them -> a calendar date and its precision. One table
 * of spellings (SPELLINGS) serves every date source: front-matter values,
 * file names, headings and titles.
 *
 * - readDateText / readDateValue: the whole text (or value) is one date; a
 *   spelling that is right but names no real day ("2021-02-29", month 13) is
 *   a DateProblem, never rolled over.
 * - findDate: the first date spelled inside a longer text (a heading, a
 *   title). Spellings too loose to trust inside text ("2024", "2024-03",
 *   "April" alone) are read only as the whole text.
 *
 * A date is "YYYY-MM-DD" of the start of the period it names; `precision`
 * says whether that period is a day, an ISO week (a range of up to 8 days,
 * "June 23 - June 29, 2025", or "2026-W06"), a month or a year. A date-time
 * gives the day as written: a zone conversion would move a late-evening post
 * to another day.
 *
 * Numbers with the year last ("08-19-2026") are month-first when only the
 * second can be a day (US), day-first when only the first can; when both
 * could be the month ("03-04-2024") they are read month-first, or day-first
 * with dots ("03.04.2024", the European spelling), and the other reading is
 * kept in `alternative` so that a vault-wide pass (vaultDayMonthOrder) can
 * follow what the vault's unambiguous dates show.
 */
import { daysBetween, formatYmd, isValidYmd, isoWeekMonday, MAX_YEAR, MIN_YEAR, validIsoWeek } from './calendar.js';

export type DatePrecision = 'day' | 'week' | 'month' | 'year';
export type DayMonthOrder = 'month-first' | 'day-first';
/** Where a digest's date came from: the per-file sources in the parser, then the vault-wide ones in the indexer. */
export type DateSource = 'front-matter' | 'file-name' | 'path' | 'heading' | 'index-page' | 'git' | 'none';

export interface DateReading {
  /** "YYYY-MM-DD": the day, or the first day of the week, month or year. */
  date: string;
  precision: DatePrecision;
  /** Numbers with the year last only: which of the first two numbers was read as the month. */
  order?: DayMonthOrder;
  /** When both of those numbers could be the month: the date read in the other order. */
  alternative?: string;
}

/** A value spelled as a date that names no real one, or that is no date spelling at all. */
export interface DateProblem {
  /** Why, without the value: "no such day", "not a date". */
  problem: string;
}

export interface DateContext {
  /** Year of spellings that carry none ("3月8日", "June 23 - June 29"), e.g. from an enclosing "## 2024" heading. */
  year?: number;
  /**
   * A date near the one written, when `year` is not given: of the years around
   * it, the one that puts the date nearest (a "12月30日" heading in a digest
   * of 2025-01-03 is 2024-12-30).
   */
  near?: string;
}

export function isDateProblem(value: DateReading | DateProblem | null): value is DateProblem {
  return value !== null && 'problem' in value;
}

type Groups = Record<string, string | undefined>;
/** A reading, a problem (a string), or null: the spelling does not apply (no year known). */
type Outcome = DateReading | string | null;

interface Spelling {
  source: string;
  /** Read only when it is the whole text. */
  wholeOnly?: boolean;
  read(g: Groups, ctx: DateContext, finding: boolean): Outcome;
}

const NO_SUCH_DAY = 'no such day';
const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const CJK_MONTHS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

const month = (name: string): string =>
  `(?<${name}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\\.?`;
const ORDINAL = '(?:st|nd|rd|th)?';
const WEEKDAY = '(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s+)?';
const RANGE_SEP = '\\s*(?:-{1,2}|–|—|~|to|至|到)\\s*';
const TIME = '(?:[T ]+\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?\\s*(?:Z|[+-]\\d{1,2}(?::?\\d{2})?)?)?';
const YEAR = (name = 'y'): string => `(?<${name}>\\d{4})`;

function monthNumber(name: string): number {
  return MONTH_NAMES.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

function num(s: string | undefined): number | undefined {
  return s === undefined ? undefined : Number(s);
}

function day(y: number, m: number, d: number): DateReading | string {
  return isValidYmd(y, m, d) ? { date: formatYmd(y, m, d), precision: 'day' } : NO_SUCH_DAY;
}

function monthStart(y: number, m: number): DateReading | string {
  return isValidYmd(y, m, 1) ? { date: formatYmd(y, m, 1), precision: 'month' } : 'no such month';
}

/** The year of a month and day written without one, from the context; null when it gives none. */
function contextYear(m: number, d: number, ctx: DateContext): number | null {
  if (ctx.year !== undefined) return ctx.year;
  if (ctx.near === undefined) return null;
  const y = Number(ctx.near.slice(0, 4));
  let best: number | null = null;
  let bestDistance = Infinity;
  for (const candidate of [y - 1, y, y + 1]) {
    if (!isValidYmd(candidate, m, d)) continue;
    const distance = Math.abs(daysBetween(ctx.near, formatYmd(candidate, m, d)));
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

/**
 * A range's start, its precision from its length. Years: the start's when
 * written, else the end's (a December start before a January end is the year
 * before), else the context's.
 */
function range(p: { y1?: number; m1: number; d1: number; y2?: number; m2: number; d2: number }, ctx: DateContext): Outcome {
  let y1 = p.y1;
  let y2 = p.y2;
  if (y1 === undefined && y2 !== undefined) y1 = p.m1 > p.m2 ? y2 - 1 : y2;
  if (y1 === undefined) {
    const y = contextYear(p.m1, p.d1, ctx);
    if (y === null) return null;
    y1 = y;
  }
  if (y2 === undefined) y2 = p.m2 < p.m1 ? y1 + 1 : y1;
  const start = day(y1, p.m1, p.d1);
  const end = day(y2, p.m2, p.d2);
  if (typeof start === 'string' || typeof end === 'string') return NO_SUCH_DAY;
  const length = daysBetween(start.date, end.date);
  if (length < 0) return 'the range ends before it starts';
  return { date: start.date, precision: length <= 7 ? 'week' : 'day' };
}

/** A day and month written without a year. */
function yearless(m: number, d: number, ctx: DateContext): Outcome {
  const y = contextYear(m, d, ctx);
  return y === null ? null : day(y, m, d);
}

/** "08-19-2026", "19.08.2026", "03/04/2024": see the module comment. */
function yearLast(a: number, b: number, sep: string, y: number): Outcome {
  if (a > 12 && b > 12) return NO_SUCH_DAY;
  if (a > 12) return withOrder(day(y, b, a), 'day-first');
  if (b > 12) return withOrder(day(y, a, b), 'month-first');
  const dayFirst = sep === '.';
  const read = dayFirst ? day(y, b, a) : day(y, a, b);
  const other = dayFirst ? day(y, a, b) : day(y, b, a);
  const reading = withOrder(read, dayFirst ? 'day-first' : 'month-first');
  if (typeof reading === 'string' || typeof other === 'string' || other.date === reading.date) return reading;
  return { ...reading, alternative: other.date };
}

function withOrder(r: DateReading | string, order: DayMonthOrder): DateReading | string {
  return typeof r === 'string' ? r : { ...r, order };
}

/** The table of spellings. Inside text the earliest match wins, the longest at one position, then the first here. */
const SPELLINGS: Spelling[] = [
  {
    // "June 23 - June 29, 2025", "(June 23 - June 29) - 2025", "Dec 30, 2024 - Jan 5, 2025", "Jan 1-8".
    source: `${WEEKDAY}${month('m1')}\\s*(?<d1>\\d{1,2})${ORDINAL}(?:,?\\s*${YEAR('y1')})?${RANGE_SEP}(?:${month('m2')}\\s*)?(?<d2>\\d{1,2})${ORDINAL}(?:\\s*\\)?\\s*[,\\-–—]?\\s*${YEAR('y2')})?`,
    read: (g, ctx) => {
      const m1 = monthNumber(g.m1!);
      return range({ y1: num(g.y1), m1, d1: Number(g.d1), y2: num(g.y2), m2: g.m2 ? monthNumber(g.m2) : m1, d2: Number(g.d2) }, ctx);
    },
  },
  {
    // "April 5, 2024", "Apr 5 2024", "Wednesday, January 3rd, 2024".
    source: `${WEEKDAY}${month('m')}\\s*(?<d>\\d{1,2})${ORDINAL}(?:,\\s*|\\s+)${YEAR()}`,
    read: (g) => day(Number(g.y), monthNumber(g.m!), Number(g.d)),
  },
  {
    // "5 April 2024", "5th of April, 2024".
    source: `(?<d>\\d{1,2})${ORDINAL}(?:\\s+of)?\\s+${month('m')},?\\s+${YEAR()}`,
    read: (g) => day(Number(g.y), monthNumber(g.m!), Number(g.d)),
  },
  { source: `${month('m')},?\\s+${YEAR()}`, read: (g) => monthStart(Number(g.y), monthNumber(g.m!)) },
  { source: `${month('m')}\\s*(?<d>\\d{1,2})${ORDINAL}`, read: (g, ctx) => yearless(monthNumber(g.m!), Number(g.d), ctx) },
  {
    source: month('m'),
    wholeOnly: true,
    read: (g, ctx) => (ctx.year === undefined ? null : monthStart(ctx.year, monthNumber(g.m!))),
  },
  {
    // "2024年4月1日-4月7日", "4月1日至7日".
    source: `(?:${YEAR()}\\s*年\\s*)?(?<m1>\\d{1,2})\\s*月\\s*(?<d1>\\d{1,2})\\s*[日号]?${RANGE_SEP}(?:(?<m2>\\d{1,2})\\s*月\\s*)?(?<d2>\\d{1,2})\\s*[日号]`,
    read: (g, ctx) => {
      const m1 = Number(g.m1);
      const y = num(g.y);
      return range({ y1: y, m1, d1: Number(g.d1), y2: undefined, m2: num(g.m2) ?? m1, d2: Number(g.d2) }, ctx);
    },
  },
  {
    source: `(?:${YEAR()}\\s*年\\s*)?(?<m>\\d{1,2})\\s*月\\s*(?<d>\\d{1,2})\\s*[日号]`,
    read: (g, ctx) => (g.y ? day(Number(g.y), Number(g.m), Number(g.d)) : yearless(Number(g.m), Number(g.d), ctx)),
  },
  { source: `${YEAR()}\\s*年\\s*(?<m>\\d{1,2})\\s*月(?!\\s*\\d)`, read: (g) => monthStart(Number(g.y), Number(g.m)) },
  {
    source: `(?:(?<m>\\d{1,2})|(?<cm>${CJK_MONTHS.slice().reverse().join('|')}))\\s*月份?`,
    wholeOnly: true,
    read: (g, ctx) => (ctx.year === undefined ? null : monthStart(ctx.year, num(g.m) ?? CJK_MONTHS.indexOf(g.cm!) + 1)),
  },
  { source: `${YEAR()}\\s*年`, wholeOnly: true, read: (g) => yearOnly(Number(g.y)) },
  {
    // "2024/04/22 ~ 04/28", "2024.03.04-2024.03.10".
    source: `${YEAR('y1')}(?<s>[-/.])(?<m1>\\d{1,2})\\k<s>(?<d1>\\d{1,2})${RANGE_SEP}(?:(?:${YEAR('y2')}[-/.])?(?<m2>\\d{1,2})[-/.])?(?<d2>\\d{1,2})`,
    read: (g, ctx) => {
      const m1 = Number(g.m1);
      return range({ y1: Number(g.y1), m1, d1: Number(g.d1), y2: num(g.y2), m2: num(g.m2) ?? m1, d2: Number(g.d2) }, ctx);
    },
  },
  {
    source: `${YEAR()}(?<s>[-/.])(?<m>\\d{1,2})\\k<s>(?<d>\\d{1,2})${TIME}`,
    // Inside text, "2024.1.2" is more often a version number than a date.
    read: (g, _ctx, finding) => (finding && g.s === '.' && (g.m!.length < 2 || g.d!.length < 2) ? null : day(Number(g.y), Number(g.m), Number(g.d))),
  },
  {
    source: `(?<y>(?:19|20)\\d{2})(?<m>\\d{2})(?<d>\\d{2})`,
    read: (g) => day(Number(g.y), Number(g.m), Number(g.d)),
  },
  {
    source: `(?<a>\\d{1,2})(?<s>[-/.])(?<b>\\d{1,2})\\k<s>${YEAR()}${TIME}`,
    read: (g) => yearLast(Number(g.a), Number(g.b), g.s!, Number(g.y)),
  },
  {
    source: `${YEAR()}-?W(?<w>\\d{1,2})`,
    read: (g) => {
      const w = validIsoWeek(Number(g.y), Number(g.w));
      return w ? { date: isoWeekMonday(w.year, w.week), precision: 'week' } : 'no such week';
    },
  },
  { source: `${YEAR()}(?<s>[-/.])(?<m>\\d{1,2})`, wholeOnly: true, read: (g) => monthStart(Number(g.y), Number(g.m)) },
  { source: YEAR(), wholeOnly: true, read: (g) => yearOnly(Number(g.y)) },
];

function yearOnly(y: number): DateReading | string {
  return y >= MIN_YEAR && y <= MAX_YEAR ? { date: formatYmd(y, 1, 1), precision: 'year' } : 'no such year';
}

const WHOLE = SPELLINGS.map((s) => new RegExp(`^(?:${s.source})$`, 'i'));
// A date inside text is neither preceded nor followed by a Latin letter or a digit ("v20240308", "2024-03-08x").
const INSIDE = SPELLINGS.map((s) => (s.wholeOnly ? null : new RegExp(`(?<![A-Za-z0-9])(?:${s.source})(?![A-Za-z0-9])`, 'gi')));

function toResult(outcome: Outcome): DateReading | DateProblem | null {
  if (outcome === null) return null;
  return typeof outcome === 'string' ? { problem: outcome } : outcome;
}

/** The whole text as one date; null when it is empty; a problem when it is no date, names no real one, or needs a year the context does not give. */
export function readDateText(text: string, context: DateContext = {}): DateReading | DateProblem | null {
  const s = text.normalize('NFKC').trim();
  if (s === '') return null;
  let needsYear = false;
  for (let i = 0; i < SPELLINGS.length; i++) {
    const m = WHOLE[i]!.exec(s);
    if (!m) continue;
    const outcome = SPELLINGS[i]!.read(m.groups ?? {}, context, false);
    if (outcome !== null) return toResult(outcome);
    needsYear = true;
  }
  return { problem: needsYear ? 'no year' : 'not a date' };
}

/**
 * A date value as metadata holds it: a string (readDateText), a Date (YAML
 * timestamps are UTC instants: their UTC day; smol-toml's TOML dates print as
 * written, so their own day), an integer 20260206 or 2026. null when absent
 * or empty.
 */
export function readDateValue(value: unknown, context: DateContext = {}): DateReading | DateProblem | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { problem: 'not a date' };
    return readDateText(value.toISOString(), context) ?? { problem: 'not a date' };
  }
  if (typeof value === 'number') return Number.isInteger(value) ? readDateText(String(value), context) : { problem: 'not a date' };
  if (typeof value !== 'string') return { problem: 'not a date' };
  return readDateText(value, context);
}

/** The first date spelled inside `text` that is a real date; null when there is none. */
export function findDate(text: string, context: DateContext = {}): DateReading | null {
  const s = text.normalize('NFKC');
  let best: { index: number; length: number; reading: DateReading } | null = null;
  for (let i = 0; i < SPELLINGS.length; i++) {
    const re = INSIDE[i];
    if (!re) continue;
    re.lastIndex = 0;
    for (let m = re.exec(s); m !== null; m = re.exec(s)) {
      if (best && m.index > best.index) break;
      const outcome = SPELLINGS[i]!.read(m.groups ?? {}, context, true);
      if (outcome !== null && typeof outcome !== 'string') {
        if (!best || m.index < best.index || m[0].length > best.length) best = { index: m.index, length: m[0].length, reading: outcome };
        break;
      }
      re.lastIndex = m.index + 1;
    }
  }
  return best?.reading ?? null;
}

/**
 * The day-month order a vault's numeric dates follow, from the readings that
 * were unambiguous: the majority, or null when none was. A vault-wide pass
 * re-reads the ambiguous ones (those with an `alternative`) in that order.
 */
export function vaultDayMonthOrder(readings: Iterable<Pick<DateReading, 'order' | 'alternative'>>): DayMonthOrder | null {
  let monthFirst = 0;
  let dayFirst = 0;
  for (const r of readings) {
    if (r.order === undefined || r.alternative !== undefined) continue;
    if (r.order === 'month-first') monthFirst++;
    else dayFirst++;
  }
  if (monthFirst === dayFirst) return null;
  return monthFirst > dayFirst ? 'month-first' : 'day-first';
}
