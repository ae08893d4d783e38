/**
 * Argument checks of AlmanacService beyond the adapters' edge validation
 * (src/shared/validate.ts, which the service also applies, since a caller may
 * reach it without an adapter): vault paths checked against the real vault
 * root, and settings read back from storage that may hold anything.
 */
import type { Settings } from '../../shared/api.js';
import { settingsPatch, ValidationError } from '../../shared/validate.js';
import { resolveInVault } from '../vault/paths.js';
import type { ReindexOptions } from './options.js';

/** A vault-relative path from a caller, normalised ("./a//b.md" -> "a/b.md"); throws ValidationError for anything that could leave the vault. */
export function checkVaultPath(vaultPath: string, relPath: unknown): string {
  try {
    resolveInVault(vaultPath, relPath as string);
  } catch (err) {
    throw ValidationError.at('getDigest: path', `is not a path inside the vault (${err instanceof Error ? err.message : String(err)})`);
  }
  return (relPath as string)
    .split(/[/\\]/)
    .filter((s) => s !== '' && s !== '.')
    .join('/');
}

/** reindex()'s options: the paths to examine, or undefined for the whole vault (each path is checked by the indexer). */
export function checkReindexOptions(options: ReindexOptions | undefined): readonly string[] | undefined {
  if (options === undefined) return undefined;
  if (options === null || typeof options !== 'object') throw ValidationError.at('reindex: options', `must be an object, got ${JSON.stringify(options)}`);
  const { paths } = options;
  if (paths === undefined) return undefined;
  if (!Array.isArray(paths) || !paths.every((p): p is string => typeof p === 'string')) {
    throw ValidationError.at('reindex: paths', 'must be an array of vault-relative paths');
  }
  return paths;
}

const SETTINGS_KEYS = ['exclude', 'maxFileBytes', 'language', 'theme', 'gitDates'] as const satisfies readonly (keyof Settings)[];

/** Settings from a store that may hold anything (an old version's file): invalid fields fall back to the defaults. */
export function sanitizeSettings(value: unknown, defaults: Settings): Settings {
  const merged: Settings = { ...defaults, exclude: [...defaults.exclude] };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return merged;
  const record = value as Record<string, unknown>;
  for (const key of SETTINGS_KEYS) {
    if (record[key] === undefined) continue;
    try {
      Object.assign(merged, settingsPatch('settings', { [key]: record[key] }));
    } catch {
      // keep the default for this field
    }
  }
  return merged;
}
