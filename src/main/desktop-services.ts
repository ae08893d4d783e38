/**
 * The desktop app's services, one function each, in the order app.ts boots
 * them: index service -> session guards -> IPC -> window -> menu -> watcher.
 * Each receives what the earlier ones made through a DesktopContext.
 */
import path from 'node:path';
import { AlmanacService } from '../core/service/almanac-service.js';
import { startAutoReindex, type AutoReindex } from '../core/watch/auto-reindex.js';
import { API_METHODS, type AlmanacApi, type ApiMethod, type Settings } from '../shared/api.js';
import { withImageUrls } from '../shared/transport.js';
import { appImageUrl, handleAppProtocol } from './app-protocol.js';
import type { DesktopStateStore } from './desktop-state.js';
import {
  chooseStartVault,
  desktopIndexPath,
  nativeBindingFor,
  nodeWorkerUrls,
  sampleVaultPath,
  vaultFromArgv,
  type DesktopRuntime,
} from './desktop-paths.js';
import type { BrowserWindowLike, ElectronDeps } from './electron-deps.js';
import { registerIpcHandlers } from './ipc-adapter.js';
import type { Logger } from './logger.js';
import { createMainWindow, forwardEvent } from './main-window.js';
import { buildMenuTemplate, menuLanguage, shortcutsText, MENU_LABELS } from './menu.js';
import { createExportSaver, type ExportSaver } from './save-export.js';
import { APP_ENTRY_URL, hardenSession, isTrustedSender, openExternalSafely } from './security.js';
import type { MainService } from './service-container.js';
import { WindowStateFile } from './window-state.js';

/** What every desktop service may use; `win` is the main window while it is open. */
export interface DesktopContext {
  deps: ElectronDeps;
  runtime: DesktopRuntime;
  userData: string;
  /** ELECTRON_RENDERER_URL under `electron-vite dev`, else null (the app:// UI); always null when packaged. */
  devServerUrl: string | null;
  log: Logger;
  state: DesktopStateStore;
  win: BrowserWindowLike | null;
}

/** Logs a failure to open a vault and shows it in a dialog. */
export function showOpenError(ctx: DesktopContext, err: unknown): void {
  ctx.log.error('open vault failed', err);
  ctx.deps.dialog.showErrorBox('Almanac', err instanceof Error ? err.message : String(err));
}

/** Builds the application menu anew (language, recent vaults); call when either changes. */
export function menuRefresher(ctx: DesktopContext, service: AlmanacService): (language?: Settings['language']) => void {
  const { deps, runtime, state, log } = ctx;
  const { app } = deps;
  const showError = (err: unknown): void => showOpenError(ctx, err);
  const message = (title: string, text: string, detail: string) => void deps.dialog.showMessageBox({ type: 'info', title, message: text, detail });
  return (language) => {
    const lang = menuLanguage(language ?? state.language(), app.getLocale());
    const labels = MENU_LABELS[lang];
    const template = buildMenuTemplate({
      language: lang,
      recent: state.recentVaults(),
      platform: runtime.platform,
      devTools: !app.isPackaged,
      actions: {
        openVault: () => void service.openVault().catch(showError),
        openRecent: (p) => void service.openVault(p).catch(showError),
        reindex: () => void service.reindex().catch((err: unknown) => log.error('re-index failed', err)),
        showShortcuts: () => message(labels.shortcuts, labels.shortcuts, shortcutsText(lang, runtime.platform)),
        showAbout: () => message(labels.about, `Almanac ${app.getVersion()}`, 'Offline search for weekly Markdown digests.'),
      },
    });
    deps.Menu.setApplicationMenu(deps.Menu.buildFromTemplate(template));
  };
}

