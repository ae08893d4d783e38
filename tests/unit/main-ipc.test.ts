import { describe, expect, it } from 'vitest';
import { registerIpcHandlers, UntrustedSenderError } from '../../src/main/ipc-adapter.js';
import { isTrustedSender } from '../../src/main/security.js';
import { createBridge } from '../../src/preload/bridge.js';
import { createIpcClient } from '../../src/renderer/api/ipc-client.js';
import { AlmanacError } from '../../src/shared/errors.js';
import { API_METHODS } from '../../src/shared/api.js';
import { ipcChannel } from '../../src/shared/transport.js';
import { fakeApi } from './server-fixtures.js';
import { FakeIpcMain } from './main-fakes.js';

const UI = 'app://almanac/index.html';

function setup(recent: string[] = []) {
  const ipcMain = new FakeIpcMain();
  const api = fakeApi();
  api.recentVaults = async () => recent.map((p) => ({ path: p, name: p.split('/').pop() ?? p, openedAt: '2026-01-01T00:00:00Z' }));
  const refused: string[] = [];
  const failed: string[] = [];
  const dispose = registerIpcHandlers({
    ipcMain: ipcMain.asIpcMain(),
    api,
    isTrustedSender: (url) => isTrustedSender(url, null),
    onRefused: (_m, reason) => refused.push(reason),
    onFailed: (m, err) => failed.push(`${m}: ${err instanceof Error ? err.message : String(err)}`),
  });
  return { ipcMain, api, refused, failed, dispose };
}

