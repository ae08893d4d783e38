import type { Database } from 'better-sqlite3';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SearchEngine } from '../../src/core/search/engine.js';
import { parseQuery } from '../../src/core/search/query-parser.js';
import { warmUpRequests } from '../../src/core/search/warm-up.js';
import { AlmanacService } from '../../src/core/service/almanac-service.js';
import { digest, tempDir, type TempDir } from '../helpers/temp-vault.js';
import { WORKER_URL } from '../helpers/worker.js';

const TEXT = `## 本周要闻

大模型推理成本继续下降，多家厂商发布大模型更新。Anthropic 发布 Claude Opus 4.6，Anthropic 称其代理编程能力提升。

## 芯片

NVIDIA 公布新一代芯片，芯片出口管制仍是焦点。Anthropic and NVIDIA partnership.
`;

describe('warmUpRequests', () => {
  it('makes every query shape from the sample: CJK words and phrases, Latin word, prefix, typo, fields, filters, paging', () => {
    const requests = warmUpRequests({ title: 'AI 周报 2026-W06', text: TEXT, tags: ['AI', 'has space'], date: '2026-02-06', folder: 'weekly' });
    const queries = requests.map((r) => r.query);
    expect(queries).toEqual([
      '芯片',
      '大模型',
      '"大模型"',
      '芯片 发布',
      'anthropic',
      'anth',
      'anthopic',
      '芯片 anthropic',
      '芯片 -大模型',
      'anthropic OR nvidia',
      '"anthropic nvidia"',
      '"大模型推理成"',
      '芯片 大模型推理成',
      '多家厂商发布 anthropic',
      'claude anthropic',
      'title:周报',
      'heading:芯片',
      'tag:AI 芯片',
      'date:2026 芯片',
      'after:2026-02 芯片',
      'before:2026-02-06 芯片',
      'in:weekly 芯片',
      'tag:AI',
    ]);
    // All valid query language: nothing the parser has to degrade.
    for (const q of queries) expect(parseQuery(q).notices, q).toEqual([]);
    for (const r of requests) expect(r).toMatchObject({ facets: true, limit: 20 });
    expect(requests.find((r) => r.query === 'before:2026-02-06 芯片')).toMatchObject({ offset: 20 });
    expect(requests.find((r) => r.query === 'tag:AI 芯片')).toMatchObject({ sort: 'newest' });
  });

  it('leaves out what the sample cannot supply', () => {
    expect(
      warmUpRequests({ title: 'Weekly 12', text: 'Only Latin words here: anthropic anthropic models', tags: [], date: null, folder: '' }).map((r) => r.query),
    ).toEqual(['anthropic', 'anth', 'anthopic', 'anthropic OR models', '"anthropic models"', 'title:weekly']);
    expect(warmUpRequests({ title: '', text: '', tags: [], date: null, folder: '' })).toEqual([]);
    // A tag the query language would split is not used; a folder with a space is not used.
    expect(warmUpRequests({ title: '', text: '中文', tags: ['two words', 'x"y'], date: null, folder: 'a b' }).map((r) => r.query)).toEqual([
      '中文',
      'heading:中文',
    ]);
  });
});

describe('warmUpRequests on hostile samples', () => {
  it('leaves out words, tags and folders longer than a query would hold, and reads only the start of the text', () => {
    const long = 'x'.repeat(5_000);
    const requests = warmUpRequests({ title: long, text: `${long} ${'中文'.repeat(40_000)} 结尾的词语`, tags: [long], date: null, folder: long });
    const queries = requests.map((r) => r.query);
    expect(queries.length).toBeGreaterThan(0);
    for (const q of queries) expect(q.length, q).toBeLessThanOrEqual(60);
    expect(queries.some((q) => q.includes('结尾'))).toBe(false); // past the part of the text that is read
    expect(queries.some((q) => q.startsWith('tag:') || q.startsWith('in:'))).toBe(false);
  });
});

/** The service's own connection (what its engine searches). */
function dbOf(service: AlmanacService): Database {
  return (service as unknown as { store: { db: Database } }).store.db;
}

describe('warming searches', () => {
  let vault: TempDir;
  let cache: TempDir;
  let service: AlmanacService;

  beforeEach(async () => {
    vault = tempDir('almanac-warm-vault-');
    cache = tempDir('almanac-warm-cache-');
    vault.write('weekly/2026-01-30.md', digest({ title: '上周', date: '2026-01-30', tags: ['AI'] }, '## 旧闻\n\n开源模型 DeepSeek 发布。\n'));
    vault.write('weekly/2026-02-06.md', digest({ title: 'AI 周报', date: '2026-02-06', tags: ['AI', '芯片'] }, TEXT));
    service = new AlmanacService({ vaultPath: vault.root, dbPath: path.join(cache.root, 'index.db'), workerUrl: WORKER_URL, poolSize: 0 });
    await service.reindex();
  });

  afterEach(async () => {
    vi.restoreAllMocks();
    await service.close();
    vault.cleanup();
    cache.cleanup();
  });

  it('are built from the newest digest, and each single term finds it', async () => {
    const engine = new SearchEngine(dbOf(service));
    const requests = engine.warmUpRequests();
    expect(requests.map((r) => r.query)).toContain('in:weekly 芯片');
    for (const r of requests) {
      const response = engine.search(r);
      expect(response.notices.filter((n) => n.code === 'search-failed'), r.query).toEqual([]);
      // A single term or filter comes from that digest (two terms may sit in different sections).
      if (!r.query.includes(' ')) expect(response.total, r.query).toBeGreaterThan(0);
    }
  });

  it('pass over a newest digest of hostile size (800 KB of one word) for the next one', async () => {
    vault.write('weekly/2026-02-13.md', digest({ title: 'zebra', date: '2026-02-13' }, `## zebra\n\n${'zebrafish '.repeat(80_000)}\n`));
    await service.reindex();
    const requests = new SearchEngine(dbOf(service)).warmUpRequests();
    expect(requests.map((r) => r.query)).toContain('in:weekly 芯片');
    expect(requests.some((r) => r.query.includes('zebra'))).toBe(false);
  });

  it('run when warmUp() is asked for, after a run in progress, three rounds, and leave results unchanged', async () => {
    const before = await service.search({ query: '大模型 芯片' });
    const searches = vi.spyOn(SearchEngine.prototype, 'search');
    const run = service.reindex();
    const warmed = service.warmUp();
    await run;
    await warmed;
    const warmQueries = searches.mock.calls.map(([r]) => r.query);
    const once = new SearchEngine(dbOf(service)).warmUpRequests();
    expect(warmQueries).toEqual([...once, ...once, ...once].map((r) => r.query));
    searches.mockRestore();
    expect({ ...(await service.search({ query: '大模型 芯片' })), tookMs: 0 }).toEqual({ ...before, tookMs: 0 });
  });

  it('stop at close, and warmUp() then resolves', async () => {
    const searches = vi.spyOn(SearchEngine.prototype, 'search');
    const warmed = service.warmUp();
    await service.close();
    await warmed;
    expect(searches.mock.calls.length).toBeLessThan(3 * 19);
  });
});
