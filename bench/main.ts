/**
 * `npm run bench -- --size 1k|10k|50k [--seed N] [--skip-baselines] [--queries N] [--json]`
 *
 * One run on one machine: generate (or reuse) a synthetic vault, copy it to a
 * working folder the bench may edit, then measure Almanac's real pipeline
 * (AlmanacService: scan, read, worker-pool parse, SQLite store, search) and
 * the baselines on the same corpus. Each heavy measurement runs in its own
 * child process. Prints a table, writes bench-results/bench-<size>-<time>.json
 * and prints the JSON at the end.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHILD_FLAG, runInChild, serveChildRequest } from './child.js';
import { runRipgrep } from './baselines/ripgrep.js';
import { defaultCacheRoot, ensureVault, formatSize, parseSize } from './generate.js';
import { median, now, round, sqliteFiles, tableSizes } from './measure.js';
import { BENCH_QUERIES } from './queries.js';
import { formatReport } from './report.js';
import { evaluateTargets, type BenchResult, type MachineInfo } from './results.js';

interface Options {
  size: number;
  seed: number;
  skipBaselines: boolean;
  queries: number;
  json: boolean;
  keep: boolean;
  cacheDir: string;
  root: string;
}

const USAGE = 'usage: npm run bench -- --size 1k|10k|50k [--seed N] [--skip-baselines] [--queries N] [--json] [--keep] [--cache-dir DIR]';

function parseArgs(argv: readonly string[]): Options {
  const opts: Options = {
    size: 1000,
    seed: 1,
    skipBaselines: false,
    queries: BENCH_QUERIES.length * 5,
    json: false,
    keep: false,
    cacheDir: process.env.ALMANAC_BENCH_CACHE ?? defaultCacheRoot(),
    // The bundle runs from out/bench/bench.js: the repository is two folders up.
    root: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'),
  };
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`bench: ${flag} needs a value\n${USAGE}`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.includes('=') ? (arg.split('=', 2) as [string, string]) : [arg, undefined];
    const take = (): string => inline ?? value(i++, flag);
    switch (flag) {
      case '--size':
        opts.size = parseSize(take());
        break;
      case '--seed': {
        const v = take();
        opts.seed = Number(v);
        if (!Number.isSafeInteger(opts.seed) || opts.seed < 0) throw new Error(`bench: --seed must be a non-negative integer, got "${v}"`);
        break;
      }
      case '--queries': {
        const v = take();
        opts.queries = Number(v);
        if (!Number.isSafeInteger(opts.queries) || opts.queries < 1) throw new Error(`bench: --queries must be a positive integer, got "${v}"`);
        break;
      }
      case '--cache-dir':
        opts.cacheDir = path.resolve(take());
        break;
      case '--skip-baselines':
        opts.skipBaselines = true;
        break;
      case '--json':
        opts.json = true;
        break;
      case '--keep':
        opts.keep = true;
        break;
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`bench: unknown argument "${arg}"\n${USAGE}`);
    }
  }
  return opts;
}

function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    cpus: os.availableParallelism(),
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    totalMemMb: Math.round(os.totalmem() / 1024 / 1024),
    loadAverage: os.loadavg().map((l) => round(l, 2)),
    loadAverageEnd: [],
  };
}

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Runs `fn`, storing its failure under `stage` instead of stopping the whole run. */
async function stage<T>(result: BenchResult, name: string, fn: () => Promise<T> | T): Promise<T | null> {
  const started = now();
  log(`${name}...`);
  try {
    const value = await fn();
    log(`${name} done in ${((now() - started) / 1000).toFixed(1)} s`);
    return value;
  } catch (err) {
    result.errors[name] = errorText(err);
    log(`${name} FAILED: ${errorText(err)}`);
    return null;
  }
}

/** Writes the results so far (a long run that is stopped still leaves its finished measurements). */
function save(result: BenchResult, jsonPath: string, complete: boolean): string {
  result.complete = complete;
  result.machine.loadAverageEnd = os.loadavg().map((l) => round(l, 2));
  result.targets = evaluateTargets(result);
  const json = JSON.stringify(result, null, 2);
  fs.writeFileSync(jsonPath, `${json}\n`);
  return json;
}

/** Wall time of whole `almanac search` runs, Node start-up included (median of 5). */
function timeCliSearch(cliPath: string, query: string, vaultPath: string, dbPath: string): NonNullable<NonNullable<BenchResult['reopen']>['cli']> {
  if (!fs.existsSync(cliPath)) throw new Error(`${cliPath} is missing`);
  const args = [cliPath, 'search', query, '--vault', vaultPath, '--db', dbPath];
  const runsMs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = now();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const ms = now() - t0;
    if (r.status !== 0) throw new Error(`CLI search exited ${String(r.status)}: ${r.stderr.trim().split('\n')[0] ?? ''}`);
    runsMs.push(round(ms));
  }
  return { runsMs, medianMs: median(runsMs), command: `node bin/almanac.js search ${query} --vault <vault> --db <db>` };
}

