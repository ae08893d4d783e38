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
import type { ReindexOptions } from '../service/almanac-service.js';
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

export async function startAutoReindex(options: AutoReindexOptions): Promise<AutoReindex> {
  const { api } = options;
  let watcher: VaultWatcher | null = null;
  let closed = false;
  let running: Promise<void> | null = null;
  /** What the next run must examine: changed paths, or 'all' for the whole vault; null when nothing is waiting. */
  let pending: Set<string> | 'all' | null = null;

  let vaultPoll: NodeJS.Timeout | null = null;

  const runReindex = (scope: readonly string[] | 'all'): void => {
    if (scope === 'all' || pending === 'all') pending = 'all';
    else {
      pending ??= new Set();
      for (const p of scope) pending.add(p);
    }
    if (running) return;
    running = (async () => {
      while (pending !== null && !closed) {
        const next: Set<string> | 'all' = pending;
        pending = null;
        try {
          await api.reindex(next === 'all' ? undefined : { paths: [...next] });
        } catch (err) {
          options.onError?.(asError(err));
        }
      }
      running = null;
      if (closed) return;
      try {
        if ((await api.getStatus()).state === 'missing') waitForVault();
      } catch (err) {
        options.onError?.(asError(err));
      }
    })();
  };

  // A removed vault folder (deleted, renamed away, an unmounted drive) takes the file watches with it: look
  // for the folder's return, then watch it afresh and re-index.
  const waitForVault = (): void => {
    if (vaultPoll || closed) return;
    vaultPoll = setInterval(() => {
      void (async () => {
        const status = await api.getStatus();
        const back = await fsp.stat(status.vaultPath).then(
          (st) => st.isDirectory(),
          () => false,
        );
        if (!back || closed || !vaultPoll) return;
        clearInterval(vaultPoll);
        vaultPoll = null;
        switching = switching.then(watchCurrentVault).catch((err: unknown) => options.onError?.(asError(err)));
        await switching;
        runReindex('all');
      })().catch((err: unknown) => options.onError?.(asError(err)));
    }, options.vaultPollMs ?? 1_000);
  };

  const watchCurrentVault = async (): Promise<void> => {
    const [status, settings] = await Promise.all([api.getStatus(), api.getSettings()]);
    const next = await watchVault({
      vaultPath: status.vaultPath,
      exclude: settings.exclude,
      debounceMs: options.debounceMs,
      maxWaitMs: options.maxWaitMs,
      maxBatchPaths: options.maxBatchPaths,
      onError: (err) => options.onError?.(err),
      onBatch: (batch) => {
        options.onBatch?.(batch);
        runReindex(batch.overflowed ? 'all' : [...batch.changed, ...batch.removed]);
      },
    });
    if (closed) {
      await next.close();
      return;
    }
    const previous = watcher;
    watcher = next;
    await previous?.close();
  };

  let switching: Promise<void> = Promise.resolve();
  await watchCurrentVault();
  api.warmUp?.();

  const unsubscribe = api.onEvent((event) => {
    if (event.type !== 'vault-changed' || closed || !watcher) return;
    if (path.resolve(event.status.vaultPath) === watcher.vaultPath) return;
    switching = switching.then(watchCurrentVault).catch((err: unknown) => options.onError?.(asError(err)));
  });

  return {
    get vaultPath() {
      return watcher?.vaultPath ?? '';
    },
    idle: async () => {
      await switching;
      while (running) await running;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      if (vaultPoll) clearInterval(vaultPoll);
      vaultPoll = null;
      unsubscribe();
      await switching;
      await watcher?.close();
      while (running) await running;
    },
  };
}
