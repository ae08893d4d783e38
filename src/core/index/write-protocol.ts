/** Messages between StoreWriter (main thread) and the writer thread (write-worker.ts). */
import { errorText, type ApplyStatus, type Outcome } from './outcome.js';

/** The worker's workerData. */
export interface WriterConfig {
  dbPath: string;
  nativeBinding?: string;
  busyTimeoutMs?: number;
  maxTransactionFiles: number;
  maxTransactionMs: number;
}

/**
 * A batch arrives in chunks (cloning a whole batch at once would hold the main
 * thread for tens of milliseconds); the last one has `last` set, and then the
 * batch is written and answered.
 */
export type WriterRequest = { type: 'apply'; id: number; outcomes: readonly Outcome[]; last: boolean } | { type: 'close' };

/** A failure of the writer as a whole; `code` is SQLite's (SQLITE_BUSY...) when there is one. */
export interface WriterFailure {
  message: string;
  code?: string;
}

/** `the index <dbPath> <doing> (<reason>)`, with SQLite's code when the error has one. */
export function failureOf(dbPath: string, doing: string, err: unknown): WriterFailure {
  const code = (err as { code?: unknown } | null)?.code;
  return { message: `the index ${dbPath} ${doing} (${errorText(err)})`, ...(typeof code === 'string' ? { code } : {}) };
}

export type WriterReply =
  /** The connection is open: batches can be written. */
  | { type: 'ready' }
  | { type: 'applied'; id: number; statuses: ApplyStatus[] }
  | { type: 'failed'; id: number; failure: WriterFailure }
  /** The database could not be opened: every batch fails with this. */
  | { type: 'unusable'; failure: WriterFailure }
  /** The connection is closed (failure: closing it went wrong; writes were committed before). */
  | { type: 'closed'; failure?: WriterFailure };
