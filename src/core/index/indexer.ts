/**
 * The incremental indexer: scan -> read -> parse (worker pool) -> store, as a
 * pipeline of stages, each in its own module:
 *
 *   plan       run-plan.ts      what changed since the last run, which paths to look at
 *   classify   run-plan.ts      which files must be read (not: same size and mtime)
 *   read/parse file-outcome.ts  what each file becomes (an Outcome), run over the
 *                               files by ordered-map.ts
 *   write      write-batches.ts the outcomes to the store, in batches
 *   vault-wide vault-wide.ts     dates from index pages and git, series
 *   repeats    repeats-step.ts  boilerplate and repeated items of each series
 *   summarise  index-meta.ts    what the run records, and the IndexSummary (here)
 *
 * - A file whose size and mtime match its stored row is not read. Otherwise it
 *   is read and hashed; the same hash only refreshes size and mtime.
 * - A new path whose content hash equals that of a path gone from the vault is
 *   a rename: the stored digest is moved (Store.moveFile), not re-parsed —
 *   unless its title or date could come from the file name and the name
 *   changed (the parser derives fallbacks from it; renames.ts).
 * - Files are read ahead and parsed concurrently, but written in scan order,
 *   so a fresh index is the same whatever the timing: by the writer thread
 *   (store-writer.ts) for runs of WRITER_THREAD_MIN_FILES or more, else on
 *   this thread in short transactions. Each file's write runs in its own
 *   savepoint (outcome.ts): one bad file never stops or rolls back the
 *   others; it becomes a skipped entry with a reason.
 * - A failure of the parse pool as a whole stops the run, as does the signal
 *   (the run then rejects with an AlmanacError 'cancelled', "indexing was
 *   cancelled"); batches already written stay, and the next run carries on
 *   from them.
 * - Every file is accounted for: the summary satisfies
 *   files = indexed + unchanged + moved + skippedThisRun, and each file the
 *   run had to store got exactly one status from the writer; this is checked
 *   at the end of every run, and a violation fails the run with an error
 *   naming the files (never a silent success).
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
import type { FileWarning, IndexProgress, IndexSummary } from '../../shared/api.js';
import { AlmanacError } from '../../shared/errors.js';
import { readingUnmapped } from '../store/open-database.js';
import type { Store } from '../store/store.js';
import type { ScannedFile } from '../types.js';
import { fileOutcome, type DigestParser, type FileOutcomeContext } from './file-outcome.js';
import { recordRun, skippedEntries } from './index-meta.js';
import { LinkTargetResolver } from './link-targets.js';
import { orderedMap } from './ordered-map.js';
import type { Outcome } from './outcome.js';
import { ProgressReporter } from './progress.js';
import { RenameMatcher } from './renames.js';
import { classify, planIndexRun, type IndexRunPlan, type IndexSettings } from './run-plan.js';
import { updateRepeats } from './repeats-step.js';
import { VaultWideStep, vaultWideWarnings } from './vault-wide.js';
import { removeGone, withOutcomeWriter, writeInBatches, type Removals, type WriterThreadOption, type WriteCounts } from './write-batches.js';

export type { DigestParser } from './file-outcome.js';
export { INDEX_FORMAT_VERSION, META_LAST_INDEXED, META_SCAN_PROBLEMS, META_VAULT_PATH, skippedEntries, storedScanProblems } from './index-meta.js';
export type { IndexSettings } from './run-plan.js';
export { WRITER_THREAD_MIN_FILES } from './write-batches.js';

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
  writer?: WriterThreadOption;
}

/** Finished files collected before they are written. */
const BATCH_SIZE = 200;
/** Files being read or parsed at once; keeps the pool's queue fed while the main thread reads. */
const CONCURRENCY = 8;
/** Files started but not yet written, at most: bounds the finished ones waiting behind a slow one (memory). */
const WINDOW = 256;

/** One run's read/parse and write stages, with what they share. */
interface StoreStage {
  options: IndexVaultOptions;
  plan: IndexRunPlan;
  candidates: ScannedFile[];
  renames: RenameMatcher;
  rootReal: string;
  progress: ProgressReporter;
}

/** What the read/parse and write stages did. */
interface Stored {
  written: WriteCounts;
  removals: Removals;
}

function cancelled(cause?: unknown): AlmanacError {
  return new AlmanacError('cancelled', 'indexing was cancelled', {}, cause === undefined ? undefined : { cause });
}

