import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventHub } from '../../src/server/event-stream.js';
import { createServer, type AlmanacServer } from '../../src/server/server.js';
import type { AlmanacEvent, VaultStatus } from '../../src/shared/api.js';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/csp.js';
import { AlmanacError } from '../../src/shared/errors.js';
import { fakeApi, rawRequest, readEvents, SUMMARY, tempDir, writeStaticDir, type RawResponse } from './server-fixtures.js';

describe('web-mode server (guards, static files, API) over a fake AlmanacApi', () => {
  let root: string;
  let server: AlmanacServer;
  const api = fakeApi();
  let auth: Record<string, string>;

  beforeAll(async () => {
    root = tempDir('almanac-server-');
    const staticDir = writeStaticDir(root);
    fs.writeFileSync(path.join(root, 'secret.txt'), 'outside the UI folder');
    fs.symlinkSync(path.join(root, 'secret.txt'), path.join(staticDir, 'link.txt'));
    fs.symlinkSync(path.join(root, 'no-such-file.txt'), path.join(staticDir, 'dangling.txt'));
    server = await createServer({ api, staticDir, port: 0, token: 'test-token-0123456789' });
    auth = { authorization: `Bearer ${server.token}` };
  });

  afterAll(async () => {
    await server.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const post = (method: string, args: unknown[], headers: Record<string, string> = {}): Promise<RawResponse> =>
    rawRequest(server.port, {
      method: 'POST',
      path: `/api/${method}`,
      headers: { 'content-type': 'application/json', ...auth, ...headers },
      body: JSON.stringify({ args }),
    });

  it('prints a URL on 127.0.0.1 with the token, and listens on the loopback address only', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=test-token-0123456789`);
    expect(server.origin).toBe(`http://127.0.0.1:${server.port}`);
  });

  it('refuses to bind anything but 127.0.0.1', async () => {
    await expect(
      createServer({ api, staticDir: path.join(root, 'renderer'), host: '0.0.0.0' as '127.0.0.1' }),
    ).rejects.toThrow('binds 127.0.0.1 only, not "0.0.0.0"');
  });

  it('answers 401 without the token for the API and the event stream, as a typed error naming the token', async () => {
    for (const [method, p] of [['POST', '/api/getStatus'], ['GET', '/api/events'], ['POST', '/api/nonexistent']] as const) {
      const res = await rawRequest(server.port, { method, path: p, headers: { 'content-type': 'application/json' }, body: method === 'POST' ? '{"args":[]}' : undefined });
      expect(res.status, `${method} ${p}`).toBe(401);
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'invalid-argument', params: { argument: 'token' } } });
      expect(res.body).toContain('access token');
    }
    expect(api.calls.filter(([m]) => m === 'getStatus')).toHaveLength(0);
  });

  it('answers 401 for a wrong Bearer token, and for the token anywhere but the header (cookie, URL)', async () => {
    const getStatus = (headers: Record<string, string>, p = '/api/getStatus') =>
      rawRequest(server.port, { method: 'POST', path: p, headers: { 'content-type': 'application/json', ...headers }, body: '{"args":[]}' });
    expect((await getStatus({ authorization: 'Bearer nope' })).status).toBe(401);
    // A cookie is never read: a planted or stray almanac_token (even the right value) opens nothing.
    expect((await getStatus({ cookie: `almanac_token=${server.token}` })).status).toBe(401);
    expect((await getStatus({}, `/api/getStatus?token=${server.token}`)).status).toBe(401);
  });

  it('serves the static UI without the token (the public app bundle), and never sets a cookie or redirects', async () => {
    for (const p of ['/', `/?token=${server.token}`, '/?token=nope', '/assets/app-1234.js', `//evil.example/?token=${server.token}`]) {
      const res = await rawRequest(server.port, { path: p });
      expect(res.status, p).toBe(200);
      expect(res.headers['set-cookie'], p).toBeUndefined();
      expect(res.headers.location, p).toBeUndefined();
    }
    const page = await rawRequest(server.port, { path: `/?token=${server.token}` });
    expect(page.body).toContain('<title>Almanac</title>');
    expect(page.body).not.toContain(server.token);
  });

  it('accepts the token as a Bearer header', async () => {
    const res = await rawRequest(server.port, {
      method: 'POST', path: '/api/getStatus',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' }, body: '{"args":[]}',
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, result: { vaultName: 'demo' } });
  });

  it('answers 403 to a foreign Host header (DNS rebinding), even with the token', async () => {
    for (const host of ['evil.example', `evil.example:${server.port}`, '127.0.0.1:1', `127.0.0.1.nip.io:${server.port}`]) {
      const res = await rawRequest(server.port, { headers: { ...auth, host } });
      expect(res.status, host).toBe(403);
      expect(res.body).toContain('is not allowed');
    }
    for (const host of [`localhost:${server.port}`, `[::1]:${server.port}`]) {
      expect((await rawRequest(server.port, { headers: { ...auth, host } })).status, host).toBe(200);
    }
    // The static UI needs no token, but the Host check still comes first.
    expect((await rawRequest(server.port, { headers: { host: 'evil.example' } })).status).toBe(403);
  });

  it('refuses cross-origin requests (Origin of another site or port, Sec-Fetch-Site cross-site/same-site)', async () => {
    const evil = await post('getStatus', [], { origin: 'http://evil.example' });
    expect(evil.status).toBe(403);
    expect(evil.body).toContain('cross-origin request from "http://evil.example" refused');
    expect((await post('getStatus', [], { origin: 'http://127.0.0.1:1' })).status).toBe(403);
    expect((await post('getStatus', [], { origin: 'null' })).status).toBe(403);
    expect((await post('getStatus', [], { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await post('getStatus', [], { 'sec-fetch-site': 'same-site' })).status).toBe(403);
    const ours = await post('getStatus', [], { origin: server.origin, 'sec-fetch-site': 'same-origin' });
    expect(ours.status).toBe(200);
  });

  it('never sends CORS headers, and answers a preflight without allowing anything', async () => {
    const preflight = await rawRequest(server.port, {
      method: 'OPTIONS', path: '/api/getStatus',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    const responses = [preflight, await post('getStatus', []), await rawRequest(server.port, { headers: auth }), await rawRequest(server.port, {})];
    for (const res of responses) {
      expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    }
  });

  it('sends the strict CSP and hardening headers on every response', async () => {
    for (const res of [await rawRequest(server.port, { headers: auth }), await post('getStatus', []), await rawRequest(server.port, {})]) {
      expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });

  it('serves built files with cache headers and refuses path traversal and symlinks out of the UI folder', async () => {
    const asset = await rawRequest(server.port, { path: '/assets/app-1234.js', headers: auth });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['cache-control']).toContain('immutable');
    const index = await rawRequest(server.port, { path: '/', headers: auth });
    expect(index.headers['cache-control']).toBe('no-cache');
    // "/../" and "/%2e%2e/" are normalised away by URL parsing: they never reach the file system.
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt']) {
      const dotted = await rawRequest(server.port, { path: p, headers: auth });
      expect(dotted.status, p).toBe(404);
      expect(dotted.body).not.toContain('outside the UI folder');
    }
    for (const p of [ '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/x%00.js']) {
      const res = await rawRequest(server.port, { path: p, headers: auth });
      expect(res.status, p).toBe(400);
      expect(res.body).not.toContain('outside the UI folder');
    }
    // A symlink out of the UI folder is answered like a missing file, whether or not its target exists.
    const link = await rawRequest(server.port, { path: '/link.txt' });
    const dangling = await rawRequest(server.port, { path: '/dangling.txt' });
    expect([link.status, dangling.status]).toEqual([404, 404]);
    expect([link.body, dangling.body]).toEqual(['not found: link.txt\n', 'not found: dangling.txt\n']);
    expect((await rawRequest(server.port, { path: '/missing.js', headers: auth })).status).toBe(404);
    // A client-side route falls back to the app page.
    expect((await rawRequest(server.port, { path: '/digest/weekly', headers: auth })).body).toContain('<title>Almanac</title>');
  });

  it('calls contract methods with validated arguments and returns {ok, result}', async () => {
    const res = await post('search', [{ query: 'GPT-5.3-Codex 安全', limit: 5 }]);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, result: { total: 0 } });
    expect(api.calls.at(-1)).toEqual(['search', [{ query: 'GPT-5.3-Codex 安全', limit: 5 }]]);
  });

  it('rejects bad arguments with 400 and a message naming the value, before the service runs', async () => {
    const before = api.calls.length;
    const cases: [string, unknown[], string][] = [
      ['getDigest', ['/etc/passwd'], 'getDigest: path "/etc/passwd" is absolute'],
      ['getDigest', ['../outside.md'], 'getDigest: path "../outside.md" contains ".."'],
      ['getDigest', ['weekly\\..\\x.md'], 'contains a backslash'],
      ['getDigest', ['C:/x.md'], 'is absolute'],
      ['getDigest', [42], 'getDigest: path must be a string, got 42'],
      ['related', ['not-an-id'], 'related: sectionId "not-an-id" is not a section id'],
      ['search', [{ query: 'x', limit: -1 }], 'search: request.limit must be between 0 and 10000, got -1'],
      ['search', [{ query: 'x', bogus: 1 }], 'search: request has an unknown field "bogus"'],
      ['updateSettings', [{ theme: 'neon' }], 'updateSettings: patch.theme must be one of'],
      ['tags', [1], 'tags: expected 0 argument(s), got 1'],
    ];
    for (const [method, args, message] of cases) {
      const res = await post(method, args);
      expect(res.status, method).toBe(400);
      const body = JSON.parse(res.body) as { ok: boolean; error: { message: string; code: string; params: Record<string, unknown> } };
      expect(body.ok).toBe(false);
      expect(body.error.message).toContain(message);
      expect(body.error.code).toBe('invalid-argument');
      expect(typeof body.error.params.argument).toBe('string');
    }
    expect(api.calls.length).toBe(before);
  });

  it("answers service errors in their wire form, with the status of the error's code", async () => {
    const res = await post('getDigest', ['weekly/missing.md']);
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body)).toEqual({ ok: false, error: { code: 'not-found', message: 'digest not found: weekly/missing.md', params: { path: 'weekly/missing.md' } } });
    const cases: [AlmanacError | Error, number, string][] = [
      [new AlmanacError('invalid-argument', 'export: no sections selected', { argument: 'sectionIds' }), 400, 'invalid-argument'],
      [new AlmanacError('not-found', 'export: unknown section id 0123456789abcdef'), 404, 'not-found'],
      [new AlmanacError('busy', 'the index is locked by another process'), 503, 'busy'],
      [new AlmanacError('not-available', 'not here'), 501, 'not-available'],
      [new AlmanacError('cancelled', 'the vault was switched'), 409, 'cancelled'],
      [new Error('disk on fire'), 500, 'internal'],
    ];
    const original = api.exportSections;
    try {
      for (const [err, status, code] of cases) {
        api.exportSections = () => Promise.reject(err);
        const answer = await post('exportSections', [{ sectionIds: ['0123456789abcdef'], format: 'md' }]);
        expect(answer.status, code).toBe(status);
        expect(JSON.parse(answer.body).error, code).toEqual({ code, message: err.message, params: err instanceof AlmanacError ? err.params : {} });
      }
    } finally {
      api.exportSections = original;
    }
  });

  it('requires POST, a JSON content type, a valid body within the size limit, and a known method', async () => {
    expect((await rawRequest(server.port, { path: '/api/getStatus', headers: auth })).status).toBe(405);
    expect((await post('getStatus', [], { 'content-type': 'text/plain' })).status).toBe(415);
    const badJson = await rawRequest(server.port, { method: 'POST', path: '/api/getStatus', headers: { ...auth, 'content-type': 'application/json' }, body: '{' });
    expect(badJson.status).toBe(400);
    const huge = await post('search', [{ query: 'x'.repeat(2 * 1024 * 1024) }]);
    expect(huge.status).toBe(413);
    const unknown = await post('deleteEverything', []);
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).error).toMatchObject({ code: 'not-found', message: 'unknown API method "deleteEverything"' });
    expect((await post('onEvent', [])).status).toBe(404);
  });

  it('refuses openExternal and openVault in web mode with a clear error', async () => {
    const ext = await post('openExternal', ['https://example.com']);
    expect(ext.status).toBe(501);
    expect(JSON.parse(ext.body).error).toMatchObject({ code: 'not-available' });
    expect(JSON.parse(ext.body).error.message).toContain('openExternal is not available in web mode');
    const open = await post('openVault', ['/home/user/other']);
    expect(open.status).toBe(501);
    expect(JSON.parse(open.body).error.message).toContain('--allow-open');
    expect(api.calls.some(([m]) => m === 'openExternal' || m === 'openVault')).toBe(false);
  });

  it('streams index events over SSE and drops the subscription when the client leaves', async () => {
    const listenersBefore = api.listenerCount();
    const events = await readEvents(server.port, auth, (e) => e.type === 'index-finished', 10_000, () => {
      void post('reindex', []);
    });
    // The stream opens with the current status, then carries the run's events.
    expect(events.map((e) => e.type)).toEqual(['vault-changed', 'index-progress', 'index-finished']);
    expect(events[0]).toMatchObject({ type: 'vault-changed', status: { vaultPath: '/vaults/demo', state: 'idle' } });
    expect(listenersBefore).toBe(1); // the server subscribes once, not per client
    for (let i = 0; i < 50 && server.eventClients() > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(server.eventClients()).toBe(0);
  });

});

