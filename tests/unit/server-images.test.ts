/**
 * Web mode's images (issue 16) over a real AlmanacService and vault:
 * getDigest names each local image with a capability URL that grants exactly
 * that file without the token; the route serves only images, inert, cached by
 * content; a UI document allows remote https: images only when asked for
 * (?remote-images=1) or while the vault's setting is on.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlmanacService } from '../../src/core/service/almanac-service.js';
import { imageCapability, imageUrl } from '../../src/server/image-route.js';
import { createServer, type AlmanacServer } from '../../src/server/server.js';
import type { Digest } from '../../src/shared/api.js';
import { CONTENT_SECURITY_POLICY, documentPolicy, IMAGE_RESPONSE_POLICY, metaPolicy } from '../../src/shared/csp.js';
import { pngImage, svgImage } from '../helpers/images.js';
import { rawRequest, tempDir } from './server-fixtures.js';

const WORKER = new URL('../../out/node/parse-worker.js', import.meta.url);

const BODY = [
  '# Images',
  '![relative](images/chart.png)',
  '![root](/img/shot.png)',
  '![bundle](./diagram.svg)',
  '![missing](images/none.png)',
  '![fake](images/page.png)',
  '![climb](../../../etc/passwd)',
  '![remote](https://example.com/a.png)',
  '![insecure](http://example.com/b.png)',
  '![script](javascript:alert(1))',
].join('\n\n');

describe('web-mode images over a real AlmanacService', () => {
  let root: string;
  let server: AlmanacServer;
  let service: AlmanacService;
  let auth: Record<string, string>;
  let digest: Digest;

  beforeAll(async () => {
    root = tempDir('almanac-images-web-');
    const vault = path.join(root, 'vault');
    const write = (rel: string, content: string | Uint8Array): void => {
      fs.mkdirSync(path.dirname(path.join(vault, rel)), { recursive: true });
      fs.writeFileSync(path.join(vault, rel), content);
    };
    write('weekly/2026-w02/index.md', `---\ntitle: Images\ndate: 2026-01-09\n---\n\n${BODY}\n`);
    write('weekly/2026-w02/images/chart.png', pngImage(40, 30));
    write('static/img/shot.png', pngImage(12, 8));
    write('weekly/2026-w02/diagram.svg', svgImage(90, 60, '<script>alert(1)</script>'));
    write('weekly/2026-w02/images/page.png', '<!doctype html><script>alert(1)</script>');
    fs.writeFileSync(path.join(root, 'outside.png'), pngImage(1, 1));
    const ui = path.join(root, 'renderer');
    fs.mkdirSync(ui);
    fs.writeFileSync(path.join(ui, 'index.html'), `<!doctype html><meta http-equiv="Content-Security-Policy" content="${metaPolicy(false)}"><title>Almanac</title>`);
    service = await AlmanacService.open({ vaultPath: vault, dbPath: path.join(root, 'index.db'), workerUrl: WORKER, poolSize: 1 });
    await service.reindex();
    server = await createServer({ api: service, images: service, staticDir: ui, token: 'image-test-token-0123456789' });
    auth = { authorization: `Bearer ${server.token}` };
    const res = await rawRequest(server.port, {
      method: 'POST',
      path: '/api/getDigest',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ args: ['weekly/2026-w02/index.md'] }),
    });
    digest = (JSON.parse(res.body) as { result: Digest }).result;
  }, 60_000);

  afterAll(async () => {
    await server.close();
    await service.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const get = (p: string, headers: Record<string, string> = {}) => rawRequest(server.port, { path: p, headers });

  it('lists every image of the digest: local ones found (with their size and a URL) or why not, remote and blocked ones as such', () => {
    const token = server.token;
    expect(digest.images).toEqual([
      { src: 'images/chart.png', kind: 'local', path: 'weekly/2026-w02/images/chart.png', width: 40, height: 30, url: imageUrl(token, 'weekly/2026-w02/images/chart.png') },
      { src: '/img/shot.png', kind: 'local', path: 'static/img/shot.png', width: 12, height: 8, url: imageUrl(token, 'static/img/shot.png') },
      { src: './diagram.svg', kind: 'local', path: 'weekly/2026-w02/diagram.svg', width: 90, height: 60, url: imageUrl(token, 'weekly/2026-w02/diagram.svg') },
      { src: 'images/none.png', kind: 'local', problem: 'missing' },
      { src: 'images/page.png', kind: 'local', problem: 'not-an-image' },
      { src: '../../../etc/passwd', kind: 'local', problem: 'bad-path' },
      { src: 'https://example.com/a.png', kind: 'remote' },
      { src: 'http://example.com/b.png', kind: 'blocked' },
      { src: 'javascript:alert(1)', kind: 'blocked' },
    ]);
  });

  it('serves an image URL without the token, inert and cached by content (304 for a current ETag)', async () => {
    const url = digest.images![0]!.url!;
    const res = await get(url);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-security-policy']).toBe(IMAGE_RESPONSE_POLICY);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('private, no-cache');
    expect(res.headers['set-cookie']).toBeUndefined();
    const etag = res.headers.etag!;
    expect(etag).toMatch(/^"[\w-]{32}"$/);
    expect((await get(url, { 'if-none-match': etag })).status).toBe(304);
    expect((await rawRequest(server.port, { method: 'HEAD', path: url })).status).toBe(200);
    expect((await rawRequest(server.port, { method: 'POST', path: url })).status).toBe(405);
  });

  it('serves an SVG with script as image/svg+xml under a policy that runs and loads nothing', async () => {
    const res = await get(digest.images![2]!.url!);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/svg+xml');
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'; sandbox");
  });

  it('grants exactly one file per URL: another path, another token or a made-up capability gets 403', async () => {
    const url = digest.images![0]!.url!;
    const capability = url.split('/')[3]!;
    expect((await get(url.replace('chart.png', 'other.png'))).status).toBe(403);
    expect((await get(`/api/image/${capability}/static/img/shot.png`)).status).toBe(403);
    expect((await get(imageUrl('another-token', 'static/img/shot.png'))).status).toBe(403);
    expect((await get('/api/image/x/static/img/shot.png')).status).toBe(403);
    expect((await get('/api/image/')).status).toBe(403);
  });

  it('refuses a URL whose capability holds but whose path leaves the vault or is no image', async () => {
    const capability = imageCapability(server.token, '../outside.png');
    // Dot segments, also percent-encoded, are resolved by the URL parser before the route sees them: the capability no longer holds.
    expect((await get(`/api/image/${capability}/../outside.png`)).status).toBe(403);
    expect((await get(`/api/image/${capability}/%2e%2e/outside.png`)).status).toBe(403);
    expect((await get(`/api/image/${capability}/a/%2E%2e/../outside.png`)).status).toBe(403);
    // An encoded slash keeps '..' inside one segment: the capability matches, and the vault refuses the path.
    expect((await get(`/api/image/${capability}/..%2Foutside.png`)).status).toBe(400);
    const backslash = imageCapability(server.token, '..\\outside.png');
    expect((await get(`/api/image/${backslash}/..%5Coutside.png`)).status).toBe(400);
    const nul = imageCapability(server.token, 'x\0.png');
    expect((await get(`/api/image/${nul}/x%00.png`)).status).toBe(400);
    expect((await get(imageUrl(server.token, 'weekly/2026-w02/images/page.png'))).status).toBe(415);
    expect((await get(imageUrl(server.token, 'weekly/2026-w02/images/none.png'))).status).toBe(404);
  });

  it('keeps the Host and Origin guards in front of the image route', async () => {
    const url = digest.images![0]!.url!;
    expect((await get(url, { host: 'evil.example' })).status).toBe(403);
    expect((await get(url, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
  });

  it('sends a document the remote-images policy only when asked for or while the vault setting is on', async () => {
    const narrow = await get('/');
    expect(narrow.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(narrow.body).toContain(`content="${metaPolicy(false)}"`);
    const asked = await get('/?remote-images=1');
    expect(asked.headers['content-security-policy']).toBe(documentPolicy(true));
    expect(asked.headers['content-security-policy']).toContain("img-src 'self' data: blob: https:");
    expect(asked.body).toContain(`content="${metaPolicy(true)}"`);
    await service.updateSettings({ remoteImages: true });
    expect((await get('/')).headers['content-security-policy']).toBe(documentPolicy(true));
    expect((await service.getSettings()).remoteImages).toBe(true);
    await service.updateSettings({ remoteImages: false });
    expect((await get('/')).headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });
});
