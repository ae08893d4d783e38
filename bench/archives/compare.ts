/**
 * Truth against what Almanac understood, for one archive: title, date (with
 * its precision where Almanac reports one) and series order per file, every
 * miss with a cause, and metadata lost without a warning.
 */
import type { Understood } from './almanac.js';
import { stem } from './truth/text.js';
import type { StatedDate, TruthEntry } from './truth/types.js';

export type Check = 'title' | 'date' | 'series';

export interface Miss {
  path: string;
  check: Check;
  cause: string;
  expected: string;
  got: string;
}

export interface Ratio {
  right: number;
  total: number;
}

export interface ArchiveScore {
  archive: string;
  /** Markdown files in the archive; issues and pages are measured, other files listed only. */
  files: number;
  issues: number;
  pages: number;
  other: { path: string; note: string }[];
  /** Digests in Almanac's index. */
  digests: number;
  title: Ratio;
  date: Ratio;
  /** True when Almanac reported precisions, so a date is right only with the right precision. */
  precisionChecked: boolean;
  /** Issues whose previous and next issue both agree with the archive's order. */
  series: Ratio;
  /** Pages (no series) that Almanac links into a series anyway. */
  pagesInSeries: number;
  /** Files with metadata whose title or date Almanac got wrong without a warning. */
  silent: number;
  /** Digests that carry at least one warning. */
  warned: number;
  misses: Miss[];
}

interface Neighbours {
  series: string;
  prev: string | null;
  next: string | null;
}

function compareOrder(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** Each issue's previous and next issue in the archive's own order of its series. */
export function truthNeighbours(entries: readonly TruthEntry[]): Map<string, Neighbours> {
  const bySeries = new Map<string, TruthEntry[]>();
  for (const e of entries) {
    if (e.kind !== 'issue' || e.series === undefined) continue;
    bySeries.set(e.series, [...(bySeries.get(e.series) ?? []), e]);
  }
  const result = new Map<string, Neighbours>();
  for (const [series, list] of bySeries) {
    list.sort((a, b) => compareOrder(a.order ?? [], b.order ?? []) || (a.path < b.path ? -1 : 1));
    list.forEach((e, i) => result.set(e.path, { series, prev: list[i - 1]?.path ?? null, next: list[i + 1]?.path ?? null }));
  }
  return result;
}

const normalize = (title: string): string => title.normalize('NFC').replace(/\s+/g, ' ').trim();

function titleMiss(entry: TruthEntry, got: Understood): Miss | null {
  if (entry.titles.some((t) => normalize(t) === normalize(got.title))) return null;
  const expected = entry.titles.length > 1 ? `${entry.titles[0]} (or: ${entry.titles.slice(1).join(' | ')})` : (entry.titles[0] ?? '');
  const cause = got.title === stem(entry.path) ? 'file name instead of the stated title' : 'another title';
  return { path: entry.path, check: 'title', cause, expected, got: got.title };
}

const statedText = (d: StatedDate | null): string => (d ? `${d.date} ${d.precision} (${d.from})` : 'none stated');
const gotDateText = (u: Understood): string => (u.date === null ? 'none' : `${u.date}${u.precision ? ` ${u.precision}` : ''}`);

function dateCause(expected: StatedDate | null, got: Understood): string | null {
  if (expected === null) return got.date === null ? null : 'date invented where the archive states none';
  if (got.date === null) return 'no date';
  if (got.date !== expected.date) return 'another date';
  if (got.precision !== null && got.precision !== expected.precision) return `precision ${got.precision}, not ${expected.precision}`;
  return null;
}

function dateMiss(entry: TruthEntry, got: Understood): Miss | null {
  const cause = dateCause(entry.date, got);
  return cause === null ? null : { path: entry.path, check: 'date', cause, expected: statedText(entry.date), got: gotDateText(got) };
}

/** A neighbour as written in a miss: its file name when it sits in the same folder as `from`, else its path. */
function near(from: string, to: string | null): string {
  if (to === null) return '-';
  const folder = from.slice(0, from.lastIndexOf('/') + 1);
  return to.startsWith(folder) && !to.slice(folder.length).includes('/') ? to.slice(folder.length) : to;
}

function seriesMiss(entry: TruthEntry, want: Neighbours, got: Understood, truth: Map<string, Neighbours>): Miss | null {
  if (got.prev === want.prev && got.next === want.next) return null;
  const foreign = [got.prev, got.next].some((p) => p !== null && truth.get(p)?.series !== want.series);
  const cause =
    got.prev === null && got.next === null ? 'no neighbours' : foreign ? 'neighbour outside the series (page, other series or not an issue)' : 'another order';
  // Only the side(s) that differ, so that the list of misses stays readable.
  const sides = (['prev', 'next'] as const).filter((side) => got[side] !== want[side]);
  const text = (of: { prev: string | null; next: string | null }): string => sides.map((side) => `${side} ${near(entry.path, of[side])}`).join(' | ');
  return { path: entry.path, check: 'series', cause, expected: text(want), got: text(got) };
}

const inSeries = (u: Understood | undefined): boolean => u !== undefined && (u.prev !== null || u.next !== null);

const notIndexed = (entry: TruthEntry, check: Check): Miss => ({ path: entry.path, check, cause: 'not indexed', expected: 'a digest', got: 'none' });

/** Scores one archive: `entries` from its rules, `digests` from Almanac. */
export function scoreArchive(archive: string, entries: readonly TruthEntry[], digests: Map<string, Understood>): ArchiveScore {
  const truth = truthNeighbours(entries);
  const measured = entries.filter((e) => e.kind !== 'other');
  const misses: Miss[] = [];
  let silent = 0;
  for (const entry of measured) {
    const got = digests.get(entry.path);
    const want = truth.get(entry.path);
    const checks: Check[] = want ? ['title', 'date', 'series'] : ['title', 'date'];
    if (!got) {
      misses.push(...checks.map((c) => notIndexed(entry, c)));
      continue;
    }
    const found = [titleMiss(entry, got), dateMiss(entry, got), want ? seriesMiss(entry, want, got, truth) : null].filter((m): m is Miss => m !== null);
    misses.push(...found);
    if (entry.metadata && got.warnings.length === 0 && found.some((m) => m.check !== 'series')) silent += 1;
  }
  const count = (check: Check, total: number): Ratio => ({ right: total - misses.filter((m) => m.check === check).length, total });
  const reported = [...digests.values()];
  return {
    archive,
    files: entries.length,
    issues: entries.filter((e) => e.kind === 'issue').length,
    pages: entries.filter((e) => e.kind === 'page').length,
    other: entries.filter((e) => e.kind === 'other').map((e) => ({ path: e.path, note: e.note ?? '' })),
    digests: digests.size,
    title: count('title', measured.length),
    date: count('date', measured.length),
    precisionChecked: reported.some((u) => u.precision !== null),
    series: count('series', truth.size),
    pagesInSeries: measured.filter((e) => e.kind === 'page' && inSeries(digests.get(e.path))).length,
    silent,
    warned: reported.filter((u) => u.warnings.length > 0).length,
    misses,
  };
}
