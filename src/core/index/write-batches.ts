/**
 * The write stage of an index run: outcomes, arriving in scan order, are
 * handed to an OutcomeWriter in batches, one batch being written while the
 * next is collected, and the writer's statuses are counted for the summary
 * (one per outcome, checked: a writer that answers fewer fails the run).
 */
import type { Store } from '../store/store.js';
import type { ApplyStatus, Outcome } from './outcome.js';
import { InProcessWriter, StoreWriter, type OutcomeWriter } from './store-writer.js';

/** Below this many files to store, starting a writer thread (150-450 ms) costs more than it saves. */
export const WRITER_THREAD_MIN_FILES = 64;

/** The writer thread (out/node/store-writer.js) and better-sqlite3's native binary for it. */
export interface WriterThreadOption {
  workerUrl: URL | string;
  nativeBinding?: string;
}

/**
 * Runs `body` with a writer for `files` outcomes: the writer thread when it is
 * given and there are WRITER_THREAD_MIN_FILES or more, else writes on this
 * thread. An abort stops the writer thread at once (rolling back the
 * transaction in progress); the writer is closed at the end whatever happens.
 */
export async function withOutcomeWriter<T>(
  options: { store: Store; files: number; thread: WriterThreadOption | undefined; signal: AbortSignal | undefined },
  body: (writer: OutcomeWriter) => Promise<T>,
): Promise<T> {
  const { store, thread, signal } = options;
  const writer: OutcomeWriter =
    thread !== undefined && options.files >= WRITER_THREAD_MIN_FILES
      ? StoreWriter.start({ dbPath: store.dbPath, workerUrl: thread.workerUrl, nativeBinding: thread.nativeBinding })
      : new InProcessWriter(store);
  const stop = (): void => {
    if (writer instanceof StoreWriter) void writer.terminate();
  };
  signal?.addEventListener('abort', stop, { once: true });
  try {
    return await body(writer);
  } finally {
    signal?.removeEventListener('abort', stop);
    await writer.close().catch(() => undefined);
  }
}

/** What the written outcomes did, for the summary. */
export interface WriteCounts {
  /** Files parsed and stored. */
  indexed: number;
  /** Files read and found the same (only their size and mtime were refreshed). */
  unchanged: number;
  /** Files stored under their new path (renames). */
  moved: number;
  /** Files recorded as skipped: 'skipped', and 'failed' (a file that could not be stored is recorded as skipped). */
  skipped: number;
  /** The path of every outcome that got a status, in order: the run checks that each file got exactly one. */
  paths: string[];
}

export interface WriteBatchesOptions {
  /** Outcomes collected before they are handed to the writer. */
  batchSize: number;
  /** Called as each batch is handed over. */
  onBatch?: () => void;
  /** A move that could not be stored (it was recorded as skipped): `from` is then still in the index. */
  onFailedMove?: (from: string) => void;
}

export function outcomePath(o: Outcome): string {
  return o.kind === 'digest' ? o.record.path : o.kind === 'removed' ? o.path : o.file.path;
}

/** What counting an outcome's status needs of it: kept instead of the outcome while the writer writes it (the outcome's texts and tokens are large). */
interface Handed {
  path: string;
  /** A move's old path. */
  from: string | null;
}

function handed(o: Outcome): Handed {
  return { path: outcomePath(o), from: o.kind === 'moved' ? o.from : null };
}

/** The writer must answer one status per outcome: statuses matched by position are otherwise wrong, and files would go uncounted. */
function checkStatuses(statuses: readonly ApplyStatus[], batch: readonly Handed[]): void {
  if (statuses.length === batch.length) return;
  const unanswered = batch.slice(statuses.length).map((h) => h.path);
  throw new Error(
    `the index writer answered ${statuses.length} statuses for ${batch.length} files` +
      (unanswered.length > 0 ? `; without one: ${unanswered.slice(0, 20).join(', ')}${unanswered.length > 20 ? ', …' : ''}` : ''),
  );
}

/** Counts one batch's statuses, after checking there is one per outcome. */
function count(statuses: readonly ApplyStatus[], batch: readonly Handed[], counts: WriteCounts, options: WriteBatchesOptions): void {
  checkStatuses(statuses, batch);
  statuses.forEach((status, i) => {
    const o = batch[i]!;
    counts.paths.push(o.path);
    if (status === 'indexed') counts.indexed++;
    else if (status === 'unchanged') counts.unchanged++;
    else if (status === 'moved') counts.moved++;
    else if (status === 'skipped' || status === 'failed') {
      counts.skipped++;
      if (status === 'failed' && o.from !== null) options.onFailedMove?.(o.from);
    }
    // 'removed' is no file's status: left uncounted, the run's accounting check names the file.
  });
}

/** What removing the gone paths did: removed, or still in the index because the removal failed. */
export interface Removals {
  removed: number;
  /** Paths whose removal failed; a later run tries again. */
  failed: string[];
}

/** Removes stored paths that are no longer indexable files; counts each by its own status. */
export async function removeGone(writer: OutcomeWriter, paths: readonly string[]): Promise<Removals> {
  const batch = paths.map((path): Outcome => ({ kind: 'removed', path }));
  const statuses = await writer.apply(batch);
  checkStatuses(statuses, batch.map(handed));
  const failed = paths.filter((_, i) => statuses[i] !== 'removed');
  return { removed: paths.length - failed.length, failed };
}

/**
 * Writes every outcome, in order, and resolves with the counts once all are
 * committed. Rejects when the outcomes reject (nothing more is handed over)
 * or the writer fails as a whole.
 */
export async function writeInBatches(outcomes: AsyncIterable<Outcome>, writer: OutcomeWriter, options: WriteBatchesOptions): Promise<WriteCounts> {
  const counts: WriteCounts = { indexed: 0, unchanged: 0, moved: 0, skipped: 0, paths: [] };
  /** The batch being written while the next one is collected. */
  let writing: Promise<void> = Promise.resolve();
  /** Hands a batch over; waits for the previous one, so that one is written while the next is collected. */
  const flush = async (batch: Outcome[]): Promise<void> => {
    if (batch.length === 0) return;
    options.onBatch?.();
    const previous = writing;
    const facts = batch.map(handed);
    writing = writer.apply(batch).then((statuses) => count(statuses, facts, counts, options));
    writing.catch(() => undefined); // awaited by the next flush or below
    await previous;
  };
  let pending: Outcome[] = [];
  for await (const o of outcomes) {
    pending.push(o);
    if (pending.length >= options.batchSize) {
      const batch = pending;
      pending = [];
      await flush(batch);
    }
  }
  await flush(pending);
  await writing;
  return counts;
}
