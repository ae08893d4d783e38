/**
 * The shape of one bench run (written as JSON) and the targets it is judged
 * against. A measurement that could not be taken is null, with the reason in
 * `errors`; its target then reports "n/a", never a guess.
 */
import type { Fts5TrigramResult } from './baselines/fts5-trigram.js';
import type { ParseFloorResult } from './baselines/parse-floor.js';
import type { RipgrepResult } from './baselines/ripgrep.js';
import type { CorpusFacts } from './corpus/replicate.js';
import type { LatencySummary } from './measure.js';
import type { BenchQuery } from './queries.js';
import type { ColdIndexResult } from './tasks/cold-index.js';
import type { IncrementalResult } from './tasks/incremental.js';
import type { ReopenResult } from './tasks/reopen.js';
import type { ServeResult } from './tasks/serve.js';
import type { TypingWhileIndexingResult } from './tasks/typing-while-indexing.js';
import type { TrendsBenchResult } from './tasks/trends.js';

export interface MachineInfo {
  node: string;
  platform: string;
  cpus: number;
  cpuModel: string;
  totalMemMb: number;
  loadAverage: number[];
  /** Other work on the machine skews every number: compare both ends. */
  loadAverageEnd: number[];
}

/** A real-text corpus run (--corpus): the sources and how they were replicated. */
export interface CorpusInfo {
  dirs: string[];
  sourceFiles: number;
  sourceMb: number;
  files: number;
  mb: number;
  /** Digests in the vault per source digest (files / sourceFiles), and the replica folders it took. */
  replicationFactor: number;
  replicas: number;
  dates: { first: string | null; last: string | null };
  corpora: CorpusFacts[];
}

export interface BenchResult {
  version: 1;
  startedAt: string;
  size: number;
  seed: number;
  machine: MachineInfo;
  /** `series`: the synthetic vault's series folders; for a corpus, its folders times the replicas. */
  vault: { files: number; bytes: number; series: number; generated: 'reused' | 'generated'; generateMs: number; path: string };
  /** Null for the synthetic vault. */
  corpus: CorpusInfo | null;
  /** The fixed query set of this run (bench/queries.ts, or drawn from the corpus). */
  queries: BenchQuery[];
  coldIndex: (ColdIndexResult & { mbPerS: number }) | null;
  index: { bytes: number; files: { db: number; wal: number; shm: number }; vaultRatio: number; tables: Record<string, number> } | null;
  incremental: IncrementalResult | null;
  reopen: { inProcess: ReopenResult[]; inProcessMedianMs: number; cli: { runsMs: number[]; medianMs: number; command: string } | null } | null;
  search: (ServeResult & { passes: number }) | null;
  typingWhileIndexing: TypingWhileIndexingResult | null;
  /** Trends and the mentions facet (issue 18). */
  research?: TrendsBenchResult | null;
  baselines: {
    parseFloor: ParseFloorResult | null;
    ripgrep: RipgrepResult | null;
    fts5Trigram: Fts5TrigramResult | null;
    skipped: boolean;
  };
  targets: TargetRow[];
  errors: Record<string, string>;
  /** False while the run is in progress (the file is rewritten after each stage). */
  complete: boolean;
}

export interface TargetRow {
  /** The round of targets it belongs to (the table groups them). */
  group: string;
  name: string;
  target: string;
  measured: string;
  /** null: not measured in this run. */
  pass: boolean | null;
}

function fmtMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
}

export { fmtMs };

/** The cold-index time target: 30 s at 10k, 5 min at 50k, linear in between (and scaled below 10k). */
function coldIndexLimitMs(size: number): { ms: number; label: string } {
  if (size === 10_000) return { ms: 30_000, label: '<= 30 s (10k)' };
  if (size === 50_000) return { ms: 300_000, label: '<= 5 min (50k)' };
  const ms = size < 10_000 ? (30_000 * size) / 10_000 : 30_000 + ((300_000 - 30_000) * (size - 10_000)) / 40_000;
  return { ms, label: `<= ${fmtMs(ms)} (scaled)` };
}

function grouped(group: string) {
  return (name: string, target: string, value: number | null | undefined, limit: number, fmt: (v: number) => string, higherIsBetter = false): TargetRow => {
    if (value === null || value === undefined || !Number.isFinite(value)) return { group, name, target, measured: 'n/a', pass: null };
    return { group, name, target, measured: fmt(value), pass: higherIsBetter ? value >= limit : value <= limit };
  };
}

const FIRST_ROUND = 'first round';
const REAL_TEXT = 'issue 17: speed on real text';
const mb = (v: number): string => `${v.toFixed(0)} MB`;
const times = (v: number): string => `${v.toFixed(2)}x`;

