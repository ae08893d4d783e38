/**
 * Dates a path spells, found where Almanac's readers find them
 * (src/shared/date-names.ts: readFileNameDate, readPathDate) and rewritten in
 * the same spelling:
 *
 * - the file name: "2025-01-18-weekly", "2026_02_06", "AIToBoxWeeklyNews_20240222",
 *   "2026-W06", "news_2026_06" (a week), "priorities-2025-09" (a month),
 *   "this-month-250731" (YYMMDD);
 * - the deepest date folder and what narrows it: "2024-03-08/", "2025-06/11.md",
 *   "2022/Aug/01.md", "2023/Jan/02/<part>/<item>.md", "2024/03/", "2021/9/"
 *   (an ISO week), "2019/issue-172.markdown" (a year).
 *
 * Names spelled with words ("2024年4月5日") are left as they are.
 */
import { isoWeekMonday, isValidYmd, validIsoWeek } from '../../src/shared/dates.js';
import { pad, periodParts, shiftPeriod, type Period, type Precision } from './periods.js';

const EXTENSION_RE = /\.(?:md|markdown|mdx|mdown|mkd|txt)$/i;
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_FOLDER_RE = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*$/i;
const YEAR_FOLDER_RE = /^(19|20)\d{2}$/;
const YEAR_MONTH_FOLDER_RE = /^((?:19|20)\d{2})([-_])(\d{1,2})$/;
const DAY_FOLDER_RE = /^((?:19|20)\d{2})([-_])(\d{1,2})([-_])(\d{1,2})$/;
const NUMBER_RE = /^\d{1,2}$/;

/** One spelled date: where it is in its text, what it names, and how to write another period of the same precision. */
interface Spot {
  index: number;
  length: number;
  period: Period;
  respell(p: Period): string;
}

function day(y: number, m: number, d: number): Period | null {
  return isValidYmd(y, m, d) ? { precision: 'day', date: `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}` } : null;
}

function week(y: number, w: number): Period | null {
  const valid = validIsoWeek(y, w);
  return valid ? { precision: 'week', date: isoWeekMonday(valid.year, valid.week) } : null;
}

function month(y: number, m: number): Period | null {
  return isValidYmd(y, m, 1) ? { precision: 'month', date: `${pad(y, 4)}-${pad(m, 2)}-01` } : null;
}

type Rule = { re: RegExp; read(m: RegExpExecArray): Period | null; write(m: RegExpExecArray, p: Period): string };

/** readFileNameDate's rules, in its order (the first valid one answers). */
const NAME_RULES: Rule[] = [
  {
    re: /(?<!\d)(\d{4})([-_.])(\d{1,2})\2(\d{1,2})(?!\d)/g,
    read: (m) => day(Number(m[1]), Number(m[3]), Number(m[4])),
    write: (m, p) => {
      const { year, month: mo, day: d } = periodParts(p);
      return `${year}${m[2]}${pad(mo, (m[3] as string).length)}${m[2]}${pad(d, (m[4] as string).length)}`;
    },
  },
  {
    re: /(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)/g,
    read: (m) => day(Number(m[1]), Number(m[2]), Number(m[3])),
    write: (_m, p) => p.date.replace(/-/g, ''),
  },
  {
    re: /(?<![\dA-Za-z])(\d{4})(-?)([Ww])(\d{1,2})(?![\dA-Za-z])/g,
    read: (m) => week(Number(m[1]), Number(m[4])),
    write: (m, p) => `${periodParts(p).isoYear}${m[2]}${m[3]}${pad(periodParts(p).isoWeek, (m[4] as string).length)}`,
  },
  {
    re: /(?<!\d)(\d{4})_(\d{2})$/g,
    read: (m) => week(Number(m[1]), Number(m[2])),
    write: (_m, p) => `${periodParts(p).isoYear}_${pad(periodParts(p).isoWeek, 2)}`,
  },
  {
    re: /(?<!\d)(\d{4})-(\d{1,2})$/g,
    read: (m) => month(Number(m[1]), Number(m[2])),
    write: (m, p) => `${periodParts(p).year}-${pad(periodParts(p).month, (m[2] as string).length)}`,
  },
  {
    re: /(?<=^|[-_ .])(\d{2})(\d{2})(\d{2})$/g,
    read: (m) => day(2000 + Number(m[1]), Number(m[2]), Number(m[3])),
    write: (_m, p) => p.date.slice(2).replace(/-/g, ''),
  },
];

/** The date a file name (without extension) spells, as readFileNameDate finds it. */
function nameSpot(stem: string): Spot | null {
  for (const rule of NAME_RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(stem); m; m = rule.re.exec(stem)) {
      const period = rule.read(m);
      if (!period) continue;
      const found = m;
      return { index: m.index, length: m[0].length, period, respell: (p) => rule.write(found, p) };
    }
  }
  return null;
}

/** A month folder in the same style: "Aug", "aug", "AUGUST", "August". */
function monthName(original: string, n: number): string {
  const full = MONTHS[n - 1] as string;
  const name = original.length <= 3 ? full.slice(0, 3) : full;
  if (original === original.toLowerCase()) return name;
  if (original === original.toUpperCase()) return name.toUpperCase();
  return name[0]!.toUpperCase() + name.slice(1);
}

/** A date partition of the folders: which segments spell it, and how each is written for another period. */
interface Partition {
  period: Period;
  segments: { at: number; write(p: Period): string }[];
}

const asNumber = (at: number, text: string, field: 'month' | 'day' | 'isoWeek') => ({
  at,
  write: (p: Period) => pad(periodParts(p)[field], text.length),
});
const asYear = (at: number, field: 'year' | 'isoYear' = 'year') => ({ at, write: (p: Period) => String(periodParts(p)[field]) });

