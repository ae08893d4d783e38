/**
 * Dates a file states in its header, found and rewritten as text so that
 * every other byte stays as the archive wrote it: YAML front matter
 * (`date: 2019-05-03`, `pubDate: 2025-01-18`, `date: 2023/10/23`,
 * `date: 08-19-2026`, `date: 2020-07-22T12:00:00+05:00`), TOML front matter
 * (`date = "2024-01-31"`) and Pelican header lines (`Date: 2024-01-03`).
 * Only the top-level date keys below are touched; a value keeps its spelling
 * (separators, zero padding, quotes, time of day), only the day moves.
 *
 * Year-last dates are read as Almanac reads them: day-first when the first
 * number cannot be a month, month-first when the second cannot, and the
 * corpus's own order (or month-first, day-first with dots) when both can.
 */
import { addDays, formatYmd, isValidYmd } from '../../src/shared/dates.js';
import { pad } from './periods.js';

export type DayMonthOrder = 'month-first' | 'day-first';

/** Almanac's date keys (parse/fields.ts) in its order of preference, then the other dates a header states. */
const ALMANAC_DATE_KEYS = ['date', 'pubdate', 'publishdate', 'published', 'created'];
const SHIFTED_KEYS = new Set([...ALMANAC_DATE_KEYS, 'scheduled', 'updated', 'lastmod', 'modified']);
/** Keys that start a Pelican header (parse/metadata/pelican.ts recognises these and more). */
const PELICAN_FIRST_KEYS = new Set(['title', 'date', 'tags', 'category', 'author', 'slug', 'summary']);

const YMD_RE = /(?<!\d)(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)/;
const YEAR_LAST_RE = /(?<!\d)(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?!\d)/;
const KEY_LINE_RE = /^([A-Za-z][\w-]*)([ \t]*)([:=])(.*)$/;

interface Spelled {
  index: number;
  length: number;
  date: string;
  respell(date: string): string;
}

function ymdSpelling(m: RegExpExecArray): Spelled | null {
  const [text, y, sep, mo, d] = m as unknown as [string, string, string, string, string];
  if (!isValidYmd(Number(y), Number(mo), Number(d))) return null;
  return {
    index: m.index,
    length: text.length,
    date: formatYmd(Number(y), Number(mo), Number(d)),
    respell: (date) => `${date.slice(0, 4)}${sep}${pad(Number(date.slice(5, 7)), mo.length)}${sep}${pad(Number(date.slice(8, 10)), d.length)}`,
  };
}

/** Which order an unambiguous year-last date proves, or null. */
export function yearLastOrder(value: string): DayMonthOrder | null {
  const m = YEAR_LAST_RE.exec(value);
  if (!m) return null;
  const a = Number(m[1]);
  const b = Number(m[3]);
  if (a > 12 && b <= 12) return 'day-first';
  if (b > 12 && a <= 12) return 'month-first';
  return null;
}

function yearLastSpelling(m: RegExpExecArray, order: DayMonthOrder | null): Spelled | null {
  const [text, a, sep, b, y] = m as unknown as [string, string, string, string, string];
  const proven = yearLastOrder(text);
  const dayFirst = (proven ?? order ?? (sep === '.' ? 'day-first' : 'month-first')) === 'day-first';
  const [day, month] = dayFirst ? [a, b] : [b, a];
  if (!isValidYmd(Number(y), Number(month), Number(day))) return null;
  return {
    index: m.index,
    length: text.length,
    date: formatYmd(Number(y), Number(month), Number(day)),
    respell: (date) => {
      const dd = pad(Number(date.slice(8, 10)), day.length);
      const mm = pad(Number(date.slice(5, 7)), month.length);
      return `${dayFirst ? dd : mm}${sep}${dayFirst ? mm : dd}${sep}${date.slice(0, 4)}`;
    },
  };
}

