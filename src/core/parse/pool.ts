/**
 * A pool of parse worker threads with a time and memory budget per file.
 *
 * remark/micromark can take minutes (deeply nested lists), blow the stack
 * (thousands of nested `>`) or exhaust the heap (a flat list of 400k items) on
 * hostile input. Each file therefore parses in a long-lived worker thread with
 * V8 resource limits; a file that runs over the time budget (the worker is
 * terminated and later replaced), crashes its worker (out of memory, stack
 * overflow) or makes the parser throw resolves with the plain-text fallback
 * (`plainTextDigest`) and a warning that says why. `parse()` never rejects
 * because of a file's content and never hangs; it rejects only when the pool
 * is closed, destroyed or its worker script cannot start.
 *
 * Strings are structured-cloned to the worker (a plain copy; they cannot be
 * transferred, and encoding them into a transferable buffer costs more than
 * the copy). Workers start lazily, on the first parse (or warm()), up to
 * `size`, and stay alive between files. The parser module itself (gray-matter,
 * remark, markdown-it: slow to load) is loaded in this thread only when
 * needed - by a size-0 pool, or for a plain-text fallback - so that a process
 * that opens an up-to-date index (the CLI answering a search) never pays it.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ParseOptions, ParsedDigest } from '../types.js';
import type * as ParseModule from './parse.js';
import { isStackOverflow, type ParseFailureKind, type ParseRequest, type WorkerMessage } from './pool-protocol.js';

export interface ParsePoolOptions {
  /** The bundled worker script, out/node/parse-worker.js (built from worker.ts). */
  workerUrl: URL | string;
  /**
   * Number of worker threads. Default `os.availableParallelism()`.
   * 0 parses in the calling thread: no worker start-up cost, but no time or
   * memory budget either (a hostile file can hang or crash the process), so
   * use it only for small trusted jobs that ask for it explicitly.
   */
  size?: number;
  /** Wall-clock budget per file in ms, counted from when its worker starts on it. Default 10 000. */
  timeBudgetMs?: number;
  /** Old-generation heap limit per worker in MB. Default 512. */
  memoryBudgetMb?: number;
  /** Passed to parseDigest for every file. */
  parseOptions?: ParseOptions;
}

export const DEFAULT_TIME_BUDGET_MS = 10_000;
export const DEFAULT_MEMORY_BUDGET_MB = 512;
/**
 * Most young generation of a worker thread (a parse worker, the index
 * writer), in MB. Both allocate mostly short-lived objects, which a small
 * young generation collects about as cheaply as a large one, while a large
 * one, once grown, stays committed in the process's RSS for as long as the
 * thread lives.
 */
export const WORKER_YOUNG_GENERATION_MB = 16;
/** V8 stack of each worker; deeper input overflows and falls back to plain text. */
const WORKER_STACK_MB = 4;
/** A worker that has not loaded the parser by then counts as broken, not slow. */
const STARTUP_TIMEOUT_MS = 60_000;

type ParserModule = typeof ParseModule;

