/**
 * `npm run bench:archives [-- --before REV] [--after REV] [--archives DIR] [--only NAME,...] [--jobs N] [--json] [--print-truth]`
 *
 * How much of nine real digest archives Almanac understands: each archive's
 * own statements (truth/, one small set of rules per archive, independent of
 * Almanac's parser) against what the real CLI indexed (almanac.ts). run.mjs
 * bundles the CLIs and passes them here: --cli FILE (after: the working tree or
 * --after REV) and --before-cli FILE (--before REV), each with a label. Prints
 * the before/after table, writes bench/archives/results/after.json and
 * after-misses.md (every miss) and, when a before CLI is given, before.json;
 * without one, "before" is read from that committed file. See docs/ARCHIVES.md.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readAlmanac, type Reading } from './almanac.js';
import { scoreArchive, type ArchiveScore } from './compare.js';
import { formatCauses, formatComparison, formatMissList, summarize, type RunInfo, type RunSummary } from './report.js';
import { ARCHIVES, extractTruth } from './truth/index.js';
import type { ArchiveRules, TruthEntry } from './truth/types.js';

interface Cli {
  file: string;
  /** The commit it was built from; for the working tree, HEAD and whether src/ has uncommitted changes. */
  label: string;
}

interface Options {
  root: string;
  after: Cli;
  before: Cli | null;
  archives: string;
  only: string[] | null;
  jobs: number;
  json: boolean;
  /** --print-truth: print what the rules say of each file (JSON lines) and stop, indexing nothing. */
  printTruth: boolean;
}

const USAGE =
  'usage: npm run bench:archives -- [--before REV] [--after REV] [--archives DIR] [--only NAME,...] [--jobs N] [--json] [--print-truth]\n' +
  '  (run.mjs adds --cli FILE --cli-label TEXT [--before-cli FILE --before-label TEXT]; --before-cli may also be a built checkout\'s bin/almanac.js)';

function parseArgs(argv: readonly string[]): Options {
  // The bundle runs from out/bench-archives/: the repository is two folders up.
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const opts: Options = {
    root,
    after: { file: path.join(root, 'bin/almanac.js'), label: 'working tree' },
    before: null,
    archives: path.resolve(root, '../shared/corpora/archives'),
    only: null,
    jobs: 2,
    json: false,
    printTruth: false,
  };
  let beforeLabel = 'before';
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`bench:archives: ${flag} needs a value\n${USAGE}`);
      return v;
    };
    if (flag === '--cli') opts.after.file = path.resolve(value());
    else if (flag === '--cli-label') opts.after.label = value();
    else if (flag === '--before-cli') opts.before = { file: path.resolve(value()), label: beforeLabel };
    else if (flag === '--before-label') beforeLabel = value();
    else if (flag === '--archives') opts.archives = path.resolve(value());
    else if (flag === '--only') opts.only = value().split(',');
    else if (flag === '--jobs') opts.jobs = Math.max(1, Number.parseInt(value(), 10) || 1);
    else if (flag === '--json') opts.json = true;
    else if (flag === '--print-truth') opts.printTruth = true;
    else throw new Error(`bench:archives: unknown option ${flag}\n${USAGE}`);
  }
  if (opts.before) opts.before.label = beforeLabel;
  if (opts.after.label === 'working tree') opts.after.label = workingTreeLabel(root);
  return opts;
}

function workingTreeLabel(checkout: string): string {
  const git = (...args: string[]): string => execFileSync('git', ['-C', checkout, ...args], { encoding: 'utf8' }).trim();
  try {
    const dirty = git('status', '--porcelain', '--', 'src') !== '';
    return `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' + uncommitted src changes' : ''}`;
  } catch {
    return 'working tree';
  }
}

/** Runs `tasks` with at most `jobs` at a time (each one indexes in its own CLI process). */
async function inParallel<T>(tasks: (() => Promise<T>)[], jobs: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, tasks.length) }, worker));
  return results;
}

interface Measured {
  rules: ArchiveRules;
  truth: TruthEntry[];
  after: Reading;
  before: Reading | null;
}

async function measure(opts: Options, selected: readonly ArchiveRules[], tmp: string): Promise<Measured[]> {
  const vault = (r: ArchiveRules): string => path.join(opts.archives, r.folder);
  const tasks = selected.flatMap((r) => [
    () => readAlmanac(opts.after.file, vault(r), path.join(tmp, `${r.folder}.after.db`)),
    ...(opts.before ? [() => readAlmanac(opts.before!.file, vault(r), path.join(tmp, `${r.folder}.before.db`))] : []),
  ]);
  const readings = await inParallel(tasks, opts.jobs);
  const perArchive = opts.before ? 2 : 1;
  return selected.map((rules, i) => ({
    rules,
    truth: extractTruth(rules, opts.archives),
    after: readings[i * perArchive]!,
    before: opts.before ? readings[i * perArchive + 1]! : null,
  }));
}

function runInfo(label: string, cli: Cli, readings: readonly Reading[]): RunInfo {
  const via = [...new Set(readings.map((r) => r.via))].join('+');
  return { label, commit: cli.label, via, measuredAt: new Date().toISOString() };
}

function readSummary(file: string): RunSummary | null {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as RunSummary) : null;
}

function writeResults(dir: string, name: string, summary: RunSummary, scores: readonly ArchiveScore[] | null): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${name}.json`), `${JSON.stringify(summary, null, 2)}\n`);
  if (scores) fs.writeFileSync(path.join(dir, `${name}-misses.md`), formatMissList(summary, scores));
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const selected = ARCHIVES.filter((r) => opts.only === null || opts.only.some((o) => r.folder.includes(o)));
  if (selected.length === 0) throw new Error(`bench:archives: no archive matches --only ${opts.only?.join(',')}`);
  if (opts.printTruth) {
    for (const rules of selected) {
      for (const entry of extractTruth(rules, opts.archives)) console.log(JSON.stringify({ archive: rules.folder, ...entry }));
    }
    return;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'almanac-archives-'));
  const started = performance.now();
  try {
    const measured = await measure(opts, selected, tmp);
    const resultsDir = path.join(opts.root, 'bench/archives/results');
    const afterScores = measured.map((m) => scoreArchive(m.rules.folder, m.truth, m.after.digests));
    const after = summarize(runInfo('after', opts.after, measured.map((m) => m.after)), afterScores);
    let before = readSummary(path.join(resultsDir, 'before.json'));
    if (opts.before) {
      const beforeScores = measured.map((m) => scoreArchive(m.rules.folder, m.truth, m.before!.digests));
      before = summarize(runInfo('before', opts.before, measured.map((m) => m.before!)), beforeScores);
      if (opts.only === null) writeResults(resultsDir, 'before', before, null);
    }
    // A partial run (--only) would overwrite the full results with a subset: it prints only.
    if (opts.only === null) writeResults(resultsDir, 'after', after, afterScores);
    console.log(formatComparison(after, before));
    console.log(`\nmain causes of the remaining misses (every miss: bench/archives/results/after-misses.md):\n${formatCauses(after)}`);
    console.log(`\n${selected.length} archives measured in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    if (opts.json) console.log(JSON.stringify({ before, after }, null, 2));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