/** The first date spelled in a header value, or null. */
function spelledDate(value: string, order: DayMonthOrder | null): Spelled | null {
  const ymd = YMD_RE.exec(value);
  const last = YEAR_LAST_RE.exec(value);
  if (ymd && (!last || ymd.index <= last.index)) return ymdSpelling(ymd);
  return last ? yearLastSpelling(last, order) : null;
}

interface HeaderBlock {
  /** Line indexes of the block's key lines (delimiters excluded). */
  first: number;
  end: number;
  separator: ':' | '=';
}

function isLine(line: string | undefined, delimiter: string): boolean {
  return line !== undefined && line.replace(/\r$/, '').trimEnd() === delimiter;
}

/** The header block of the file's lines, or null (see the module comment for the styles). */
function headerBlock(lines: readonly string[]): HeaderBlock | null {
  const top = (lines[0] ?? '').replace(/^\uFEFF/, '');
  for (const [delimiter, separator] of [['---', ':'], ['+++', '=']] as const) {
    if (!isLine(top, delimiter)) continue;
    for (let i = 1; i < lines.length; i++) {
      if (isLine(lines[i], delimiter) || (delimiter === '---' && isLine(lines[i], '...'))) return { first: 1, end: i, separator };
    }
    return null;
  }
  const key = KEY_LINE_RE.exec(top);
  if (!key || key[3] !== ':' || !PELICAN_FIRST_KEYS.has((key[1] as string).toLowerCase())) return null;
  let end = 0;
  while (end < lines.length && (lines[end] as string).trim() !== '') end++;
  return { first: 0, end, separator: ':' };
}

interface DateLine {
  line: number;
  key: string;
  /** Offset of the value inside the line. */
  valueAt: number;
  spelled: Spelled;
}

function dateLines(lines: readonly string[], order: DayMonthOrder | null): DateLine[] {
  const block = headerBlock(lines);
  if (!block) return [];
  const out: DateLine[] = [];
  for (let i = block.first; i < block.end; i++) {
    const line = (lines[i] as string).replace(/\r$/, '');
    const m = KEY_LINE_RE.exec(line.replace(/^\uFEFF/, ''));
    if (!m || m[3] !== block.separator) continue;
    const key = (m[1] as string).toLowerCase();
    if (!SHIFTED_KEYS.has(key)) continue;
    const valueAt = line.length - (m[4] as string).length;
    const spelled = spelledDate(m[4] as string, order);
    if (spelled) out.push({ line: i, key, valueAt, spelled });
  }
  return out;
}

/** The date Almanac takes from this header (its first date key present), or null. */
export function headerDate(text: string, order: DayMonthOrder | null): string | null {
  const found = dateLines(text.split('\n'), order);
  for (const key of ALMANAC_DATE_KEYS) {
    const line = found.find((l) => l.key === key);
    if (line) return line.spelled.date;
  }
  return null;
}

/** Raw year-last values of the header's date keys, to learn the corpus's order. */
export function headerOrderEvidence(text: string): DayMonthOrder[] {
  const lines = text.split('\n');
  const block = headerBlock(lines);
  if (!block) return [];
  const out: DayMonthOrder[] = [];
  for (let i = block.first; i < block.end; i++) {
    const m = KEY_LINE_RE.exec((lines[i] as string).replace(/^\uFEFF/, '').replace(/\r$/, ''));
    if (!m || !SHIFTED_KEYS.has((m[1] as string).toLowerCase())) continue;
    const order = yearLastOrder(m[4] as string);
    if (order) out.push(order);
  }
  return out;
}

/** The text with every header date moved by `days`; the same string when the header states none. */
export function shiftHeaderDates(text: string, days: number, order: DayMonthOrder | null): string {
  if (days === 0) return text;
  const lines = text.split('\n');
  const found = dateLines(lines, order);
  if (found.length === 0) return text;
  for (const { line, valueAt, spelled } of found) {
    const original = lines[line] as string;
    const at = valueAt + spelled.index;
    lines[line] = `${original.slice(0, at)}${spelled.respell(addDays(spelled.date, days))}${original.slice(at + spelled.length)}`;
  }
  return lines.join('\n');
}
