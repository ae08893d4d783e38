/**
 * Stand-ins for the Electron APIs the main process receives (see
 * src/main/electron-deps.ts). They record what the app does with them so
 * tests can assert on it under plain Node.
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareDesktopApp, startDesktopApp, type DesktopApp } from '../../src/main/app.js';
import { unwrapReply } from '../../src/shared/transport.js';
import { tempDir } from './server-fixtures.js';
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

  /**
   * The whole desktop path of a call: the handler's WireReply unwrapped as the
   * renderer's IPC client does it (a result, or the AlmanacError it carries).
   */
  async call(channel: string, frameUrl: string | null, ...args: unknown[]): Promise<unknown> {
    return unwrapReply(channel, await this.invoke(channel, frameUrl, ...args));
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

export function fakeElectron(options: { userData: string; appPath: string; locale?: string; lock?: boolean; packaged?: boolean }): FakeElectron {
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
    isPackaged: options.packaged ?? false,
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

/** The esbuild bundles (scripts/build-node.mjs, run by the global setup): the only build of the worker threads. */
export const OUT_NODE = fileURLToPath(new URL('../../out/node', import.meta.url));

export interface FakeDesktop {
  root: string;
  userData: string;
  /** out/main of the app laid out in the temp folder. */
  mainDir: string;
  electron: FakeElectron;
  desktop: DesktopApp;
  /** Shuts the app down and removes the temp folder. */
  close(): Promise<void>;
}

/**
 * The desktop app started for real over fake Electron APIs: a temp app folder
 * in the built layout (out/main beside out/node, out/renderer, out/preload), a
 * one-digest sample vault where a development run and a packaged app each look
 * for it, and the user data in the temp folder.
 */
export async function startFakeDesktop(options: { packaged?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<FakeDesktop> {
  const root = tempDir('almanac-desktop-');
  const userData = path.join(root, 'userData');
  const appPath = path.join(root, 'app');
  const resourcesPath = path.join(root, 'resources');
  for (const sample of [path.join(appPath, 'resources', 'sample-vault'), path.join(resourcesPath, 'sample-vault')]) {
    fs.mkdirSync(path.join(sample, 'weekly'), { recursive: true });
    fs.writeFileSync(path.join(sample, 'weekly', '2026-02-06.md'), '---\ntitle: Sample week\ndate: 2026-02-06\n---\n\n## Models\n\nGPT-5.3-Codex and Claude Opus 4.6.\n');
  }
  const mainDir = path.join(appPath, 'out', 'main');
  fs.mkdirSync(mainDir, { recursive: true });
  fs.symlinkSync(OUT_NODE, path.join(appPath, 'out', 'node'));
  fs.mkdirSync(path.join(appPath, 'out', 'renderer'), { recursive: true });
  fs.writeFileSync(path.join(appPath, 'out', 'renderer', 'index.html'), '<!doctype html><title>Almanac</title>');
  FakeBrowserWindow.instances = [];
  const electron = fakeElectron({ userData, appPath, packaged: options.packaged });
  if (!prepareDesktopApp(electron.deps)) throw new Error('the fake single-instance lock was refused');
  // A packaged app's argv has no "." (the app path) after the executable.
  const argv = options.packaged ? ['Almanac'] : ['electron', '.'];
  const desktop = await startDesktopApp(electron.deps, { argv, env: options.env ?? {}, platform: 'linux', cwd: root, resourcesPath, mainDir });
  return {
    root,
    userData,
    mainDir,
    electron,
    desktop,
    close: async () => {
      await desktop.shutdown();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
