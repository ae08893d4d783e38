/**
 * Settings, recent vaults and each vault's saved searches of the desktop
 * app, kept in `<userData>/settings.json` (beside the indexes, never in a
 * vault) and handed to AlmanacService as its ServiceStateStore. The service sanitises what it loads, so an old or
 * hand-edited file never breaks startup.
 */
import path from 'node:path';
import type { RecentVault, Settings } from '../shared/api.js';
import type { ServiceStateStore } from '../core/service/almanac-service.js';
import type { SavedSearchPersistence } from '../core/service/saved-searches.js';
import { readJsonFile, writeJsonFileAtomic } from '../core/paths/json-file.js';

export const MAX_RECENT_VAULTS = 10;

interface StateFile {
  settings?: unknown;
  recentVaults?: unknown;
  /** By vault path: its saved searches as the service stores them (checked when loaded). */
  savedSearches?: Record<string, unknown>;
}

function isRecentVault(v: unknown): v is RecentVault {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return typeof r.path === 'string' && path.isAbsolute(r.path) && typeof r.name === 'string' && typeof r.openedAt === 'string';
}

export class DesktopStateStore implements ServiceStateStore {
  private state: StateFile;

  constructor(readonly file: string) {
    const loaded = readJsonFile(file);
    this.state = typeof loaded === 'object' && loaded !== null ? (loaded as StateFile) : {};
  }

  static inUserData(userData: string): DesktopStateStore {
    return new DesktopStateStore(path.join(userData, 'settings.json'));
  }

  loadSettings(): unknown {
    return this.state.settings;
  }

  saveSettings(settings: Settings): void {
    this.state = { ...this.state, settings };
    writeJsonFileAtomic(this.file, this.state);
  }

  recentVaults(): RecentVault[] {
    const list = Array.isArray(this.state.recentVaults) ? this.state.recentVaults : [];
    return list.filter(isRecentVault).slice(0, MAX_RECENT_VAULTS);
  }

  rememberVault(vault: RecentVault): void {
    const rest = this.recentVaults().filter((v) => v.path !== vault.path);
    this.state = { ...this.state, recentVaults: [vault, ...rest].slice(0, MAX_RECENT_VAULTS) };
    writeJsonFileAtomic(this.file, this.state);
  }

  savedSearches(vaultPath: string): SavedSearchPersistence {
    const all = (): Record<string, unknown> => {
      const value = this.state.savedSearches;
      return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
    };
    return {
      load: () => all()[vaultPath],
      save: (searches) => {
        this.state = { ...this.state, savedSearches: { ...all(), [vaultPath]: searches } };
        writeJsonFileAtomic(this.file, this.state);
      },
    };
  }

  /** The most recently opened vault, if any. */
  lastVault(): RecentVault | null {
    return this.recentVaults()[0] ?? null;
  }

  /** The language setting as saved ('system' when unknown). */
  language(): Settings['language'] {
    const s = this.state.settings as Partial<Settings> | undefined;
    return s?.language === 'en' || s?.language === 'zh-CN' ? s.language : 'system';
  }
}
