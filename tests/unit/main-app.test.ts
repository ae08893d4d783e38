/**
 * The desktop main process wired end to end under Node: Electron's APIs are
 * fakes (main-fakes.ts), everything else is real - AlmanacService over a
 * temp sample vault, the index in the temp user-data folder, the watcher.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installQuitHandlers, nodeWorkerUrls, prepareDesktopApp, type DesktopApp } from '../../src/main/app.js';
import { APP_ENTRY_URL } from '../../src/main/security.js';
import type { AlmanacEvent, VaultStatus } from '../../src/shared/api.js';
import { API_METHODS } from '../../src/shared/api.js';
import { IPC_EVENT_CHANNEL, ipcChannel } from '../../src/shared/transport.js';
import { FakeBrowserWindow, fakeElectron, preventable, startFakeDesktop, type FakeDesktop, type FakeElectron } from './main-fakes.js';
import { tempDir } from './server-fixtures.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const UI = 'app://almanac/index.html';

async function until<T>(what: string, probe: () => T | undefined | null | false, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('desktop app wiring (Electron injected)', () => {
  let fake: FakeDesktop;
  let root: string;
  let userData: string;
  let electron: FakeElectron;
  let desktop: DesktopApp;
  let mainDir: string;

  beforeAll(async () => {
    fake = await startFakeDesktop();
    ({ root, userData, electron, desktop, mainDir } = fake);
  });

  afterAll(async () => {
    await fake?.close();
  });

  it('registers the app:// scheme before ready and boots the services in dependency order', () => {
    expect(electron.privileged).toEqual([expect.objectContaining({ scheme: 'app' })]);
    expect(desktop.booted).toEqual(['log', 'index-service', 'session-guards', 'ipc', 'window', 'menu', 'watcher']);
  });

  it('starts the worker threads from out/node, the one build of them that the CLI and the tests also run', () => {
    const urls = nodeWorkerUrls(mainDir);
    expect(fileURLToPath(urls.workerUrl)).toBe(path.join(mainDir, '..', 'node', 'parse-worker.js'));
    expect(fileURLToPath(urls.writerUrl)).toBe(path.join(mainDir, '..', 'node', 'store-writer.js'));
    // From the real out/main, both names point at files that `npm run build:node` writes.
    const built = nodeWorkerUrls(path.join(REPO, 'out', 'main'));
    expect(fs.existsSync(fileURLToPath(built.workerUrl))).toBe(true);
    expect(fs.existsSync(fileURLToPath(built.writerUrl))).toBe(true);
  });

  it('packages out/node with the app, and electron-vite does not build the workers a second time', () => {
    const builder = fs.readFileSync(path.join(REPO, 'electron-builder.yml'), 'utf8');
    const files = /^files:\n((?:\s+(?:- .*|#.*)\n)+)/m.exec(builder)?.[1] ?? '';
    expect(files.split('\n').map((l) => l.trim())).toEqual(expect.arrayContaining(['- out/main/**', '- out/node/**']));
    const viteConfig = fs.readFileSync(path.join(REPO, 'electron.vite.config.ts'), 'utf8');
    expect(viteConfig).not.toMatch(/worker\.ts|write-worker/);
  });

  it('opens one secure window on the app:// UI with the preload from out/preload', () => {
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    const win = FakeBrowserWindow.instances[0] as FakeBrowserWindow;
    expect(win.loadedUrl).toBe(APP_ENTRY_URL);
    expect(win.shown).toBe(true);
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(win.options.webPreferences?.preload).toBe(path.join(mainDir, '..', 'preload', 'index.cjs'));
    expect(win.webContents.windowOpenHandler).not.toBeNull();
    expect(win.webContents.listenerCount('will-navigate')).toBe(1);
  });

  it('serves exactly the contract over IPC, from the sample vault when nothing else was opened', async () => {
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual(API_METHODS.map(ipcChannel).sort());
    const status = (await electron.ipcMain.call(ipcChannel('getStatus'), UI)) as VaultStatus;
    expect(status.isSample).toBe(true);
    expect(status.vaultName).toBe('sample-vault');
    await expect(electron.ipcMain.call(ipcChannel('getStatus'), 'https://evil.example/')).rejects.toThrow('not the Almanac UI');
    await expect(electron.ipcMain.call(ipcChannel('getDigest'), UI, 'weekly/nope.md')).rejects.toThrow('digest not found: weekly/nope.md');
    await expect(electron.ipcMain.call(ipcChannel('getDigest'), UI, '../outside.md')).rejects.toThrow('contains ".."');
  });

  it('indexes at startup, keeps the index in <userData>/indexes/, and forwards events to the window', async () => {
    const win = FakeBrowserWindow.instances[0] as FakeBrowserWindow;
    await until('index-finished sent to the window', () =>
      win.webContents.sent.some(([ch, e]) => ch === IPC_EVENT_CHANNEL && (e as AlmanacEvent).type === 'index-finished'),
    );
    const dbs = fs.readdirSync(path.join(userData, 'indexes'));
    expect(dbs).toHaveLength(1);
    expect(fs.existsSync(path.join(userData, 'indexes', dbs[0] as string, 'index.db'))).toBe(true);
    const found = (await electron.ipcMain.call(ipcChannel('search'), UI, { query: 'Codex' })) as { total: number };
    expect(found.total).toBe(1);
  });

  it('serves the built UI through the app:// protocol handler', async () => {
    const handler = electron.protocolHandlers.get('app');
    expect(handler).toBeDefined();
    const res = await handler?.({ url: 'app://almanac/index.html', method: 'GET' });
    expect(res?.status).toBe(200);
    expect(await res?.text()).toContain('<title>Almanac</title>');
  });

  it('denies permissions on the default session', () => {
    let granted: boolean | null = null;
    electron.session.permissionRequest?.({}, 'media', (g) => (granted = g));
    expect(granted).toBe(false);
  });

  it('builds the menu in English, and in Chinese once the language setting says so (persisted in settings.json)', async () => {
    const labels = (i: number) => (electron.menus[i] ?? []).map((m) => m.label);
    expect(labels(0)).toEqual(['&File', '&Edit', '&View', '&Window', '&Help']);
    const file = electron.menus[0]?.[0]?.submenu as { label?: string }[];
    expect(file.map((m) => m.label).filter(Boolean)).toEqual(['Open Vault…', 'Recent Vaults', 'Re-index', 'Quit']);
    await electron.ipcMain.call(ipcChannel('updateSettings'), UI, { language: 'zh-CN' });
    expect(labels(electron.menus.length - 1)).toEqual(['文件(&F)', '编辑(&E)', '视图(&V)', '窗口(&W)', '帮助(&H)']);
    const saved = JSON.parse(fs.readFileSync(path.join(userData, 'settings.json'), 'utf8')) as { settings: { language: string } };
    expect(saved.settings.language).toBe('zh-CN');
  });

  it('opens the vault named by a second instance, and remembers it as recent', async () => {
    const other = path.join(root, 'other-vault');
    fs.mkdirSync(other);
    fs.writeFileSync(path.join(other, 'x.md'), '---\ntitle: Other\n---\n\n## A\n\nB\n');
    electron.appEvents.emit('second-instance', {}, ['electron', '.', other], root, {});
    await until('vault-changed', () =>
      (FakeBrowserWindow.instances[0] as FakeBrowserWindow).webContents.sent.some(
        ([, e]) => (e as AlmanacEvent).type === 'vault-changed' && (e as { status: VaultStatus }).status.vaultPath === other,
      ),
    );
    const recent = (await electron.ipcMain.call(ipcChannel('recentVaults'), UI)) as { path: string }[];
    expect(recent.map((r) => r.path)).toEqual([other]);
    // A recent vault may now be reopened by path from the renderer.
    const status = (await electron.ipcMain.call(ipcChannel('getStatus'), UI)) as VaultStatus;
    expect(status.isSample).toBe(false);
  });

  it('writes its log to <userData>/logs/main.log', () => {
    const log = fs.readFileSync(path.join(userData, 'logs', 'main.log'), 'utf8');
    expect(log).toContain('boot index-service');
    expect(log).toMatch(/opening the sample vault .*sample-vault/);
  });

  it('on quit: waits for shutdown in reverse order, saves the window state, removes the IPC handlers', async () => {
    installQuitHandlers(electron.deps, { argv: [], env: {}, platform: 'linux', cwd: root, resourcesPath: root, mainDir }, Promise.resolve(desktop));
    const event = preventable();
    electron.appEvents.emit('will-quit', event);
    expect(event.defaultPrevented).toBe(true);
    await until('quit after shutdown', () => electron.quitCalls > 0);
    expect(electron.ipcMain.handlers.size).toBe(0);
    const state = JSON.parse(fs.readFileSync(path.join(userData, 'window-state.json'), 'utf8')) as Record<string, unknown>;
    expect(state).toEqual({ x: 100, y: 120, width: 1000, height: 700, maximized: false });
    await expect(desktop.service.getStatus()).rejects.toThrow('the Almanac service is closed');
    const second = preventable();
    electron.appEvents.emit('will-quit', second);
    expect(second.defaultPrevented).toBe(false);
    const log = fs.readFileSync(path.join(userData, 'logs', 'main.log'), 'utf8');
    expect(log.indexOf('shutdown watcher')).toBeLessThan(log.indexOf('shutdown index-service'));
  });
});

describe('single instance', () => {
  it('reports a second instance so the entry quits', () => {
    const root = tempDir('almanac-lock-');
    try {
      const electron = fakeElectron({ userData: root, appPath: root, lock: false });
      expect(prepareDesktopApp(electron.deps)).toBe(false);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
