/**
 * Date ranges the filters offer (quick picks) and the histogram's buckets.
 * All dates are "YYYY-MM-DD" strings handled by the shared date helpers.
 */
import {
  addDays,
  formatYmd,

  isoWeekRange,
  parseDateBound,
  parseIsoWeek,
  shiftIsoWeek,
} from '../../shared/dates.js';

export interface DateFilter {
  from?: string;
  to?: string;
}

export type QuickPick = 'last4Weeks' | 'last12Months' | 'thisYear';
export const QUICK_PICKS: readonly QuickPick[] = ['last4Weeks', 'last12Months', 'thisYear'];

/** Today's date in the user's local calendar. */
export function todayYmd(now: Date = new Date()): string {
  return formatYmd(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

export function quickPickRange(pick: QuickPick, today: string): Required<DateFilter> {
  switch (pick) {
    case 'last4Weeks':
      return { from: addDays(today, -27), to: today };
    case 'last12Months':
      return { from: addDays(today, -364), to: today };
    case 'thisYear':
      return { from: `${today.slice(0, 4)}-01-01`, to: `${today.slice(0, 4)}-12-31` };
  }
}

/** The quick pick a range equals (to show it as selected), or null. */
export function matchingQuickPick(range: DateFilter, today: string): QuickPick | null {
  for (const pick of QUICK_PICKS) {
    const r = quickPickRange(pick, today);
    if (r.from === range.from && r.to === range.to) return pick;
  }
  return null;
}

export type Granularity = 'week' | 'month' | 'year';

export interface Bucket {
  /** "2026-W06", "2026-02" or "2026". */
  key: string;
  count: number;
  from: string;
  to: string;
}

/** Most weekly bars the histogram shows before it switches to months, then years. */
const MAX_WEEK_BARS = 60;
const MAX_MONTH_BARS = 72;

function nextMonth(key: string): string {
  const y = Number(key.slice(0, 4));
  const m = Number(key.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

function rangeOf(key: string, granularity: Granularity): { from: string; to: string } | null {
  if (granularity === 'week') {
    const r = isoWeekRange(key);
    return r ? { from: r.start, to: r.end } : null;
  }
  const from = parseDateBound(key, 'start');
  const to = parseDateBound(key, 'end');
  return from && to ? { from, to } : null;
}

function fill(counts: Record<string, number>, granularity: Granularity, first: string, last: string): Bucket[] {
  const out: Bucket[] = [];
  let key: string | null = first;
  // The guard bounds the loop even if a key never reaches `last`.
  for (let guard = 0; key !== null && guard < 5000; guard++) {
    const range = rangeOf(key, granularity);
    if (range) out.push({ key, count: counts[key] ?? 0, ...range });
    if (key === last) break;
    key = granularity === 'week' ? shiftIsoWeek(key, 1) : granularity === 'month' ? nextMonth(key) : String(Number(key) + 1);
  }
  return out;
}

/**
 * Continuous buckets (gaps filled with zeros) covering every week/month/year
 * with matches, at the finest granularity that keeps the bar count readable.
 */
export function histogramBuckets(weeks: Record<string, number>, months: Record<string, number>, years: Record<string, number>): { granularity: Granularity; buckets: Bucket[] } {
  const weekKeys = Object.keys(weeks).filter((k) => parseIsoWeek(k) && (weeks[k] ?? 0) > 0).sort();
  if (weekKeys.length > 0) {
    const first = weekKeys[0]!;
    const last = weekKeys[weekKeys.length - 1]!;
    const span = weekSpan(first, last);
    if (span <= MAX_WEEK_BARS) return { granularity: 'week', buckets: fill(weeks, 'week', first, last) };
  }
  const monthKeys = Object.keys(months).filter((k) => /^\d{4}-\d{2}$/.test(k) && (months[k] ?? 0) > 0).sort();
  if (monthKeys.length > 0) {
    const first = monthKeys[0]!;
    const last = monthKeys[monthKeys.length - 1]!;
    const span = (Number(last.slice(0, 4)) - Number(first.slice(0, 4))) * 12 + Number(last.slice(5)) - Number(first.slice(5)) + 1;
    if (span <= MAX_MONTH_BARS) return { granularity: 'month', buckets: fill(months, 'month', first, last) };
  }
  const yearKeys = Object.keys(years).filter((k) => /^\d{4}$/.test(k) && (years[k] ?? 0) > 0).sort();
  if (yearKeys.length === 0) return { granularity: 'week', buckets: [] };
  return { granularity: 'year', buckets: fill(years, 'year', yearKeys[0]!, yearKeys[yearKeys.length - 1]!) };
}

function weekSpan(first: string, last: string): number {
  const a = isoWeekRange(first);
  const b = isoWeekRange(last);
  if (!a || !b) return Infinity;
  return Math.round((Date.parse(b.start) - Date.parse(a.start)) / (7 * 86_400_000)) + 1;
}

/** The range covering buckets i..j (either order). */
export function rangeOfBuckets(buckets: readonly Bucket[], i: number, j: number): Required<DateFilter> | null {
  const a = buckets[Math.min(i, j)];
  const b = buckets[Math.max(i, j)];
  return a && b ? { from: a.from, to: b.to } : null;
}

