/**
 * Trends: for each query, how many sections (or digests) match in each week,
 * month or year. A query is matched as search() matches it
 * (request-match.ts: the same parse, filters and MATCH strings), then each
 * matching section is counted in the period of its effective date: its own
 * heading's date when it has one, else its digest's (section-dates.ts). So
 * a trend's count for a period equals the totalSections (or, by digests,
 * the total) of a search of that query with that period as its date filter.
 *
 * The periods of a catalog (every digest's and dated section's period as an
 * index into one continuous list) and the totals each period holds are
 * computed once per catalog and kind, so a trend costs one FTS5 match and
 * one pass over the matching rowids per query.
 */
import { MAX_TREND_PERIODS, type TrendBucket, type TrendSeries, type TrendsRequest, type TrendsResponse, type TrendUnit } from '../../shared/research.js';
import { periodKeyOf, periodRange, periodsBetween, type PeriodKind } from '../../shared/periods.js';
import type { DigestCatalog } from './catalog.js';
import type { FuzzyVocabulary } from './fuzzy.js';
import { prepareRequest, visitMatchingSections, type MatchContext } from './request-match.js';

/** Every period of a catalog, and where each digest and dated section falls. */
interface PeriodIndex {
  /** Continuous, oldest first (at most MAX_TREND_PERIODS: the newest). */
  keys: string[];
  /** Set when older periods did not fit: the first key kept. */
  clippedBefore: string | null;
  /** Per digest position: index into keys, -1 for none (undated, no week, or clipped). */
  digestPeriod: Int32Array;
  /** Per dated section entry of the catalog table: index into keys, -1 for none. */
  datedPeriod: Int32Array;
  /** The period index of section `rowid` of the digest at `position` (rowid -1: the digest's own period). */
  periodOf(position: number, rowid: number): number;
}

const periodCache = new WeakMap<DigestCatalog, Map<string, PeriodIndex | Int32Array>>();

function cached<T extends PeriodIndex | Int32Array>(catalog: DigestCatalog, key: string, make: () => T): T {
  let entries = periodCache.get(catalog);
  if (entries === undefined) periodCache.set(catalog, (entries = new Map()));
  let value = entries.get(key) as T | undefined;
  if (value === undefined) entries.set(key, (value = make()));
  return value;
}

/** The period of each string reference pair (date, week) of a column, as keys. */
function columnKeys(catalog: DigestCatalog, dateRefs: Int32Array, weekRefs: Int32Array, kind: PeriodKind): (string | null)[] {
  const t = catalog.table;
  const memo = new Map<number, string | null>();
  return Array.from(dateRefs, (dateRef, i) => {
    const ref = kind === 'week' ? weekRefs[i]! : dateRef;
    if (dateRef < 0 || ref < 0) return null;
    let key = memo.get(ref);
    if (key === undefined) memo.set(ref, (key = periodKeyOf(t.string(dateRef), t.stringOrNull(weekRefs[i]!), kind)));
    return key;
  });
}

function buildPeriods(catalog: DigestCatalog, kind: PeriodKind): PeriodIndex {
  const t = catalog.table;
  const digestKeys = columnKeys(catalog, t.dateRef, t.weekRef, kind);
  const datedKeys = columnKeys(catalog, t.dated.dateRef, t.dated.weekRef, kind);
  let first: string | null = null;
  let last: string | null = null;
  for (const key of [...digestKeys, ...datedKeys]) {
    if (key === null) continue;
    if (first === null || key < first) first = key;
    if (last === null || key > last) last = key;
  }
  const keys = first === null || last === null ? [] : periodsBetween(first, last, kind, MAX_TREND_PERIODS);
  const indexOf = new Map(keys.map((k, i) => [k, i]));
  const toIndex = (key: string | null): number => (key === null ? -1 : (indexOf.get(key) ?? -1));
  const digestPeriod = Int32Array.from(digestKeys, toIndex);
  const datedPeriod = Int32Array.from(datedKeys, toIndex);
  const dates = catalog.sectionDates;
  return {
    keys,
    clippedBefore: keys.length > 0 && keys[0]! > first! ? keys[0]! : null,
    digestPeriod,
    datedPeriod,
    periodOf: (position, rowid) => {
      if (rowid < 0 || !dates.has(position)) return digestPeriod[position]!;
      const entry = dates.entryOf(position, rowid);
      return entry < 0 ? digestPeriod[position]! : datedPeriod[entry]!;
    },
  };
}

