/**
 * The replication plan of a real-text bench corpus: which source digest goes
 * into which replica folder, under which path, with its dates moved by how
 * much. A pure function of the source paths, their texts and the seed, so the
 * same corpora always give the same vault.
 *
 * - Replica folders `r01/`, `r02/`... each hold a copy of every corpus
 *   (`r01/<corpus folder>/<path as in the source>`); the last replica holds a
 *   seeded sample, so the vault has exactly the digests asked for.
 * - Replica k moves every date of a corpus back by k times the corpus's
 *   shift: whole weeks (a weekday stays a weekday, an ISO week a week), about
 *   whole years (a month or year folder stays one), and longer than the
 *   corpus's span, so the replicas of a corpus tile time backwards without
 *   overlapping. Dates stop at 1900 (Almanac reads year folders 19xx and 20xx;
 *   2000 for a corpus whose file names spell YYMMDD): past that, the tiling
 *   starts again at the newest slot, so dates repeat in other replica folders
 *   (paths never do).
 */
import path from 'node:path';
import { addDays, daysBetween } from '../../src/shared/dates.js';
import { Rng } from '../rng.js';
import { headerDate, headerOrderEvidence, type DayMonthOrder } from './header-dates.js';
import { pathAnchor, pathPeriods, shiftPath } from './path-dates.js';
import { representative } from './periods.js';

const DAYS_PER_YEAR = 365.2425;
/** Year folders are read from 1900 on; two-digit years (YYMMDD names) from 2000. */
const FLOOR = '1900-01-01';
const FLOOR_YYMMDD = '2000-01-01';
const YYMMDD_NAME_RE = /(?:^|[-_ .])\d{6}\.[a-z]+$/i;

export interface SourceCorpus {
  dir: string;
  /** The corpus's folder inside each replica. */
  folder: string;
  /** Corpus-relative POSIX paths and texts (null: not UTF-8, copied as bytes, dates in its path only). */
  files: { rel: string; text: string | null }[];
}

export interface CorpusFacts {
  dir: string;
  folder: string;
  files: number;
  order: DayMonthOrder | null;
  /** Oldest and newest dates of the source (null: it states none). */
  first: string | null;
  last: string | null;
  /** Weeks between replicas. */
  shiftWeeks: number;
  /** Replicas that fit before the floor date; later ones wrap around. */
  slots: number;
}

export interface ReplicaFile {
  /** Index of the source corpus and of the file in it. */
  corpus: number;
  file: number;
  /** 0-based replica. */
  replica: number;
  /** Corpus-relative path before and after. */
  from: string;
  to: string;
  /** Vault-relative path: r01/<folder>/<to>. */
  path: string;
  days: number;
  /** The file's precise date, if it states one (the anchor of its coarse dates), before the shift. */
  anchor: string | null;
  /** The date that stands for the file after the shift (null: it states none). */
  date: string | null;
}

export interface ReplicationPlan {
  corpora: CorpusFacts[];
  replicas: number;
  files: ReplicaFile[];
}

/** The corpus's day/month order for year-last dates: what its unambiguous ones show, else null. */
function corpusOrder(files: SourceCorpus['files']): DayMonthOrder | null {
  let dayFirst = 0;
  let monthFirst = 0;
  for (const f of files) {
    for (const order of f.text === null ? [] : headerOrderEvidence(f.text)) {
      if (order === 'day-first') dayFirst++;
      else monthFirst++;
    }
  }
  return dayFirst > monthFirst ? 'day-first' : monthFirst > 0 ? 'month-first' : null;
}

interface FileDates {
  anchor: string | null;
  date: string | null;
}

function fileDates(rel: string, text: string | null, order: DayMonthOrder | null): FileDates {
  const anchor = (text === null ? null : headerDate(text, order)) ?? pathAnchor(rel);
  const period = pathPeriods(rel)[0];
  return { anchor, date: anchor ?? (period ? representative(period, null) : null) };
}

