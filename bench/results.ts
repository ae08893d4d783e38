/**
 * The shape of one bench run (written as JSON) and the targets it is judged
 * against. A measurement that could not be taken is null, with the reason in
 * `errors`; its target then reports "n/a", never a guess.
 */
import type { Fts5TrigramResult } from './baselines/fts5-trigram.js';
import type { ParseFloorResult } from './baselines/parse-floor.js';
import type { RipgrepResult } from './baselines/ripgrep.js';
import type { LatencySummary } from './measure.js';
import type { ColdIndexResult } from './tasks/cold-index.js';
import type { IncrementalResult } from './tasks/incremental.js';
import type { ReopenResult } from './tasks/reopen.js';
import type { ServeResult } from './tasks/serve.js';

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

export interface BenchResult {
  version: 1;
  startedAt: string;
  size: number;
  seed: number;
  machine: MachineInfo;
  vault: { files: number; bytes: number; series: number; generated: 'reused' | 'generated'; generateMs: number; path: string };
  coldIndex: (ColdIndexResult & { mbPerS: number }) | null;
  index: { bytes: number; files: { db: number; wal: number; shm: number }; vaultRatio: number; tables: Record<string, number> } | null;
  incremental: IncrementalResult | null;
  reopen: { inProcess: ReopenResult[]; inProcessMedianMs: number; cli: { runsMs: number[]; medianMs: number; command: string } | null } | null;
  search: (ServeResult & { passes: number }) | null;
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

function row(name: string, target: string, value: number | null | undefined, limit: number, fmt: (v: number) => string, higherIsBetter = false): TargetRow {
  if (value === null || value === undefined || !Number.isFinite(value)) return { name, target, measured: 'n/a', pass: null };
  return { name, target, measured: fmt(value), pass: higherIsBetter ? value >= limit : value <= limit };
}

export function evaluateTargets(r: BenchResult): TargetRow[] {
  const cold = r.coldIndex?.toSearchableMs ?? null;
  const floor = r.baselines.parseFloor?.ms ?? null;
  const watched = r.incremental?.watchedEdit;
  const ourP95 = r.search?.latency.p95 ?? null;
  const ftsP95 = r.baselines.fts5Trigram?.latency.p95 ?? null;
  const limit = coldIndexLimitMs(r.size);
  return [
    row('cold index, files -> searchable', limit.label, cold, limit.ms, fmtMs),
    row('cold index / single-thread parse floor', '<= 0.6x', cold !== null && floor ? cold / floor : null, 0.6, (v) => `${v.toFixed(2)}x`),
    row('edit searchable after change event', '<= 250 ms', watched && 'changeEventToSearchableMs' in watched ? watched.changeEventToSearchableMs : null, 250, fmtMs),
    row('reopen + first query, in process', '<= 200 ms', r.reopen?.inProcessMedianMs ?? null, 200, fmtMs),
    row('reopen, CLI whole run (node start)', '<= 1 s', r.reopen?.cli?.medianMs ?? null, 1000, fmtMs),
    row('search p95, first page + facets', '<= 16 ms', ourP95, 16, fmtMs),
    row('search p95 speed-up vs FTS5 trigram p95', '>= 20x', ourP95 && ftsP95 !== null ? ftsP95 / ourP95 : null, 20, (v) => `${v.toFixed(1)}x`, true),
    row('serving RSS at rest', '<= 250 MB', r.search?.rest.rssMb ?? null, 250, (v) => `${v.toFixed(0)} MB`),
    row('index on disk / vault size', '<= 1.5x', r.index?.vaultRatio ?? null, 1.5, (v) => `${v.toFixed(2)}x`),
    row('event-loop delay while indexing (max)', '<= 50 ms', r.coldIndex?.loopDelay.maxMs ?? null, 50, fmtMs),
  ];
}

export function latencyCells(l: LatencySummary | null | undefined): string[] {
  if (!l) return ['n/a', 'n/a', 'n/a'];
  return [fmtMs(l.p50), fmtMs(l.p95), fmtMs(l.p99)];
}