/** Opens the index service on the vault of the command line, else the last one, else the sample. */
export async function openIndexService(ctx: DesktopContext): Promise<AlmanacService> {
  const { deps, runtime, userData, state, log } = ctx;
  const { app } = deps;
  const start = chooseStartVault(vaultFromArgv(runtime.argv, app.isPackaged, runtime.cwd), state.lastVault()?.path ?? null, sampleVaultPath(deps, runtime));
  const nativeBinding = nativeBindingFor(deps, runtime);
  log.info(`opening ${start.isSample ? 'the sample vault' : 'vault'} ${start.vaultPath}`);
  const opened = await AlmanacService.open({
    vaultPath: start.vaultPath,
    dbPath: desktopIndexPath(userData, start.vaultPath),
    dbPathForVault: (v) => desktopIndexPath(userData, v),
    ...nodeWorkerUrls(runtime.mainDir),
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
}

/** Permission and request guards on the default session, and the app:// protocol serving out/renderer and the vault's images. */
export function sessionGuardsService(ctx: DesktopContext, service: AlmanacService): MainService {
  const remoteImagesSetting = async (): Promise<boolean> => (await service.getSettings()).remoteImages === true;
  return {
    name: 'session-guards',
    boot: async () => {
      hardenSession(ctx.deps.session(), ctx.devServerUrl, (m) => ctx.log.warn(m), remoteImagesSetting);
      await handleAppProtocol(ctx.deps.protocol, path.join(ctx.runtime.mainDir, '..', 'renderer'), { images: service, remoteImagesSetting });
    },
    shutdown: () => undefined,
  };
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
    getDigest: async (digestPath) => withImageUrls(await service.getDigest(digestPath), appImageUrl),
    saveExport: (request) => saver.saveExport(request),
    onEvent: service.onEvent.bind(service),
    updateSettings: async (patch) => {
      const settings = await service.updateSettings(patch);
      onSettingsChanged(settings);
      return settings;
    },
  };
}

/** The contract over IPC, and the service's events forwarded to the window. */
export function ipcService(ctx: DesktopContext, service: AlmanacService, refreshMenu: (language?: Settings['language']) => void): MainService {
  const { deps, log, state, devServerUrl } = ctx;
  let unregisterIpc: (() => void) | null = null;
  let unsubscribeEvents: (() => void) | null = null;
  const saver = createExportSaver({
    dialog: deps.dialog,
    BrowserWindow: deps.BrowserWindow,
    exportSections: (request) => service.exportSections(request),
    language: () => menuLanguage(state.language(), deps.app.getLocale()),
    defaultFolder: () => deps.app.getPath('documents'),
    vaultPath: async () => (await service.getStatus()).vaultPath,
    log: (m) => log.info(m),
  });
  return {
    name: 'ipc',
    boot: () => {
      unregisterIpc = registerIpcHandlers({
        ipcMain: deps.ipcMain,
        api: desktopApi(service, saver, (s) => refreshMenu(s.language)),
        isTrustedSender: (url) => isTrustedSender(url, devServerUrl),
        onRefused: (_m, reason) => log.warn(reason),
        onFailed: (m, err) => log.error(`${m} failed`, err),
      });
      unsubscribeEvents = service.onEvent((event) => {
        forwardEvent(ctx.win, event);
        if (event.type === 'vault-changed') refreshMenu();
        if (event.type === 'index-error') log.warn(`index: ${event.message}`);
      });
    },
    shutdown: () => {
      unsubscribeEvents?.();
      unregisterIpc?.();
    },
  };
}

/** The main window at its saved place, loading the UI; ctx.win while it is open. */
export function windowService(ctx: DesktopContext): MainService {
  const { deps, runtime, userData, devServerUrl, log } = ctx;
  return {
    name: 'window',
    boot: async () => {
      const windowState = WindowStateFile.inUserData(userData);
      const workAreas = deps.screen().getAllDisplays().map((d) => d.workArea);
      const win = createMainWindow({
        BrowserWindow: deps.BrowserWindow,
        preloadPath: path.join(runtime.mainDir, '..', 'preload', 'index.cjs'),
        state: windowState.load(workAreas),
        devTools: !deps.app.isPackaged,
        hardening: { shell: deps.shell, devServerUrl, log: (m) => log.warn(m) },
        saveState: (bounds, maximized) => windowState.save(bounds, maximized),
      });
      ctx.win = win;
      win.on('closed', () => {
        ctx.win = null;
      });
      await win.loadURL(devServerUrl ?? APP_ENTRY_URL);
    },
    shutdown: () => {
      if (ctx.win && !ctx.win.isDestroyed()) ctx.win.close();
    },
  };
}

/** Re-indexes on vault changes, and runs the first (incremental) index pass after startup. */
export function watcherService(ctx: DesktopContext, service: AlmanacService): MainService {
  const { log } = ctx;
  let watcher: AutoReindex | null = null;
  return {
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
  };
}
