/**
 * Settings and recent vaults of the desktop app, kept in
 * `<userData>/settings.json` and handed to AlmanacService as its
 * ServiceStateStore. The service sanitises what it loads, so an old or
 * hand-edited file never breaks startup.
 */
import path from 'node:path';
import type { RecentVault, Settings } from '../shared/api.js';
import type { ServiceStateStore } from '../core/service/almanac-service.js';
import { readJsonFile, writeJsonFileAtomic } from './json-file.js';

export const MAX_RECENT_VAULTS = 10;

interface StateFile {
  settings?: unknown;
  recentVaults?: unknown;
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