/** A year and month (at `at`), narrowed to a day by the next segment when it is one (readPathDate's narrowToDay). */
function narrowToDay(y: number, mo: number, rest: readonly string[], monthSegments: Partition['segments'], at: number): Partition | null {
  const whole = month(y, mo);
  if (!whole) return null;
  const next = rest[0];
  const d = next !== undefined && NUMBER_RE.test(next) ? day(y, mo, Number(next)) : null;
  if (d && next !== undefined) return { period: d, segments: [...monthSegments, asNumber(at + 1, next, 'day')] };
  return { period: whole, segments: monthSegments };
}

/** After a year folder at `at`: a month name, a month number (with a day) or an ISO week (readPathDate's narrowYear). */
function narrowYear(y: number, rest: readonly string[], stemIndex: number, at: number): Partition {
  const yearOnly: Partition = { period: { precision: 'year', date: `${y}-01-01` }, segments: [asYear(at)] };
  const next = rest[0];
  const named = next !== undefined && MONTH_FOLDER_RE.exec(next);
  if (named && next !== undefined && stemIndex !== 0) {
    const n = MONTHS.findIndex((mo) => mo.startsWith(named[1]!.toLowerCase())) + 1;
    const segments = [asYear(at), { at: at + 1, write: (p: Period) => monthName(next, periodParts(p).month) }];
    return narrowToDay(y, n, rest.slice(1), segments, at + 1) ?? yearOnly;
  }
  if (next === undefined || !NUMBER_RE.test(next) || stemIndex === 0) return yearOnly;
  const dayFollows = rest[1] !== undefined && NUMBER_RE.test(rest[1]);
  if ((next.length === 2 && next.startsWith('0')) || dayFollows) {
    return narrowToDay(y, Number(next), rest.slice(1), [asYear(at), asNumber(at + 1, next, 'month')], at + 1) ?? yearOnly;
  }
  const w = week(y, Number(next));
  return w ? { period: w, segments: [asYear(at, 'isoYear'), asNumber(at + 1, next, 'isoWeek')] } : yearOnly;
}

/** The deepest date partition of the folders (and the file's stem when it is the day), as readPathDate finds it. */
function partition(segments: readonly string[], stem: string): Partition | null {
  const folders = segments.slice(0, -1);
  for (let i = folders.length - 1; i >= 0; i--) {
    const folder = folders[i] as string;
    const rest = [...folders.slice(i + 1), stem];
    const d = DAY_FOLDER_RE.exec(folder);
    const period = d ? day(Number(d[1]), Number(d[3]), Number(d[5])) : null;
    if (d && period) {
      const write = (p: Period): string => {
        const parts = periodParts(p);
        return `${parts.year}${d[2]}${pad(parts.month, d[3]!.length)}${d[4]}${pad(parts.day, d[5]!.length)}`;
      };
      return { period, segments: [{ at: i, write }] };
    }
    const ym = YEAR_MONTH_FOLDER_RE.exec(folder);
    if (ym) {
      const write = (p: Period): string => `${periodParts(p).year}${ym[2]}${pad(periodParts(p).month, ym[3]!.length)}`;
      const found = narrowToDay(Number(ym[1]), Number(ym[3]), rest, [{ at: i, write }], i);
      if (found) return found;
    }
    if (YEAR_FOLDER_RE.test(folder)) return narrowYear(Number(folder), rest, rest.length - 1, i);
  }
  return null;
}

interface PathSpelling {
  segments: string[];
  stem: string;
  extension: string;
  name: Spot | null;
  partition: Partition | null;
}

function spell(rel: string): PathSpelling {
  const segments = rel.split('/');
  const base = segments[segments.length - 1] as string;
  const ext = EXTENSION_RE.exec(base);
  const stem = ext && ext.index > 0 ? base.slice(0, ext.index) : base;
  return { segments, stem, extension: base.slice(stem.length), name: nameSpot(stem), partition: partition(segments, stem) };
}

/** The periods a path spells (file name first), to find a corpus's time span. */
export function pathPeriods(rel: string): Period[] {
  const s = spell(rel);
  return [s.name?.period, s.partition?.period].filter((p): p is Period => p !== undefined);
}

/** The path's most precise date (a day or a week), as Almanac reads it: the file name before the folders. */
export function pathAnchor(rel: string): string | null {
  const precise = (p: Period | undefined): boolean => p !== undefined && (['day', 'week'] as Precision[]).includes(p.precision);
  const s = spell(rel);
  if (precise(s.name?.period)) return s.name!.period.date;
  return precise(s.partition?.period) ? s.partition!.period.date : null;
}

/** The path with every date it spells moved by `days` (see periods.ts for `anchor`). */
export function shiftPath(rel: string, days: number, anchor: string | null): string {
  const s = spell(rel);
  if (days === 0 || (!s.name && !s.partition)) return rel;
  const out = [...s.segments];
  let stem = s.stem;
  const last = out.length - 1;
  if (s.partition) {
    const moved = shiftPeriod(s.partition.period, days, anchor);
    for (const seg of s.partition.segments) {
      if (seg.at === last) stem = seg.write(moved);
      else out[seg.at] = seg.write(moved);
    }
  }
  if (s.name) {
    const moved = shiftPeriod(s.name.period, days, anchor);
    stem = `${stem.slice(0, s.name.index)}${s.name.respell(moved)}${stem.slice(s.name.index + s.name.length)}`;
  }
  out[last] = `${stem}${s.extension}`;
  return out.join('/');
}
