/**
 * AlmanacService: the core's implementation of AlmanacApi, shared by the
 * desktop (IPC), web mode (HTTP) and the CLI. Composed explicitly: the store,
 * parse pool and search engine are built here; capabilities that only the
 * desktop has (folder dialog, opening links, persisted settings and recent
 * vaults) are injected as functions and refused when absent.
 *
 * Index runs never overlap: a reindex() during a run returns one follow-up
 * run shared by every caller that asked meanwhile (the vault may have changed
 * after the current run read it). The follow-up examines the union of the
 * paths of the targeted requests (the vault watcher's batches), or the whole
 * vault when any request asked for it.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import {
  DEFAULT_SETTINGS,
  type AlmanacApi,
  type AlmanacEvent,
  type Digest,
  type ExportRequest,
  type ExportResult,
  type IndexProgress,
  type IndexState,
  type IndexSummary,
  type RecentVault,
  type RelatedSection,
  type SearchRequest,
  type SearchResponse,
  type Settings,
  type TagCount,
  type TimelineEntry,
  type Unsubscribe,
  type VaultStatus,
} from '../../shared/api.js';
import { indexVault, META_LAST_INDEXED, skippedEntries } from '../index/indexer.js';
import { ParsePool } from '../parse/pool.js';
import { digestKey } from '../vault/paths.js';
import { assertIndexOutsideVault, defaultIndexPath } from '../paths/index-location.js';
import { SearchEngine } from '../search/engine.js';
import { backlinks, neighbours, outgoingLinks } from '../series/series.js';
import { isBusyError } from '../store/errors.js';
import { formatHeadingPath, Store } from '../store/store.js';
import { externalUrl, folderPath, searchRequest, settingsPatch, validateArgs } from '../../shared/validate.js';
import { checkVaultPath, sanitizeSettings } from './validate.js';

/** Persisted settings and recent vaults (desktop); the CLI and web mode keep them in memory. */
export interface ServiceStateStore {
  loadSettings(): unknown;
  saveSettings(settings: Settings): void;
  recentVaults(): RecentVault[];
  rememberVault(vault: RecentVault): void;
}

export interface AlmanacServiceOptions {
  /** Absolute path of the vault folder. */
  vaultPath: string;
  /** The index database (never inside the vault). */
  dbPath: string;
  /** The bundled parse worker, out/node/parse-worker.js. */
  workerUrl: URL | string;
  /**
   * The bundled index writer thread, out/node/store-writer.js: large index
   * runs write from it, so this process never waits for a commit. Without
   * it, writes are time-sliced on this thread.
   */
  writerUrl?: URL | string;
  /**
   * Overrides (CLI flags) on top of the saved settings: the settingsStore's,
   * else those the index was last built with, else DEFAULT_SETTINGS.
   */
  settings?: Partial<Settings>;
  /** The vault is the bundled sample vault. Default false. */
  isSample?: boolean;
  /** better-sqlite3's native binary (Electron). */
  nativeBinding?: string;
  /** Parse worker threads. Default: one per core. */
  poolSize?: number;
  /** Desktop: asks the user for a folder; resolves null when cancelled. */
  openFolderDialog?: () => Promise<string | null>;
  /** Desktop: hands a checked http/https/mailto URL to the operating system. */
  openExternal?: (url: string) => Promise<void>;
  settingsStore?: ServiceStateStore;
  /** The index path of another vault (openVault). Default: the per-user cache folder (core/paths). */
  dbPathForVault?: (vaultPath: string) => string;
}

/** What reindex() looks at. */
export interface ReindexOptions {
  /**
   * Vault-relative POSIX paths that changed (the vault watcher's batch): only
   * these are examined (see indexVault). Default: the whole vault.
   */
  paths?: readonly string[];
}

/** The run queued behind the current one: the union of the requests made meanwhile. */
interface QueuedRun {
  promise: Promise<IndexSummary>;
  /** Paths of targeted requests, or 'all' once any request wanted the whole vault. */
  scope: Set<string> | 'all';
}

