/** What AlmanacService is built from and what its reindex() takes (see almanac-service.ts). */
import type { RecentVault, Settings } from '../../shared/api.js';
import type { SavedSearchPersistence } from './saved-searches.js';

/** Persisted settings and recent vaults (desktop); the CLI and web mode keep them in memory. */
export interface ServiceStateStore {
  loadSettings(): unknown;
  saveSettings(settings: Settings): void;
  recentVaults(): RecentVault[];
  rememberVault(vault: RecentVault): void;
  /** Where the saved searches of a vault are kept; without it, in a JSON file beside the index. */
  savedSearches?(vaultPath: string): SavedSearchPersistence;
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
