/**
 * Measuring helpers: timers, percentiles, process memory (from
 * /proc/self/status where Linux has it) and event-loop delay.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { monitorEventLoopDelay } from 'node:perf_hooks';

export function now(): number {
  return performance.now();
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Nearest-rank percentile (p in 0..100) of unsorted samples; NaN when empty. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(samples: readonly number[]): LatencySummary {
  const sum = samples.reduce((a, b) => a + b, 0);
  return {
    count: samples.length,
    p50: round(percentile(samples, 50), 2),
    p95: round(percentile(samples, 95), 2),
    p99: round(percentile(samples, 99), 2),
    max: round(samples.length ? Math.max(...samples) : NaN, 2),
    mean: round(samples.length ? sum / samples.length : NaN, 2),
  };
}

const MB = 1024 * 1024;

export function toMb(bytes: number): number {
  return round(bytes / MB, 1);
}

/** Values of /proc/self/status in bytes (VmRSS, VmHWM, RssFile...); empty where there is no procfs. */
export function procStatus(): Record<string, number> {
  let text: string;
  try {
    text = fs.readFileSync('/proc/self/status', 'utf8');
  } catch {
    return {};
  }
  const out: Record<string, number> = {};
  for (const m of text.matchAll(/^((?:Vm|Rss)\w+):\s+(\d+) kB$/gm)) out[m[1] as string] = Number(m[2]) * 1024;
  return out;
}

export interface MemoryPeak {
  /** Highest RSS seen by sampling and by the kernel's high-water mark (VmHWM). */
  peakRssMb: number;
  peakHeapUsedMb: number;
  peakHeapTotalMb: number;
  /** The kernel's own peak RSS (VmHWM), null where /proc is unavailable. */
  vmHwmMb: number | null;
  samples: number;
}

/** Samples process.memoryUsage() on an interval and reports the peaks (worker threads count in RSS). */
export class MemorySampler {
  private readonly timer: NodeJS.Timeout;
  private rss = 0;
  private heapUsed = 0;
  private heapTotal = 0;
  private count = 0;

  constructor(intervalMs = 50) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  sample(): void {
    const m = process.memoryUsage();
    this.rss = Math.max(this.rss, m.rss);
    this.heapUsed = Math.max(this.heapUsed, m.heapUsed);
    this.heapTotal = Math.max(this.heapTotal, m.heapTotal);
    this.count++;
  }

  stop(): MemoryPeak {
    clearInterval(this.timer);
    this.sample();
    const hwm = procStatus().VmHWM;
    return {
      peakRssMb: toMb(Math.max(this.rss, hwm ?? 0)),
      peakHeapUsedMb: toMb(this.heapUsed),
      peakHeapTotalMb: toMb(this.heapTotal),
      vmHwmMb: hwm === undefined ? null : toMb(hwm),
      samples: this.count,
    };
  }
}

export interface LoopDelay {
  maxMs: number;
  p99Ms: number;
  p50Ms: number;
  meanMs: number;
}

/**
 * Event-loop delay of this process (perf_hooks histogram). Values are the
 * extra delay over the sampling resolution, so a loop blocked 60 ms shows
 * max ~60 ms.
 */
export class LoopDelayMonitor {
  private readonly histogram = monitorEventLoopDelay({ resolution: 5 });

  constructor() {
    this.histogram.enable();
  }

  stop(): LoopDelay {
    this.histogram.disable();
    const ms = (ns: number): number => round(ns / 1e6, 1);
    return {
      maxMs: ms(this.histogram.max),
      p99Ms: ms(this.histogram.percentile(99)),
      p50Ms: ms(this.histogram.percentile(50)),
      meanMs: ms(this.histogram.mean),
    };
  }
}

export interface LoopBlock {
  ms: number;
  /** What the process was doing (e.g. the indexer's phase) when the block ended. */
  during: string;
}

