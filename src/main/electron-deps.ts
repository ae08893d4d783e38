/**
 * The Electron APIs the main process uses, as narrow types. Only the entry
 * file (index.ts) imports 'electron' at run time and passes these in; every
 * other module receives them, so unit tests run under plain Node with fakes.
 */
import type {
  App,
  BrowserWindow,
  BrowserWindowConstructorOptions,
  Dialog,
  IpcMain,
  Menu,
  MenuItemConstructorOptions,
  Protocol,
  Rectangle,
  Screen,
  Session,
  Shell,
  WebContents,
} from 'electron';

export type AppLike = Pick<
  App,
  | 'whenReady'
  | 'requestSingleInstanceLock'
  | 'quit'
  | 'exit'
  | 'on'
  | 'getPath'
  | 'getLocale'
  | 'getVersion'
  | 'getName'
  | 'isPackaged'
  | 'getAppPath'
>;
export type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler'>;
export type DialogLike = Pick<Dialog, 'showOpenDialog' | 'showSaveDialog' | 'showMessageBox' | 'showErrorBox'>;
export type ShellLike = Pick<Shell, 'openExternal'>;
export type ProtocolLike = Pick<Protocol, 'registerSchemesAsPrivileged' | 'handle'>;
export type ScreenLike = Pick<Screen, 'getAllDisplays'>;
export type SessionLike = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> & {
  webRequest: Pick<Session['webRequest'], 'onBeforeRequest'>;
};
export type WebContentsLike = Pick<WebContents, 'on' | 'setWindowOpenHandler' | 'send' | 'isDestroyed' | 'getURL'>;
export type BrowserWindowLike = Pick<
  BrowserWindow,
  'loadURL' | 'show' | 'focus' | 'isMinimized' | 'restore' | 'getNormalBounds' | 'isMaximized' | 'maximize' | 'isDestroyed' | 'once' | 'on' | 'close'
> & { webContents: WebContentsLike };
export type BrowserWindowCtor = new (options: BrowserWindowConstructorOptions) => BrowserWindowLike;
/** The hidden window that prints an HTML export to PDF (see pdf-print.ts). */
export type PrintWindowLike = Pick<BrowserWindow, 'loadURL' | 'destroy' | 'isDestroyed'> & {
  webContents: Pick<WebContents, 'on' | 'setWindowOpenHandler' | 'printToPDF'>;
};
export type PrintWindowCtor = new (options: BrowserWindowConstructorOptions) => PrintWindowLike;
export interface MenuLike {
  buildFromTemplate(template: MenuItemConstructorOptions[]): Menu;
  setApplicationMenu(menu: Menu | null): void;
}

export interface ElectronDeps {
  app: AppLike;
  /** Constructs the main window and the hidden PDF print window (the real BrowserWindow is both). */
  BrowserWindow: BrowserWindowCtor & PrintWindowCtor;
  ipcMain: IpcMainLike;
  dialog: DialogLike;
  shell: ShellLike;
  Menu: MenuLike;
  /** The default session (session.defaultSession), available after app ready. */
  session: () => SessionLike;
  protocol: ProtocolLike;
  /** screen can only be used after app ready, hence a getter. */
  screen: () => ScreenLike;
}

export type { BrowserWindowConstructorOptions, MenuItemConstructorOptions, Rectangle };
