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
export type DialogLike = Pick<Dialog, 'showOpenDialog' | 'showMessageBox' | 'showErrorBox'>;
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
export interface MenuLike {
  buildFromTemplate(template: MenuItemConstructorOptions[]): Menu;
  setApplicationMenu(menu: Menu | null): void;
}

export interface ElectronDeps {
  app: AppLike;
  BrowserWindow: BrowserWindowCtor;
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
