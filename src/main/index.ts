/**
 * Electron main entry: the only main-process file that imports 'electron' at
 * run time. It hands Electron's APIs to the app (app.ts), which wires the
 * services in order and shuts them down on quit.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, screen, session, shell } from 'electron';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { developmentSwitches, installQuitHandlers, prepareDesktopApp, startDesktopApp, type DesktopApp } from './app.js';
import type { ElectronDeps } from './electron-deps.js';

const deps: ElectronDeps = {
  app,
  BrowserWindow,
  ipcMain,
  dialog,
  shell,
  Menu,
  session: () => session.defaultSession,
  protocol,
  screen: () => screen,
};

// Tests (tests/e2e/electron.spec.ts) keep their settings and index out of the user's profile; never a packaged app.
const devUserData = developmentSwitches(app, process.env).userData;
if (devUserData) app.setPath('userData', devUserData);

if (!prepareDesktopApp(deps)) {
  // Another Almanac is running; it gets focused through its 'second-instance' event.
  app.quit();
} else {
  const runtime = {
    argv: process.argv,
    env: process.env,
    platform: process.platform,
    cwd: process.cwd(),
    resourcesPath: process.resourcesPath,
    mainDir: dirname(fileURLToPath(import.meta.url)),
    electronVersion: process.versions.electron,
    logEcho: app.isPackaged ? null : process.stderr,
  };
  const desktop: Promise<DesktopApp> = startDesktopApp(deps, runtime);
  installQuitHandlers(deps, runtime, desktop);
  desktop.catch((err: unknown) => {
    const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
    process.stderr.write(`Almanac could not start: ${message}\n`);
    dialog.showErrorBox('Almanac could not start', err instanceof Error ? err.message : String(err));
    app.exit(1);
  });
}
