/**
 * Where an index lives. It never lives in the vault: the CLI keeps one index
 * per vault in the user's cache folder, keyed by the vault's real path:
 *
 *   Linux    $XDG_CACHE_HOME/almanac, else ~/.cache/almanac
 *   macOS    ~/Library/Caches/Almanac
 *   Windows  %LOCALAPPDATA%\Almanac\Cache
 *   any      $ALMANAC_CACHE_DIR when set (tests use it to stay out of the home folder)
 *
 * followed by `<first 16 hex of sha256(realpath(vault))>/index.db`.
 */
import { createHash } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AlmanacError } from '../../shared/errors.js';
import { isInsideRoot } from '../vault/paths.js';

export interface LocationEnv {
  env: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  homedir?: string;
}

/** The per-user cache folder of Almanac. */
export function cacheDir({ env, platform = process.platform, homedir = os.homedir() }: LocationEnv): string {
  const override = env.ALMANAC_CACHE_DIR;
  if (override) return path.resolve(override);
  if (platform === 'darwin') return path.join(homedir, 'Library', 'Caches', 'Almanac');
  if (platform === 'win32') {
    const local = env.LOCALAPPDATA ?? path.join(homedir, 'AppData', 'Local');
    return path.join(local, 'Almanac', 'Cache');
  }
  const xdg = env.XDG_CACHE_HOME;
  return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(homedir, '.cache'), 'almanac');
}

/** The default index of a vault: `<cacheDir>/<vault id>/index.db`. The vault must exist. */
export function defaultIndexPath(vaultPath: string, where: LocationEnv): string {
  const id = createHash('sha256').update(realpathSync(vaultPath)).digest('hex').slice(0, 16);
  return path.join(cacheDir(where), id, 'index.db');
}

/** The real path of p, or of its nearest existing ancestor joined with the rest. */
function realpathOfPossiblyMissing(p: string): string {
  const abs = path.resolve(p);
  const missing: string[] = [];
  let cur = abs;
  while (!existsSync(cur)) {
    const parent = path.dirname(cur);
    if (parent === cur) break;
    missing.unshift(path.basename(cur));
    cur = parent;
  }
  try {
    return path.join(realpathSync(cur), ...missing);
  } catch {
    return abs;
  }
}

/** Whether a file at filePath (existing or not) would be inside the vault, symlinks on either side resolved. */
export function isInsideVault(filePath: string, vaultPath: string): boolean {
  return isInsideRoot(realpathOfPossiblyMissing(vaultPath), realpathOfPossiblyMissing(filePath));
}

/** Throws an AlmanacError 'invalid-argument' (argument `dbPath`) naming both paths when the index would be written inside the vault. */
export function assertIndexOutsideVault(dbPath: string, vaultPath: string): void {
  if (isInsideVault(dbPath, vaultPath)) {
    const problem = `would be inside the vault ${vaultPath}; Almanac never writes into a vault (choose another --db)`;
    throw new AlmanacError('invalid-argument', `the index ${dbPath} ${problem}`, { argument: 'dbPath', problem });
  }
}