/** Reads and parses the candidates, writes them in scan order, then removes the gone paths not moved. */
async function storeCandidates(run: StoreStage): Promise<Stored> {
  const { options, candidates, renames, progress } = run;
  const { store, signal } = options;
  const context: FileOutcomeContext = {
    maxFileBytes: options.settings.maxFileBytes,
    formatChanged: run.plan.formatChanged,
    stored: run.plan.stored,
    renames,
    links: new LinkTargetResolver(run.rootReal),
    pool: options.pool,
    parseOptions: run.plan.parseOptions,
    linkHrefs: (path) => store.linkHrefs(path),
  };
  const total = candidates.length;
  let parsed = 0;
  const outcomeOf = async (f: ScannedFile): Promise<Outcome> => {
    const outcome = await fileOutcome(f, context);
    progress.report('parse', ++parsed, total, f.path);
    return outcome;
  };
  progress.report('parse', 0, total, null, true);
  try {
    return await withOutcomeWriter({ store, files: total, thread: options.writer, signal }, async (writer) => {
      const written = await writeInBatches(orderedMap(candidates, outcomeOf, { concurrency: CONCURRENCY, window: WINDOW, signal }), writer, {
        batchSize: BATCH_SIZE,
        onBatch: () => progress.report('store', parsed, total, null, true),
        onFailedMove: (from) => renames.release(from), // then removed with the other gone paths
      });
      // A cancelled run may also see parse failures (the caller may stop the pool to cancel faster).
      if (signal?.aborted) throw cancelled();
      const removals = await removeGone(writer, renames.unclaimed().map((r) => r.path));
      return { written, removals };
    });
  } catch (err) {
    // Cancelling terminates the writer thread: its batches then fail, but the run was cancelled.
    if (signal?.aborted) throw cancelled(err);
    throw err;
  }
}

/** At most this many paths are named in an accounting error. */
const NAMED_FILES = 20;

function namedFiles(paths: readonly string[]): string {
  return paths.slice(0, NAMED_FILES).join(', ') + (paths.length > NAMED_FILES ? `, and ${paths.length - NAMED_FILES} more` : '');
}

/**
 * Every candidate got exactly one status, and files = indexed + unchanged +
 * moved + skippedThisRun; otherwise an error naming the files (a file the
 * run lost would be missing from the index with no reason shown).
 */
export function checkAccounting(summary: Pick<IndexSummary, 'files' | 'indexed' | 'unchanged' | 'moved' | 'skippedThisRun'>, candidates: readonly ScannedFile[], written: readonly string[]): void {
  const seen = new Set<string>();
  const twice: string[] = [];
  for (const p of written) {
    if (seen.has(p)) twice.push(p);
    else seen.add(p);
  }
  const lost = candidates.filter((f) => !seen.has(f.path)).map((f) => f.path);
  const { files, indexed, unchanged, moved, skippedThisRun } = summary;
  if (lost.length === 0 && twice.length === 0 && written.length === candidates.length && files === indexed + unchanged + moved + skippedThisRun) return;
  const problems = [
    `files ${files} != indexed ${indexed} + unchanged ${unchanged} + moved ${moved} + skipped ${skippedThisRun}`,
    lost.length > 0 ? `without a status: ${namedFiles(lost)}` : '',
    twice.length > 0 ? `counted twice: ${namedFiles(twice)}` : '',
  ].filter(Boolean);
  throw new AlmanacError('internal', `the index run did not account for every file (${problems.join('; ')})`, { files, lost: lost.length, twice: twice.length });
}

/** What the earlier stages found, for the summary. */
interface RunFacts {
  plan: IndexRunPlan;
  rootReal: string;
  /** Files not read (classify). */
  unread: number;
  candidates: readonly ScannedFile[];
  stored: Stored;
  started: number;
}

/** Gone paths still in the index: their removal failed (the next run tries again). */
function removalWarnings(failed: readonly string[]): FileWarning[] {
  return failed.map((path) => ({ path, message: 'is gone from the vault but could not be removed from the index; the next run tries again' }));
}

/** Checks that every file is accounted for, records the run in the store and reports what the index holds now. */
function summarise(store: Store, run: RunFacts, progress: ProgressReporter): IndexSummary {
  const { plan } = run;
  const { written, removals } = run.stored;
  const tally = {
    files: plan.files.length,
    indexed: written.indexed,
    unchanged: run.unread + written.unchanged,
    moved: written.moved,
    skippedThisRun: written.skipped,
  };
  checkAccounting(tally, run.candidates, written.paths);
  recordRun(store, { settingsKey: plan.settingsKey, formatKey: plan.formatKey, problems: plan.problems, insideLinks: plan.insideLinks, vaultPath: run.rootReal });
  const counts = store.counts();
  progress.report('done', run.candidates.length, run.candidates.length, null, true);
  return {
    ...tally,
    removed: removals.removed,
    skipped: skippedEntries(store),
    warnings: [...store.fileWarnings(), ...removalWarnings(removals.failed), ...vaultWideWarnings(store)],
    digests: counts.digests,
    sections: counts.sections,
    elapsedMs: Math.round(performance.now() - run.started),
  };
}

export async function indexVault(options: IndexVaultOptions): Promise<IndexSummary> {
  const { store } = options;
  const started = performance.now();
  const progress = new ProgressReporter(options.onProgress);
  progress.report('scan', 0, 0, null, true);
  const vaultWide = VaultWideStep.begin(store, { vaultPath: options.vaultPath, gitDates: options.settings.gitDates ?? true });

  const plan = await planIndexRun({ vaultPath: options.vaultPath, store, settings: options.settings, paths: options.paths });
  const rootReal = await fsp.realpath(options.vaultPath);
  const { unchanged, candidates } = classify(plan);
  const renames = new RenameMatcher(plan.gone, (path) => store.digestByPath(path)?.title ?? null);
  const stored = await storeCandidates({ options, plan, candidates, renames, rootReal, progress });
  return readingUnmapped(store.db, async () => {
    await vaultWide.finish();
    await updateRepeats(store);
    return summarise(store, { plan, rootReal, unread: unchanged, candidates, stored, started }, progress);
  });
}