/**
 * Counts visits per period: each section, or (by digests) each digest once
 * per period; visits come grouped by digest. A digest matching by its title
 * alone (rowid -1) counts as a digest, in its own period, and as no section.
 */
function periodCounter(periods: PeriodIndex, unit: TrendUnit): { counts: Int32Array; visit: (position: number, rowid: number) => void } {
  const counts = new Int32Array(periods.keys.length);
  const stamp = unit === 'digests' ? new Int32Array(periods.keys.length).fill(-1) : null;
  return {
    counts,
    visit: (position, rowid) => {
      if (stamp === null && rowid < 0) return;
      const p = periods.periodOf(position, rowid);
      if (p < 0) return;
      if (stamp !== null) {
        if (stamp[p] === position) return;
        stamp[p] = position;
      }
      counts[p]!++;
    },
  };
}

/** What each period holds: all its sections, or its digests (once per period of their sections). */
function periodTotals(catalog: DigestCatalog, periods: PeriodIndex, unit: TrendUnit): Int32Array {
  const { counts, visit } = periodCounter(periods, unit);
  for (let i = 0; i < catalog.size; i++) {
    const range = catalog.sectionsOf(i);
    if (unit === 'sections' && !catalog.sectionDates.has(i)) {
      const p = periods.digestPeriod[i]!;
      if (p >= 0) counts[p]! += range.count;
      continue;
    }
    for (let r = range.first; r < range.end; r++) visit(i, r);
  }
  return counts;
}

/** The slice of periods overlapping [from, to] (null bounds: open). */
function windowOf(keys: readonly string[], kind: PeriodKind, from: string | undefined, to: string | undefined): [number, number] {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi && from !== undefined && periodRange(keys[lo]!, kind)!.end < from) lo++;
  while (hi > lo && to !== undefined && periodRange(keys[hi - 1]!, kind)!.start > to) hi--;
  return [lo, hi];
}

/** The trends of a request over the catalog (see the module comment). `req` has been validated. */
export function trendsOf(ctx: MatchContext, vocab: FuzzyVocabulary, req: TrendsRequest): TrendsResponse {
  const started = performance.now();
  const catalog = ctx.catalog;
  const kind = req.by;
  const unit = req.unit ?? 'sections';
  const normalise = req.normalise ?? false;
  const periods = cached(catalog, kind, () => buildPeriods(catalog, kind));
  const totals = cached(catalog, `${kind}:${unit}`, () => periodTotals(catalog, periods, unit));
  const [lo, hi] = windowOf(periods.keys, kind, req.from, req.to);
  const buckets: TrendBucket[] = periods.keys.slice(lo, hi).map((key, k) => {
    const range = periodRange(key, kind)!;
    return { key, from: range.start, to: range.end, total: totals[lo + k]! };
  });
  const series = req.queries.map((query): TrendSeries => {
    const prepared = prepareRequest(catalog, { query, tags: req.tags, tagMode: req.tagMode, mentions: req.mentions, from: req.from, to: req.to }, vocab);
    const { counts, visit } = periodCounter(periods, unit);
    visitMatchingSections(ctx, prepared, visit);
    const shown = Array.from(counts.subarray(lo, hi));
    const values = normalise ? shown.map((n, k) => (buckets[k]!.total === 0 ? 0 : n / buckets[k]!.total)) : shown;
    return { query, counts: shown, values, total: shown.reduce((a, b) => a + b, 0), notices: prepared.notices };
  });
  const response: TrendsResponse = { by: kind, unit, normalise, periods: buckets, series, tookMs: 0 };
  if (periods.clippedBefore !== null && lo === 0) response.clippedBefore = buckets[0]?.from ?? periods.clippedBefore;
  response.tookMs = Math.round((performance.now() - started) * 100) / 100;
  return response;
}