/**
 * Finds the individual long blocks of the event loop: a 10 ms timer that
 * records every tick arriving more than `thresholdMs` late, labelled with the
 * caller's current activity, so a report can say which phase blocked.
 */
export class LoopBlockTracker {
  private readonly timer: NodeJS.Timeout;
  private last = now();
  private readonly found: LoopBlock[] = [];

  constructor(
    /** What the process was doing; `since` is when the late tick's wait began (the block lies after it). */
    private readonly activity: (since: number) => string,
    private readonly thresholdMs = 50,
    private readonly intervalMs = 10,
  ) {
    this.timer = setInterval(() => this.tick(), intervalMs);
    this.timer.unref();
  }

  private tick(): void {
    const t = now();
    const late = t - this.last - this.intervalMs;
    const since = this.last;
    this.last = t;
    if (late > this.thresholdMs) this.found.push({ ms: round(late), during: this.activity(since) });
  }

  stop(): { count: number; longest: LoopBlock[]; byActivity: Record<string, { count: number; maxMs: number }> } {
    clearInterval(this.timer);
    this.tick();
    const byActivity: Record<string, { count: number; maxMs: number }> = {};
    for (const b of this.found) {
      const entry = (byActivity[b.during] ??= { count: 0, maxMs: 0 });
      entry.count++;
      entry.maxMs = Math.max(entry.maxMs, b.ms);
    }
    return { count: this.found.length, longest: [...this.found].sort((a, b) => b.ms - a.ms).slice(0, 5), byActivity };
  }
}

export interface RestMemory {
  rssMb: number | null;
  /** Of the RSS: mapped files (the index, read through SQLite's mmap: shared, reclaimable page cache) and anonymous memory. */
  rssFileMb: number | null;
  rssAnonMb: number | null;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
}

/** This process's memory after `idleMs` of doing nothing (timers and GC settle). */
export async function restMemory(idleMs: number): Promise<RestMemory> {
  await new Promise((resolve) => setTimeout(resolve, idleMs));
  const mem = process.memoryUsage();
  const status = procStatus();
  return {
    rssMb: toMb(status.VmRSS ?? mem.rss),
    rssFileMb: status.RssFile === undefined ? null : toMb(status.RssFile),
    rssAnonMb: status.RssAnon === undefined ? null : toMb(status.RssAnon),
    heapUsedMb: toMb(mem.heapUsed),
    heapTotalMb: toMb(mem.heapTotal),
    externalMb: toMb(mem.external),
  };
}

/** CPU time of this process (all threads) since `start`, in ms. */
export function cpuMsSince(start: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(start);
  return round((u.user + u.system) / 1000, 3);
}

/** Sum of the sizes of the files under dir (recursively, not following links). */
export function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = `${dir}/${entry.name}`;
    if (entry.isDirectory()) total += folderBytes(p);
    else if (entry.isFile()) total += fs.statSync(p).size;
  }
  return total;
}

function fileSize(p: string): number {
  try {
    return fs.statSync(p).size;
  } catch {
    return 0; // missing -wal/-shm companions are normal after a clean close
  }
}

/** Sizes of a SQLite database file and its -wal and -shm companions. */
export function sqliteFiles(dbPath: string): { db: number; wal: number; shm: number } {
  return { db: fileSize(dbPath), wal: fileSize(`${dbPath}-wal`), shm: fileSize(`${dbPath}-shm`) };
}

/** The database file plus its -wal and -shm companions. */
export function sqliteBytes(dbPath: string): number {
  const f = sqliteFiles(dbPath);
  return f.db + f.wal + f.shm;
}

/**
 * Bytes per table and index (SQLite's dbstat virtual table), largest first;
 * empty when this SQLite build has no dbstat.
 */
export function tableSizes(dbPath: string): Record<string, number> {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC').all() as { name: string; bytes: number }[];
    return Object.fromEntries(rows.map((r) => [r.name, r.bytes]));
  } catch {
    return {};
  } finally {
    db.close();
  }
}
