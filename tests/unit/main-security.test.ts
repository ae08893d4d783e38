import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appProtocolResponse, registerAppScheme } from '../../src/main/app-protocol.js';
import type { ProtocolLike, SessionLike, ShellLike, WebContentsLike } from '../../src/main/electron-deps.js';
import { mainWindowOptions } from '../../src/main/main-window.js';
import { hardenSession, hardenWebContents, isAllowedRequest, openExternalSafely } from '../../src/main/security.js';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/csp.js';
import { DEFAULT_WINDOW_STATE } from '../../src/main/window-state.js';
import { FakeSession, FakeShell, FakeWebContents, preventable } from './main-fakes.js';
import { tempDir } from './server-fixtures.js';

describe('window security options', () => {
  it('isolates and sandboxes the renderer, with no Node, no insecure content, no webview', () => {
    const options = mainWindowOptions('/app/out/preload/index.cjs', DEFAULT_WINDOW_STATE, false);
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(options.webPreferences).not.toHaveProperty('enableRemoteModule');
    expect(options.show).toBe(false);
  });
});

describe('web contents guards', () => {
  const setup = () => {
    const contents = new FakeWebContents();
    const shell = new FakeShell();
    const log: string[] = [];
    hardenWebContents(contents as unknown as WebContentsLike, { shell: shell as unknown as ShellLike, devServerUrl: null, log: (m) => log.push(m) });
    return { contents, shell, log };
  };

  it('denies navigation and redirects away from the app, allows moves inside it', () => {
    const { contents } = setup();
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'javascript:alert(1)', 'app://other/index.html']) {
      for (const name of ['will-navigate', 'will-redirect']) {
        const event = preventable();
        contents.emit(name, event, url);
        expect(event.defaultPrevented, `${name} ${url}`).toBe(true);
      }
    }
    const inside = preventable();
    contents.emit('will-navigate', inside, 'app://almanac/index.html#/digest');
    expect(inside.defaultPrevented).toBe(false);
  });

  it('refuses <webview>', () => {
    const { contents } = setup();
    const event = preventable();
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });

  it('never opens a window; http/https/mailto go to the system browser, other schemes nowhere', async () => {
    const { contents, shell, log } = setup();
    const open = (url: string) => contents.windowOpenHandler?.({ url });
    for (const url of ['https://openai.com/index/gpt-5', 'http://example.com/', 'mailto:editor@example.com', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://server/share', 'almanac://x', 'ms-settings:']) {
      expect(open(url), url).toEqual({ action: 'deny' });
    }
    await new Promise((r) => setTimeout(r, 10));
    expect(shell.opened).toEqual(['https://openai.com/index/gpt-5', 'http://example.com/', 'mailto:editor@example.com']);
    expect(log.filter((l) => l.startsWith('window.open refused'))).toHaveLength(5);
  });
});

describe('openExternalSafely', () => {
  it('passes https, http and mailto URLs to the shell', async () => {
    const shell = new FakeShell();
    await openExternalSafely(shell as unknown as ShellLike, 'https://www.anthropic.com/news');
    await openExternalSafely(shell as unknown as ShellLike, 'mailto:a@example.com?subject=hi');
    await openExternalSafely(shell as unknown as ShellLike, 'mailto:?To=a@example.com&cc=b@example.com&bcc=c@example.com&Subject=%E5%91%A8%E6%8A%A5&body=x');
    expect(shell.opened).toEqual([
      'https://www.anthropic.com/news',
      'mailto:a@example.com?subject=hi',
      'mailto:?To=a@example.com&cc=b@example.com&bcc=c@example.com&Subject=%E5%91%A8%E6%8A%A5&body=x',
    ]);
  });

  it('refuses mailto: links with parameters other than to, cc, bcc, subject and body (attach=, …)', async () => {
    const shell = new FakeShell();
    for (const [url, name] of [
      ['mailto:a@example.com?attach=/home/me/.ssh/id_rsa', 'attach'],
      ['mailto:a@example.com?subject=x&ATTACHMENT=C:%5Cx', 'ATTACHMENT'],
      ['mailto:a@example.com?%61ttach=/etc/passwd', 'attach'],
      ['mailto:a@example.com?body=x&in-reply-to=y', 'in-reply-to'],
    ]) {
      await expect(openExternalSafely(shell as unknown as ShellLike, url), url).rejects.toThrow(`has the mailto: parameter "${name}"; only to, cc, bcc, subject, body are passed on`);
    }
    expect(shell.opened).toEqual([]);
  });

  it('refuses file:, javascript:, smb:, custom schemes and non-URLs with a clear error', async () => {
    const shell = new FakeShell();
    const cases: [unknown, string][] = [
      ['file:///C:/Windows/System32/calc.exe', 'uses the scheme "file:"'],
      ['javascript:alert(1)', 'uses the scheme "javascript:"'],
      ['smb://attacker/share', 'uses the scheme "smb:"'],
      ['vscode://file/etc/passwd', 'uses the scheme "vscode:"'],
      ['ms-msdt:/id PCWDiagnostic', 'uses the scheme "ms-msdt:"'],
      ['not a url', 'openExternal: url "not a url" is not an absolute URL'],
      ['https://', 'is not an absolute URL'],
      [42, 'openExternal: url must be a string, got 42'],
    ];
    for (const [url, message] of cases) {
      await expect(openExternalSafely(shell as unknown as ShellLike, url), String(url)).rejects.toThrow(message);
    }
    expect(shell.opened).toEqual([]);
  });
});

