/**
 * `npm run bench -- --size 1k|10k|50k [--seed N] [--skip-baselines] [--queries N] [--json | --no-json-print]`
 * `npm run bench -- --corpus DIR [--corpus DIR2 ...] [--replicate-to N] [...]`
 *
 * One run on one machine: generate (or reuse) a synthetic vault, or replicate
 * (or reuse) folders of real digests (corpus/), copy it to a working folder
 * the bench may edit, then measure Almanac's real pipeline (AlmanacService:
 * scan, read, worker-pool parse, SQLite store, search; web mode for the
 * typed-prefix workload) and the baselines on the same corpus. Each heavy
 * measurement runs in its own child process. Prints a table, writes
 * bench-results/bench-<size>-<time>.json (bench-real-<size>-... for a corpus)
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
import { ensureCorpusVault, type CorpusManifest } from './corpus/corpus-vault.js';
import { ensureVault, formatSize } from './generate.js';
import { median, now, round, sqliteFiles, tableSizes, toMb } from './measure.js';
import { parseArgs, type Options } from './options.js';
import { BENCH_QUERIES, type BenchQuery } from './queries.js';
import { formatReport } from './report.js';
import { evaluateTargets, type BenchResult, type MachineInfo } from './results.js';
import { KEYSTROKE_MS, typedWorkload, type TypedSearch } from './typed.js';

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

/** The vault measured: synthetic (generate.ts) or real text (corpus/). */
interface VaultFacts {
  dir: string;
  files: number;
  bytes: number;
  series: number;
  reused: boolean;
  /** The real-text corpus's manifest; null for the synthetic vault. */
  corpus: CorpusManifest | null;
}

/** One run's fixed facts: where things are, the vault measured and its queries. */
interface RunContext {
  opts: Options;
  /** This bundle: the measurement children fork it. */
  bundlePath: string;
  cliPath: string;
  /** The working copy (vault and indexes) the run may edit; removed at the end unless --keep. */
  work: string;
  paths: { vaultPath: string; dbPath: string; workerPath: string };
  vault: VaultFacts;
  /** "10k", or "real-10k" for a corpus: in file names. */
  label: string;
  /** The fixed query set and the typed-prefix workload built from it. */
  queries: BenchQuery[];
  typed: TypedSearch[];
  /** Timed searches of the fixed set. */
  queryCount: number;
  firstQuery: string;
  /** Time limits grow with the vault: 1 at 1k digests and below. */
  scale: number;
}

function ensureFacts(opts: Options): VaultFacts {
  if (opts.corpora.length > 0) {
    log(`vault: real text from ${opts.corpora.join(', ')}, ${opts.replicateTo ?? 'as many'} digests, seed ${opts.seed} (cache ${opts.cacheDir})`);
    const c = ensureCorpusVault(opts.corpora, opts.replicateTo, opts.seed, opts.cacheDir);
    const m = c.manifest;
    return { dir: c.dir, files: m.files, bytes: m.bytes, series: m.corpora.length * m.replicas, reused: c.reused, corpus: m };
  }
  log(`vault: ${formatSize(opts.size)} digests, seed ${opts.seed} (cache ${opts.cacheDir})`);
  const v = ensureVault(opts.size, opts.seed, opts.cacheDir);
  return { dir: v.dir, files: v.manifest.files, bytes: v.manifest.bytes, series: v.manifest.series.length, reused: v.reused, corpus: null };
}

/** Generates (or reuses) the vault and copies it to a fresh working folder. */
function prepareRun(opts: Options): { ctx: RunContext; generateMs: number } {
  const workerPath = path.join(opts.root, 'out/node/parse-worker.js');
  if (!fs.existsSync(workerPath)) throw new Error(`bench: ${workerPath} is missing; run "node scripts/build-node.mjs" first`);
  const genStarted = now();
  const vault = ensureFacts(opts);
  const generateMs = now() - genStarted;
  log(`vault ${vault.reused ? 'reused' : 'generated'}: ${vault.dir} (${(generateMs / 1000).toFixed(1)} s)`);
  const label = vault.corpus ? `real-${formatSize(vault.files)}` : formatSize(opts.size);
  // The bench edits files for the incremental runs: work on a copy, keep the cache pristine.
  const work = fs.mkdtempSync(path.join(opts.cacheDir, `run-${label}-`));
  const vaultPath = path.join(work, 'vault');
  fs.cpSync(vault.dir, vaultPath, { recursive: true });
  const queries = vault.corpus ? vault.corpus.queries : [...BENCH_QUERIES];
  const ctx: RunContext = {
    opts,
    bundlePath: fileURLToPath(import.meta.url),
    cliPath: path.join(opts.root, 'bin/almanac.js'),
    work,
    paths: { vaultPath, dbPath: path.join(work, 'index.db'), workerPath },
    vault,
    label,
    queries,
    typed: typedWorkload(queries),
    queryCount: opts.queries ?? queries.length * 5,
    firstQuery: queries[0]?.query ?? '大模型',
    scale: Math.max(1, vault.files / 1000),
  };
  return { ctx, generateMs };
}

