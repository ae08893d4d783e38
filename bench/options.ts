/** The command line of `npm run bench` (bench/main.ts). */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultCacheRoot, parseSize } from './generate.js';

export interface Options {
  size: number;
  /** --corpus folders (a real-text run); empty for the synthetic vault. */
  corpora: string[];
  /** --replicate-to: digests in the real-text vault (default: the corpora's own count, one replica). */
  replicateTo: number | null;
  seed: number;
  skipBaselines: boolean;
  /** Timed searches of the fixed set; null: five passes of it. */
  queries: number | null;
  json: boolean;
  /** False with --no-json-print: the JSON stays in its file (npm test's log shows the table only). */
  printJson: boolean;
  keep: boolean;
  cacheDir: string;
  root: string;
}

export const USAGE = `usage: npm run bench -- [--size 1k|10k|50k | --corpus DIR [--corpus DIR2 ...] [--replicate-to N]]
       [--seed N] [--skip-baselines] [--queries N] [--json | --no-json-print] [--keep] [--cache-dir DIR]`;

function count(flag: string, text: string, min: number): number {
  const thousands = flag === '--replicate-to' && /^\d+k$/i.test(text);
  const n = thousands ? Number(text.slice(0, -1)) * 1000 : Number(text);
  if (!Number.isSafeInteger(n) || n < min) throw new Error(`bench: ${flag} must be an integer of at least ${min}, got "${text}"`);
  return n;
}

/** Applies one flag (and its value, taken on demand) to `opts`. */
function applyFlag(opts: Options, flag: string, take: () => string): void {
  switch (flag) {
    case '--size':
      opts.size = parseSize(take());
      break;
    case '--corpus':
      opts.corpora.push(path.resolve(take()));
      break;
    case '--replicate-to':
      opts.replicateTo = count(flag, take(), 1);
      break;
    case '--seed':
      opts.seed = count(flag, take(), 0);
      break;
    case '--queries':
      opts.queries = count(flag, take(), 1);
      break;
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
      throw new Error(`bench: unknown argument "${flag}"\n${USAGE}`);
  }
}

export function parseArgs(argv: readonly string[]): Options {
  const opts: Options = {
    size: 1000,
    corpora: [],
    replicateTo: null,
    seed: 1,
    skipBaselines: false,
    queries: null,
    json: false,
    printJson: true,
    keep: false,
    cacheDir: process.env.ALMANAC_BENCH_CACHE ?? defaultCacheRoot(),
    // The bundle runs from out/bench/bench.js: the repository is two folders up.
    root: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'),
  };
  const sized = argv.some((a) => a === '--size' || a.startsWith('--size='));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.includes('=') ? (arg.split('=', 2) as [string, string]) : [arg, undefined];
    applyFlag(opts, flag, () => {
      if (inline !== undefined) return inline;
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`bench: ${flag} needs a value\n${USAGE}`);
      return v;
    });
  }
  if (opts.corpora.length > 0 && sized) throw new Error(`bench: --size is the synthetic vault's; with --corpus use --replicate-to\n${USAGE}`);
  if (opts.corpora.length === 0 && opts.replicateTo !== null) throw new Error(`bench: --replicate-to needs --corpus\n${USAGE}`);
  return opts;
}
