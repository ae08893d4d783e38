/**
 * The write stage of an index run: outcomes, arriving in scan order, are
 * handed to an OutcomeWriter in batches, one batch being written while the
 * next is collected, and the writer's statuses are counted for the summary.
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
  /** Files whose content was the same (touched), or that moved. */
  unchanged: number;
}

export interface WriteBatchesOptions {
  /** Outcomes collected before they are handed to the writer. */
  batchSize: number;
  /** Called as each batch is handed over. */
  onBatch?: () => void;
  /** A move that could not be stored (it was recorded as skipped): `from` is then still in the index. */
  onFailedMove?: (from: string) => void;
}

/**
 * Counts one batch's statuses. Skipped files ('skipped', and 'failed', which
 * is recorded as a skipped file) are not counted here: the summary lists the
 * store's skipped files.
 */
function count(statuses: readonly ApplyStatus[], batch: readonly Outcome[], counts: WriteCounts, options: WriteBatchesOptions): void {
  statuses.forEach((status, i) => {
    if (status === 'indexed') counts.indexed++;
    else if (status === 'unchanged' || status === 'moved') counts.unchanged++;
    else if (status === 'failed') {
      const o = batch[i]!;
      if (o.kind === 'moved') options.onFailedMove?.(o.from);
    }
  });
}

/**
 * Writes every outcome, in order, and resolves with the counts once all are
 * committed. Rejects when the outcomes reject (nothing more is handed over)
 * or the writer fails as a whole.
 */
export async function writeInBatches(outcomes: AsyncIterable<Outcome>, writer: OutcomeWriter, options: WriteBatchesOptions): Promise<WriteCounts> {
  const counts: WriteCounts = { indexed: 0, unchanged: 0 };
  /** The batch being written while the next one is collected. */
  let writing: Promise<void> = Promise.resolve();
  /** Hands a batch over; waits for the previous one, so that one is written while the next is collected. */
  const flush = async (batch: Outcome[]): Promise<void> => {
    if (batch.length === 0) return;
    options.onBatch?.();
    const previous = writing;
    writing = writer.apply(batch).then((statuses) => count(statuses, batch, counts, options));
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
