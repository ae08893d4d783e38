/**
 * The desktop app's lifecycle. Services boot in dependency order:
 *
 *   log -> state (settings.json) -> index service (AlmanacService) -> session
 *   guards + app:// protocol -> IPC adapter -> window -> menu -> watcher
 *
 * and shut down in reverse when the app quits. Electron's APIs come in as
 * `deps` (see electron-deps.ts), so this file runs under Node in tests.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AlmanacService } from '../core/service/almanac-service.js';
import { defaultIndexPath } from '../core/paths/index-location.js';
import { startAutoReindex, type AutoReindex } from '../core/watch/auto-reindex.js';
import { API_METHODS, type AlmanacApi, type ApiMethod, type Settings } from '../shared/api.js';
import { handleAppProtocol, registerAppScheme } from './app-protocol.js';
import { DesktopStateStore } from './desktop-state.js';
import type { BrowserWindowLike, ElectronDeps } from './electron-deps.js';
import { registerIpcHandlers } from './ipc-adapter.js';
import { createFileLogger, type Logger } from './logger.js';
import { createMainWindow, forwardEvent } from './main-window.js';
import { buildMenuTemplate, menuLanguage, shortcutsText, MENU_LABELS } from './menu.js';
import { createExportSaver, type ExportSaver } from './save-export.js';
import { APP_ENTRY_URL, hardenSession, isTrustedSender, openExternalSafely } from './security.js';
import { ServiceContainer } from './service-container.js';
import { WindowStateFile } from './window-state.js';

/** Environment variable naming better-sqlite3's Electron-ABI binary (set by scripts/start.mjs). */
export const NATIVE_BINDING_ENV = 'ALMANAC_SQLITE_BINDING';

export interface DesktopRuntime {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  cwd: string;
  /** process.resourcesPath (packaged apps keep the sample vault there). */
  resourcesPath: string;
  /** The folder of the built main process (out/main): preload, renderer and worker are found from it. */
  mainDir: string;
  /** process.versions.electron: names the better-sqlite3 build shipped with a packaged app. */
  electronVersion?: string;
  /** Also print log lines here (development). */
  logEcho?: NodeJS.WritableStream | null;
}

export interface DesktopApp {
  /** The services that booted, in order. */
  readonly booted: string[];
  readonly service: AlmanacService;
  readonly window: BrowserWindowLike | null;
  readonly log: Logger;
  shutdown(): Promise<void>;
}

