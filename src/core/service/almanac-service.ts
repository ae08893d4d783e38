/**
 * AlmanacService: the core's implementation of AlmanacApi, shared by the
 * desktop (IPC), web mode (HTTP) and the CLI. Composed explicitly: the store,
 * parse pool and search engine are built here; capabilities that only the
 * desktop has (folder dialog, opening links, persisted settings and recent
 * vaults) are injected as functions and refused when absent.
 *
 * A façade: index runs are ordered by the index-run queue (index-runs.ts),
 * warm-up by the warmer (warmer.ts), a digest's view is built by
 * digest-view.ts; this class holds the open vault and its state, checks
 * arguments and emits the events.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import {
  DEFAULT_SETTINGS,
  type AlmanacApi,
  type AlmanacEvent,
  type Digest,
  type DigestListEntry,
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
import { serializeError, type SerializedError } from '../../shared/errors.js';
import { indexVault, META_LAST_INDEXED, skippedEntries } from '../index/indexer.js';
import { ParsePool } from '../parse/pool.js';
import { assertIndexOutsideVault, defaultIndexPath } from '../paths/index-location.js';
import type { Store } from '../store/store.js';
import { exportRequest, externalUrl, folderPath, NotAvailableError, settingsPatch, ValidationError, vaultRelativePath } from '../../shared/validate.js';
import { listDigests } from '../store/digest-list.js';
import { vaultWideWarnings } from '../index/vault-wide.js';
import type { ImageAnswer, VaultImages } from '../vault/images.js';
import { digestImages, vaultImagesOf } from './digest-images.js';
import { digestView } from './digest-view.js';
import { affectsIndex, indexSettings, rememberIndexSettings, rememberVaultSettings, settingsOfIndex, vaultSettingsOf } from './index-settings.js';
import { openStore, serviceClosed, typedIndexError, vaultNotFound } from './errors.js';
import { IndexRunQueue, type RunPaths } from './index-runs.js';
import type { AlmanacServiceOptions, ReindexOptions } from './options.js';
import { Research, savedSearchFileBeside } from './research.js';
import { SearchHost } from './search-host.js';
import { checkReindexOptions, checkVaultPath, sanitizeSettings } from './validate.js';
import { Warmer } from './warmer.js';

export type { AlmanacServiceOptions, ReindexOptions, ServiceStateStore } from './options.js';

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
  /** The search engine over the open index (search-host.ts). */
  private readonly searches: SearchHost;
  /** The vault's image files (made on first use: the vault may be missing at open). */
  private images: VaultImages | null = null;
  private settings: Settings;
  private readonly listeners = new Set<(event: AlmanacEvent) => void>();
  private state: IndexState = 'idle';
  private progress: IndexProgress | null = null;
  private lastError: SerializedError | null = null;
  /** Kept between runs: a fresh worker costs a module load (0.6 s, seconds under load), a warm one ms. */
  private pool: ParsePool | null = null;
  private readonly runs: IndexRunQueue<IndexSummary>;
  private readonly warmer: Warmer;
  /** Trends and the open vault's saved searches (research.ts), made again when another vault opens. */
  private research: Research;
  private closed = false;
  readonly trends: AlmanacApi['trends'] = (request) => this.research.trends(request);
  readonly savedSearches: AlmanacApi['savedSearches'] = () => this.research.savedSearches();
  readonly saveSearch: AlmanacApi['saveSearch'] = (search) => this.research.saveSearch(search);
  readonly removeSavedSearch: AlmanacApi['removeSavedSearch'] = (name) => this.research.removeSavedSearch(name);
  readonly openSavedSearch: AlmanacApi['openSavedSearch'] = (name) => this.research.openSavedSearch(name);

  constructor(private readonly options: AlmanacServiceOptions) {
    this.vaultPath = path.resolve(options.vaultPath);
    this.dbPath = path.resolve(options.dbPath);
    this.isSample = options.isSample ?? false;
    const overrides = settingsPatch('settings', options.settings ?? {});
    assertIndexOutsideVault(this.dbPath, this.vaultPath);
    this.store = openStore(this.dbPath, { nativeBinding: options.nativeBinding });
    const saved = options.settingsStore ? options.settingsStore.loadSettings() : settingsOfIndex(this.store);
    this.settings = { ...sanitizeSettings(saved, DEFAULT_SETTINGS), ...overrides };
    if (!isFolder(this.vaultPath)) this.state = 'missing';
    this.searches = new SearchHost({ db: () => this.store.db, indexing: () => this.state === 'indexing' });
    this.research = this.researchOfVault();
    this.runs = new IndexRunQueue(
      (paths, signal) => this.runIndex(paths, signal),
      () => this.warmer.resume(),
    );
    this.warmer = new Warmer({
      busy: () => this.runs.busy,
      warmParsePool: () => this.parsePool().warm(),
      engine: () => this.searches.engine(),
      currentEngine: () => this.searches.engineInUse,
    });
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
      warnings: [...this.store.fileWarnings(), ...vaultWideWarnings(this.store)],
      error: this.lastError?.message ?? null,
      indexError: this.lastError,
    };
  }

  async openVault(folder?: string): Promise<VaultStatus> {
    this.assertOpen();
    let chosen = folder;
    if (chosen === undefined) {
      if (!this.options.openFolderDialog) throw new NotAvailableError('openVault needs a folder path here (no folder dialog)', { method: 'openVault' });
      const picked = await this.options.openFolderDialog();
      if (picked === null) return this.getStatus();
      chosen = picked;
    }
    folderPath('openVault: path', chosen);
    if (!path.isAbsolute(chosen)) throw ValidationError.at('openVault: path', `must be absolute, got ${JSON.stringify(chosen)}`);
    const vaultPath = path.resolve(chosen);
    if (!isFolder(vaultPath)) throw vaultNotFound(vaultPath);
    const dbPath = path.resolve((this.options.dbPathForVault ?? ((v) => defaultIndexPath(v, { env: process.env })))(vaultPath));
    assertIndexOutsideVault(dbPath, vaultPath);

    await this.runs.cancel();
    const store = openStore(dbPath, { nativeBinding: this.options.nativeBinding });
    this.store.close();
    this.store = store;
    this.searches.reset();
    this.images = null;
    this.vaultPath = vaultPath;
    this.dbPath = dbPath;
    this.isSample = false;
    this.research = this.researchOfVault();
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
    if (this.closed) return Promise.reject(serviceClosed());
    let paths: RunPaths;
    try {
      paths = checkReindexOptions(options);
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    return this.runs.request(paths);
  }

  private async runIndex(paths: RunPaths, signal: AbortSignal): Promise<IndexSummary> {
    if (this.closed) throw serviceClosed();
    const store = this.store;
    if (!isFolder(this.vaultPath)) {
      this.state = 'missing';
      const err = vaultNotFound(this.vaultPath);
      this.emit({ type: 'index-error', message: err.message, error: serializeError(err) });
      throw err;
    }
    this.state = 'indexing';
    this.lastError = null;
    const pool = this.parsePool();
    // Cancelling stops the workers at once instead of waiting for their files; the next run starts a new pool.
    signal.addEventListener(
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
        settings: indexSettings(this.settings),
        signal,
        paths,
        writer: this.options.writerUrl === undefined ? undefined : { workerUrl: this.options.writerUrl, nativeBinding: this.options.nativeBinding },
        onProgress: (progress) => {
          this.progress = progress;
          this.emit({ type: 'index-progress', progress });
        },
      });
      rememberIndexSettings(store, this.settings);
      // Idle first: the saved searches count on a catalog of everything the run wrote (search-host.ts).
      this.state = 'idle';
      this.research.refresh();
      this.emit({ type: 'index-finished', summary });
      return summary;
    } catch (err) {
      const typed = typedIndexError(err, this.dbPath);
      if (!signal.aborted) {
        this.state = 'error';
        this.lastError = serializeError(typed);
        this.emit({ type: 'index-error', message: this.lastError.message, error: this.lastError });
      }
      throw typed;
    } finally {
      this.progress = null;
    }
  }

  private researchOfVault(): Research {
    const persistence = this.options.settingsStore?.savedSearches?.(this.vaultPath) ?? savedSearchFileBeside(this.dbPath);
    return new Research({ store: this.store, engine: () => this.searches.engine(), persistence, assertOpen: () => this.assertOpen() });
  }

  private parsePool(): ParsePool {
    this.pool ??= new ParsePool({ workerUrl: this.options.workerUrl, size: this.options.poolSize });
    return this.pool;
  }

  /**
   * Gets ready for the user once the index is open (the vault watcher calls
   * this after it starts): see Warmer. Resolves when the warming searches
   * have run, or at close.
   */
  warmUp(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return this.warmer.request();
  }

  async search(request: SearchRequest): Promise<SearchResponse> {
    this.assertOpen();
    return this.searches.search(request);
  }

  async related(sectionId: string, limit?: number): Promise<RelatedSection[]> {
    this.assertOpen();
    return this.searches.related(sectionId, limit);
  }

  async getDigest(digestPath: string): Promise<Digest> {
    this.assertOpen();
    const view = digestView(this.store, checkVaultPath(this.vaultPath, vaultRelativePath('getDigest: path', digestPath)));
    return { ...view, images: await digestImages(this.vaultImages(), view.path, view.markdown) };
  }

  /** An image file for an adapter's image route (bytes for the browser, not a contract call); vault/images.ts guards it. */
  async readImage(vaultPath: string, ifNoneMatch?: string): Promise<ImageAnswer> {
    this.assertOpen();
    return this.vaultImages().serve(vaultPath, ifNoneMatch);
  }

  private vaultImages(): VaultImages {
    this.images ??= vaultImagesOf(this.vaultPath);
    return this.images;
  }

  async tags(): Promise<TagCount[]> {
    this.assertOpen();
    return this.store.tagCounts();
  }

  async timeline(): Promise<TimelineEntry[]> {
    this.assertOpen();
    return this.store.timeline();
  }

  async listDigests(): Promise<DigestListEntry[]> {
    this.assertOpen();
    return listDigests(this.store.db);
  }

  async getSettings(): Promise<Settings> {
    return { ...this.settings, exclude: [...this.settings.exclude], ...(this.closed ? {} : vaultSettingsOf(this.store)) };
  }

  async updateSettings(patch: Partial<Settings>): Promise<Settings> {
    this.assertOpen();
    const { remoteImages, ...checked } = settingsPatch('updateSettings: patch', patch);
    rememberVaultSettings(this.store, { remoteImages });
    const before = this.settings;
    this.settings = { ...before, ...checked };
    this.options.settingsStore?.saveSettings(this.settings);
    if (affectsIndex(before, this.settings)) void this.reindex().catch(() => undefined); // failures arrive as index-error events
    return this.getSettings();
  }

  /** The export module checks the request (shape, formats, known section ids); loaded on first use (it brings remark and rehype). */
  async exportSections(request: ExportRequest): Promise<ExportResult> {
    this.assertOpen();
    const checked = exportRequest('exportSections: request', request);
    if (checked.sectionIds.length === 0) throw ValidationError.at('exportSections: request.sectionIds', 'is empty: select at least one section to export');
    const { exportSectionsOffThread, exportWorkerBeside } = await import('../export/index.js');
    this.assertOpen();
    // Large exports convert in a worker beside the parse worker, so this thread keeps serving (export/off-thread.ts).
    return exportSectionsOffThread(this.store.db, checked, { workerUrl: exportWorkerBeside(this.options.workerUrl), images: this.vaultImages() });
  }

  async openExternal(url: string): Promise<void> {
    const checked = externalUrl('openExternal: url', url);
    if (!this.options.openExternal) throw new NotAvailableError('opening links is not available in this mode', { method: 'openExternal' });
    await this.options.openExternal(checked);
  }

  onEvent(listener: (event: AlmanacEvent) => void): Unsubscribe {
    if (typeof listener !== 'function') throw ValidationError.at('onEvent: listener', 'must be a function');
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
    if (this.closed) throw serviceClosed();
  }

  /** Stops indexing and closes the index. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.warmer.close();
    await this.runs.cancel();
    await this.pool?.destroy();
    this.pool = null;
    this.listeners.clear();
    this.searches.leaveCatalogSnapshot();
    this.store.close();
  }
}

