/**
 * Packaged builds trust nothing meant for development (hardening finding 7):
 * no dev-server URL, user-data folder or native-module path from the
 * environment, no DevTools, and the Electron fuses flipped by the packaging
 * config, read through electron-builder's own loader and schema.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { developmentSwitches, nativeBindingFor, NATIVE_BINDING_ENV } from '../../src/main/app.js';
import type { ElectronDeps, MenuItemConstructorOptions } from '../../src/main/electron-deps.js';
import { buildMenuTemplate } from '../../src/main/menu.js';
import { APP_ENTRY_URL } from '../../src/main/security.js';
import { ipcChannel } from '../../src/shared/transport.js';
import { FakeBrowserWindow, startFakeDesktop, type FakeDesktop } from './main-fakes.js';
import { tempDir } from './server-fixtures.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const DEV_ENV = { ELECTRON_RENDERER_URL: 'http://localhost:5173', ALMANAC_USER_DATA: '/tmp/almanac-dev-profile' };

/** Every role in a menu template, submenus included. */
function roles(template: readonly MenuItemConstructorOptions[]): string[] {
  return template.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

describe('development switches', () => {
  it('honours ELECTRON_RENDERER_URL and ALMANAC_USER_DATA only when not packaged', () => {
    expect(developmentSwitches({ isPackaged: false }, DEV_ENV)).toEqual({ devServerUrl: 'http://localhost:5173', userData: '/tmp/almanac-dev-profile' });
    expect(developmentSwitches({ isPackaged: true }, DEV_ENV)).toEqual({ devServerUrl: null, userData: null });
    expect(developmentSwitches({ isPackaged: false }, {})).toEqual({ devServerUrl: null, userData: null });
  });

  it(`ignores ${NATIVE_BINDING_ENV} (a native module to load) when packaged`, () => {
    const dir = tempDir('almanac-binding-');
    try {
      const binding = path.join(dir, 'evil.node');
      fs.writeFileSync(binding, '');
      const deps = (isPackaged: boolean) => ({ app: { isPackaged } }) as unknown as ElectronDeps;
      const runtime = { argv: [], env: { [NATIVE_BINDING_ENV]: binding }, platform: 'linux' as const, cwd: dir, resourcesPath: dir, mainDir: dir };
      expect(nativeBindingFor(deps(false), runtime)).toBe(binding);
      expect(nativeBindingFor(deps(true), runtime)).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('puts Toggle Developer Tools in the View menu in development only', () => {
    const actions = { openVault() {}, openRecent() {}, reindex() {}, showShortcuts() {}, showAbout() {} };
    const menu = (devTools: boolean) => roles(buildMenuTemplate({ language: 'en', recent: [], actions, platform: 'linux', devTools }));
    expect(menu(true)).toContain('toggleDevTools');
    expect(menu(false)).not.toContain('toggleDevTools');
  });
});

describe('a packaged app started with development variables set', () => {
  let fake: FakeDesktop;

  beforeAll(async () => {
    fake = await startFakeDesktop({ packaged: true, env: DEV_ENV });
  });

  afterAll(async () => {
    await fake?.close();
  });

  it('loads the built UI over app://, not the dev server, and trusts no other origin', async () => {
    const win = FakeBrowserWindow.instances[0] as FakeBrowserWindow;
    expect(win.loadedUrl).toBe(APP_ENTRY_URL);
    await expect(fake.electron.ipcMain.call(ipcChannel('getStatus'), 'http://localhost:5173/')).rejects.toThrow('not the Almanac UI');
    expect(fake.electron.session.request('http://localhost:5173/src/main.tsx')).toBe(false);
    await expect(fake.electron.ipcMain.call(ipcChannel('getStatus'), APP_ENTRY_URL)).resolves.toMatchObject({ isSample: true });
  });

  it('has no DevTools: not in the window, not in the menu', () => {
    const win = FakeBrowserWindow.instances[0] as FakeBrowserWindow;
    expect(win.options.webPreferences?.devTools).toBe(false);
    expect(fake.electron.menus.length).toBeGreaterThan(0);
    for (const template of fake.electron.menus) expect(roles(template)).not.toContain('toggleDevTools');
  });

  it('opens the sample vault shipped in its resources', async () => {
    const status = (await fake.electron.ipcMain.call(ipcChannel('getStatus'), APP_ENTRY_URL)) as { vaultPath: string };
    expect(status.vaultPath).toBe(path.join(fake.root, 'resources', 'sample-vault'));
  });
});

describe('a development run', () => {
  it('keeps DevTools (window and menu)', async () => {
    const fake = await startFakeDesktop();
    try {
      const win = FakeBrowserWindow.instances[0] as FakeBrowserWindow;
      expect(win.options.webPreferences?.devTools).toBe(true);
      expect(roles(fake.electron.menus[0] ?? [])).toContain('toggleDevTools');
    } finally {
      await fake.close();
    }
  });
});

describe('Electron fuses in the packaging config', () => {
  it('are set as electron-builder reads and validates electron-builder.yml', async () => {
    const config = await getConfig(REPO, null, null);
    await validateConfiguration(config, { isEnabled: false, add: () => undefined } as never);
    const fuses = config.electronFuses;
    expect(fuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
    // The asar fuses need an asar archive: on exactly when asar is used (with asar off they would stop the app loading).
    const asar = config.asar !== false && config.asar !== null;
    expect(fuses?.onlyLoadAppFromAsar).toBe(asar);
    expect(fuses?.enableEmbeddedAsarIntegrityValidation).toBe(asar);
  });
});
