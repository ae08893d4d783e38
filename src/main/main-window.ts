/**
 * The main window: secure web preferences, hardened web contents, the saved
 * size and position, and the contract's events forwarded to the renderer.
 */
import type { AlmanacEvent } from '../shared/api.js';
import { IPC_EVENT_CHANNEL } from '../shared/transport.js';
import type { BrowserWindowConstructorOptions, BrowserWindowCtor, BrowserWindowLike } from './electron-deps.js';
import { hardenWebContents, secureWebPreferences, type HardenOptions } from './security.js';
import { MIN_WINDOW, type WindowState } from './window-state.js';

export interface MainWindowOptions {
  BrowserWindow: BrowserWindowCtor;
  preloadPath: string;
  state: WindowState;
  /** DevTools in development only (`!app.isPackaged`). */
  devTools: boolean;
  hardening: HardenOptions;
  /** Called when the window closes, with its normal (unmaximised) bounds. */
  saveState: (bounds: { x: number; y: number; width: number; height: number }, maximized: boolean) => void;
}

export function mainWindowOptions(preloadPath: string, state: WindowState, devTools: boolean): BrowserWindowConstructorOptions {
  return {
    title: 'Almanac',
    width: state.width,
    height: state.height,
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    minWidth: MIN_WINDOW.width,
    minHeight: MIN_WINDOW.height,
    show: false,
    backgroundColor: '#1e1e1e',
    webPreferences: secureWebPreferences(preloadPath, devTools),
  };
}

export function createMainWindow(options: MainWindowOptions): BrowserWindowLike {
  const win = new options.BrowserWindow(mainWindowOptions(options.preloadPath, options.state, options.devTools));
  hardenWebContents(win.webContents, options.hardening);
  win.once('ready-to-show', () => {
    if (options.state.maximized) win.maximize();
    win.show();
  });
  win.on('close', () => {
    try {
      options.saveState(win.getNormalBounds(), win.isMaximized());
    } catch (err) {
      options.hardening.log?.(`could not save the window state: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
  return win;
}

/** Sends a contract event to the window's renderer, if it still exists. */
export function forwardEvent(win: BrowserWindowLike | null, event: AlmanacEvent): void {
  if (!win || win.isDestroyed() || win.webContents.isDestroyed()) return;
  win.webContents.send(IPC_EVENT_CHANNEL, event);
}