function checkReindexOptions(options: ReindexOptions | undefined): readonly string[] | undefined {
  if (options === undefined) return undefined;
  if (options === null || typeof options !== 'object') throw new Error(`reindex: options must be an object, got ${JSON.stringify(options)}`);
  const { paths } = options;
  if (paths === undefined) return undefined;
  if (!Array.isArray(paths) || !paths.every((p): p is string => typeof p === 'string')) {
    throw new Error('reindex: paths must be an array of vault-relative paths');
  }
  return paths;
}

/**
 * Times warmUp() runs the warming searches (search/warm-up.ts). Measured at
 * 10k digests: see docs/PERFORMANCE.md, "Warming searches".
 */
const WARM_UP_ROUNDS = 3;

/** The exclude and size settings the index was last built with. */
const META_SETTINGS_USED = 'settings_used';

function settingsOfIndex(store: Store): unknown {
  const text = store.getMeta(META_SETTINGS_USED);
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function isFolder(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export class AlmanacService implements AlmanacApi {
  private vaultPath: string;
  private dbPath: string;
  private isSample: boolean;
  private store: Store;
  private engine: SearchEngine | null = null;
  private settings: Settings;
  private readonly listeners = new Set<(event: AlmanacEvent) => void>();
  private state: IndexState = 'idle';
  private progress: IndexProgress | null = null;
  private lastError: string | null = null;
  private running: Promise<IndexSummary> | null = null;
  private queued: QueuedRun | null = null;
  private abort: AbortController | null = null;
  /** Kept between runs: a fresh worker costs a module load (0.6 s, seconds under load), a warm one ms. */
  private pool: ParsePool | null = null;
  /** warmUp() was asked for while a run was going. */
  private warmWanted = false;
  /** Resolvers of warmUp() calls, settled when the warming searches have run (or at close). */
  private readonly warmWaiters: (() => void)[] = [];
  private warmingSearches = false;
  private closed = false;

  constructor(private readonly options: AlmanacServiceOptions) {
    this.vaultPath = path.resolve(options.vaultPath);
    this.dbPath = path.resolve(options.dbPath);
    this.isSample = options.isSample ?? false;
    const overrides = settingsPatch('settings', options.settings ?? {});
    assertIndexOutsideVault(this.dbPath, this.vaultPath);
    this.store = Store.open(this.dbPath, { nativeBinding: options.nativeBinding });
    const saved = options.settingsStore ? options.settingsStore.loadSettings() : settingsOfIndex(this.store);
    this.settings = { ...sanitizeSettings(saved, DEFAULT_SETTINGS), ...overrides };
    if (!isFolder(this.vaultPath)) this.state = 'missing';
  }

  static async open(options: AlmanacServiceOptions): Promise<AlmanacService> {
    return new AlmanacService(options);
  }

  /** Messages about the index found unusable at open and rebuilt (shown once to the user). */
  get notices(): readonly string[] {
    return this.store.notices;
  }

  get currentDbPath(): string {
    return this.dbPath;
  }

  async getStatus(): Promise<VaultStatus> {
    this.assertOpen();
    const counts = this.store.counts();
    return {
      vaultPath: this.vaultPath,
      vaultName: path.basename(this.vaultPath),
      isSample: this.isSample,
      digests: counts.digests,
      sections: counts.sections,
      tags: counts.tags,
      state: this.state,
      lastIndexedAt: this.store.getMeta(META_LAST_INDEXED),
      progress: this.progress,
      skipped: skippedEntries(this.store),
      warnings: this.store.fileWarnings(),
      error: this.lastError,
    };
  }

  async openVault(folder?: string): Promise<VaultStatus> {
    this.assertOpen();
    let chosen = folder;
    if (chosen === undefined) {
      if (!this.options.openFolderDialog) throw new Error('openVault needs a folder path here (no folder dialog)');
      const picked = await this.options.openFolderDialog();
      if (picked === null) return this.getStatus();
      chosen = picked;
    }
    folderPath('openVault: path', chosen);
    if (!path.isAbsolute(chosen)) throw new Error(`vault path must be absolute, got ${JSON.stringify(chosen)}`);
    const vaultPath = path.resolve(chosen);
    if (!isFolder(vaultPath)) throw new Error(`vault not found: ${vaultPath}`);
    const dbPath = path.resolve((this.options.dbPathForVault ?? ((v) => defaultIndexPath(v, { env: process.env })))(vaultPath));
    assertIndexOutsideVault(dbPath, vaultPath);

    await this.stopIndexing();
    const store = Store.open(dbPath, { nativeBinding: this.options.nativeBinding });
    this.store.close();
    this.store = store;
    this.engine = null;
    this.vaultPath = vaultPath;
    this.dbPath = dbPath;
    this.isSample = false;
    this.state = 'idle';
    this.lastError = null;
    this.options.settingsStore?.rememberVault({ path: vaultPath, name: path.basename(vaultPath), openedAt: new Date().toISOString() });
    const status = await this.getStatus();
    this.emit({ type: 'vault-changed', status });
    void this.reindex().catch(() => undefined); // failures arrive as index-error events
    return status;
  }

  async recentVaults(): Promise<RecentVault[]> {
    return this.options.settingsStore?.recentVaults() ?? [];
  }

  /**
   * Brings the index up to date: the whole vault, or only `options.paths`
   * (the AlmanacApi contract's reindex() passes none; adapters refuse any).
   */
  reindex(options?: ReindexOptions): Promise<IndexSummary> {
    if (this.closed) return Promise.reject(new Error('the Almanac service is closed'));
    let paths: readonly string[] | undefined;
    try {
      paths = checkReindexOptions(options);
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    if (!this.running) return this.startRun(paths);
    if (this.queued) {
      const { scope } = this.queued;
      if (paths === undefined) this.queued.scope = 'all';
      else if (scope !== 'all') for (const p of paths) scope.add(p);
      return this.queued.promise;
    }
    const queued: QueuedRun = {
      scope: paths === undefined ? 'all' : new Set(paths),
      promise: this.running
        .then(
          () => undefined,
          () => undefined,
        )
        .then(() => {
          this.queued = null;
          return this.startRun(queued.scope === 'all' ? undefined : [...queued.scope]);
        }),
    };
    this.queued = queued;
    return queued.promise;
  }

  private startRun(paths: readonly string[] | undefined): Promise<IndexSummary> {
    const run: Promise<IndexSummary> = this.runIndex(paths).finally(() => {
      if (this.running !== run) return;
      this.running = null;
      this.warmIfIdle();
    });
    this.running = run;
    return run;
  }

  private async runIndex(paths: readonly string[] | undefined): Promise<IndexSummary> {
    if (this.closed) throw new Error('the Almanac service is closed');
    const store = this.store;
    if (!isFolder(this.vaultPath)) {
      this.state = 'missing';
      const message = `vault not found: ${this.vaultPath}`;
      this.emit({ type: 'index-error', message });
      throw new Error(message);
    }
    const abort = new AbortController();
    this.abort = abort;
    this.state = 'indexing';
    this.lastError = null;
    const pool = this.parsePool();
    // Cancelling stops the workers at once instead of waiting for their files; the next run starts a new pool.
    abort.signal.addEventListener(
      'abort',
      () => {
        if (this.pool === pool) this.pool = null;
        void pool.destroy();
      },
      { once: true },
    );
    try {
      const summary = await indexVault({
        vaultPath: this.vaultPath,
        store,
        pool,
        settings: { exclude: this.settings.exclude, maxFileBytes: this.settings.maxFileBytes },
        signal: abort.signal,
        paths,
        writer: this.options.writerUrl === undefined ? undefined : { workerUrl: this.options.writerUrl, nativeBinding: this.options.nativeBinding },
        onProgress: (progress) => {
          this.progress = progress;
          this.emit({ type: 'index-progress', progress });
        },
      });
      // The CLI has no settings file: the next command on this index reuses these (see settingsOfIndex).
      store.setMeta(META_SETTINGS_USED, JSON.stringify({ exclude: this.settings.exclude, maxFileBytes: this.settings.maxFileBytes }));
      this.engine?.invalidate();
      this.state = 'idle';
      this.emit({ type: 'index-finished', summary });
      return summary;
    } catch (err) {
      if (!abort.signal.aborted) {
        this.state = 'error';
        this.lastError = isBusyError(err)
          ? `the index ${this.dbPath} is busy: another Almanac process is writing to it (${errorText(err)})`
          : errorText(err);
        this.emit({ type: 'index-error', message: this.lastError });
      }
      throw err;
    } finally {
      this.progress = null;
      if (this.abort === abort) this.abort = null;
    }
  }

  private parsePool(): ParsePool {
    this.pool ??= new ParsePool({ workerUrl: this.options.workerUrl, size: this.options.poolSize });
    return this.pool;
  }

  /**
   * Gets ready for the user once the index is open (the vault watcher calls
   * this after it starts). Starts a parse worker ahead of the first change,
   * so that the first edit is not delayed by a worker loading the parser
   * (~0.5 s); runs that find nothing to parse never start one. Reads the typo
   * vocabulary in the background, so that the first English query does not
   * wait for it. Then runs the warming searches (search/warm-up.ts), one per
   * turn of the event loop, so that V8 has compiled the search path before
   * the user's first searches. Waits until no run is going, so that it does
   * not compete with the first one; a run that starts meanwhile stops the
   * warming searches, which start again when it ends. Resolves when they
   * have run, or at close.
   */
  warmUp(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.warmWanted = true;
    const done = new Promise<void>((resolve) => this.warmWaiters.push(resolve));
    setImmediate(() => this.warmIfIdle());
    return done;
  }

  private warmIfIdle(): void {
    if (this.closed || !this.warmWanted || this.running || this.queued || this.warmingSearches) return; // the run in progress warms when it ends
    this.warmWanted = false;
    this.parsePool().warm();
    const engine = this.searchEngine();
    engine.warm();
    const waiters = this.warmWaiters.splice(0);
    this.warmingSearches = true;
    void this.runWarmingSearches(engine).finally(() => {
      this.warmingSearches = false;
      if (this.warmWanted) {
        // Interrupted by a run (which calls warmIfIdle when it ends): those waiting wait for the repeat.
        this.warmWaiters.unshift(...waiters);
        this.warmIfIdle();
      } else {
        for (const resolve of waiters) resolve();
      }
    });
  }

  private async runWarmingSearches(engine: SearchEngine): Promise<void> {
    const yieldTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
    await engine.vocabularySettled();
    await yieldTurn();
    if (this.closed || this.engine !== engine) return;
    let requests: SearchRequest[];
    try {
      requests = engine.warmUpRequests();
    } catch {
      return; // a damaged index: the user's searches will say so
    }
    for (let round = 0; round < WARM_UP_ROUNDS; round++) {
      for (const request of requests) {
        await yieldTurn();
        if (this.closed || this.engine !== engine) return;
        if (this.running || this.queued) {
          this.warmWanted = true;
          return;
        }
        try {
          engine.search(request);
        } catch {
          return;
        }
      }
    }
  }

  /** Cancels a running index and waits until nothing uses the store. */
  private async stopIndexing(): Promise<void> {
    this.abort?.abort();
    const pending = [this.running, this.queued?.promise ?? null].filter((p): p is Promise<IndexSummary> => p !== null);
    await Promise.allSettled(pending);
    // A queued run may have started and been aborted in turn.
    if (this.running) {
      this.abort?.abort();
      await Promise.allSettled([this.running]);
    }
  }

  private searchEngine(): SearchEngine {
    this.engine ??= new SearchEngine(this.store.db);
    return this.engine;
  }

  async search(request: SearchRequest): Promise<SearchResponse> {
    this.assertOpen();
    return this.searchEngine().search(searchRequest('search: request', request));
  }

  async related(sectionId: string, limit?: number): Promise<RelatedSection[]> {
    this.assertOpen();
    const [id, max] = validateArgs('related', limit === undefined ? [sectionId] : [sectionId, limit]);
    return this.searchEngine().related(id, max ?? 10);
  }

  async getDigest(digestPath: string): Promise<Digest> {
    this.assertOpen();
    const wanted = checkVaultPath(this.vaultPath, digestPath);
    const row = this.store.digestByPath(wanted) ?? this.store.digestByKey(digestKey(wanted));
    if (!row) throw new Error(`digest not found: ${wanted}`);
    const db = this.store.db;
    const { prev, next } = neighbours(db, row);
    return {
      path: row.path,
      title: row.title,
      date: row.date,
      week: row.week,
      tags: this.store.tagsOf(row.id),
      description: row.description,
      meta: row.meta,
      markdown: row.body,
      sections: this.store.sectionsOf(row.id).map((s) => ({
        id: s.id,
        heading: s.heading,
        level: s.level,
        headingPath: formatHeadingPath(s.headingPath),
        ordinal: s.ordinal,
        start: s.start,
        end: s.end,
      })),
      prev,
      next,
      links: outgoingLinks(db, row.id),
      backlinks: backlinks(db, row),
      warnings: this.store.warningsOf(row.path),
    };
  }

  async tags(): Promise<TagCount[]> {
    this.assertOpen();
    return this.store.tagCounts();
  }

  async timeline(): Promise<TimelineEntry[]> {
    this.assertOpen();
    return this.store.timeline();
  }

  async getSettings(): Promise<Settings> {
    return { ...this.settings, exclude: [...this.settings.exclude] };
  }

  async updateSettings(patch: Partial<Settings>): Promise<Settings> {
    this.assertOpen();
    const checked = settingsPatch('updateSettings: patch', patch);
    const before = this.settings;
    this.settings = { ...before, ...checked };
    this.options.settingsStore?.saveSettings(this.settings);
    const affectsIndex =
      JSON.stringify(before.exclude) !== JSON.stringify(this.settings.exclude) || before.maxFileBytes !== this.settings.maxFileBytes;
    if (affectsIndex) void this.reindex().catch(() => undefined); // failures arrive as index-error events
    return this.getSettings();
  }

  /** The export module checks the request (shape, formats, known section ids); loaded on first use (it brings remark and rehype). */
  async exportSections(request: ExportRequest): Promise<ExportResult> {
    this.assertOpen();
    const { exportSections } = await import('../export/index.js');
    this.assertOpen();
    return exportSections(this.store.db, request);
  }

  async openExternal(url: string): Promise<void> {
    const checked = externalUrl('openExternal: url', url);
    if (!this.options.openExternal) throw new Error('opening links is not available in this mode');
    await this.options.openExternal(checked);
  }

  onEvent(listener: (event: AlmanacEvent) => void): Unsubscribe {
    if (typeof listener !== 'function') throw new Error('onEvent needs a function');
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private emit(event: AlmanacEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // one failing listener (a closed window) must not stop the others or the index run
      }
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the Almanac service is closed');
  }

  /** Stops indexing and closes the index. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const resolve of this.warmWaiters.splice(0)) resolve();
    await this.stopIndexing();
    await this.pool?.destroy();
    this.pool = null;
    this.listeners.clear();
    this.leaveCatalogSnapshot();
    this.store.close();
  }

  /**
   * Stores the search catalog this process loaded for the next process to
   * open this index, unless a current one is there (at 10k digests a reopen
   * then answers its first query ~100 ms sooner). Only a cache: a process
   * that never searched, a read-only or a busy index simply keeps what it
   * has, and closing goes on.
   */
  private leaveCatalogSnapshot(): void {
    try {
      this.engine?.persistCatalog();
    } catch {
      // The next open reads the digest and tag tables instead.
    }
  }
}