/** The result before any measurement: run, machine and vault facts. */
function newResult(ctx: RunContext, startedAt: Date, generateMs: number): BenchResult {
  const { opts, vault } = ctx;
  const c = vault.corpus;
  return {
    version: 1,
    startedAt: startedAt.toISOString(),
    size: vault.files,
    seed: opts.seed,
    machine: machineInfo(),
    vault: { files: vault.files, bytes: vault.bytes, series: vault.series, generated: vault.reused ? 'reused' : 'generated', generateMs: round(generateMs), path: vault.dir },
    corpus: c && {
      dirs: c.dirs,
      sourceFiles: c.sourceFiles,
      sourceMb: toMb(c.sourceBytes),
      files: c.files,
      mb: toMb(c.bytes),
      replicationFactor: round(c.files / c.sourceFiles, 2),
      replicas: c.replicas,
      dates: { first: c.dates.first, last: c.dates.last },
      corpora: c.corpora,
    },
    queries: ctx.queries,
    coldIndex: null,
    index: null,
    incremental: null,
    reopen: null,
    search: null,
    typingWhileIndexing: null,
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
  result.coldIndex = { ...cold, mbPerS: round(vault.bytes / 1024 / 1024 / (cold.indexMs / 1000), 2) };
  const files = sqliteFiles(paths.dbPath);
  const bytes = files.db + files.wal + files.shm;
  result.index = { bytes, files, vaultRatio: round(bytes / vault.bytes, 3), tables: tableSizes(paths.dbPath) };
  return true;
}

/** Reopening the index (in process and as whole CLI runs), then search latency, the typed workload and serving memory. */
async function measureServing(ctx: RunContext, result: BenchResult): Promise<void> {
  const { bundlePath, paths, firstQuery, work } = ctx;
  const inProcess = await stage(result, 'reopen in process', async () => {
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await runInChild(bundlePath, 'reopen', { ...paths, query: firstQuery }, 120_000));
    return runs;
  });
  const cli = await stage(result, 'reopen, CLI whole run', () => timeCliSearch(ctx.cliPath, firstQuery, paths.vaultPath, paths.dbPath));
  if (inProcess || cli) {
    result.reopen = { inProcess: inProcess ?? [], inProcessMedianMs: inProcess ? median(inProcess.map((r) => r.totalMs)) : NaN, cli };
  }
  const staticDir = path.join(work, 'web-static');
  const search = await stage(result, 'search latency + typed prefixes (web mode) + serving memory', () =>
    runInChild(bundlePath, 'serve', { ...paths, queries: ctx.queryCount, set: ctx.queries, typed: ctx.typed, restMs: 2_000, bundlePath, staticDir }, 1_200_000),
  );
  if (search) result.search = { ...search, passes: round(ctx.queryCount / ctx.queries.length, 2) };
  result.research = await stage(result, 'trends and the mentions facet', () => runInChild(bundlePath, 'trends', { ...paths, queries: ctx.queries, runs: 20 }, 600_000));
}

/** The typed workload while a cold index of the vault runs in the serving process, on an index of its own. */
async function measureTypingWhileIndexing(ctx: RunContext, result: BenchResult): Promise<void> {
  const { bundlePath, paths, work, scale } = ctx;
  const dbPath = path.join(work, 'typing-index.db');
  const timeoutMs = 600_000 * scale;
  result.typingWhileIndexing = await stage(result, 'typed prefixes while a cold index runs', () =>
    runInChild(bundlePath, 'typing-while-indexing', { ...paths, dbPath, typed: ctx.typed, bundlePath, staticDir: path.join(work, 'web-static'), maxPasses: 1_000, keystrokeMs: KEYSTROKE_MS, timeoutMs }, timeoutMs + 60_000),
  );
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${dbPath}${suffix}`, { force: true });
}

/** FTS5 trigram (needs the index), the single-thread parse floor and ripgrep on the same vault. */
async function measureBaselines(ctx: RunContext, result: BenchResult, indexed: boolean, checkpoint: () => void): Promise<void> {
  const { bundlePath, paths, scale, work, queries } = ctx;
  const passes = Math.max(1, Math.round(ctx.queryCount / queries.length));
  if (indexed) {
    result.baselines.fts5Trigram = await stage(result, 'baseline: FTS5 trigram', () =>
      runInChild(bundlePath, 'fts5-trigram', { indexDbPath: paths.dbPath, trigramDbPath: path.join(work, 'trigram.db'), queries, passes }, 1_200_000 * scale),
    );
    checkpoint();
  }
  result.baselines.parseFloor = await stage(result, 'baseline: parse floor', () =>
    runInChild(bundlePath, 'parse-floor', { vaultPath: paths.vaultPath }, 1_200_000 * scale),
  );
  checkpoint();
  result.baselines.ripgrep = await stage(result, 'baseline: ripgrep', () => runRipgrep(paths.vaultPath, queries, Math.min(passes, 2)));
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
  await measureTypingWhileIndexing(ctx, result);
  checkpoint();
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
  const jsonPath = path.join(outDir, `bench-${ctx.label}-${timestamp(startedAt)}.json`);
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
