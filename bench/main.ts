/**
 * `npm run bench -- --size 1k|10k|50k [--seed N] [--skip-baselines] [--queries N] [--json | --no-json-print]`
 *
 * One run on one machine: generate (or reuse) a synthetic vault, copy it to a
 * working folder the bench may edit, then measure Almanac's real pipeline
 * (AlmanacService: scan, read, worker-pool parse, SQLite store, search) and
 * the baselines on the same corpus. Each heavy measurement runs in its own
 * child process. Prints a table, writes bench-results/bench-<size>-<time>.json
 * and prints the JSON at the end (not with --no-json-print, which `npm test`
 * uses: the JSON stays in its file).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHILD_FLAG, runInChild, serveChildRequest } from './child.js';
import { runRipgrep } from './baselines/ripgrep.js';
import { defaultCacheRoot, ensureVault, formatSize, parseSize, type EnsuredVault } from './generate.js';
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
  /** False with --no-json-print: the JSON stays in its file (npm test's log shows the table only). */
  printJson: boolean;
  keep: boolean;
  cacheDir: string;
  root: string;
}

const USAGE = 'usage: npm run bench -- --size 1k|10k|50k [--seed N] [--skip-baselines] [--queries N] [--json | --no-json-print] [--keep] [--cache-dir DIR]';

