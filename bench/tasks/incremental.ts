/**
 * Incremental re-index of an indexed vault (a working copy the bench owns):
 * a run with no change, one edited digest (explicit reindex, and through the
 * vault watcher as the app runs it), 100 digests touched (mtime only) and 100
 * digests edited. Each edit appends a section with a unique word, and the
 * edit counts as searchable when a search for that word finds it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { IndexSummary } from '../../src/shared/api.js';
import { ParsePool } from '../../src/core/parse/pool.js';
import { isMarkdownPath } from '../../src/core/vault/paths.js';
import { startAutoReindex } from '../../src/core/watch/auto-reindex.js';
import { openAlmanac, type AlmanacPaths, type AlmanacService } from '../almanac.js';
import { now, round } from '../measure.js';

export type IncrementalParams = AlmanacPaths;

export interface RunStat {
  ms: number;
  indexed: number;
  unchanged: number;
}

export interface IncrementalResult {
  noChange: RunStat;
  editOne: RunStat & { writeToSearchableMs: number };
  /** Through the watcher + auto-reindex, as the desktop app and `almanac serve` run. */
  watchedEdit: { changeEventToSearchableMs: number; writeToSearchableMs: number; debounceMs: number } | { error: string };
  touch100: RunStat;
  edit100: RunStat & { writeToSearchableMs: number };
  /** One digest parsed by a new one-worker pool (worker start-up included), then again by the same warm worker. */
  parseOne: { coldPoolMs: number; warmPoolMs: number };
}

const WATCH_DEBOUNCE_MS = 300;
const WATCH_TIMEOUT_MS = 30_000;

function markdownFiles(dir: string, rel = '', out: string[] = []): string[] {
  for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) markdownFiles(dir, p, out);
    else if (isMarkdownPath(entry.name)) out.push(p);
  }
  return out;
}

/** `count` paths spread evenly over the sorted file list, skipping the first `offset`. */
function spread(files: readonly string[], count: number, offset: number): string[] {
  const step = Math.max(1, Math.floor(files.length / count));
  const out: string[] = [];
  for (let i = offset; i < files.length && out.length < count; i += step) out.push(files[i] as string);
  return out;
}

function appendEdit(vaultPath: string, rel: string, word: string): void {
  fs.appendFileSync(path.join(vaultPath, rel), `\n## 基准编辑\n\n本段由基准测试写入：${word} 新增内容。\n`);
}

function stat(summary: IndexSummary, ms: number): RunStat {
  return { ms: round(ms), indexed: summary.indexed, unchanged: summary.unchanged };
}

async function found(service: AlmanacService, word: string): Promise<boolean> {
  return (await service.search({ query: word, limit: 1, facets: false })).total > 0;
}

async function watchedEdit(service: AlmanacService, vaultPath: string, rel: string, word: string): Promise<IncrementalResult['watchedEdit']> {
  let eventAt = 0;
  const auto = await startAutoReindex({
    api: service,
    debounceMs: WATCH_DEBOUNCE_MS,
    onBatch: (batch) => {
      if (eventAt === 0 && batch.changed.includes(rel)) eventAt = now();
    },
  });
  try {
    const searchable = new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the watched edit of ${rel} was not searchable after ${WATCH_TIMEOUT_MS} ms`)), WATCH_TIMEOUT_MS);
      const off = service.onEvent((event) => {
        if (event.type !== 'index-finished') return;
        void found(service, word).then((ok) => {
          if (!ok) return;
          clearTimeout(timer);
          off();
          resolve(now());
        }, reject);
      });
    });
    const writtenAt = now();
    appendEdit(vaultPath, rel, word);
    const doneAt = await searchable;
    if (eventAt === 0) return { error: `no watcher batch named ${rel}` };
    return {
      changeEventToSearchableMs: round(doneAt - eventAt),
      writeToSearchableMs: round(doneAt - writtenAt),
      debounceMs: WATCH_DEBOUNCE_MS,
    };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  } finally {
    await auto.close();
  }
}

/** What a reindex of one file pays when its run starts a new worker pool. */
async function parseOne(params: IncrementalParams, rel: string): Promise<IncrementalResult['parseOne']> {
  const text = fs.readFileSync(path.join(params.vaultPath, rel), 'utf8');
  const pool = new ParsePool({ workerUrl: params.workerPath, size: 1 });
  try {
    let t0 = now();
    await pool.parse(text, rel);
    const coldPoolMs = now() - t0;
    t0 = now();
    await pool.parse(text, rel);
    return { coldPoolMs: round(coldPoolMs), warmPoolMs: round(now() - t0) };
  } finally {
    await pool.destroy();
  }
}

export async function runIncremental(params: IncrementalParams): Promise<IncrementalResult> {
  const files = markdownFiles(params.vaultPath).sort();
  if (files.length < 4) throw new Error(`bench: the vault at ${params.vaultPath} is too small for the incremental runs`);
  const service = await openAlmanac(params);
  try {
    let t0 = now();
    const noChange = stat(await service.reindex(), now() - t0);

    const one = files[Math.floor(files.length / 2)] as string;
    t0 = now();
    appendEdit(params.vaultPath, one, 'zqbenchone');
    const oneSummary = await service.reindex();
    const oneMs = now() - t0;
    if (!(await found(service, 'zqbenchone'))) throw new Error(`bench: the edit of ${one} is not searchable after reindex`);
    const editOne = { ...stat(oneSummary, oneMs), writeToSearchableMs: round(now() - t0) };

    const watched = await watchedEdit(service, params.vaultPath, files[Math.floor(files.length / 3)] as string, 'zqbenchwatched');

    const touched = spread(files, 100, 1);
    const later = new Date(Date.now() + 60_000);
    for (const rel of touched) fs.utimesSync(path.join(params.vaultPath, rel), later, later);
    t0 = now();
    const touch100 = stat(await service.reindex(), now() - t0);

    const edited = spread(files, 100, 2);
    t0 = now();
    edited.forEach((rel, i) => appendEdit(params.vaultPath, rel, `zqbenchmany${i}`));
    const manySummary = await service.reindex();
    const manyMs = now() - t0;
    if (!(await found(service, `zqbenchmany${edited.length - 1}`))) throw new Error('bench: the 100 edits are not searchable after reindex');
    const edit100 = { ...stat(manySummary, manyMs), writeToSearchableMs: round(now() - t0) };

    return { noChange, editOne, watchedEdit: watched, touch100, edit100, parseOne: await parseOne(params, one) };
  } finally {
    await service.close();
  }
}