function timestamp(date: Date): string {
  return date.toISOString().replace(/[:]/g, '').replace(/\.\d+Z$/, 'Z');
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const bundlePath = fileURLToPath(import.meta.url);
  const workerPath = path.join(opts.root, 'out/node/parse-worker.js');
  const cliPath = path.join(opts.root, 'bin/almanac.js');
  if (!fs.existsSync(workerPath)) throw new Error(`bench: ${workerPath} is missing; run "node scripts/build-node.mjs" first`);

  const startedAt = new Date();
  const genStarted = now();
  log(`vault: ${formatSize(opts.size)} digests, seed ${opts.seed} (cache ${opts.cacheDir})`);
  const vault = ensureVault(opts.size, opts.seed, opts.cacheDir);
  const generateMs = now() - genStarted;
  log(`vault ${vault.reused ? 'reused' : 'generated'}: ${vault.dir} (${(generateMs / 1000).toFixed(1)} s)`);

  // The bench edits files for the incremental runs: work on a copy, keep the cache pristine.
  const work = fs.mkdtempSync(path.join(opts.cacheDir, `run-${formatSize(opts.size)}-`));
  const vaultPath = path.join(work, 'vault');
  const dbPath = path.join(work, 'index.db');
  fs.cpSync(vault.dir, vaultPath, { recursive: true });
  const paths = { vaultPath, dbPath, workerPath };
  const firstQuery = BENCH_QUERIES[0]?.query ?? '大模型';
  const scale = Math.max(1, opts.size / 1000);

  const result: BenchResult = {
    version: 1,
    startedAt: startedAt.toISOString(),
    size: opts.size,
    seed: opts.seed,
    machine: machineInfo(),
    vault: {
      files: vault.manifest.files,
      bytes: vault.manifest.bytes,
      series: vault.manifest.series.length,
      generated: vault.reused ? 'reused' : 'generated',
      generateMs: round(generateMs),
      path: vault.dir,
    },
    coldIndex: null,
    index: null,
    incremental: null,
    reopen: null,
    search: null,
    baselines: { parseFloor: null, ripgrep: null, fts5Trigram: null, skipped: opts.skipBaselines },
    targets: [],
    errors: {},
    complete: false,
  };
  const outDir = path.join(opts.root, 'bench-results');
  fs.mkdirSync(outDir, { recursive: true });
  const jsonPath = path.join(outDir, `bench-${formatSize(opts.size)}-${timestamp(startedAt)}.json`);
  const checkpoint = (): void => void save(result, jsonPath, false);
  log(`results: ${jsonPath}`);

  try {
    const cold = await stage(result, 'cold index', () => runInChild(bundlePath, 'cold-index', { ...paths, firstQuery }, 600_000 * scale));
    if (cold) {
      result.coldIndex = { ...cold, mbPerS: round(vault.manifest.bytes / 1024 / 1024 / (cold.indexMs / 1000), 2) };
      const files = sqliteFiles(dbPath);
      const bytes = files.db + files.wal + files.shm;
      result.index = { bytes, files, vaultRatio: round(bytes / vault.manifest.bytes, 3), tables: tableSizes(dbPath) };
    }
    checkpoint();

    if (cold) {
      const inProcess = await stage(result, 'reopen in process', async () => {
        const runs = [];
        for (let i = 0; i < 3; i++) runs.push(await runInChild(bundlePath, 'reopen', { ...paths, query: firstQuery }, 120_000));
        return runs;
      });
      const cli = await stage(result, 'reopen, CLI whole run', () => timeCliSearch(cliPath, firstQuery, vaultPath, dbPath));
      if (inProcess || cli) {
        result.reopen = {
          inProcess: inProcess ?? [],
          inProcessMedianMs: inProcess ? median(inProcess.map((r) => r.totalMs)) : NaN,
          cli,
        };
      }

      const search = await stage(result, 'search latency + serving memory', () =>
        runInChild(bundlePath, 'serve', { ...paths, queries: opts.queries, restMs: 2_000 }, 600_000),
      );
      if (search) result.search = { ...search, passes: round(opts.queries / BENCH_QUERIES.length, 2) };
      checkpoint();
    }

    if (!opts.skipBaselines) {
      const passes = Math.max(1, Math.round(opts.queries / BENCH_QUERIES.length));
      if (cold) {
        result.baselines.fts5Trigram = await stage(result, 'baseline: FTS5 trigram', () =>
          runInChild(bundlePath, 'fts5-trigram', { indexDbPath: dbPath, trigramDbPath: path.join(work, 'trigram.db'), passes }, 1_200_000 * scale),
        );
        checkpoint();
      }
      result.baselines.parseFloor = await stage(result, 'baseline: parse floor', () =>
        runInChild(bundlePath, 'parse-floor', { vaultPath }, 1_200_000 * scale),
      );
      checkpoint();
      result.baselines.ripgrep = await stage(result, 'baseline: ripgrep', () => runRipgrep(vaultPath, BENCH_QUERIES, Math.min(passes, 2)));
      checkpoint();
    }

    // Last: it edits the working copy, so every other measurement sees the generated vault.
    if (cold) result.incremental = await stage(result, 'incremental', () => runInChild(bundlePath, 'incremental', paths, 600_000 * scale));
  } finally {
    if (!opts.keep) fs.rmSync(work, { recursive: true, force: true });
    else log(`kept the working folder ${work}`);
  }

  const json = save(result, jsonPath, true);
  if (opts.json) {
    process.stderr.write(`${formatReport(result)}\n`);
    process.stderr.write(`JSON: ${jsonPath}\n`);
    process.stdout.write(`${json}\n`);
  } else {
    process.stdout.write(`${formatReport(result)}\nJSON: ${jsonPath}\n${json}\n`);
  }
  if (Object.keys(result.errors).length > 0) process.exitCode = 1;
}

if (process.argv.includes(CHILD_FLAG)) {
  serveChildRequest();
} else {
  main().catch((err: unknown) => {
    process.stderr.write(`${errorText(err)}\n`);
    process.exitCode = 2;
  });
}
