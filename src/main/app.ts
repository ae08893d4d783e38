/**
 * The desktop app's lifecycle. Services boot in dependency order:
 *
 *   log -> state (settings.json) -> index service (AlmanacService) -> session
 *   guards + app:// protocol -> IPC adapter -> window -> menu -> watcher
 *
 * and shut down in reverse when the app quits. Electron's APIs come in as
 * `deps` (see electron-deps.ts), so this file runs under Node in tests.
 */
import path from 'node:path';
import type { AlmanacService } from '../core/service/almanac-service.js';
import { registerAppScheme } from './app-protocol.js';
import { DesktopStateStore } from './desktop-state.js';
import { developmentSwitches, vaultFromArgv, type DesktopRuntime } from './desktop-paths.js';
import {
  ipcService,
  menuRefresher,
  openIndexService,
  sessionGuardsService,
  showOpenError,
  watcherService,
  windowService,
  type DesktopContext,
} from './desktop-services.js';
import type { BrowserWindowLike, ElectronDeps } from './electron-deps.js';
import { createFileLogger, type Logger } from './logger.js';
import { ServiceContainer } from './service-container.js';

export {
  chooseStartVault,
  desktopIndexPath,
  developmentSwitches,
  nativeBindingFor,
  NATIVE_BINDING_ENV,
  nodeWorkerUrls,
  sampleVaultPath,
  vaultFromArgv,
  type DesktopRuntime,
} from './desktop-paths.js';

export interface DesktopApp {
  /** The services that booted, in order. */
  readonly booted: string[];
  readonly service: AlmanacService;
  readonly window: BrowserWindowLike | null;
  readonly log: Logger;
  shutdown(): Promise<void>;
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

/** `almanac-desktop ~/other-vault` while Almanac runs: the running instance opens that vault and comes to the front. */
function handleSecondInstance(ctx: DesktopContext, service: AlmanacService): void {
  const { app } = ctx.deps;
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const requested = vaultFromArgv(argv, app.isPackaged, workingDirectory);
    if (requested) void service.openVault(requested).catch((err: unknown) => showOpenError(ctx, err));
    const win = ctx.win;
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
}

export async function startDesktopApp(deps: ElectronDeps, runtime: DesktopRuntime): Promise<DesktopApp> {
  const { app } = deps;
  await app.whenReady();
  const userData = app.getPath('userData');
  const log = createFileLogger(path.join(userData, 'logs', 'main.log'), { echo: runtime.logEcho ?? null });
  const ctx: DesktopContext = {
    deps,
    runtime,
    userData,
    devServerUrl: developmentSwitches(app, runtime.env).devServerUrl,
    log,
    state: DesktopStateStore.inUserData(userData),
    win: null,
  };
  const container = new ServiceContainer(log);

  await container.boot({ name: 'log', boot: () => log.info(`Almanac ${app.getVersion()} starting (user data ${userData})`), shutdown: () => log.info('stopped') });
  const service = await container.provide('index-service', () => openIndexService(ctx), (s) => s.close());
  const refreshMenu = menuRefresher(ctx, service);
  await container.boot(sessionGuardsService(ctx, service));
  await container.boot(ipcService(ctx, service, refreshMenu));
  await container.boot(windowService(ctx));
  await container.boot({ name: 'menu', boot: () => refreshMenu(), shutdown: () => undefined });
  await container.boot(watcherService(ctx, service));
  handleSecondInstance(ctx, service);

  return {
    get booted() {
      return container.names;
    },
    service,
    get window() {
      return ctx.win;
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
