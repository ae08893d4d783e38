import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chooseStartVault, vaultFromArgv } from '../../src/main/app.js';
import { DesktopStateStore, MAX_RECENT_VAULTS } from '../../src/main/desktop-state.js';
import { readJsonFile, writeJsonFileAtomic } from '../../src/core/paths/json-file.js';
import { createFileLogger } from '../../src/main/logger.js';
import { buildMenuTemplate, menuLanguage, shortcutsText } from '../../src/main/menu.js';
import { fitToDisplays, parseWindowState, DEFAULT_WINDOW_STATE } from '../../src/main/window-state.js';
import { tempDir } from './server-fixtures.js';

const dirs: string[] = [];
const temp = (): string => {
  const d = tempDir('almanac-main-state-');
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('window state', () => {
  const laptop = { x: 0, y: 0, width: 1440, height: 900 };
  const external = { x: 1440, y: 0, width: 2560, height: 1440 };

  it('keeps a position that is visible on a current display', () => {
    expect(fitToDisplays({ x: 1600, y: 100, width: 1400, height: 900, maximized: false }, [laptop, external])).toEqual({
      x: 1600, y: 100, width: 1400, height: 900, maximized: false,
    });
  });

  it('drops a position on an unplugged monitor and shrinks the size to the largest display', () => {
    expect(fitToDisplays({ x: 1600, y: 100, width: 2400, height: 1300, maximized: true }, [laptop])).toEqual({
      width: 1440, height: 900, maximized: true,
    });
  });

  it('drops a position whose title bar is off-screen, and enforces the minimum size', () => {
    expect(fitToDisplays({ x: 10, y: -500, width: 100, height: 100, maximized: false }, [laptop])).toEqual({
      width: 640, height: 480, maximized: false,
    });
  });

  it('falls back to the defaults for malformed saved state', () => {
    expect(parseWindowState('garbage')).toEqual(DEFAULT_WINDOW_STATE);
    expect(parseWindowState({ width: '1e9', height: 700.5, x: 3 })).toEqual(DEFAULT_WINDOW_STATE);
  });
});

describe('settings.json (DesktopStateStore)', () => {
  it('remembers recent vaults newest first, without duplicates, capped, across restarts', () => {
    const dir = temp();
    const store = DesktopStateStore.inUserData(dir);
    for (let i = 0; i < MAX_RECENT_VAULTS + 2; i++) store.rememberVault({ path: `/v/${i}`, name: `${i}`, openedAt: `2026-01-${10 + i}` });
    store.rememberVault({ path: '/v/3', name: '3', openedAt: '2026-02-01' });
    const again = DesktopStateStore.inUserData(dir);
    expect(again.recentVaults().map((v) => v.path)).toEqual(['/v/3', '/v/11', '/v/10', '/v/9', '/v/8', '/v/7', '/v/6', '/v/5', '/v/4', '/v/2']);
    expect(again.lastVault()?.path).toBe('/v/3');
  });

  it('survives a corrupt file and ignores malformed entries', () => {
    const dir = temp();
    fs.writeFileSync(path.join(dir, 'settings.json'), '{"recentVaults": [{"path": "relative", "name": "x", "openedAt": "t"}, 7], "settings": {"language": "zh-CN"}}');
    const store = DesktopStateStore.inUserData(dir);
    expect(store.recentVaults()).toEqual([]);
    expect(store.language()).toBe('zh-CN');
    fs.writeFileSync(path.join(dir, 'settings.json'), '{ not json');
    expect(DesktopStateStore.inUserData(dir).recentVaults()).toEqual([]);
  });

  it('writes atomically: no temp file is left behind and the content is complete JSON', () => {
    const dir = temp();
    const file = path.join(dir, 'nested', 'state.json');
    writeJsonFileAtomic(file, { a: 1, text: '中文' });
    writeJsonFileAtomic(file, { a: 2, text: '中文' });
    expect(readJsonFile(file)).toEqual({ a: 2, text: '中文' });
    expect(fs.readdirSync(path.dirname(file))).toEqual(['state.json']);
  });
});

describe('main.log', () => {
  it('rotates by size and keeps the configured number of old files', () => {
    const dir = temp();
    const log = createFileLogger(path.join(dir, 'logs', 'main.log'), { maxBytes: 200, keep: 2 });
    for (let i = 0; i < 20; i++) log.info(`line ${i} ${'x'.repeat(40)}`);
    log.error('boom', new Error('disk on fire'));
    expect(fs.readdirSync(path.join(dir, 'logs')).sort()).toEqual(['main.1.log', 'main.2.log', 'main.log']);
    // Rotated files stay within the limit; the error (with its stack) starts a fresh main.log.
    for (const f of ['main.1.log', 'main.2.log']) expect(fs.statSync(path.join(dir, 'logs', f)).size).toBeLessThanOrEqual(200);
    expect(fs.readFileSync(path.join(dir, 'logs', 'main.1.log'), 'utf8')).toContain('line 19');
    expect(fs.readFileSync(path.join(dir, 'logs', 'main.log'), 'utf8')).toMatch(/ERROR boom: Error: disk on fire/);
  });
});

describe('start vault and menu language', () => {
  it('takes a folder from the command line, else the last vault if it still exists, else the sample', () => {
    const dir = temp();
    expect(vaultFromArgv(['electron', '.', '--inspect', dir], false, '/')).toBe(dir);
    expect(vaultFromArgv(['/opt/Almanac/almanac', path.basename(dir)], true, path.dirname(dir))).toBe(dir);
    expect(vaultFromArgv(['electron', '.', '/no/such/folder'], false, '/')).toBeNull();
    expect(chooseStartVault(null, dir, '/sample')).toEqual({ vaultPath: dir, isSample: false });
    expect(chooseStartVault(null, '/gone', '/sample')).toEqual({ vaultPath: '/sample', isSample: true });
  });

  it('follows the language setting, and the OS locale for "system"', () => {
    expect(menuLanguage('system', 'zh-CN')).toBe('zh-CN');
    expect(menuLanguage('system', 'zh-TW')).toBe('zh-CN');
    expect(menuLanguage('system', 'de-DE')).toBe('en');
    expect(menuLanguage('en', 'zh-CN')).toBe('en');
    expect(menuLanguage('zh-CN', 'en-US')).toBe('zh-CN');
  });

  it('lists recent vaults in the menu and calls the actions', () => {
    const opened: string[] = [];
    const actions = { openVault: () => opened.push('dialog'), openRecent: (p: string) => opened.push(p), reindex: () => opened.push('reindex'), showShortcuts: () => undefined, showAbout: () => undefined };
    const template = buildMenuTemplate({ language: 'en', recent: [{ path: '/v/ai', name: 'ai', openedAt: 't' }], actions, platform: 'darwin', devTools: true });
    expect(template[0]).toEqual({ role: 'appMenu' });
    const file = template[1]?.submenu as { label?: string; submenu?: { label?: string; click?: () => void }[]; click?: () => void }[];
    file.find((m) => m.label === 'Recent Vaults')?.submenu?.[0]?.click?.();
    file.find((m) => m.label === 'Open Vault…')?.click?.();
    file.find((m) => m.label === 'Re-index')?.click?.();
    expect(opened).toEqual(['/v/ai', 'dialog', 'reindex']);
    expect(shortcutsText('zh-CN', 'linux')).toContain('聚焦搜索框');
  });
});
