/**
 * The desktop shell's images (issue 16), with Electron's API injected: the
 * app:// protocol serves the vault's images through the service's guards,
 * inert and cached by content; a UI document gets `img-src https:` only when
 * asked for or while the vault's setting is on; the session lets an https:
 * image (and nothing else) leave the app only then.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VaultImages } from '../../src/core/vault/images.js';
import { appImageUrl, appProtocolResponse, type AppProtocolOptions } from '../../src/main/app-protocol.js';
import type { SessionLike } from '../../src/main/electron-deps.js';
import { hardenSession, remoteImageAllowed } from '../../src/main/security.js';
import { CONTENT_SECURITY_POLICY, documentPolicy, IMAGE_RESPONSE_POLICY, metaPolicy } from '../../src/shared/csp.js';
import { pngImage, svgImage } from '../helpers/images.js';
import { tempDir } from './server-fixtures.js';

describe('app:// images and document policy', () => {
  let root: string;
  let ui: string;
  let setting = false;
  let options: AppProtocolOptions;

  beforeAll(() => {
    root = tempDir('almanac-app-images-');
    ui = path.join(root, 'renderer');
    const vault = path.join(root, 'vault');
    fs.mkdirSync(ui);
    fs.mkdirSync(path.join(vault, 'img'), { recursive: true });
    fs.writeFileSync(path.join(ui, 'index.html'), `<!doctype html><meta http-equiv="Content-Security-Policy" content="${metaPolicy(false)}"><title>Almanac</title>`);
    fs.writeFileSync(path.join(vault, 'img', 'a b.png'), pngImage(3, 2));
    fs.writeFileSync(path.join(vault, 'img', 'x.svg'), svgImage(5, 5, '<script>alert(1)</script>'));
    fs.writeFileSync(path.join(vault, 'img', 'page.png'), '<html><script>alert(1)</script></html>');
    fs.writeFileSync(path.join(root, 'outside.png'), pngImage(1, 1));
    fs.symlinkSync(path.join(root, 'outside.png'), path.join(vault, 'img', 'leak.png'));
    const images = new VaultImages(fs.realpathSync(vault));
    options = { images: { readImage: (p, tag) => images.serve(p, tag) }, remoteImagesSetting: async () => setting };
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('serves a vault image at its app:// URL with the image policy and an ETag, 304 when it is current', async () => {
    const url = appImageUrl('img/a b.png');
    expect(url).toBe('app://almanac/vault-image/img/a%20b.png');
    const res = await appProtocolResponse(ui, url, 'GET', options);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('content-security-policy')).toBe(IMAGE_RESPONSE_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.compare(Buffer.from(await res.arrayBuffer()), pngImage(3, 2))).toBe(0);
    const again = await appProtocolResponse(ui, url, 'GET', options, res.headers.get('etag') ?? '');
    expect(again.status).toBe(304);
    const svg = await appProtocolResponse(ui, appImageUrl('img/x.svg'), 'GET', options);
    expect([svg.status, svg.headers.get('content-type')]).toEqual([200, 'image/svg+xml']);
  });

  it('refuses images outside the vault, traversal, files that are no image, and answers 404 without an image reader', async () => {
    const status = async (url: string, o: AppProtocolOptions = options): Promise<number> => (await appProtocolResponse(ui, url, 'GET', o)).status;
    expect(await status(appImageUrl('img/leak.png'))).toBe(404);
    expect(await status('app://almanac/vault-image/..%2Foutside.png')).toBe(400);
    expect(await status('app://almanac/vault-image/img/..%2F..%2Foutside.png')).toBe(400);
    expect(await status('app://almanac/vault-image/img%5C..%5C..%5Coutside.png')).toBe(400);
    expect(await status('app://almanac/vault-image/%E0%A4%A.png')).toBe(400);
    expect(await status(appImageUrl('img/page.png'))).toBe(415);
    expect(await status(appImageUrl('img/a b.png'), {})).toBe(404);
  });

  it('widens the document policy for remote images only when asked for or while the setting is on', async () => {
    const policy = async (url: string): Promise<[string | null, string]> => {
      const res = await appProtocolResponse(ui, url, 'GET', options);
      return [res.headers.get('content-security-policy'), await res.text()];
    };
    expect(await policy('app://almanac/index.html')).toEqual([CONTENT_SECURITY_POLICY, expect.stringContaining(metaPolicy(false))]);
    expect(await policy('app://almanac/index.html?remote-images=1')).toEqual([documentPolicy(true), expect.stringContaining(metaPolicy(true))]);
    setting = true;
    expect((await policy('app://almanac/index.html'))[0]).toBe(documentPolicy(true));
    setting = false;
  });
});

describe('remote images leave the desktop app only when allowed, and only as https: images', () => {
  const allowedPage = 'app://almanac/index.html?remote-images=1';

  it('decides by scheme, resource type, the asking page and the setting', async () => {
    const off = async (): Promise<boolean> => false;
    const on = async (): Promise<boolean> => true;
    expect(await remoteImageAllowed({ url: 'https://example.com/a.png', resourceType: 'image', pageUrl: allowedPage }, off)).toBe(true);
    expect(await remoteImageAllowed({ url: 'https://example.com/a.png', resourceType: 'image', pageUrl: 'app://almanac/index.html' }, off)).toBe(false);
    expect(await remoteImageAllowed({ url: 'https://example.com/a.png', resourceType: 'image', pageUrl: 'app://almanac/index.html' }, on)).toBe(true);
    expect(await remoteImageAllowed({ url: 'https://example.com/a.png', resourceType: 'image', pageUrl: 'https://evil.example/?remote-images=1' }, off)).toBe(false);
    expect(await remoteImageAllowed({ url: 'http://example.com/a.png', resourceType: 'image', pageUrl: allowedPage }, on)).toBe(false);
    expect(await remoteImageAllowed({ url: 'https://example.com/x.js', resourceType: 'script', pageUrl: allowedPage }, on)).toBe(false);
    expect(await remoteImageAllowed({ url: 'https://example.com/x', resourceType: 'xhr', pageUrl: allowedPage }, on)).toBe(false);
  });

  it('is what the session filter does with each request', async () => {
    let listener: ((details: Record<string, unknown>, cb: (r: { cancel: boolean }) => void) => void) | null = null;
    const session = {
      setPermissionRequestHandler: () => undefined,
      setPermissionCheckHandler: () => undefined,
      webRequest: { onBeforeRequest: (l: typeof listener) => (listener = l) },
    };
    let setting = false;
    hardenSession(session as unknown as SessionLike, null, undefined, async () => setting);
    const passes = (url: string, resourceType: string, pageUrl = 'app://almanac/index.html'): Promise<boolean> =>
      new Promise((resolve) => listener!({ url, resourceType, webContents: { getURL: () => pageUrl } }, (r) => resolve(!r.cancel)));
    expect(await passes('app://almanac/assets/x.js', 'script')).toBe(true);
    expect(await passes('https://example.com/a.png', 'image')).toBe(false);
    expect(await passes('https://example.com/a.png', 'image', allowedPage)).toBe(true);
    setting = true;
    expect(await passes('https://example.com/a.png', 'image')).toBe(true);
    expect(await passes('http://example.com/a.png', 'image')).toBe(false);
    expect(await passes('https://example.com/beacon', 'ping')).toBe(false);
    expect(await passes('https://example.com/a.css', 'stylesheet')).toBe(false);
  });
});