describe('session guards', () => {
  it('denies every permission request and check', () => {
    const session = new FakeSession();
    hardenSession(session as unknown as SessionLike, null);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fileSystem']) {
      let granted: boolean | null = null;
      session.permissionRequest?.({}, permission, (g) => (granted = g));
      expect(granted, permission).toBe(false);
      expect(session.permissionCheck?.({}, permission, 'app://almanac', {})).toBe(false);
    }
  });

  it('lets the renderer load only app:// files (plus the dev server in development)', () => {
    const session = new FakeSession();
    hardenSession(session as unknown as SessionLike, null);
    expect(session.request('app://almanac/assets/index.js')).toBe(true);
    expect(session.request('data:image/png;base64,AAAA')).toBe(true);
    for (const url of ['https://tracker.example/pixel.gif', 'http://127.0.0.1:8080/', 'file:///etc/passwd', 'app://other/x.js', 'ws://localhost:5173/']) {
      expect(session.request(url), url).toBe(false);
    }
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', 'http://localhost:5173')).toBe(true);
    expect(isAllowedRequest('ws://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAllowedRequest('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
  });
});

describe('app:// protocol', () => {
  let root: string;
  let ui: string;

  beforeAll(() => {
    root = tempDir('almanac-protocol-');
    ui = path.join(root, 'renderer');
    fs.mkdirSync(path.join(ui, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(ui, 'index.html'), '<!doctype html><title>Almanac</title>');
    fs.writeFileSync(path.join(ui, 'assets', 'app.js'), 'export {};');
    fs.writeFileSync(path.join(root, 'secret.txt'), 'secret');
    fs.symlinkSync(path.join(root, 'secret.txt'), path.join(ui, 'escape.txt'));
    fs.symlinkSync(path.join(root, 'no-such-file.txt'), path.join(ui, 'dangling.txt'));
  });

  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('registers app: as a privileged standard, secure scheme', () => {
    const schemes: unknown[] = [];
    registerAppScheme({ registerSchemesAsPrivileged: (s: unknown[]) => schemes.push(...s) } as unknown as ProtocolLike);
    expect(schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
  });

  it('serves UI files with the CSP header and the right content type', async () => {
    const res = await appProtocolResponse(ui, 'app://almanac/assets/app.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const index = await appProtocolResponse(ui, 'app://almanac/');
    expect(await index.text()).toContain('<title>Almanac</title>');
    expect(await (await appProtocolResponse(ui, 'app://almanac/digest/weekly')).text()).toContain('<title>Almanac</title>');
  });

  it('refuses traversal, symlinks out of the folder, other hosts and writes', async () => {
    for (const url of ['app://almanac/..%2fsecret.txt', 'app://almanac/assets/..%2f..%2fsecret.txt', 'app://almanac/..%5csecret.txt', 'app://almanac/x%00.js']) {
      const res = await appProtocolResponse(ui, url);
      expect(res.status, url).toBe(400);
      expect(await res.text()).not.toContain('secret\n');
    }
    // A symlink out of the folder is answered like a missing file, whether or not its target exists.
    const escape = await appProtocolResponse(ui, 'app://almanac/escape.txt');
    const dangling = await appProtocolResponse(ui, 'app://almanac/dangling.txt');
    expect([escape.status, dangling.status]).toEqual([404, 404]);
    expect([await escape.text(), await dangling.text()]).toEqual(['not found: escape.txt', 'not found: dangling.txt']);
    // Plain "../" is normalised away by URL parsing before it reaches us.
    expect((await appProtocolResponse(ui, 'app://almanac/../secret.txt')).status).toBe(404);
    expect((await appProtocolResponse(ui, 'app://evil/index.html')).status).toBe(404);
    expect((await appProtocolResponse(ui, 'app://almanac/index.html', 'POST')).status).toBe(405);
    expect((await appProtocolResponse(ui, 'app://almanac/missing.js')).status).toBe(404);
  });
});