/** Whole weeks of about whole years, longer than the span plus a week. */
export function shiftWeeksFor(first: string, last: string): number {
  const needed = daysBetween(first, last) + 7;
  const years = Math.max(1, Math.ceil(needed / DAYS_PER_YEAR));
  let weeks = Math.round((years * DAYS_PER_YEAR) / 7);
  while (weeks * 7 < needed) weeks++;
  return weeks;
}

function corpusFacts(corpus: SourceCorpus, dates: FileDates[], order: DayMonthOrder | null): CorpusFacts {
  const known = dates.map((d) => d.date).filter((d): d is string => d !== null).sort();
  const first = known[0] ?? null;
  const last = known[known.length - 1] ?? null;
  const base = { dir: corpus.dir, folder: corpus.folder, files: corpus.files.length, order, first, last };
  if (first === null || last === null) return { ...base, shiftWeeks: 0, slots: 1 };
  const shiftWeeks = shiftWeeksFor(first, last);
  const floor = corpus.files.some((f) => YYMMDD_NAME_RE.test(f.rel)) ? FLOOR_YYMMDD : FLOOR;
  const slots = Math.max(1, Math.floor(daysBetween(floor, first) / (shiftWeeks * 7)) + 1);
  return { ...base, shiftWeeks, slots };
}

/** Which source files each replica holds: all of them, but a seeded sample in the last one. */
function replicaMembers(total: number, target: number, seed: number): number[][] {
  const replicas = Math.max(1, Math.ceil(target / total));
  const all = Array.from({ length: total }, (_, i) => i);
  const rest = target - (replicas - 1) * total;
  const last = rest >= total ? all : new Rng(seed, 0x7e91).sample(all, rest).sort((a, b) => a - b);
  return Array.from({ length: replicas }, (_, k) => (k === replicas - 1 ? last : all));
}

/** "r01" ... "r12", wider when there are 100 replicas or more. */
export function replicaFolder(replica: number, replicas: number): string {
  return `r${String(replica + 1).padStart(Math.max(2, String(replicas).length), '0')}`;
}

export function planReplication(corpora: readonly SourceCorpus[], target: number, seed: number): ReplicationPlan {
  if (!Number.isSafeInteger(target) || target < 1) throw new Error(`bench: --replicate-to must be a positive count, got ${target}`);
  const sources = corpora.flatMap((c, corpus) => c.files.map((f, file) => ({ corpus, file, f })));
  if (sources.length === 0) throw new Error(`bench: no Markdown files in ${corpora.map((c) => c.dir).join(', ')}`);
  const orders = corpora.map((c) => corpusOrder(c.files));
  const dates = corpora.map((c, i) => c.files.map((f) => fileDates(f.rel, f.text, orders[i] ?? null)));
  const facts = corpora.map((c, i) => corpusFacts(c, dates[i] ?? [], orders[i] ?? null));
  const members = replicaMembers(sources.length, target, seed);
  const files: ReplicaFile[] = [];
  const taken = new Map<string, string>();
  members.forEach((indexes, replica) => {
    for (const index of indexes) {
      const { corpus, file, f } = sources[index]!;
      const fact = facts[corpus]!;
      const days = -(replica % fact.slots) * fact.shiftWeeks * 7;
      const { anchor, date } = dates[corpus]![file]!;
      const to = shiftPath(f.rel, days, anchor);
      const vaultPath = path.posix.join(replicaFolder(replica, members.length), fact.folder, to);
      const clash = taken.get(vaultPath);
      if (clash !== undefined) throw new Error(`bench: replicas of ${clash} and ${f.rel} would both be written to ${vaultPath}`);
      taken.set(vaultPath, f.rel);
      files.push({ corpus, file, replica, from: f.rel, to, path: vaultPath, days, anchor, date: date === null ? null : addDays(date, days) });
    }
  });
  return { corpora: facts, replicas: members.length, files };
}
