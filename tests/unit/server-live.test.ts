/**
 * Web mode end to end inside one process: a real AlmanacService over a temp
 * vault and index, the real server, the watcher. Checks that index progress
 * reaches an SSE client and that editing a file on disk shows up in search.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlmanacService } from '../../src/core/service/almanac-service.js';
import { startAutoReindex, type AutoReindex } from '../../src/core/watch/auto-reindex.js';
import { createServer, type AlmanacServer } from '../../src/server/server.js';
import type { AlmanacEvent, SearchResponse } from '../../src/shared/api.js';
import { rawRequest, readEvents, tempDir, writeStaticDir } from './server-fixtures.js';

const WORKER = new URL('../../out/node/parse-worker.js', import.meta.url);

function digest(title: string, date: string, body: string): string {
  return `---\ntitle: ${title}\ndate: ${date}\ntags: [ai]\n---\n\n${body}\n`;
}

describe('web mode over a real AlmanacService', () => {
  let root: string;
  let vault: string;
  let service: AlmanacService;
  let server: AlmanacServer;
  let watcher: AutoReindex;
  let auth: Record<string, string>;

  beforeAll(async () => {
    root = tempDir('almanac-live-');
    vault = path.join(root, 'vault');
    fs.mkdirSync(path.join(vault, 'weekly'), { recursive: true });
    fs.writeFileSync(path.join(vault, 'weekly', '2026-02-06.md'), digest('AI 周报 第六周', '2026-02-06', '## 模型\n\nGPT-5.3-Codex 发布。'));
    service = await AlmanacService.open({ vaultPath: vault, dbPath: path.join(root, 'index.db'), workerUrl: WORKER, poolSize: 1 });
    server = await createServer({ api: service, staticDir: writeStaticDir(root) });
    watcher = await startAutoReindex({ api: service, debounceMs: 100, maxWaitMs: 1_000 });
    auth = { authorization: `Bearer ${server.token}` };
  });

  afterAll(async () => {
    await watcher.close();
    await server.close();
    await service.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const search = async (query: string): Promise<SearchResponse> => {
    const res = await rawRequest(server.port, {
      method: 'POST', path: '/api/search',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ args: [{ query }] }),
    });
    expect(res.status).toBe(200);
    return (JSON.parse(res.body) as { result: SearchResponse }).result;
  };

  it('streams index progress and the finished summary of a reindex', async () => {
    const events = await readEvents(server.port, auth, (e) => e.type === 'index-finished', 20_000, () => {
      void rawRequest(server.port, { method: 'POST', path: '/api/reindex', headers: { ...auth, 'content-type': 'application/json' }, body: '{"args":[]}' });
    });
    expect(events.some((e) => e.type === 'index-progress')).toBe(true);
    const finished = events.at(-1) as Extract<AlmanacEvent, { type: 'index-finished' }>;
    expect(finished.summary.digests).toBe(1);
    expect((await search('Codex')).results.map((r) => r.title)).toEqual(['AI 周报 第六周']);
  });

  it('re-indexes a file edited on disk and pushes index-finished to the page', async () => {
    const events = readEvents(server.port, auth, (e) => e.type === 'index-finished' && e.summary.digests === 2, 20_000, () => {
      fs.writeFileSync(path.join(vault, 'weekly', '2026-02-13.md'), digest('AI 周报 第七周', '2026-02-13', '## 安全\n\nClaude Opus 4.6 的后门研究。'));
    });
    await events;
    expect((await search('后门')).results.map((r) => r.path)).toEqual(['weekly/2026-02-13.md']);
  });

  it('drops a deleted file from the results', async () => {
    await readEvents(server.port, auth, (e) => e.type === 'index-finished' && e.summary.removed === 1, 20_000, () => {
      fs.rmSync(path.join(vault, 'weekly', '2026-02-13.md'));
    });
    expect((await search('后门')).total).toBe(0);
  });
});

describe('web mode errors from a real AlmanacService: the status follows the code', () => {
  let root: string;
  let service: AlmanacService;
  let server: AlmanacServer;

  beforeAll(async () => {
    root = tempDir('almanac-live-errors-');
    const vault = path.join(root, 'vault');
    fs.mkdirSync(vault);
    fs.writeFileSync(path.join(vault, 'a.md'), digest('A', '2026-02-06', '## 模型\n\nGPT'));
    service = await AlmanacService.open({ vaultPath: vault, dbPath: path.join(root, 'index.db'), workerUrl: WORKER, poolSize: 1 });
    await service.reindex();
    server = await createServer({ api: service, staticDir: writeStaticDir(root) });
  });

  afterAll(async () => {
    await server.close();
    await service.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const post = (method: string, args: unknown[]) =>
    rawRequest(server.port, {
      method: 'POST', path: `/api/${method}`,
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ args }),
    });

  it('answers "no sections selected" with 400 and an unknown section id with 404, not 500', async () => {
    const none = await post('exportSections', [{ sectionIds: [], format: 'md' }]);
    expect(none.status).toBe(400);
    expect(JSON.parse(none.body).error).toMatchObject({ code: 'invalid-argument', params: { argument: 'sectionIds' } });
    const unknown = await post('exportSections', [{ sectionIds: ['0123456789abcdef'], format: 'md' }]);
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).error).toMatchObject({ code: 'not-found' });
    expect(JSON.parse(unknown.body).error.message).toContain('0123456789abcdef');
    const missing = await post('getDigest', ['weekly/missing.md']);
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body).error).toMatchObject({ code: 'not-found', params: { path: 'weekly/missing.md' } });
  });
});
