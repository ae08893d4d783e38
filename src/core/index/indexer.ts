/**
 * The incremental indexer: scan -> read -> parse (worker pool) -> store.
 *
 * - A file whose size and mtime match its stored row is not read. Otherwise it
 *   is read and hashed; the same hash only refreshes size and mtime.
 * - A new path whose content hash equals that of a path gone from the vault is
 *   a rename: the stored digest is moved (Store.moveFile), not re-parsed —
 *   unless its title or date could come from the file name and the name
 *   changed (the parser derives fallbacks from it).
 * - Files are read ahead and parsed concurrently, but written in scan order,
 *   so a fresh index is the same whatever the timing: by the writer thread
 *   (store-writer.ts) for runs of WRITER_THREAD_MIN_FILES or more, else on
 *   this thread in short transactions. Each file's write runs in its own
 *   savepoint (outcome.ts): one bad file never stops or rolls back the
 *   others; it becomes a skipped entry with a reason.
 * - Files recorded as skipped are retried on every run (their reason may be
 *   transient, e.g. permissions), as is everything when maxFileBytes changes.
 * - When INDEX_FORMAT_VERSION changes, every file is parsed again.
 * - A targeted run (`paths`, from the vault watcher) examines only those
 *   paths with the scan's rules: a path that is gone or no longer indexable
 *   is removed, the others are indexed as above, and a rename within the
 *   paths is still a move. When it cannot be targeted (see run-plan.ts), and
 *   when the settings or the index format changed, the whole vault is scanned.
 */
import { promises as fsp } from 'node:fs';
import { dateFromFileName } from '../../shared/dates.js';
import type { IndexPhase, IndexProgress, IndexSummary, SkippedFile } from '../../shared/api.js';
import { readDigestFile } from '../read/read.js';
import type { FileState, Store } from '../store/store.js';
import type { ParsedDigest, ScannedFile } from '../types.js';
import { LinkTargetResolver } from './link-targets.js';
import { errorText, type Outcome } from './outcome.js';
import { InProcessWriter, StoreWriter, type OutcomeWriter } from './store-writer.js';
import { META_SCAN_INSIDE_LINKS, planRun } from './run-plan.js';

/** What the indexer needs of the parse pool (tests wrap it to count calls). */
export interface DigestParser {
  parse(text: string, path: string): Promise<ParsedDigest>;
}

export interface IndexSettings {
  exclude: readonly string[];
  maxFileBytes: number;
}

export interface IndexVaultOptions {
  vaultPath: string;
  store: Store;
  pool: DigestParser;
  settings: IndexSettings;
  onProgress?: (progress: IndexProgress) => void;
  signal?: AbortSignal;
  /**
   * Vault-relative POSIX paths that changed (a watcher batch): only these are
   * examined (see the module comment for when the whole vault is scanned
   * anyway). The summary's `files` then counts the given paths that are
   * indexable files now, and `unchanged` those of them whose content was the
   * same. Default: the whole vault.
   */
  paths?: readonly string[];
  /**
   * The writer thread (out/node/store-writer.js) and better-sqlite3's native
   * binary for it: runs with WRITER_THREAD_MIN_FILES or more files to store
   * write from that thread, so the process serving the UI never waits for a
   * commit. Without it, or for smaller runs, writes are time-sliced on this thread.
   */
  writer?: { workerUrl: URL | string; nativeBinding?: string };
}

/** Below this many files to store, starting a writer thread (150-450 ms) costs more than it saves. */
export const WRITER_THREAD_MIN_FILES = 64;

/** Finished files collected before they are written. */
const BATCH_SIZE = 200;
/** Files being read or parsed at once; keeps the pool's queue fed while the main thread reads. */
const CONCURRENCY = 8;
/** Finished files allowed to wait behind a slow one before reading pauses (bounds memory). */
const WINDOW = 256;
const PROGRESS_INTERVAL_MS = 100;

export const META_LAST_INDEXED = 'last_indexed_at';
export const META_SCAN_PROBLEMS = 'scan_problems';
/** The vault folder the index was last built from (shown in diagnostics). */
export const META_VAULT_PATH = 'vault_path';
const META_SETTINGS = 'index_settings';
const META_FORMAT = 'index_format';

/**
 * Bump when the parser or the stored rows change meaning (a new ParsedDigest
 * field, different section splitting...): existing indexes are then re-parsed
 * from scratch on their next run instead of keeping stale rows.
 */
export const INDEX_FORMAT_VERSION = 1;

/** The parse pool failed as a whole (not because of one file's content): the run stops. */
class PoolFailure extends Error {}

