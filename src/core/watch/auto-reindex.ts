/**
 * Keeps the index of the open vault current: watches the vault and runs the
 * service's incremental reindex after each batch of changes. Used by the
 * desktop main process and by `almanac serve`; the service's own events
 * ('index-progress', 'index-finished', 'vault-changed') carry the result to
 * the UI over IPC or SSE.
 *
 * Each run examines only the paths of the batches that arrived since the last
 * one (a targeted reindex: an edit is searchable without re-scanning the
 * vault); an overflowed batch or a vault folder that came back runs the whole
 * reindex. Reindex runs never overlap: changes that arrive during a run
 * trigger exactly one more run after it, with their paths merged. When the
 * service switches to another vault ('vault-changed' with a new path), the
 * watcher follows.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { AlmanacApi, IndexSummary } from '../../shared/api.js';
import { IndexRunQueue, type RunPaths } from '../service/index-runs.js';
import type { ReindexOptions } from '../service/options.js';
import { watchVault, type VaultWatcher, type WatchBatch } from './watcher.js';

export interface AutoReindexOptions {
  /** The service; its reindex gets the changed paths (an AlmanacApi client that ignores them re-scans everything). */
  api: Pick<AlmanacApi, 'getStatus' | 'getSettings' | 'onEvent'> & {
    reindex(options?: ReindexOptions): Promise<IndexSummary>;
    /** Called once watching has started: get ready to index the first change quickly (AlmanacService.warmUp). */
    warmUp?(): void;
  };
  /** Told about every batch (for logs). */
  onBatch?: (batch: WatchBatch) => void;
  /** Watcher and reindex failures; the watcher keeps running. */
  onError?: (error: Error) => void;
  debounceMs?: number;
  maxWaitMs?: number;
  /** Paths in one batch above which the whole vault is re-indexed (see watchVault). */
  maxBatchPaths?: number;
  /** While the vault folder is missing, how often to look for its return. Default 1,000 ms. */
  vaultPollMs?: number;
}

export interface AutoReindex {
  /** The folder being watched now. */
  readonly vaultPath: string;
  /** Resolves when no reindex is running or queued (tests, shutdown). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

/**
 * The state of one startAutoReindex: the watcher of the current vault, the
 * reindex runs it asks for (one at a time, through an IndexRunQueue, since the
 * api may be a client without a queue of its own), and the poll for a vault
 * folder that went missing.
 */
class VaultFollower {
  watcher: VaultWatcher | null = null;
  closed = false;
  /** Watcher replacements, one after another (a vault switch, a vault folder back). */
  private switching: Promise<void> = Promise.resolve();
  private vaultPoll: NodeJS.Timeout | null = null;
  private readonly runs: IndexRunQueue<void>;

  constructor(private readonly options: AutoReindexOptions) {
    this.runs = new IndexRunQueue(
      (paths) => this.reindex(paths),
      () => void this.checkVault(),
    );
  }

  /** Asks for a reindex of these paths, or of the whole vault ('all'). */
  schedule(scope: readonly string[] | 'all'): void {
    void this.runs.request(scope === 'all' ? undefined : scope);
  }

  /** Watches the service's vault; a failure here is the caller's (startAutoReindex rejects). */
  start(): Promise<void> {
    return this.watchCurrentVault();
  }

  /** Replaces the watcher with one on the service's current vault, after any replacement already under way. */
  rewatch(): Promise<void> {
    this.switching = this.switching.then(() => this.watchCurrentVault()).catch((err: unknown) => this.options.onError?.(asError(err)));
    return this.switching;
  }

  async idle(): Promise<void> {
    await this.switching;
    await this.runs.idle();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.vaultPoll) clearInterval(this.vaultPoll);
    this.vaultPoll = null;
    await this.switching;
    await this.watcher?.close();
    await this.runs.idle();
  }

  /** One run; its failure is reported, not thrown, so that it is reported once. */
  private async reindex(paths: RunPaths): Promise<void> {
    if (this.closed) return;
    try {
      await this.options.api.reindex(paths === undefined ? undefined : { paths: [...paths] });
    } catch (err) {
      this.options.onError?.(asError(err));
    }
  }

  /** After the runs: a vault folder found missing is waited for. */
  private async checkVault(): Promise<void> {
    if (this.closed) return;
    try {
      if ((await this.options.api.getStatus()).state === 'missing') this.waitForVault();
    } catch (err) {
      this.options.onError?.(asError(err));
    }
  }

  // A removed vault folder (deleted, renamed away, an unmounted drive) takes the file watches with it: look
  // for the folder's return, then watch it afresh and re-index.
  private waitForVault(): void {
    if (this.vaultPoll || this.closed) return;
    this.vaultPoll = setInterval(() => {
      void this.pollVault().catch((err: unknown) => this.options.onError?.(asError(err)));
    }, this.options.vaultPollMs ?? 1_000);
  }

  private async pollVault(): Promise<void> {
    const status = await this.options.api.getStatus();
    const back = await fsp.stat(status.vaultPath).then(
      (st) => st.isDirectory(),
      () => false,
    );
    if (!back || this.closed || !this.vaultPoll) return;
    clearInterval(this.vaultPoll);
    this.vaultPoll = null;
    await this.rewatch();
    this.schedule('all');
  }

  private async watchCurrentVault(): Promise<void> {
    const { api, onBatch, onError } = this.options;
    const [status, settings] = await Promise.all([api.getStatus(), api.getSettings()]);
    const next = await watchVault({
      vaultPath: status.vaultPath,
      exclude: settings.exclude,
      debounceMs: this.options.debounceMs,
      maxWaitMs: this.options.maxWaitMs,
      maxBatchPaths: this.options.maxBatchPaths,
      onError: (err) => onError?.(err),
      onBatch: (batch) => {
        onBatch?.(batch);
        this.schedule(batch.overflowed ? 'all' : [...batch.changed, ...batch.removed]);
      },
    });
    if (this.closed) {
      await next.close();
      return;
    }
    const previous = this.watcher;
    this.watcher = next;
    await previous?.close();
  }
}

export async function startAutoReindex(options: AutoReindexOptions): Promise<AutoReindex> {
  const { api } = options;
  const follower = new VaultFollower(options);
  await follower.start();
  api.warmUp?.();

  const unsubscribe = api.onEvent((event) => {
    const { watcher } = follower;
    if (event.type !== 'vault-changed' || follower.closed || !watcher) return;
    if (path.resolve(event.status.vaultPath) === watcher.vaultPath) return;
    void follower.rewatch();
  });

  return {
    get vaultPath() {
      return follower.watcher?.vaultPath ?? '';
    },
    idle: () => follower.idle(),
    close: async () => {
      if (follower.closed) return;
      unsubscribe();
      await follower.close();
    },
  };
}