describe('IPC adapter', () => {
  it('registers exactly the contract methods, on almanac:<method>, and removes them again', () => {
    const { ipcMain, dispose } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(API_METHODS.map((m) => `almanac:${m}`).sort());
    expect(ipcMain.handlers.has('almanac:onEvent')).toBe(false);
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('passes validated calls from the app origin to the service', async () => {
    const { ipcMain, api } = setup();
    await expect(ipcMain.call(ipcChannel('getStatus'), UI)).resolves.toMatchObject({ vaultName: 'demo' });
    await ipcMain.call(ipcChannel('search'), 'app://almanac/#/search?q=x', { query: 'Claude Opus 4.6', tags: ['ai'], sort: 'newest' });
    expect(api.calls.at(-1)).toEqual(['search', [{ query: 'Claude Opus 4.6', tags: ['ai'], sort: 'newest' }]]);
    await ipcMain.call(ipcChannel('related'), UI, '0123456789abcdef');
    expect(api.calls.at(-1)).toEqual(['related', ['0123456789abcdef']]);
  });

  it('refuses calls from any other frame: remote pages, file://, look-alike hosts, a closed frame', async () => {
    const { ipcMain, api, refused } = setup();
    for (const url of ['https://evil.example/', 'file:///tmp/x.html', 'app://evil/index.html', 'http://127.0.0.1:5173/', 'about:blank', 'app://almanac.evil.example/', null]) {
      await expect(ipcMain.call(ipcChannel('getStatus'), url), String(url)).rejects.toBeInstanceOf(UntrustedSenderError);
    }
    await expect(ipcMain.call(ipcChannel('getStatus'), 'https://evil.example/')).rejects.toThrow(
      'getStatus: refused a call from "https://evil.example/", which is not the Almanac UI',
    );
    expect(api.calls).toEqual([]);
    expect(refused.length).toBeGreaterThan(0);
  });

  it('trusts the dev server origin only when electron-vite dev set one', () => {
    expect(isTrustedSender('http://localhost:5173/', null)).toBe(false);
    expect(isTrustedSender('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isTrustedSender('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
  });

  it('rejects bad arguments with clear errors naming the value, without calling the service', async () => {
    const { ipcMain, api } = setup();
    const cases: [string, unknown[], string][] = [
      ['getDigest', ['/etc/passwd'], 'getDigest: path "/etc/passwd" is absolute; expected a path relative to the vault'],
      ['getDigest', ['../../secret.md'], 'getDigest: path "../../secret.md" contains ".." and could leave the vault'],
      ['getDigest', ['weekly/a\0.md'], 'contains a NUL character'],
      ['getDigest', ['weekly\\a.md'], 'getDigest: path "weekly\\\\a.md" contains a backslash'],
      ['getDigest', ['C:\\Windows\\win.ini'], 'is absolute'],
      ['getDigest', [{ path: 'a.md' }], 'getDigest: path must be a string, got an object'],
      ['getDigest', [], 'getDigest: expected 1 argument(s), got 0'],
      ['related', ['weekly/a.md#intro'], 'related: sectionId "weekly/a.md#intro" is not a section id (expected 16 hex digits)'],
      ['related', ['0123456789abcdef', 1000], 'related: limit must be between 1 and 100, got 1000'],
      ['search', ['GPT'], 'search: request must be an object, got "GPT"'],
      ['search', [{ query: 'x', from: '2026-13-45' }], 'search: request.from must be a date "YYYY-MM-DD", got "2026-13-45"'],
      ['search', [{ query: 'x', tags: ['ai', 7] }], 'search: request.tags[1] must be a string, got 7'],
      ['updateSettings', [{ maxFileBytes: 1.5 }], 'updateSettings: patch.maxFileBytes must be an integer, got 1.5'],
      ['updateSettings', [{ nodeIntegration: true }], 'updateSettings: patch has an unknown field "nodeIntegration"'],
      ['exportSections', [{ sectionIds: ['zz'], format: 'md' }], 'exportSections: request.sectionIds[0] "zz" is not a section id'],
      ['exportSections', [{ sectionIds: [], format: 'pdf' }], 'exportSections: request.format must be one of "md", "html", got "pdf"'],
      ['openExternal', ['file:///etc/passwd'], 'uses the scheme "file:"; only http:, https: and mailto: links are opened'],
      ['getStatus', ['extra'], 'getStatus: expected 0 argument(s), got 1'],
    ];
    for (const [method, args, message] of cases) {
      await expect(ipcMain.call(`almanac:${method}`, UI, ...args), `${method}(${JSON.stringify(args)})`).rejects.toThrow(message);
    }
    expect(api.calls).toEqual([]);
  });

  it('opens a vault by path only if it is a recent vault; without a path the dialog decides', async () => {
    const { ipcMain, api } = setup(['/home/me/digests']);
    await expect(ipcMain.call(ipcChannel('openVault'), UI, '/etc')).rejects.toThrow(
      'openVault: "/etc" is not one of the recent vaults; choose the folder with File > Open Vault…',
    );
    await ipcMain.call(ipcChannel('openVault'), UI, '/home/me/digests');
    await ipcMain.call(ipcChannel('openVault'), UI);
    expect(api.calls.filter(([m]) => m === 'openVault')).toEqual([['openVault', ['/home/me/digests']], ['openVault', []]]);
  });
});

describe('typed errors across IPC', () => {
  it("answers an accepted call's error as data (Electron would keep only the message of a thrown error)", async () => {
    const { ipcMain } = setup();
    await expect(ipcMain.invoke(ipcChannel('getDigest'), UI, 'weekly/missing.md')).resolves.toEqual({
      ok: false,
      error: { code: 'not-found', message: 'digest not found: weekly/missing.md', params: { path: 'weekly/missing.md' } },
    });
    await expect(ipcMain.invoke(ipcChannel('related'), UI, 'nope')).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', params: { argument: 'sectionId' } },
    });
  });

  it('the renderer gets the AlmanacError back, code and parameters intact, through preload bridge and IPC client', async () => {
    const { ipcMain, api, failed } = setup();
    api.tags = () => Promise.reject(new Error('disk on fire'));
    const client = createIpcClient(createBridge((channel, ...args) => ipcMain.invoke(channel, UI, ...args), () => () => undefined));
    const missing = await client.getDigest('weekly/missing.md').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(AlmanacError);
    expect(missing).toMatchObject({ code: 'not-found', params: { path: 'weekly/missing.md' } });
    await expect(client.search({ query: 'x', limit: -1 })).rejects.toMatchObject({ code: 'invalid-argument', params: { argument: 'limit' } });
    await expect(client.tags()).rejects.toMatchObject({ code: 'internal', message: 'disk on fire' });
    expect(failed).toEqual(['tags: disk on fire']);
    await expect(client.getStatus()).resolves.toMatchObject({ vaultName: 'demo' });
  });
});

describe('preload bridge', () => {
  it('exposes exactly the contract methods plus onEvent, each invoking its channel', async () => {
    const invoked: unknown[][] = [];
    const bridge = createBridge(
      async (channel, ...args) => {
        invoked.push([channel, ...args]);
        return 'ok';
      },
      () => () => undefined,
    );
    expect(Object.keys(bridge).sort()).toEqual([...API_METHODS, 'onEvent'].sort());
    await bridge.getDigest('weekly/a.md');
    await bridge.openVault(undefined);
    await bridge.related('0123456789abcdef', undefined);
    expect(invoked).toEqual([['almanac:getDigest', 'weekly/a.md'], ['almanac:openVault'], ['almanac:related', '0123456789abcdef']]);
  });

  it('hands the page only the event payload, and unsubscribes', () => {
    const listeners = new Set<(e: unknown) => void>();
    const bridge = createBridge(
      async () => undefined,
      (listener) => {
        listeners.add(listener as (e: unknown) => void);
        return () => listeners.delete(listener as (e: unknown) => void);
      },
    );
    const seen: unknown[] = [];
    const off = bridge.onEvent((e) => seen.push(e));
    for (const l of listeners) l({ type: 'index-error', message: 'x' });
    off();
    expect(listeners.size).toBe(0);
    expect(seen).toEqual([{ type: 'index-error', message: 'x' }]);
    expect(() => bridge.onEvent('nope' as never)).toThrow('onEvent needs a function');
  });
});