function stem(vaultPath: string): string {
  return vaultPath.slice(vaultPath.lastIndexOf('/') + 1).replace(/\.(md|markdown)$/i, '');
}

/** Problems from the scan (dangling links, loops...) stored so that a later status can show them. */
export function storedScanProblems(store: Store): SkippedFile[] {
  const text = store.getMeta(META_SCAN_PROBLEMS);
  return text ? (JSON.parse(text) as SkippedFile[]) : [];
}

/** Skipped files and scan problems of the index, by path. */
export function skippedEntries(store: Store): SkippedFile[] {
  return [...store.skippedFiles(), ...storedScanProblems(store)].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

class ProgressReporter {
  private lastEmit = 0;
  private readonly started = performance.now();

  constructor(private readonly listener: ((p: IndexProgress) => void) | undefined) {}

  report(phase: IndexPhase, done: number, total: number, currentFile: string | null, force = false): void {
    if (!this.listener) return;
    const now = performance.now();
    if (!force && now - this.lastEmit < PROGRESS_INTERVAL_MS) return;
    this.lastEmit = now;
    const elapsed = now - this.started;
    const etaMs = done > 0 && done < total && elapsed > 200 ? Math.round((elapsed / done) * (total - done)) : done >= total && total > 0 ? 0 : null;
    this.listener({ phase, done, total, currentFile, etaMs });
  }
}

export async function indexVault(options: IndexVaultOptions): Promise<IndexSummary> {
  const { store, pool, settings, signal } = options;
  const started = performance.now();
  const progress = new ProgressReporter(options.onProgress);
  progress.report('scan', 0, 0, null, true);

  const settingsKey = JSON.stringify({ maxFileBytes: settings.maxFileBytes });
  const settingsChanged = store.getMeta(META_SETTINGS) !== settingsKey;
  const formatChanged = store.getMeta(META_FORMAT) !== String(INDEX_FORMAT_VERSION);
  const plan = await planRun({
    vaultPath: options.vaultPath,
    store,
    exclude: settings.exclude,
    paths: settingsChanged || formatChanged ? undefined : options.paths,
    storedProblems: () => storedScanProblems(store),
  });
  const rootReal = await fsp.realpath(options.vaultPath);
  const links = new LinkTargetResolver(rootReal);
  const { stored, gone } = plan;

  let unchanged = 0;
  const candidates: ScannedFile[] = [];
  for (const f of plan.files) {
    const row = stored.get(f.path);
    if (!settingsChanged && !formatChanged && row?.status === 'indexed' && row.size === f.size && row.mtimeMs === f.mtimeMs) unchanged++;
    else candidates.push(f);
  }

  // Paths gone from the vault, by content hash: a new file with one of these hashes is a rename.
  const movable = new Map<string, FileState[]>();
  for (const r of gone) {
    if (r.status !== 'indexed' || r.hash === null) continue;
    const list = movable.get(r.hash);
    if (list) list.push(r);
    else movable.set(r.hash, [r]);
  }
  const claimed = new Set<string>();

  const canMove = (from: FileState, to: string): boolean => {
    if (stem(from.path) === stem(to)) return true;
    const digest = store.digestByPath(from.path);
    return digest !== null && digest.title !== stem(from.path) && dateFromFileName(from.path) === dateFromFileName(to);
  };

  const process = async (f: ScannedFile): Promise<Outcome> => {
    try {
      const read = await readDigestFile(f.absPath, { maxFileBytes: settings.maxFileBytes });
      if (!read.ok) return { kind: 'skipped', file: f, hash: read.hash, reason: read.reason };
      const row = stored.get(f.path);
      if (!formatChanged && row?.status === 'indexed' && row.hash === read.hash) return { kind: 'unchanged', file: f };
      if (!row && !formatChanged) {
        const from = movable.get(read.hash)?.find((r) => !claimed.has(r.path) && canMove(r, f.path));
        if (from) {
          claimed.add(from.path);
          const hrefs = store.linkHrefs(from.path).map((href) => ({ href }));
          return { kind: 'moved', from: from.path, file: f, links: await links.resolve(f.path, hrefs) };
        }
      }
      let parsed: ParsedDigest;
      try {
        parsed = await pool.parse(read.text, f.path);
      } catch (err) {
        throw new PoolFailure(`the parser stopped working while reading ${f.path}: ${errorText(err)}`, { cause: err });
      }
      return {
        kind: 'digest',
        record: {
          path: f.path,
          size: f.size,
          mtimeMs: f.mtimeMs,
          hash: read.hash,
          encoding: read.encoding,
          parsed,
          links: await links.resolve(f.path, parsed.links),
          warnings: [...read.warnings, ...parsed.warnings],
        },
      };
    } catch (err) {
      if (err instanceof PoolFailure) throw err;
      return { kind: 'skipped', file: f, hash: null, reason: `could not be indexed (${errorText(err)})` };
    }
  };

  let indexed = 0;
  const writer: OutcomeWriter =
    options.writer !== undefined && candidates.length >= WRITER_THREAD_MIN_FILES
      ? StoreWriter.start({ dbPath: store.dbPath, workerUrl: options.writer.workerUrl, nativeBinding: options.writer.nativeBinding })
      : new InProcessWriter(store);
  /** The batch being written while the next one is read and parsed. */
  let writing: Promise<void> = Promise.resolve();
  /** Hands outcomes to the writer in scan order; waits for the previous batch, so one is written while the next is collected. */
  const flush = async (outcomes: Outcome[]): Promise<void> => {
    if (outcomes.length === 0) return;
    progress.report('store', done, candidates.length, null, true);
    const previous = writing;
    writing = writer.apply(outcomes).then((statuses) =>
      statuses.forEach((status, i) => {
        if (status === 'indexed') indexed++;
        else if (status === 'unchanged' || status === 'moved') unchanged++;
        else if (status === 'failed') {
          const o = outcomes[i]!;
          if (o.kind === 'moved') claimed.delete(o.from); // then removed with the other gone paths
        }
      }),
    );
    writing.catch(() => undefined); // awaited below
    await previous;
  };

  // Read and parse concurrently; hand results to `flush` in scan order.
  const results: (Outcome | undefined)[] = new Array(candidates.length);
  const inFlight = new Set<Promise<void>>();
  let launched = 0;
  let written = 0;
  let done = 0;
  let fatal: Error | null = null;
  let pending: Outcome[] = [];
  progress.report('parse', 0, candidates.length, null, true);
  const stopWriter = (): void => {
    if (writer instanceof StoreWriter) void writer.terminate(); // rolls back the transaction in progress
  };
  signal?.addEventListener('abort', stopWriter, { once: true });
  try {
    while (written < candidates.length) {
      while (
        launched < candidates.length &&
        inFlight.size < CONCURRENCY &&
        launched - written < WINDOW &&
        fatal === null &&
        !signal?.aborted
      ) {
        const i = launched++;
        const file = candidates[i]!;
        const task = process(file).then(
          (o) => {
            results[i] = o;
            done++;
            progress.report('parse', done, candidates.length, file.path);
          },
          (err: unknown) => {
            fatal ??= err instanceof Error ? err : new Error(String(err));
          },
        );
        const tracked = task.finally(() => inFlight.delete(tracked));
        inFlight.add(tracked);
      }
      if (inFlight.size === 0) break; // stopped (fatal error or abort) with nothing left running
      await Promise.race(inFlight);
      while (written < candidates.length && results[written] !== undefined) {
        pending.push(results[written]!);
        results[written] = undefined;
        written++;
      }
      if (pending.length >= BATCH_SIZE) {
        await flush(pending);
        pending = [];
      }
    }
    await flush(pending);
    await writing;
    // A cancelled run may also see parse failures (the caller may stop the pool to cancel faster).
    if (signal?.aborted) throw new Error('indexing was cancelled');
    if (fatal) throw fatal;
    await writer.apply(gone.filter((r) => !claimed.has(r.path)).map((r): Outcome => ({ kind: 'removed', path: r.path })));
  } catch (err) {
    // Cancelling terminates the writer thread: its batches then fail, but the run was cancelled.
    if (signal?.aborted) throw new Error('indexing was cancelled', { cause: err });
    throw err;
  } finally {
    signal?.removeEventListener('abort', stopWriter);
    await writer.close().catch(() => undefined);
  }

  store.batch(() => {
    store.setMeta(META_SETTINGS, settingsKey);
    store.setMeta(META_FORMAT, String(INDEX_FORMAT_VERSION));
    store.setMeta(META_SCAN_PROBLEMS, JSON.stringify(plan.problems));
    if (plan.insideLinks !== null) store.setMeta(META_SCAN_INSIDE_LINKS, String(plan.insideLinks));
    store.setMeta(META_LAST_INDEXED, new Date().toISOString());
    store.setMeta(META_VAULT_PATH, rootReal);
  });

  const counts = store.counts();
  progress.report('done', candidates.length, candidates.length, null, true);
  return {
    files: plan.files.length,
    indexed,
    unchanged,
    removed: gone.length - claimed.size,
    skipped: skippedEntries(store),
    warnings: store.fileWarnings(),
    digests: counts.digests,
    sections: counts.sections,
    elapsedMs: Math.round(performance.now() - started),
  };
}
