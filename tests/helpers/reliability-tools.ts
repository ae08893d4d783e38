/**
 * Shared by the reliability tests: run the real CLI as a child process (and
 * kill it on cue), check an index file's integrity, and take a comparable
 * snapshot of an index (rows by natural keys plus the answers to a few
 * queries) to prove two indexes are the same.
 */
import BetterSqlite3 from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { SearchEngine } from '../../src/core/search/engine.js';
import { dumpIndex } from './db-dump.js';
import { CLI_PATH } from './worker.js';

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** SIGKILL the child this many ms after it was spawned. */
  killAfterMs?: number;
  /** SIGKILL the child when it runs longer than this (a hang). Default 120 s. */
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  /** Called with the child as soon as it is spawned. */
  onSpawn?: (child: ChildProcess) => void;
}

/** `node bin/almanac.js ...args`, resolved when the child has exited. */
export function runCli(args: string[], options: CliOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_PATH, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env },
    });
    options.onSpawn?.(child);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timers: NodeJS.Timeout[] = [];
    if (options.killAfterMs !== undefined) timers.push(setTimeout(() => child.kill('SIGKILL'), options.killAfterMs));
    const timeoutMs = options.timeoutMs ?? 120_000;
    timers.push(
      setTimeout(() => {
        stderr += `\n[test] killed after ${timeoutMs} ms (hang)`;
        child.kill('SIGKILL');
      }, timeoutMs),
    );
    child.on('error', reject);
    child.on('close', (code, signal) => {
      for (const t of timers) clearTimeout(t);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** PRAGMA integrity_check plus FTS5's own check; 'ok' when both pass. Opening also replays a WAL left by a killed writer. */
export function checkIntegrity(dbPath: string): string {
  const db = new BetterSqlite3(dbPath);
  try {
    const rows = db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[];
    const result = rows.map((r) => r.integrity_check).join('; ');
    if (result !== 'ok') return result;
    const hasFts = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'section_fts'").get() !== undefined;
    if (hasFts) db.exec("INSERT INTO section_fts(section_fts, rank) VALUES ('integrity-check', 0)");
    return 'ok';
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    db.close();
  }
}

/** Files in `dir` that an index open moved aside as unusable. */
export function movedAsideFiles(dir: string): string[] {
  return readdirSync(dir).filter((n) => n.includes('.corrupt-'));
}

/** Rows by natural key and the answers to `queries` (scores rounded, timing dropped). */
export function indexSnapshot(dbPath: string, queries: readonly string[]): { rows: Record<string, unknown[]>; search: unknown[] } {
  const db = new BetterSqlite3(dbPath);
  try {
    // FTS5's own statistics (row count, tokens per column) feed BM25: rows and postings can match while these drift.
    const ftsTotals = db.prepare("SELECT hex(block) AS totals FROM section_fts_data WHERE id = 1").all();
    const rows = { ...dumpIndex(db), ftsTotals };
    const engine = new SearchEngine(db);
    const search = queries.map((query) => {
      const res = engine.search({ query, limit: 0 });
      return {
        query,
        total: res.total,
        totalSections: res.totalSections,
        facets: res.facets,
        results: res.results.map((r) => ({
          path: r.path,
          score: Number(r.score.toFixed(6)),
          sections: r.sections.map((s) => [s.id, s.snippet, Number(s.score.toFixed(6))]),
        })),
      };
    });
    // Through JSON: -0 and 0, or a missing key and an undefined one, are the same answer.
    return JSON.parse(JSON.stringify({ rows, search })) as { rows: Record<string, unknown[]>; search: unknown[] };
  } finally {
    db.close();
  }
}

/** A small seeded PRNG (mulberry32), so that every run of a test makes the same choices. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The first place two snapshots differ ("rows.section[12]: ... vs ..."), or null when they are equal. */
export function firstDifference(a: unknown, b: unknown, at = ''): string | null {
  if (JSON.stringify(a) === JSON.stringify(b)) return null;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = firstDifference(a[i], b[i], `${at}[${i}]`);
      if (d) return d;
    }
  } else if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`);
      if (d) return d;
    }
  }
  const show = (v: unknown): string => (JSON.stringify(v) ?? 'undefined').slice(0, 300);
  return `${at || '(root)'}: ${show(a)} vs ${show(b)}`;
}