function isFolder(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
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
 * (`npm start`), else shipped in a packaged app's resources/native/ (`npm run
 * dist`), else none (better-sqlite3's own build, when it matches).
 */
export function nativeBindingFor(deps: ElectronDeps, runtime: DesktopRuntime): string | undefined {
  const fromEnv = runtime.env[NATIVE_BINDING_ENV];
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

/**
 * The api the IPC adapter serves: the service, with settings changes also
 * refreshing the menu, plus saveExport (the save dialog is the shell's).
 */
function desktopApi(service: AlmanacService, saver: ExportSaver, onSettingsChanged: (s: Settings) => void): AlmanacApi {
  const fromService = API_METHODS.filter((m): m is Exclude<ApiMethod, 'saveExport'> => m !== 'saveExport');
  const api = Object.fromEntries(fromService.map((m) => [m, service[m].bind(service)])) as Omit<AlmanacApi, 'onEvent' | 'saveExport'>;
  return {
    ...api,
    saveExport: (request) => saver.saveExport(request),
    onEvent: service.onEvent.bind(service),
    updateSettings: async (patch) => {
      const settings = await service.updateSettings(patch);
      onSettingsChanged(settings);
      return settings;
    },
  };
}

/**
 * Call before app ready: registers the app:// scheme and takes the
 * single-instance lock. Returns false when another instance runs (this one
 * should quit; the other one is focused through its 'second-instance' event).
 */
export function prepareDesktopApp(deps: ElectronDeps): boolean {
  registerAppScheme(deps.protocol);
  return deps.app.requestSingleInstanceLock();
}

export async function startDesktopApp(deps: ElectronDeps, runtime: DesktopRuntime): Promise<DesktopApp> {
  const { app } = deps;
  await app.whenReady();
  const userData = app.getPath('userData');
  const devServerUrl = runtime.env.ELECTRON_RENDERER_URL ?? null;
  const log = createFileLogger(path.join(userData, 'logs', 'main.log'), { echo: runtime.logEcho ?? null });
  const container = new ServiceContainer(log);
  let win: BrowserWindowLike | null = null;
  let watcher: AutoReindex | null = null;
  let unregisterIpc: (() => void) | null = null;
  let unsubscribeEvents: (() => void) | null = null;
  const state = DesktopStateStore.inUserData(userData);
  const refreshMenu = (language?: Settings['language']): void => {
    const lang = menuLanguage(language ?? state.language(), app.getLocale());
    const template = buildMenuTemplate({
      language: lang,
      recent: state.recentVaults(),
      platform: runtime.platform,
      actions: {
        openVault: () => void service.openVault().catch(showError),
        openRecent: (p) => void service.openVault(p).catch(showError),
        reindex: () => void service.reindex().catch((err: unknown) => log.error('re-index failed', err)),
        showShortcuts: () =>
          void deps.dialog.showMessageBox({ type: 'info', title: MENU_LABELS[lang].shortcuts, message: MENU_LABELS[lang].shortcuts, detail: shortcutsText(lang, runtime.platform) }),
        showAbout: () =>
          void deps.dialog.showMessageBox({ type: 'info', title: MENU_LABELS[lang].about, message: `Almanac ${app.getVersion()}`, detail: 'Offline search for weekly Markdown digests.' }),
      },
    });
    deps.Menu.setApplicationMenu(deps.Menu.buildFromTemplate(template));
  };
  const showError = (err: unknown): void => {
    const message = err instanceof Error ? err.message : String(err);
    log.error('open vault failed', err);
    deps.dialog.showErrorBox('Almanac', message);
  };

  await container.boot({ name: 'log', boot: () => log.info(`Almanac ${app.getVersion()} starting (user data ${userData})`), shutdown: () => log.info('stopped') });

  const service = await container.provide(
    'index-service',
    async () => {
      const sample = sampleVaultPath(deps, runtime);
      const start = chooseStartVault(vaultFromArgv(runtime.argv, app.isPackaged, runtime.cwd), state.lastVault()?.path ?? null, sample);
      const nativeBinding = nativeBindingFor(deps, runtime);
      log.info(`opening ${start.isSample ? 'the sample vault' : 'vault'} ${start.vaultPath}`);
      const opened = await AlmanacService.open({
        vaultPath: start.vaultPath,
        dbPath: desktopIndexPath(userData, start.vaultPath),
        dbPathForVault: (v) => desktopIndexPath(userData, v),
        workerUrl: pathToFileURL(path.join(runtime.mainDir, 'parse-worker.js')),
        writerUrl: pathToFileURL(path.join(runtime.mainDir, 'store-writer.js')),
        isSample: start.isSample,
        nativeBinding,
        settingsStore: state,
        openFolderDialog: async () => {
          const title = MENU_LABELS[menuLanguage(state.language(), app.getLocale())].openVault;
          const result = await deps.dialog.showOpenDialog({ title, properties: ['openDirectory'] });
          return result.canceled ? null : (result.filePaths[0] ?? null);
        },
        openExternal: (url) => openExternalSafely(deps.shell, url),
      });
      for (const notice of opened.notices) log.warn(notice);
      return opened;
    },
    (s) => s.close(),
  );

  await container.boot({
    name: 'session-guards',
    boot: async () => {
      hardenSession(deps.session(), devServerUrl, (m) => log.warn(m));
      await handleAppProtocol(deps.protocol, path.join(runtime.mainDir, '..', 'renderer'));
    },
    shutdown: () => undefined,
  });

  await container.boot({
    name: 'ipc',
    boot: () => {
      unregisterIpc = registerIpcHandlers({
        ipcMain: deps.ipcMain,
        api: desktopApi(
          service,
          createExportSaver({
            dialog: deps.dialog,
            BrowserWindow: deps.BrowserWindow,
            exportSections: (request) => service.exportSections(request),
            language: () => menuLanguage(state.language(), app.getLocale()),
            defaultFolder: () => app.getPath('documents'),
            log: (m) => log.info(m),
          }),
          (s) => refreshMenu(s.language),
        ),
        isTrustedSender: (url) => isTrustedSender(url, devServerUrl),
        onRefused: (_m, reason) => log.warn(reason),
      });
      unsubscribeEvents = service.onEvent((event) => {
        forwardEvent(win, event);
        if (event.type === 'vault-changed') refreshMenu();
        if (event.type === 'index-error') log.warn(`index: ${event.message}`);
      });
    },
    shutdown: () => {
      unsubscribeEvents?.();
      unregisterIpc?.();
    },
  });

  await container.boot({
    name: 'window',
    boot: async () => {
      const windowState = WindowStateFile.inUserData(userData);
      const workAreas = deps.screen().getAllDisplays().map((d) => d.workArea);
      win = createMainWindow({
        BrowserWindow: deps.BrowserWindow,
        preloadPath: path.join(runtime.mainDir, '..', 'preload', 'index.cjs'),
        state: windowState.load(workAreas),
        hardening: { shell: deps.shell, devServerUrl, log: (m) => log.warn(m) },
        saveState: (bounds, maximized) => windowState.save(bounds, maximized),
      });
      win.on('closed', () => {
        win = null;
      });
      await win.loadURL(devServerUrl ?? APP_ENTRY_URL);
    },
    shutdown: () => {
      if (win && !win.isDestroyed()) win.close();
    },
  });

  await container.boot({ name: 'menu', boot: () => refreshMenu(), shutdown: () => undefined });

  await container.boot({
    name: 'watcher',
    boot: async () => {
      watcher = await startAutoReindex({
        api: service,
        onBatch: (b) => log.info(`vault changed: ${b.changed.length} changed, ${b.removed.length} removed; re-indexing`),
        onError: (err) => log.error('watcher', err),
      });
      // The first pass after startup: incremental, so cheap when nothing changed.
      service.reindex().then(
        (s) => log.info(`indexed ${s.files} files: ${s.indexed} indexed, ${s.unchanged} unchanged, ${s.removed} removed in ${s.elapsedMs} ms`),
        (err: unknown) => log.error('indexing failed', err),
      );
    },
    shutdown: () => watcher?.close(),
  });

  // `almanac-desktop ~/other-vault` while Almanac runs: the running instance opens that vault.
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const requested = vaultFromArgv(argv, app.isPackaged, workingDirectory);
    if (requested) void service.openVault(requested).catch(showError);
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  return {
    get booted() {
      return container.names;
    },
    service,
    get window() {
      return win;
    },
    log,
    shutdown: () => container.shutdown(),
  };
}

/** Quits cleanly: the first will-quit waits for the services to shut down, then quits for real. */
export function installQuitHandlers(deps: ElectronDeps, runtime: DesktopRuntime, desktop: Promise<DesktopApp>): void {
  let phase: 'running' | 'stopping' | 'stopped' = 'running';
  deps.app.on('window-all-closed', () => {
    if (runtime.platform !== 'darwin') deps.app.quit();
  });
  deps.app.on('will-quit', (event) => {
    if (phase === 'stopped') return;
    event.preventDefault();
    if (phase === 'stopping') return;
    phase = 'stopping';
    desktop
      .then((d) => d.shutdown())
      .catch(() => undefined)
      .finally(() => {
        phase = 'stopped';
        deps.app.quit();
      });
  });
}