describe('EventHub: every stream starts with the status', () => {
  /** A response that records what is written, and a request that can close. */
  function fakeClient() {
    const req = new EventEmitter();
    const res = Object.assign(new EventEmitter(), {
      written: [] as string[],
      writeHead: () => res,
      write: (chunk: string) => res.written.push(chunk) > 0,
      end: () => res.emit('close'),
    });
    const events = (): AlmanacEvent[] =>
      res.written.filter((c) => c.startsWith('data: ')).map((c) => JSON.parse(c.slice(6)) as AlmanacEvent);
    return { req: req as unknown as IncomingMessage, res: res as unknown as ServerResponse, close: () => req.emit('close'), events };
  }

  it('holds events that arrive while the status is read, and writes them after it', async () => {
    const api = fakeApi();
    let answer!: (s: VaultStatus) => void;
    api.getStatus = () => new Promise((resolve) => (answer = resolve));
    const hub = new EventHub(api);
    try {
      const client = fakeClient();
      hub.attach(client.req, client.res);
      await Promise.resolve();
      api.emit({ type: 'index-finished', summary: SUMMARY });
      expect(client.events()).toEqual([]);
      const idle = await fakeApi().getStatus();
      answer(idle);
      await new Promise((r) => setTimeout(r, 0));
      expect(client.events().map((e) => e.type)).toEqual(['vault-changed', 'index-finished']);
      const error = { code: 'busy', message: 'the index is busy', params: { path: '/i.db' } } as const;
      api.emit({ type: 'index-error', message: error.message, error });
      expect(client.events().map((e) => e.type)).toEqual(['vault-changed', 'index-finished', 'index-error']);
      // The typed error crosses SSE whole, so the page can word it by its code.
      expect(client.events()[2]).toEqual({ type: 'index-error', message: error.message, error });
    } finally {
      hub.close();
    }
  });

  it('a client that leaves before the status gets nothing more; a failed status still lets events flow', async () => {
    const api = fakeApi();
    let fail!: (e: Error) => void;
    api.getStatus = () => new Promise((_resolve, reject) => (fail = reject));
    const hub = new EventHub(api);
    try {
      const gone = fakeClient();
      hub.attach(gone.req, gone.res);
      gone.close();
      expect(hub.size).toBe(0);
      const stays = fakeClient();
      hub.attach(stays.req, stays.res);
      await Promise.resolve();
      api.emit({ type: 'index-progress', progress: { phase: 'parse', done: 0, total: 1, currentFile: 'a.md', etaMs: null } });
      fail(new Error('service closed'));
      await new Promise((r) => setTimeout(r, 0));
      expect(gone.events()).toEqual([]);
      expect(stays.events().map((e) => e.type)).toEqual(['index-progress']);
    } finally {
      hub.close();
    }
  });
});

