/**
 * The vault-wide date sources, appended to the parser's per-file chain
 * (front-matter -> file-name -> path -> heading -> index-page -> git -> none),
 * as a pure function of what the index holds: each digest's own date facts,
 * the index pages' dated entries and the git first-commit days.
 *
 * - A digest whose own chain found a date keeps it; only a date written as
 *   numbers with the year last whose order was a guess ("03-04-2024": both
 *   numbers could be the month) may be read the other way: when the digests of
 *   its series (else of the vault) that were written unambiguously
 *   ("25-04-2024") mostly put the day first, or mostly the month first, the
 *   guess follows them (vaultDayMonthOrder). With no unambiguous date to go
 *   by, the parser's guess stays.
 * - A digest without one takes the date an index page lists it under
 *   (index-page.ts; the finest of several, then the first by page path and
 *   line), else the day git first committed it, else none.
 */
import { vaultDayMonthOrder, type DatePrecision, type DateSource, type DayMonthOrder } from '../../shared/dates.js';
import { resolveHref } from '../parse/links.js';
import { seriesKey, seriesShape } from '../series/series-shape.js';
import type { StoredIndexEntry, VaultWideRow } from '../store/vault-wide-rows.js';
import { MIN_INDEX_ENTRIES } from './index-page.js';

export interface VaultDate {
  date: string | null;
  dateSource: DateSource;
  datePrecision: DatePrecision | null;
}

export interface VaultDates {
  /** Every digest's date, by digest id. */
  dates: Map<number, VaultDate>;
  /** Paths of the pages whose entries name at least MIN_INDEX_ENTRIES digests: index pages, in no series. */
  indexPages: Set<string>;
}

/** Sources the vault-wide step decides; a row stored with one of them had no date of its own. */
const VAULT_WIDE_SOURCES: ReadonlySet<DateSource> = new Set(['index-page', 'git', 'none']);
const PRECISION_RANK: Record<DatePrecision, number> = { day: 0, week: 1, month: 2, year: 3 };

/** True when the parser's own chain found the row's date. */
export function hasOwnDate(row: Pick<VaultWideRow, 'dateSource'>): boolean {
  return !VAULT_WIDE_SOURCES.has(row.dateSource);
}

/** "2024-03-04" -> "2024-04-03": the other reading of a date whose day and month could both be the month. */
export function swapDayMonth(date: string): string {
  return `${date.slice(0, 4)}-${date.slice(8, 10)}-${date.slice(5, 7)}`;
}

interface Entry {
  date: string;
  precision: DatePrecision;
}

/** The index pages' entries by the path key of the digest they name (see the module comment for which wins). */
function entriesByKey(entries: readonly StoredIndexEntry[], keys: ReadonlyMap<string, string>): { byKey: Map<string, Entry>; indexPages: Set<string> } {
  const resolved = entries.flatMap((e) => {
    const r = resolveHref(e.pagePath, e.href);
    if (r.kind !== 'internal') return [];
    const target = keys.get(r.key);
    return target === undefined || target === e.pagePath ? [] : [{ ...e, key: r.key, target }];
  });
  const named = new Map<string, Set<string>>();
  for (const e of resolved) {
    const set = named.get(e.pagePath);
    if (set) set.add(e.target);
    else named.set(e.pagePath, new Set([e.target]));
  }
  const indexPages = new Set([...named].filter(([, targets]) => targets.size >= MIN_INDEX_ENTRIES).map(([page]) => page));
  const byKey = new Map<string, Entry>();
  for (const e of resolved) {
    if (!indexPages.has(e.pagePath)) continue;
    const known = byKey.get(e.key);
    if (!known || PRECISION_RANK[e.precision] < PRECISION_RANK[known.precision]) byKey.set(e.key, { date: e.date, precision: e.precision });
  }
  return { byKey, indexPages };
}

/** The day-month order of each series' (and the vault's) unambiguous numeric dates. */
function dayMonthOrders(rows: readonly VaultWideRow[]): { bySeries: Map<string, DayMonthOrder | null>; vault: DayMonthOrder | null } {
  type Reading = { order?: DayMonthOrder; alternative?: string };
  const readings = new Map<string, Reading[]>();
  const all: Reading[] = [];
  for (const r of rows) {
    if (r.dateOrder === null || !hasOwnDate(r)) continue;
    const reading = r.dateAlt === null ? { order: r.dateOrder } : { order: r.dateOrder, alternative: r.dateAlt };
    const shape = seriesShape(r.path);
    const key = shape ? seriesKey(shape) : '';
    const list = readings.get(key);
    if (list) list.push(reading);
    else readings.set(key, [reading]);
    all.push(reading);
  }
  const bySeries = new Map([...readings].map(([key, list]) => [key, vaultDayMonthOrder(list)]));
  return { bySeries, vault: vaultDayMonthOrder(all) };
}

/** A digest's own date, read in the order its series (else the vault) follows when the parser had to guess. */
function ownDate(row: VaultWideRow, orders: ReturnType<typeof dayMonthOrders>): VaultDate {
  const own: VaultDate = { date: row.date, dateSource: row.dateSource, datePrecision: row.datePrecision };
  if (row.dateAlt === null || row.dateOrder === null) return own;
  const shape = seriesShape(row.path);
  const order = orders.bySeries.get(shape ? seriesKey(shape) : '') ?? orders.vault ?? row.dateOrder;
  // The stored date may be either reading (an earlier pass may have flipped it); the parser's is the other of its alternative.
  const guessed = swapDayMonth(row.dateAlt);
  return { ...own, date: order === row.dateOrder ? guessed : row.dateAlt, datePrecision: 'day' };
}

/** Every digest's date after the vault-wide sources (see the module comment). */
export function resolveVaultDates(rows: readonly VaultWideRow[], entries: readonly StoredIndexEntry[], gitDates: ReadonlyMap<string, string>): VaultDates {
  const keys = new Map(rows.map((r) => [r.pathKey, r.path]));
  const { byKey, indexPages } = entriesByKey(entries, keys);
  const orders = dayMonthOrders(rows);
  const dates = new Map<number, VaultDate>();
  for (const r of rows) {
    if (hasOwnDate(r)) {
      dates.set(r.id, ownDate(r, orders));
      continue;
    }
    const listed = byKey.get(r.pathKey);
    const git = gitDates.get(r.path);
    if (listed) dates.set(r.id, { date: listed.date, dateSource: 'index-page', datePrecision: listed.precision });
    else if (git !== undefined) dates.set(r.id, { date: git, dateSource: 'git', datePrecision: 'day' });
    else dates.set(r.id, { date: null, dateSource: 'none', datePrecision: null });
  }
  return { dates, indexPages };
}
