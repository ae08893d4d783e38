/**
 * Writers of the indexer's outcomes (outcome.ts), in order, with one status
 * per outcome:
 *
 * - StoreWriter: a writer thread (write-worker.ts) with its own connection to
 *   the index. Its large transactions block nobody: the main thread, which
 *   also serves the UI, keeps reading and searching through its own
 *   connection (WAL) and sees each committed transaction whole. For runs that
 *   write many files.
 * - InProcessWriter: writes through the caller's Store on the main thread, in
 *   short transactions with the event loop let run in between. For small runs
 *   (a few edited files), where starting a thread costs more than it saves.
 *
 * Both write the same rows (applyOutcome). After a transaction fails as a
 * whole (disk full, SQLITE_BUSY beyond busy_timeout...), every later apply()
 * rejects with the same error instead of writing out of order.
 */
import { Worker } from 'node:worker_threads';
import { WORKER_YOUNG_GENERATION_MB } from '../parse/pool.js';
import type { Store } from '../store/store.js';
import { applyTransaction, errorText, type ApplyStatus, type Outcome, type TransactionLimits } from './outcome.js';
import { nextTurn } from './next-turn.js';
import { failureOf, type WriterConfig, type WriterFailure, type WriterReply, type WriterRequest } from './write-protocol.js';

export type { ApplyStatus, Outcome } from './outcome.js';

export interface OutcomeWriter {
  /**
   * Writes the outcomes after those of earlier calls (calls may overlap);
   * resolves with one status per outcome, in order, once they are committed.
   */
  apply(outcomes: readonly Outcome[]): Promise<ApplyStatus[]>;
  /** Waits for the pending writes, then releases the writer (not the caller's Store). */
  close(): Promise<void>;
}

/** The writer thread blocks nobody: large transactions mean fewer commits and fewer FTS segments. */
export const WORKER_TRANSACTION_LIMITS: TransactionLimits = { maxFiles: 200, maxMs: 250 };
/** On the main thread a transaction (and its commit) delays the UI: keep them short. */
export const IN_PROCESS_TRANSACTION_LIMITS: TransactionLimits = { maxFiles: 200, maxMs: 25 };

/** The writer or its database failed as a whole; `code` is SQLite's (e.g. SQLITE_BUSY) when there is one. */
export class StoreWriteError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'StoreWriteError';
  }
}

function errorOf(failure: WriterFailure, cause?: unknown): StoreWriteError {
  return new StoreWriteError(failure.message, failure.code, cause === undefined ? undefined : { cause });
}

export interface StoreWriterOptions {
  /** The index database; the main thread keeps its own connection to it. */
  dbPath: string;
  /** The bundled writer thread, out/node/store-writer.js (built from write-worker.ts). */
  workerUrl: URL | string;
  /** better-sqlite3's native binary (Electron's ABI), loaded by the writer thread too. */
  nativeBinding?: string;
  /** Milliseconds the writer waits for a lock held by another connection. Default: the Store's (5000). */
  busyTimeoutMs?: number;
  limits?: Partial<TransactionLimits>;
}

interface Waiter {
  resolve: (statuses: ApplyStatus[]) => void;
  reject: (err: Error) => void;
}

/**
 * Cloning for postMessage costs the main thread time in proportion to the
 * bytes of the outcome (docs/PERFORMANCE.md, "Writer thread and FTS5
 * segments"), so a batch goes
 * over in chunks of about CHUNK_FILE_BYTES of files (their texts are sent
 * about three times: body, section texts, packed bytes). The packed bytes are
 * copied, not transferred: transferring a hundred small buffers cost more.
 */
const CHUNK_FILE_BYTES = 256 * 1024;
const CHUNK_OUTCOMES = 64;

