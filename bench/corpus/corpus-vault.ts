/**
 * `--corpus DIR [--corpus DIR2 ...] [--replicate-to N]`: a vault of real
 * digests for the bench, replicated (replicate.ts) into the bench cache and
 * reused while the sources, N, the seed and REPLICATOR_VERSION stay the same.
 * The sources are only read: the cache must lie outside them, and the vault
 * is written to a temporary folder renamed into place, its manifest last.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isMarkdownPath } from '../../src/core/vault/paths.js';
import { formatSize } from '../generate.js';
import type { BenchQuery } from '../queries.js';
import { corpusQueries } from './corpus-queries.js';
import { shiftHeaderDates } from './header-dates.js';
import { rewriteLinks } from './links.js';
import { planReplication, replicaFolder, type CorpusFacts, type ReplicationPlan, type SourceCorpus } from './replicate.js';

/** Bump when the files or the queries a corpus gives change, so cached vaults are rebuilt. */
export const REPLICATOR_VERSION = 1;

const SKIPPED_FOLDERS = new Set(['node_modules']);
const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface DateSummary {
  dated: number;
  first: string | null;
  last: string | null;
  /** Dates at the 30th, 50th and 70th percentile (for after:/before: filters). */
  p30: string | null;
  p50: string | null;
  p70: string | null;
  years: Record<string, number>;
}

export interface CorpusManifest {
  replicatorVersion: number;
  dirs: string[];
  replicateTo: number;
  seed: number;
  /** Hash of the source paths, sizes and modification times. */
  fingerprint: string;
  sourceFiles: number;
  sourceBytes: number;
  files: number;
  bytes: number;
  replicas: number;
  corpora: CorpusFacts[];
  dates: DateSummary;
  /** The fixed query set drawn from this corpus (corpus-queries.ts). */
  queries: BenchQuery[];
}

export interface EnsuredCorpus {
  dir: string;
  manifest: CorpusManifest;
  reused: boolean;
}

interface SourceFile {
  rel: string;
  abs: string;
  size: number;
  mtimeMs: number;
}

function markdownFiles(root: string, rel = '', out: SourceFile[] = []): SourceFile[] {
  const entries = fs.readdirSync(path.join(root, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const p = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) markdownFiles(root, p, out);
    else if (entry.isFile() && isMarkdownPath(entry.name)) {
      const abs = path.join(root, p);
      const stat = fs.statSync(abs);
      out.push({ rel: p, abs, size: stat.size, mtimeMs: stat.mtimeMs });
    }
  }
  return out;
}

/** Each corpus folder's name inside a replica: its own name, numbered when two share one. */
function corpusFolders(dirs: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return dirs.map((dir) => {
    const base = path.basename(dir) || 'corpus';
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  });
}

function listSources(dirs: readonly string[]): { dir: string; folder: string; files: SourceFile[] }[] {
  const folders = corpusFolders(dirs);
  return dirs.map((dir, i) => {
    if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`bench: --corpus ${dir} is not a folder`);
    const files = markdownFiles(dir);
    if (files.length === 0) throw new Error(`bench: --corpus ${dir} holds no Markdown files (.md, .markdown, .mdx)`);
    return { dir, folder: folders[i] as string, files };
  });
}

function fingerprint(sources: ReturnType<typeof listSources>): string {
  const hash = crypto.createHash('sha256');
  for (const s of sources) for (const f of s.files) hash.update(`${s.dir}\0${f.rel}\0${f.size}\0${Math.round(f.mtimeMs)}\n`);
  return hash.digest('hex').slice(0, 16);
}

function decode(bytes: Buffer): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

function quantile(sorted: readonly string[], q: number): string | null {
  return sorted.length === 0 ? null : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as string);
}

export function summarizeDates(plan: ReplicationPlan): DateSummary {
  const dates = plan.files.map((f) => f.date).filter((d): d is string => d !== null).sort();
  const years: Record<string, number> = {};
  for (const d of dates) years[d.slice(0, 4)] = (years[d.slice(0, 4)] ?? 0) + 1;
  return { dated: dates.length, first: quantile(dates, 0), last: dates[dates.length - 1] ?? null, p30: quantile(dates, 0.3), p50: quantile(dates, 0.5), p70: quantile(dates, 0.7), years };
}