function parseArgs(argv: readonly string[]): Options {
  const opts: Options = {
    size: 1000,
    seed: 1,
    skipBaselines: false,
    queries: BENCH_QUERIES.length * 5,
    json: false,
    printJson: true,
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
      case '--no-json-print':
        opts.printJson = false;
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

/** One run's fixed facts: where things are, and the vault measured. */
interface RunContext {
  opts: Options;
  /** This bundle: the measurement children fork it. */
  bundlePath: string;
  cliPath: string;
  /** The working copy (vault and indexes) the run may edit; removed at the end unless --keep. */
  work: string;
  paths: { vaultPath: string; dbPath: string; workerPath: string };
  vault: EnsuredVault;
  firstQuery: string;
  /** Time limits grow with the vault: 1 at 1k digests and below. */
  scale: number;
}

/** Generates (or reuses) the vault and copies it to a fresh working folder. */
function prepareRun(opts: Options): { ctx: RunContext; generateMs: number } {
  const workerPath = path.join(opts.root, 'out/node/parse-worker.js');
  if (!fs.existsSync(workerPath)) throw new Error(`bench: ${workerPath} is missing; run "node scripts/build-node.mjs" first`);
  const genStarted = now();
  log(`vault: ${formatSize(opts.size)} digests, seed ${opts.seed} (cache ${opts.cacheDir})`);
  const vault = ensureVault(opts.size, opts.seed, opts.cacheDir);
  const generateMs = now() - genStarted;
  log(`vault ${vault.reused ? 'reused' : 'generated'}: ${vault.dir} (${(generateMs / 1000).toFixed(1)} s)`);
  // The bench edits files for the incremental runs: work on a copy, keep the cache pristine.
  const work = fs.mkdtempSync(path.join(opts.cacheDir, `run-${formatSize(opts.size)}-`));
  const vaultPath = path.join(work, 'vault');
  fs.cpSync(vault.dir, vaultPath, { recursive: true });
  const ctx: RunContext = {
    opts,
    bundlePath: fileURLToPath(import.meta.url),
    cliPath: path.join(opts.root, 'bin/almanac.js'),
    work,
    paths: { vaultPath, dbPath: path.join(work, 'index.db'), workerPath },
    vault,
    firstQuery: BENCH_QUERIES[0]?.query ?? '大模型',
    scale: Math.max(1, opts.size / 1000),
  };
  return { ctx, generateMs };
}

/** The result before any measurement: run, machine and vault facts. */
function newResult(ctx: RunContext, startedAt: Date, generateMs: number): BenchResult {
  const { opts, vault } = ctx;
  return {
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
}

/** The cold index and the index on disk; false when it failed (the later stages need the index). */
async function measureColdIndex(ctx: RunContext, result: BenchResult): Promise<boolean> {
  const { bundlePath, paths, vault, firstQuery, scale } = ctx;
  const cold = await stage(result, 'cold index', () => runInChild(bundlePath, 'cold-index', { ...paths, firstQuery }, 600_000 * scale));
  if (!cold) return false;
  result.coldIndex = { ...cold, mbPerS: round(vault.manifest.bytes / 1024 / 1024 / (cold.indexMs / 1000), 2) };
  const files = sqliteFiles(paths.dbPath);
  const bytes = files.db + files.wal + files.shm;
  result.index = { bytes, files, vaultRatio: round(bytes / vault.manifest.bytes, 3), tables: tableSizes(paths.dbPath) };
  return true;
}

/** Reopening the index (in process and as whole CLI runs), then search latency and serving memory. */
async function measureServing(ctx: RunContext, result: BenchResult): Promise<void> {
  const { bundlePath, paths, firstQuery, opts } = ctx;
  const inProcess = await stage(result, 'reopen in process', async () => {
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await runInChild(bundlePath, 'reopen', { ...paths, query: firstQuery }, 120_000));
    return runs;
  });
  const cli = await stage(result, 'reopen, CLI whole run', () => timeCliSearch(ctx.cliPath, firstQuery, paths.vaultPath, paths.dbPath));
  if (inProcess || cli) {
    result.reopen = { inProcess: inProcess ?? [], inProcessMedianMs: inProcess ? median(inProcess.map((r) => r.totalMs)) : NaN, cli };
  }
  const search = await stage(result, 'search latency + serving memory', () =>
    runInChild(bundlePath, 'serve', { ...paths, queries: opts.queries, restMs: 2_000 }, 600_000),
  );
  if (search) result.search = { ...search, passes: round(opts.queries / BENCH_QUERIES.length, 2) };
}

/** FTS5 trigram (needs the index), the single-thread parse floor and ripgrep on the same vault. */
async function measureBaselines(ctx: RunContext, result: BenchResult, indexed: boolean, checkpoint: () => void): Promise<void> {
  const { bundlePath, paths, opts, scale, work } = ctx;
  const passes = Math.max(1, Math.round(opts.queries / BENCH_QUERIES.length));
  if (indexed) {
    result.baselines.fts5Trigram = await stage(result, 'baseline: FTS5 trigram', () =>
      runInChild(bundlePath, 'fts5-trigram', { indexDbPath: paths.dbPath, trigramDbPath: path.join(work, 'trigram.db'), passes }, 1_200_000 * scale),
    );
    checkpoint();
  }
  result.baselines.parseFloor = await stage(result, 'baseline: parse floor', () =>
    runInChild(bundlePath, 'parse-floor', { vaultPath: paths.vaultPath }, 1_200_000 * scale),
  );
  checkpoint();
  result.baselines.ripgrep = await stage(result, 'baseline: ripgrep', () => runRipgrep(paths.vaultPath, BENCH_QUERIES, Math.min(passes, 2)));
  checkpoint();
}

/** Every stage in order, saving the results so far after each. */
async function measureAll(ctx: RunContext, result: BenchResult, checkpoint: () => void): Promise<void> {
  const indexed = await measureColdIndex(ctx, result);
  checkpoint();
  if (indexed) {
    await measureServing(ctx, result);
    checkpoint();
  }
  if (!ctx.opts.skipBaselines) await measureBaselines(ctx, result, indexed, checkpoint);
  // Last: it edits the working copy, so every other measurement sees the generated vault.
  if (indexed) result.incremental = await stage(result, 'incremental', () => runInChild(ctx.bundlePath, 'incremental', ctx.paths, 600_000 * ctx.scale));
}

/**
 * The table, the JSON's path, and (unless --no-json-print) the JSON: on
 * stdout, or with --json the JSON alone on stdout and the rest on stderr.
 */
function printResult(result: BenchResult, jsonPath: string, json: string, opts: Options): void {
  const report = `${formatReport(result)}\nJSON: ${jsonPath}\n`;
  if (!opts.printJson) process.stdout.write(report);
  else if (opts.json) {
    process.stderr.write(report);
    process.stdout.write(`${json}\n`);
  } else process.stdout.write(`${report}${json}\n`);
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const startedAt = new Date();
  const { ctx, generateMs } = prepareRun(opts);
  const result = newResult(ctx, startedAt, generateMs);
  const outDir = path.join(opts.root, 'bench-results');
  fs.mkdirSync(outDir, { recursive: true });
  const jsonPath = path.join(outDir, `bench-${formatSize(opts.size)}-${timestamp(startedAt)}.json`);
  log(`results: ${jsonPath}`);
  try {
    await measureAll(ctx, result, () => void save(result, jsonPath, false));
  } finally {
    if (!opts.keep) fs.rmSync(ctx.work, { recursive: true, force: true });
    else log(`kept the working folder ${ctx.work}`);
  }
  printResult(result, jsonPath, save(result, jsonPath, true), opts);
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
