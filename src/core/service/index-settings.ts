/**
 * The settings that change what an index holds (exclude, maxFileBytes,
 * gitDates), as the service hands them to the indexer and remembers them in
 * the index: the CLI has no settings file, so the next command on the same
 * index reuses the settings of the last run (flags override them).
 */
import type { Settings } from '../../shared/api.js';
import type { IndexSettings } from '../index/indexer.js';
import type { Store } from '../store/store.js';

/** The meta key of the settings the index was last built with. */
const META_SETTINGS_USED = 'settings_used';

const INDEX_KEYS = ['exclude', 'maxFileBytes', 'gitDates'] as const satisfies readonly (keyof Settings & keyof IndexSettings)[];

/** What an index run of these settings is given. */
export function indexSettings(settings: Settings): Required<IndexSettings> {
  return { exclude: settings.exclude, maxFileBytes: settings.maxFileBytes, gitDates: settings.gitDates };
}

/** True when going from `before` to `after` changes what the index holds (a re-index is due). */
export function affectsIndex(before: Settings, after: Settings): boolean {
  return INDEX_KEYS.some((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

/** The settings the index was last built with, as stored (unchecked: the caller sanitizes them); null when none. */
export function settingsOfIndex(store: Store): unknown {
  return store.getMetaJson(META_SETTINGS_USED);
}

/** Records the settings of a finished run (see the module comment). */
export function rememberIndexSettings(store: Store, settings: Settings): void {
  store.setMeta(META_SETTINGS_USED, JSON.stringify(indexSettings(settings)));
}

/** The meta key of the vault's choice to show remote images (a per-vault setting: each vault has its own index). */
const META_REMOTE_IMAGES = 'remote_images';

/** The settings kept per vault, in its index: whether its digests show remote images without asking (absent: they do not). */
export function vaultSettingsOf(store: Store): Pick<Settings, 'remoteImages'> {
  return store.getMeta(META_REMOTE_IMAGES) === '1' ? { remoteImages: true } : {};
}

/** Records the per-vault settings a patch changes (the others are the app's, saved by the service). */
export function rememberVaultSettings(store: Store, patch: Partial<Settings>): void {
  if (patch.remoteImages !== undefined) store.setMeta(META_REMOTE_IMAGES, patch.remoteImages ? '1' : '0');
}