/** Writes the planned replicas under `out`; returns the bytes written. */
export function writeReplicas(plan: ReplicationPlan, corpora: readonly SourceCorpus[], raw: readonly (readonly Buffer[])[], out: string): number {
  const renames = new Map<string, Map<string, string>>();
  for (const f of plan.files) {
    const key = `${f.replica}/${f.corpus}`;
    if (!renames.has(key)) renames.set(key, new Map());
    renames.get(key)!.set(f.from, f.to);
  }
  let bytes = 0;
  for (const f of plan.files) {
    const corpus = corpora[f.corpus]!;
    const text = corpus.files[f.file]!.text;
    const renamed = renames.get(`${f.replica}/${f.corpus}`)!;
    const order = plan.corpora[f.corpus]!.order;
    const data = text === null ? raw[f.corpus]![f.file]! : rewriteLinks(shiftHeaderDates(text, f.days, order), f.from, f.to, (p) => renamed.get(p) ?? null);
    const target = path.join(out, ...f.path.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, data);
    bytes += typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : data.length;
  }
  return bytes;
}

function inside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function readManifest(file: string): CorpusManifest | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as CorpusManifest;
  } catch {
    return null;
  }
}

/** The cached vault of these corpora at this size (null: as many digests as they hold) and seed, built first unless a current one is there. */
export function ensureCorpusVault(dirs: readonly string[], size: number | null, seed: number, cacheRoot: string): EnsuredCorpus {
  const resolved = dirs.map((d) => path.resolve(d));
  const cache = path.resolve(cacheRoot);
  const source = resolved.find((d) => inside(cache, d));
  if (source) throw new Error(`bench: the cache folder ${cache} is inside the corpus ${source}; the bench never writes into a corpus (use --cache-dir)`);
  const sources = listSources(resolved);
  const replicateTo = size ?? sources.reduce((n, s) => n + s.files.length, 0);
  const print = fingerprint(sources);
  const key = crypto.createHash('sha256').update(JSON.stringify({ v: REPLICATOR_VERSION, dirs: resolved, replicateTo, seed })).digest('hex').slice(0, 12);
  const dir = path.join(cache, `corpus-${formatSize(replicateTo)}-${key}`);
  const manifestFile = `${dir}.json`;
  const cached = readManifest(manifestFile);
  if (cached?.replicatorVersion === REPLICATOR_VERSION && cached.fingerprint === print && fs.existsSync(dir)) return { dir, manifest: cached, reused: true };
  fs.mkdirSync(cache, { recursive: true });
  fs.rmSync(manifestFile, { force: true });
  fs.rmSync(dir, { recursive: true, force: true });
  const raw = sources.map((s) => s.files.map((f) => fs.readFileSync(f.abs)));
  const corpora: SourceCorpus[] = sources.map((s, i) => ({ dir: s.dir, folder: s.folder, files: s.files.map((f, j) => ({ rel: f.rel, text: decode(raw[i]![j]!) })) }));
  const plan = planReplication(corpora, replicateTo, seed);
  const partial = `${dir}.partial-${process.pid}`;
  fs.rmSync(partial, { recursive: true, force: true });
  const bytes = writeReplicas(plan, corpora, raw, partial);
  fs.renameSync(partial, dir);
  const dates = summarizeDates(plan);
  const folders = corpora.map((c) => c.folder);
  const manifest: CorpusManifest = {
    replicatorVersion: REPLICATOR_VERSION,
    dirs: resolved,
    replicateTo,
    seed,
    fingerprint: print,
    sourceFiles: sources.reduce((n, s) => n + s.files.length, 0),
    sourceBytes: sources.reduce((n, s) => n + s.files.reduce((m, f) => m + f.size, 0), 0),
    files: plan.files.length,
    bytes,
    replicas: plan.replicas,
    corpora: plan.corpora,
    dates,
    queries: corpusQueries(corpora, { dates, folders: [replicaFolder(0, plan.replicas), ...folders.map((f) => `${replicaFolder(0, plan.replicas)}/${f}`)] }, seed),
  };
  fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  return { dir, manifest, reused: false };
}