describe('web-mode server with --allow-open', () => {
  it('passes openVault(path) through, but still requires a path (no dialog in a browser)', async () => {
    const root = tempDir('almanac-server-open-');
    const api = fakeApi();
    const server = await createServer({ api, staticDir: writeStaticDir(root), allowOpen: true });
    try {
      const call = (args: unknown[]) =>
        rawRequest(server.port, {
          method: 'POST', path: '/api/openVault',
          headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ args }),
        });
      expect((await call(['/vaults/other'])).status).toBe(200);
      expect(api.calls).toContainEqual(['openVault', ['/vaults/other']]);
      const none = await call([]);
      expect(none.status).toBe(400);
      expect(JSON.parse(none.body).error.message).toContain('no folder dialog');
    } finally {
      await server.close();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('closes cleanly with an event stream open', async () => {
    const root = tempDir('almanac-server-close-');
    const api = fakeApi();
    const server = await createServer({ api, staticDir: writeStaticDir(root) });
    const stream = readEvents(server.port, { authorization: `Bearer ${server.token}` }, () => false, 5_000).catch((e: Error) => e);
    await new Promise((r) => setTimeout(r, 100));
    expect(api.listenerCount()).toBe(1);
    await server.close();
    expect(api.listenerCount()).toBe(0);
    await stream;
    fs.rmSync(root, { recursive: true, force: true });
  });
});
