/**
 * Watches a vault for Markdown changes and reports them in debounced batches.
 *
 * - Only what the scanner would index is watched: names starting with "." and
 *   node_modules folders are ignored, as are files that are not Markdown and
 *   paths matched by the user's exclude list (same matcher as the scan).
 * - No initial events (`ignoreInitial`): the caller indexes once at startup.
 * - Only Markdown file events count (chokidar reports each file of a removed
 *   or moved folder as its own unlink/add).
 * - A batch is emitted `debounceMs` after the last event, but never later than
 *   `maxWaitMs` after the first event of the batch, so a steady trickle of
 *   writes still gets indexed. A burst (a git pull touching 1,000 files) is one
 *   batch. Renames arrive as remove + add and land in the same batch.
 * - A batch with more than `maxBatchPaths` paths, or during which the watcher
 *   reported an error (events may have been lost), is marked `overflowed`: the
 *   caller should re-scan the whole vault rather than trust the lists.
 * - Read-only: chokidar only stats and watches; nothing in the vault is touched.
 */
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { Stats } from 'node:fs';
import { createExcludeMatcher } from '../vault/exclude.js';
import { isMarkdownPath } from '../vault/paths.js';

export interface WatchBatch {
  /** Vault-relative POSIX paths created or modified, sorted. */
  changed: string[];
  /** Vault-relative POSIX paths deleted (or renamed away), sorted. */
  removed: string[];
  /** The lists may be incomplete or too long to examine one by one: re-scan the whole vault. */
  overflowed: boolean;
}

export interface VaultWatcherOptions {
  vaultPath: string;
  exclude?: readonly string[];
  onBatch: (batch: WatchBatch) => void;
  onError?: (error: Error) => void;
  /** Quiet time after the last event before a batch is emitted. Default 300 ms. */
  debounceMs?: number;
  /** Longest time a batch waits after its first event. Default 2,000 ms. */
  maxWaitMs?: number;
  /** Use polling (network drives, some containers). Default false. */
  usePolling?: boolean;
  /** Paths in one batch above which it counts as overflowed. Default 1,000. */
  maxBatchPaths?: number;
}

/**
 * Above this many paths a targeted reindex costs about as much as a re-scan
 * (each path is stat'ed and looked up on its own), so the batch asks for one.
 */
export const DEFAULT_MAX_BATCH_PATHS = 1_000;

export interface VaultWatcher {
  readonly vaultPath: string;
  /** Stops watching; a pending batch is dropped. Idempotent. */
  close(): Promise<void>;
}

/** The predicate chokidar's `ignored` gets: true for anything the scan would never index. */
export function createWatchFilter(vaultPath: string, exclude: readonly string[] = []): (p: string, stats?: Stats) => boolean {
  const excluded = createExcludeMatcher(exclude);
  return (p: string, stats?: Stats): boolean => {
    const rel = path.relative(vaultPath, p);
    if (rel === '') return false;
    if (rel.startsWith('..') || path.isAbsolute(rel)) return true;
    const posix = rel.split(path.sep).join('/');
    const segments = posix.split('/');
    if (segments.some((s) => s.startsWith('.') || s === 'node_modules')) return true;
    if (excluded(posix)) return true;
    // chokidar asks once without stats; only a known file can be judged by its extension.
    if (stats?.isFile() && !isMarkdownPath(posix)) return true;
    return false;
  };
}

/** Collects events and flushes them as one batch (pure timing logic, tested on its own). */
export class BatchCollector {
  private readonly changed = new Set<string>();
  private readonly removed = new Set<string>();
  private overflowed = false;
  private quietTimer: ReturnType<typeof setTimeout> | null = null;
  private maxTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly flush: (batch: WatchBatch) => void,
    private readonly debounceMs = 300,
    private readonly maxWaitMs = 2_000,
    private readonly maxBatchPaths = DEFAULT_MAX_BATCH_PATHS,
  ) {}

  /** Events may have been lost (a watcher error): the next batch asks for a whole re-scan. */
  markOverflowed(): void {
    this.overflowed = true;
    this.schedule();
  }

  add(kind: 'changed' | 'removed', vaultPath: string): void {
    if (kind === 'changed') {
      this.removed.delete(vaultPath);
      this.changed.add(vaultPath);
    } else {
      this.changed.delete(vaultPath);
      this.removed.add(vaultPath);
    }
    if (this.pending > this.maxBatchPaths) this.overflowed = true;
    this.schedule();
  }

  private schedule(): void {
    if (this.quietTimer) clearTimeout(this.quietTimer);
    this.quietTimer = setTimeout(() => this.emit(), this.debounceMs);
    this.maxTimer ??= setTimeout(() => this.emit(), this.maxWaitMs);
  }

  get pending(): number {
    return this.changed.size + this.removed.size;
  }

  emit(): void {
    this.stopTimers();
    if (this.pending === 0 && !this.overflowed) return;
    const batch: WatchBatch = { changed: [...this.changed].sort(), removed: [...this.removed].sort(), overflowed: this.overflowed };
    this.changed.clear();
    this.removed.clear();
    this.overflowed = false;
    this.flush(batch);
  }

  /** Drops pending events and stops the timers (close). */
  cancel(): void {
    this.stopTimers();
    this.changed.clear();
    this.removed.clear();
    this.overflowed = false;
  }

  private stopTimers(): void {
    if (this.quietTimer) clearTimeout(this.quietTimer);
    if (this.maxTimer) clearTimeout(this.maxTimer);
    this.quietTimer = null;
    this.maxTimer = null;
  }
}

/** Starts watching; resolves once chokidar has walked the vault and is ready. */
export async function watchVault(options: VaultWatcherOptions): Promise<VaultWatcher> {
  const root = path.resolve(options.vaultPath);
  const collector = new BatchCollector(options.onBatch, options.debounceMs, options.maxWaitMs, options.maxBatchPaths);
  const watcher: FSWatcher = watch(root, {
    ignored: createWatchFilter(root, options.exclude),
    ignoreInitial: true,
    persistent: true,
    followSymlinks: false,
    usePolling: options.usePolling ?? false,
  });
  const toVault = (p: string): string => path.relative(root, p).split(path.sep).join('/');
  const onFile = (kind: 'changed' | 'removed') => (p: string) => {
    const rel = toVault(p);
    if (isMarkdownPath(rel)) collector.add(kind, rel);
  };
  watcher.on('add', onFile('changed'));
  watcher.on('change', onFile('changed'));
  watcher.on('unlink', onFile('removed'));
  watcher.on('error', (err: unknown) => {
    collector.markOverflowed();
    options.onError?.(err instanceof Error ? err : new Error(String(err)));
  });
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  let closed: Promise<void> | null = null;
  return {
    vaultPath: root,
    close: () => {
      closed ??= (async () => {
        collector.cancel();
        await watcher.close();
      })();
      return closed;
    },
  };
}
