/**
 * Where the desktop app finds its parts: the vault to open, the index, the
 * sample vault, better-sqlite3's Electron build and the worker bundles.
 * Pure functions of Electron's app object and the process facts, so the
 * main-process tests check them under Node.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultIndexPath } from '../core/paths/index-location.js';
import type { ElectronDeps } from './electron-deps.js';

/** Environment variable naming better-sqlite3's Electron-ABI binary (set by scripts/start.mjs; development only). */
export const NATIVE_BINDING_ENV = 'ALMANAC_SQLITE_BINDING';

/**
 * Switches for development and tests, read from the environment: the
 * electron-vite dev server the window loads (and trusts, for IPC and
 * requests), and a user-data folder outside the user's profile. A packaged
 * app ignores them: whoever can set an environment variable for it must not
 * be able to point its window, preload and IPC at another origin, or its
 * settings and index at another folder.
 */
export interface DevelopmentSwitches {
  /** ELECTRON_RENDERER_URL (`electron-vite dev`), else null: the app:// UI. */
  devServerUrl: string | null;
  /** ALMANAC_USER_DATA (tests/e2e/electron.spec.ts), else null: Electron's own user-data folder. */
  userData: string | null;
}

export function developmentSwitches(app: Pick<ElectronDeps['app'], 'isPackaged'>, env: NodeJS.ProcessEnv): DevelopmentSwitches {
  if (app.isPackaged) return { devServerUrl: null, userData: null };
  return { devServerUrl: env.ELECTRON_RENDERER_URL || null, userData: env.ALMANAC_USER_DATA || null };
}

export interface DesktopRuntime {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  cwd: string;
  /** process.resourcesPath (packaged apps keep the sample vault there). */
  resourcesPath: string;
  /** The folder of the built main process (out/main): preload, renderer and the worker bundles are found from it. */
  mainDir: string;
  /** process.versions.electron: names the better-sqlite3 build shipped with a packaged app. */
  electronVersion?: string;
  /** Also print log lines here (development). */
  logEcho?: NodeJS.WritableStream | null;
}

function isFolder(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The parse worker and the index writer thread. One bundler owns them:
 * scripts/build-node.mjs (esbuild) writes out/node/, beside out/main/, and
 * the CLI, the web mode, the bench and the tests all run those very files.
 * Electron's main process starts the same bundles rather than a second
 * electron-vite build of them, so the threads the desktop app runs are the
 * ones the tests exercise, built with one set of options.
 */
export function nodeWorkerUrls(mainDir: string): { workerUrl: URL; writerUrl: URL } {
  const nodeDir = path.join(mainDir, '..', 'node');
  return {
    workerUrl: pathToFileURL(path.join(nodeDir, 'parse-worker.js')),
    writerUrl: pathToFileURL(path.join(nodeDir, 'store-writer.js')),
  };
}

/** The bundled sample vault: in the resources folder when packaged, else resources/ of the project. */
export function sampleVaultPath(deps: ElectronDeps, runtime: DesktopRuntime): string {
  return deps.app.isPackaged
    ? path.join(runtime.resourcesPath, 'sample-vault')
    : path.join(deps.app.getAppPath(), 'resources', 'sample-vault');
}

/** A vault folder named on the command line (`electron . ~/digests`, `Almanac ~/digests`), if any. */
export function vaultFromArgv(argv: readonly string[], isPackaged: boolean, cwd: string): string | null {
  const args = argv.slice(isPackaged ? 1 : 2).filter((a) => !a.startsWith('-'));
  for (const arg of args) {
    const p = path.resolve(cwd, arg);
    if (isFolder(p)) return p;
  }
  return null;
}

/**
 * better-sqlite3's binary for Electron's ABI: named by NATIVE_BINDING_ENV
 * (`npm start`; ignored when packaged, since loading it runs its code), else
 * shipped in a packaged app's resources/native/ (`npm run dist`), else none
 * (better-sqlite3's own build, when it matches).
 */
export function nativeBindingFor(deps: ElectronDeps, runtime: DesktopRuntime): string | undefined {
  const fromEnv = deps.app.isPackaged ? undefined : runtime.env[NATIVE_BINDING_ENV];
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`${NATIVE_BINDING_ENV} names a missing file: ${fromEnv}`);
    return fromEnv;
  }
  if (deps.app.isPackaged && runtime.electronVersion) {
    const shipped = path.join(runtime.resourcesPath, 'native', `electron-${runtime.electronVersion}`, 'better_sqlite3.node');
    if (existsSync(shipped)) return shipped;
  }
  return undefined;
}

/** Which vault to open: command line, else the last one (if it still exists), else the sample. */
export function chooseStartVault(
  fromArgv: string | null,
  lastVault: string | null,
  sample: string,
): { vaultPath: string; isSample: boolean } {
  if (fromArgv) return { vaultPath: fromArgv, isSample: false };
  if (lastVault && isFolder(lastVault)) return { vaultPath: lastVault, isSample: false };
  return { vaultPath: sample, isSample: true };
}

/** The index of a vault: `<userData>/indexes/<vault id>/index.db` (same id as the CLI's cache). */
export function desktopIndexPath(userData: string, vaultPath: string): string {
  return defaultIndexPath(vaultPath, { env: { ALMANAC_CACHE_DIR: path.join(userData, 'indexes') } });
}