/** The typed-prefix p95 target: 10 ms up to 10k digests, 25 ms at 50k, linear in between. */
function typedP95Limit(size: number): { ms: number; label: string } {
  if (size <= 10_000) return { ms: 10, label: `<= 10 ms${size === 10_000 ? ' (10k)' : ' (10k target)'}` };
  if (size >= 50_000) return { ms: 25, label: `<= 25 ms${size === 50_000 ? ' (50k)' : ' (50k target)'}` };
  const ms = 10 + ((25 - 10) * (size - 10_000)) / 40_000;
  return { ms, label: `<= ${fmtMs(ms)} (scaled)` };
}

/** Issue 17's targets (defined at 10k real-text digests unless stated; the synthetic 10k corpus has the same). */
function realTextTargets(r: BenchResult): TargetRow[] {
  const row = grouped(REAL_TEXT);
  const typed = r.search?.typed ?? null;
  const p95 = typedP95Limit(r.size);
  const cold = r.coldIndex?.toSearchableMs ?? null;
  const floor = r.baselines.parseFloor?.ms ?? null;
  const rows = [row('typed prefixes, server p95 (warm)', p95.label, typed?.server.p95, p95.ms, fmtMs)];
  if (r.size <= 10_000) {
    rows.push(
      row('typed prefixes, server max (warm)', '<= 30 ms', typed?.server.max, 30, fmtMs),
      row('typed prefixes, HTTP round trip p95', '<= 15 ms', typed?.roundTrip.p95, 15, fmtMs),
    );
  }
  const w = r.typingWhileIndexing;
  rows.push(
    row('typed prefixes while a cold index runs, p95', '<= 50 ms', w?.server.p95, 50, fmtMs),
    row('typing never waits on the indexer (longest non-search block)', '<= 50 ms', w?.longestOutsideSearchMs, 50, fmtMs),
    row('serving RSS at rest after typing', '<= 250 MB', typed?.rest.rssMb, 250, mb),
    row('  of it anonymous', '<= 120 MB', typed?.rest.rssAnonMb, 120, mb),
    row('cold index / single-thread parse floor', '<= 0.4x', cold !== null && floor ? cold / floor : null, 0.4, times),
    row('cold index peak RSS', '<= 400 MB', r.coldIndex?.memory.peakRssMb, 400, mb),
    row('reopen -> first answered query, in process', '<= 150 ms', r.reopen?.inProcessMedianMs, 150, fmtMs),
  );
  return rows;
}

function firstRoundTargets(r: BenchResult): TargetRow[] {
  const row = grouped(FIRST_ROUND);
  const cold = r.coldIndex?.toSearchableMs ?? null;
  const floor = r.baselines.parseFloor?.ms ?? null;
  const watched = r.incremental?.watchedEdit;
  const ourP95 = r.search?.latency.p95 ?? null;
  const ftsP95 = r.baselines.fts5Trigram?.latency.p95 ?? null;
  const limit = coldIndexLimitMs(r.size);
  return [
    row('cold index, files -> searchable', limit.label, cold, limit.ms, fmtMs),
    row('cold index / single-thread parse floor', '<= 0.6x', cold !== null && floor ? cold / floor : null, 0.6, times),
    row('edit searchable after change event', '<= 250 ms', watched && 'changeEventToSearchableMs' in watched ? watched.changeEventToSearchableMs : null, 250, fmtMs),
    row('reopen + first query, in process', '<= 200 ms', r.reopen?.inProcessMedianMs ?? null, 200, fmtMs),
    row('reopen, CLI whole run (node start)', '<= 1 s', r.reopen?.cli?.medianMs ?? null, 1000, fmtMs),
    row('search p95, first page + facets', '<= 16 ms', ourP95, 16, fmtMs),
    row('search p95 speed-up vs FTS5 trigram p95', '>= 20x', ourP95 && ftsP95 !== null ? ftsP95 / ourP95 : null, 20, (v) => `${v.toFixed(1)}x`, true),
    row('serving RSS at rest', '<= 250 MB', r.search?.rest.rssMb ?? null, 250, mb),
    row('index on disk / vault size', '<= 1.5x', r.index?.vaultRatio ?? null, 1.5, times),
    row('event-loop delay while indexing (max)', '<= 50 ms', r.coldIndex?.loopDelay.maxMs ?? null, 50, fmtMs),
  ];
}

/** Issue 18's targets: a 6-query monthly trend warm, and the mentions facet's counting per search (at 10k digests). */
function researchTargets(r: BenchResult): TargetRow[] {
  const row = grouped('issue 18: research tools');
  return [
    row('6-query monthly trend, warm p50', '<= 150 ms (10k)', r.research?.warm.p50, 150, fmtMs),
    row('mentions facet counting, p95 per search', '<= 3 ms (10k)', r.research?.mentions.count.p95, 3, fmtMs),
  ];
}

/** Every target, grouped by the round that set it. */
export function evaluateTargets(r: BenchResult): TargetRow[] {
  return [...firstRoundTargets(r), ...realTextTargets(r), ...researchTargets(r)];
}

export function latencyCells(l: LatencySummary | null | undefined): string[] {
  if (!l) return ['n/a', 'n/a', 'n/a'];
  return [fmtMs(l.p50), fmtMs(l.p95), fmtMs(l.p99)];
}
