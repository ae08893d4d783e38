/**
 * Stand-ins for the Electron APIs the main process receives (see
 * src/main/electron-deps.ts). They record what the app does with them so
 * tests can assert on it under plain Node.
 */
import { EventEmitter } from 'node:events';
import type {
  BrowserWindowConstructorOptions,
  ElectronDeps,
  IpcMainLike,
  MenuItemConstructorOptions,
} from '../../src/main/electron-deps.js';

type Handler = (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => unknown;

export class FakeIpcMain {
  readonly handlers = new Map<string, Handler>();

  handle(channel: string, handler: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** What ipcRenderer.invoke would do: call the handler with a sender frame at `frameUrl`. */
  async invoke(channel: string, frameUrl: string | null, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler({ senderFrame: frameUrl === null ? null : { url: frameUrl } }, ...args);
  }

  asIpcMain(): IpcMainLike {
    return this as unknown as IpcMainLike;
  }
}

export interface PreventableEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function preventable(): PreventableEvent {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | null = null;
  readonly sent: [string, unknown][] = [];
  destroyed = false;

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void {
    this.windowOpenHandler = handler;
  }

  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  getURL(): string {
    return 'app://almanac/index.html';
  }
}

export class FakeSession {
  permissionRequest: ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void) | null = null;
  permissionCheck: ((...args: unknown[]) => boolean) | null = null;
  beforeRequest: ((details: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | null = null;
  readonly webRequest = {
    onBeforeRequest: (listener: (details: { url: string }, cb: (r: { cancel: boolean }) => void) => void) => {
      this.beforeRequest = listener;
    },
  };

  setPermissionRequestHandler(handler: FakeSession['permissionRequest']): void {
    this.permissionRequest = handler;
  }

  setPermissionCheckHandler(handler: FakeSession['permissionCheck']): void {
    this.permissionCheck = handler;
  }

  /** What a request for `url` gets. */
  request(url: string): boolean {
    let cancel = true;
    this.beforeRequest?.({ url }, (r) => (cancel = r.cancel));
    return !cancel;
  }
}

export class FakeShell {
  readonly opened: string[] = [];
  async openExternal(url: string): Promise<void> {
    this.opened.push(url);
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  shown = false;
  maximized = false;
  destroyed = false;

  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    FakeBrowserWindow.instances.push(this);
  }

  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.emit('ready-to-show');
  }
  show(): void {
    this.shown = true;
  }
  focus(): void {}
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  getNormalBounds() {
    return { x: 100, y: 120, width: 1000, height: 700 };
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  maximize(): void {
    this.maximized = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  close(): void {
    this.emit('close');
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

export interface FakeElectron {
  deps: ElectronDeps;
  ipcMain: FakeIpcMain;
  session: FakeSession;
  shell: FakeShell;
  menus: MenuItemConstructorOptions[][];
  protocolHandlers: Map<string, (request: { url: string; method: string }) => Promise<Response> | Response>;
  privileged: unknown[];
  appEvents: EventEmitter;
  quitCalls: number;
}

export function fakeElectron(options: { userData: string; appPath: string; locale?: string; lock?: boolean }): FakeElectron {
  const ipcMain = new FakeIpcMain();
  const session = new FakeSession();
  const shell = new FakeShell();
  const menus: MenuItemConstructorOptions[][] = [];
  const protocolHandlers = new Map<string, (request: { url: string; method: string }) => Promise<Response> | Response>();
  const privileged: unknown[] = [];
  const appEvents = new EventEmitter();
  const fake: FakeElectron = {
    ipcMain, session, shell, menus, protocolHandlers, privileged, appEvents, quitCalls: 0,
    deps: undefined as unknown as ElectronDeps,
  };
  const app = {
    whenReady: () => Promise.resolve(),
    requestSingleInstanceLock: () => options.lock ?? true,
    quit: () => {
      fake.quitCalls++;
    },
    exit: () => undefined,
    on: (name: string, listener: (...args: unknown[]) => void) => {
      appEvents.on(name, listener);
      return app;
    },
    getPath: (name: string) => {
      if (name !== 'userData') throw new Error(`unexpected getPath(${name})`);
      return options.userData;
    },
    getLocale: () => options.locale ?? 'en-US',
    getVersion: () => '0.1.0',
    getName: () => 'Almanac',
    isPackaged: false,
    getAppPath: () => options.appPath,
  };
  fake.deps = {
    app: app as unknown as ElectronDeps['app'],
    BrowserWindow: FakeBrowserWindow as unknown as ElectronDeps['BrowserWindow'],
    ipcMain: ipcMain.asIpcMain(),
    dialog: {
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
      showMessageBox: async () => ({ response: 0, checkboxChecked: false }),
      showErrorBox: () => undefined,
    } as unknown as ElectronDeps['dialog'],
    shell: shell as unknown as ElectronDeps['shell'],
    Menu: {
      buildFromTemplate: (template: MenuItemConstructorOptions[]) => {
        menus.push(template);
        return {} as never;
      },
      setApplicationMenu: () => undefined,
    },
    session: () => session as unknown as ReturnType<ElectronDeps['session']>,
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => {
        privileged.push(...schemes);
      },
      handle: (scheme: string, handler: (request: { url: string; method: string }) => Promise<Response> | Response) => {
        protocolHandlers.set(scheme, handler);
      },
    } as unknown as ElectronDeps['protocol'],
    screen: () => ({ getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] }) as unknown as ReturnType<ElectronDeps['screen']>,
  };
  return fake;
}