interface Job {
  id: number;
  text: string;
  path: string;
  options: ParseOptions | undefined;
  resolve: (digest: ParsedDigest | Promise<ParsedDigest>) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** Removed from the pool (terminated, crashed or exited): late events are ignored. */
  gone: boolean;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

function formatDuration(ms: number): string {
  return ms >= 1000 ? `${Number((ms / 1000).toFixed(1))} s` : `${ms} ms`;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function failureReason(kind: ParseFailureKind, message: string): string {
  return kind === 'stack-overflow'
    ? 'parse nested too deeply (stack overflow); indexed as plain text'
    : `parse failed (${message}); indexed as plain text`;
}

function checkCount(name: string, value: number | undefined, min: number): void {
  if (value !== undefined && (!Number.isInteger(value) || value < min)) {
    throw new Error(`ParsePool: ${name} must be an integer >= ${min}, got ${String(value)}`);
  }
}

export class ParsePool {
  readonly size: number;
  readonly timeBudgetMs: number;
  readonly memoryBudgetMb: number;
  private readonly workerUrl: URL | string;
  private readonly parseOptions: ParseOptions | undefined;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private pending = 0;
  private closed = false;
  private startupError: Error | null = null;
  /** Some worker has loaded the parser, so a later start-up failure is not the script's fault. */
  private everReady = false;
  private drained: (() => void) | null = null;
  private parser: Promise<ParserModule> | null = null;

  constructor(options: ParsePoolOptions) {
    checkCount('size', options.size, 0);
    checkCount('timeBudgetMs', options.timeBudgetMs, 1);
    checkCount('memoryBudgetMb', options.memoryBudgetMb, 16);
    this.workerUrl = options.workerUrl;
    this.size = options.size ?? Math.max(1, os.availableParallelism());
    this.timeBudgetMs = options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS;
    this.memoryBudgetMb = options.memoryBudgetMb ?? DEFAULT_MEMORY_BUDGET_MB;
    this.parseOptions = options.parseOptions;
  }

  /** Parses one file; resolves with the plain-text fallback when the parse fails or runs over budget. */
  parse(text: string, path: string, options?: ParseOptions): Promise<ParsedDigest> {
    if (this.closed) return Promise.reject(new Error(`ParsePool is closed (cannot parse ${path})`));
    if (this.startupError) return Promise.reject(this.startupError);
    // The run's options (a vault's inline tags) over the pool's (engine, budgets).
    const merged = options === undefined ? this.parseOptions : { ...this.parseOptions, ...options };
    if (this.size === 0) return this.parserModule().then((parser) => this.parseInProcess(parser, text, path, merged));
    return new Promise<ParsedDigest>((resolve, reject) => {
      this.pending++;
      this.queue.push({ id: this.nextId++, text, path, options: merged, resolve, reject });
      this.pump();
    });
  }

  /**
   * Starts one worker now if none is alive, so that the next parse does not
   * wait for a worker to load the parser (a process that watches the vault
   * calls this once it is idle). No effect on a size-0 or closed pool.
   */
  warm(): void {
    if (this.closed || this.size === 0 || this.startupError || this.slots.length > 0) return;
    try {
      const slot = this.spawn();
      slot.worker.unref();
    } catch (err) {
      this.failStartup(null, err instanceof Error ? err : new Error(String(err)));
    }
  }

  /** Worker threads currently alive (started lazily, at most `size`). */
  get liveWorkers(): number {
    return this.slots.length;
  }

  /** Lets queued and running parses finish, then stops the workers. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.pending > 0) await new Promise<void>((resolve) => (this.drained = resolve));
    await this.terminateAll();
  }

  /** Stops the workers now; queued and running parses reject. */
  async destroy(): Promise<void> {
    this.closed = true;
    const err = new Error('ParsePool was destroyed before the parse finished');
    for (const job of this.queue.splice(0)) this.settle(() => job.reject(err));
    for (const slot of this.slots) {
      const job = slot.job;
      slot.job = null;
      if (job) this.settle(() => job.reject(err));
    }
    await this.terminateAll();
  }

  private parserModule(): Promise<ParserModule> {
    this.parser ??= import('./parse.js');
    return this.parser;
  }

  private parseInProcess(parser: ParserModule, text: string, path: string, options: ParseOptions | undefined): ParsedDigest {
    try {
      return parser.parseDigest(text, path, options);
    } catch (err) {
      const kind: ParseFailureKind = isStackOverflow(err) ? 'stack-overflow' : 'error';
      return parser.plainTextDigest(text, path, failureReason(kind, errorMessage(err)));
    }
  }

  /** The plain-text digest of a job whose worker failed it (loads the parser module here on first use). */
  private fallback(job: Job, reason: string): Promise<ParsedDigest> {
    return this.parserModule().then((parser) => parser.plainTextDigest(job.text, job.path, reason));
  }

  private async terminateAll(): Promise<void> {
    const slots = this.slots.splice(0);
    await Promise.all(
      slots.map((slot) => {
        slot.gone = true;
        this.clearTimer(slot);
        return slot.worker.terminate();
      }),
    );
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.job === null);
      if (!slot) {
        if (this.slots.length >= this.size) return;
        try {
          slot = this.spawn();
        } catch (err) {
          this.failStartup(null, err instanceof Error ? err : new Error(String(err)));
          return;
        }
      }
      const job = this.queue.shift() as Job;
      slot.job = job;
      slot.worker.ref();
      const request: ParseRequest = { id: job.id, text: job.text, path: job.path, options: job.options };
      slot.worker.postMessage(request);
      if (slot.ready) this.startBudget(slot, this.timeBudgetMs);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(this.workerUrl, {
      resourceLimits: {
        maxOldGenerationSizeMb: this.memoryBudgetMb,
        maxYoungGenerationSizeMb: Math.max(4, Math.min(WORKER_YOUNG_GENERATION_MB, Math.floor(this.memoryBudgetMb / 8))),
        stackSizeMb: WORKER_STACK_MB,
      },
    });
    const slot: Slot = { worker, ready: false, gone: false, job: null, timer: null };
    this.slots.push(slot);
    this.startBudget(slot, STARTUP_TIMEOUT_MS);
    worker.on('message', (msg: WorkerMessage) => this.onMessage(slot, msg));
    worker.on('error', (err: Error) => this.onCrash(slot, err));
    // A reply that cannot be deserialised would otherwise leave its job waiting for ever.
    worker.on('messageerror', (err: Error) => this.onCrash(slot, err));
    worker.on('exit', (code: number) => this.onCrash(slot, new Error(`parse worker exited with code ${code}`)));
    return slot;
  }

  private startBudget(slot: Slot, ms: number): void {
    this.clearTimer(slot);
    slot.timer = setTimeout(() => this.onTimeout(slot), ms);
  }

  private clearTimer(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
  }

  private onMessage(slot: Slot, msg: WorkerMessage): void {
    if (slot.gone) return;
    if (msg.type === 'ready') {
      slot.ready = true;
      this.everReady = true;
      this.clearTimer(slot);
      if (slot.job) this.startBudget(slot, this.timeBudgetMs);
      else slot.worker.unref();
      return;
    }
    const job = slot.job;
    if (!job || job.id !== msg.id) return;
    this.clearTimer(slot);
    slot.job = null;
    slot.worker.unref();
    const digest = msg.type === 'result' ? msg.digest : this.fallback(job, failureReason(msg.kind, msg.message));
    this.settle(() => job.resolve(digest));
    this.pump();
  }

  private onTimeout(slot: Slot): void {
    if (slot.gone) return;
    if (!slot.ready && !this.everReady) {
      this.failStartup(slot, new Error(`did not start within ${formatDuration(STARTUP_TIMEOUT_MS)}`));
      return;
    }
    const job = slot.job;
    this.removeSlot(slot);
    if (job) {
      const reason = `parse took longer than ${formatDuration(this.timeBudgetMs)}; indexed as plain text`;
      this.settle(() => job.resolve(this.fallback(job, reason)));
    }
    this.pump();
  }

  private onCrash(slot: Slot, err: Error): void {
    if (slot.gone) return;
    if (!slot.ready && !this.everReady) {
      this.failStartup(slot, err);
      return;
    }
    const job = slot.job;
    this.removeSlot(slot);
    if (job) {
      const code = (err as NodeJS.ErrnoException).code;
      const reason =
        code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `parse ran out of memory (over ${this.memoryBudgetMb} MB); indexed as plain text`
          : isStackOverflow(err)
            ? failureReason('stack-overflow', err.message)
            : `parse worker crashed (${err.message}); indexed as plain text`;
      this.settle(() => job.resolve(this.fallback(job, reason)));
    }
    this.pump();
  }

  /** The worker script itself is broken: every queued parse would fail the same way. */
  private failStartup(slot: Slot | null, cause: Error): void {
    this.startupError = new Error(`parse worker ${String(this.workerUrl)} failed to start: ${cause.message}`, {
      cause,
    });
    const jobs = [...(slot?.job ? [slot.job] : []), ...this.queue.splice(0)];
    if (slot) this.removeSlot(slot);
    for (const job of jobs) this.settle(() => job.reject(this.startupError as Error));
  }

  private removeSlot(slot: Slot): void {
    slot.gone = true;
    slot.job = null;
    this.clearTimer(slot);
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    void slot.worker.terminate();
  }

  private settle(finish: () => void): void {
    this.pending--;
    finish();
    if (this.pending === 0 && this.drained) {
      const drained = this.drained;
      this.drained = null;
      drained();
    }
  }
}