function chunksOf(outcomes: readonly Outcome[]): Outcome[][] {
  const chunks: Outcome[][] = [];
  let chunk: Outcome[] = [];
  let bytes = 0;
  for (const o of outcomes) {
    const size = o.kind === 'digest' ? o.record.size : 0;
    if (chunk.length > 0 && (bytes + size > CHUNK_FILE_BYTES || chunk.length >= CHUNK_OUTCOMES)) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(o);
    bytes += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

export class StoreWriter implements OutcomeWriter {
  private readonly waiting = new Map<number, Waiter>();
  private nextId = 1;
  /** Set once the writer cannot write any more: later batches reject with it. */
  private failure: StoreWriteError | null = null;
  private closeRequested = false;
  private closeFailure: StoreWriteError | null = null;
  /** Batches are handed to the writer one after the other, chunk by chunk. */
  private posting: Promise<void> = Promise.resolve();
  private readonly opened: Promise<void>;
  private readonly exited: Promise<void>;

  private constructor(
    private readonly worker: Worker,
    readonly dbPath: string,
  ) {
    let opened!: { resolve: () => void; reject: (err: Error) => void };
    this.opened = new Promise<void>((resolve, reject) => (opened = { resolve, reject }));
    this.opened.catch(() => undefined); // reported through ready() and apply()
    this.exited = new Promise<void>((resolve) =>
      worker.once('exit', (code: number) => {
        const closed = this.closeRequested && code === 0;
        this.fail(new StoreWriteError(`the index writer for ${dbPath} ${closed ? 'is closed' : `stopped unexpectedly (exit code ${code})`}`));
        opened.reject(this.failure!);
        resolve();
      }),
    );
    worker.on('message', (reply: WriterReply) => {
      if (reply.type === 'ready') opened.resolve();
      else if (reply.type === 'unusable') {
        this.fail(errorOf(reply.failure));
        opened.reject(this.failure!);
      } else this.onReply(reply);
    });
    worker.on('error', (err: Error) => this.fail(new StoreWriteError(`the index writer for ${dbPath} crashed (${err.message})`, undefined, { cause: err })));
    // A reply that cannot be deserialised would otherwise leave its batch waiting for ever.
    worker.on('messageerror', (err: Error) => {
      this.fail(new StoreWriteError(`the index writer for ${dbPath} sent an unreadable reply (${err.message})`, undefined, { cause: err }));
      void worker.terminate();
    });
  }

  /** Starts the writer thread; it opens its connection meanwhile (see ready()). */
  static start(options: StoreWriterOptions): StoreWriter {
    const config: WriterConfig = {
      dbPath: options.dbPath,
      ...(options.nativeBinding !== undefined ? { nativeBinding: options.nativeBinding } : {}),
      ...(options.busyTimeoutMs !== undefined ? { busyTimeoutMs: options.busyTimeoutMs } : {}),
      maxTransactionFiles: options.limits?.maxFiles ?? WORKER_TRANSACTION_LIMITS.maxFiles,
      maxTransactionMs: options.limits?.maxMs ?? WORKER_TRANSACTION_LIMITS.maxMs,
    };
    const limits = { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB };
    return new StoreWriter(new Worker(options.workerUrl, { workerData: config, resourceLimits: limits }), options.dbPath);
  }

  /** Resolves once the writer's connection is open; rejects (naming the database) when it cannot be. */
  ready(): Promise<void> {
    return this.opened;
  }

  apply(outcomes: readonly Outcome[]): Promise<ApplyStatus[]> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closeRequested) return Promise.reject(new StoreWriteError(`the index writer for ${this.dbPath} is closed`));
    if (outcomes.length === 0) return Promise.resolve([]);
    const id = this.nextId++;
    const written = new Promise<ApplyStatus[]>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    this.posting = this.posting.then(() => this.post(id, outcomes));
    return written;
  }

  async close(): Promise<void> {
    if (!this.closeRequested) {
      this.closeRequested = true;
      await this.posting;
      const request: WriterRequest = { type: 'close' };
      this.worker.postMessage(request); // after the pending batches: the writer handles requests in order
    }
    await this.exited;
    if (this.closeFailure) throw this.closeFailure;
  }

  /**
   * Stops the writer at once (a cancelled run): the transaction in progress
   * is rolled back, pending and later batches reject. Batches already
   * answered stay committed.
   */
  async terminate(): Promise<void> {
    this.closeRequested = true;
    this.fail(new StoreWriteError(`the index writer for ${this.dbPath} was stopped`));
    await this.worker.terminate();
    await this.exited;
  }

  /** Hands a batch over in chunks, letting the event loop run between them (see chunksOf). */
  private async post(id: number, outcomes: readonly Outcome[]): Promise<void> {
    const chunks = chunksOf(outcomes);
    for (let i = 0; i < chunks.length; i++) {
      if (!this.waiting.has(id)) return; // failed meanwhile (fail() rejected it)
      if (i > 0) await nextTurn();
      const chunk = chunks[i]!;
      const request: WriterRequest = { type: 'apply', id, outcomes: chunk, last: i === chunks.length - 1 };
      try {
        this.worker.postMessage(request);
      } catch (err) {
        // Never reached the writer: later batches must not be written without it.
        this.fail(
          new StoreWriteError(`could not hand ${outcomes.length} files to the index writer for ${this.dbPath} (${errorText(err)})`, undefined, {
            cause: err,
          }),
        );
        return;
      }
    }
  }

  private onReply(reply: Exclude<WriterReply, { type: 'ready' } | { type: 'unusable' }>): void {
    if (reply.type === 'closed') {
      if (reply.failure) this.closeFailure = errorOf(reply.failure);
      return;
    }
    const waiter = this.waiting.get(reply.id);
    this.waiting.delete(reply.id);
    if (reply.type === 'applied') waiter?.resolve(reply.statuses);
    else {
      const err = errorOf(reply.failure);
      this.failure ??= err;
      waiter?.reject(err);
    }
  }

  /** The writer cannot go on: pending and later batches reject with `err` (the first failure wins). */
  private fail(err: StoreWriteError): void {
    this.failure ??= err;
    for (const waiter of this.waiting.values()) waiter.reject(this.failure);
    this.waiting.clear();
  }
}

/** Writes outcomes through the caller's Store on this thread, letting the event loop run between transactions. */
export class InProcessWriter implements OutcomeWriter {
  private queue: Promise<unknown> = Promise.resolve();
  private failure: Error | null = null;
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly limits: TransactionLimits = IN_PROCESS_TRANSACTION_LIMITS,
  ) {}

  apply(outcomes: readonly Outcome[]): Promise<ApplyStatus[]> {
    if (this.closed) return Promise.reject(new StoreWriteError(`the index writer for ${this.store.dbPath} is closed`));
    const run = this.queue.then(() => this.write(outcomes));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.queue;
  }

  private async write(outcomes: readonly Outcome[]): Promise<ApplyStatus[]> {
    const statuses: ApplyStatus[] = [];
    while (statuses.length < outcomes.length) {
      if (this.failure) throw this.failure;
      if (statuses.length > 0) await nextTurn();
      try {
        statuses.push(...applyTransaction(this.store, outcomes, statuses.length, this.limits));
      } catch (err) {
        this.failure = errorOf(failureOf(this.store.dbPath, 'could not be written', err), err);
        throw this.failure;
      }
    }
    return statuses;
  }
}
