/**
 * What makes search-as-you-type cheap must not change an answer: facet
 * counts over most of the catalog (totals minus the digests left out), the
 * mentions facet's choice among names tied at its cut, the cache of large
 * rowid lists (the same answer again, and a fresh one after the index
 * changed), and the catalog that may lag an index run (only while one runs).
 */
import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readExtras } from '../../src/core/search/catalog-extras.js';
import { DigestCatalog } from '../../src/core/search/catalog.js';
import { complementOf, ListCounts } from '../../src/core/search/facet-counts.js';
import { SearchEngine } from '../../src/core/search/engine.js';
import { packGaps, unpackGaps } from '../../src/core/search/matching.js';
import { SectionMarks } from '../../src/core/search/repeats.js';
import { FtsWriter } from '../../src/core/store/fts-write.js';
import { bumpMarksVersion, storedMarks, writeMark } from '../../src/core/store/section-marks.js';
import { storedSections } from '../../src/core/store/section-texts.js';
import { AlmanacService } from '../../src/core/service/almanac-service.js';
import { seededRandom } from '../helpers/reliability-tools.js';
import { digest, tempDir, type TempDir } from '../helpers/temp-vault.js';
import { WORKER_URL } from '../helpers/worker.js';

describe('ListCounts', () => {
  it('counts the same whether it counts the matches or subtracts the rest from the totals', () => {
    const next = seededRandom(7);
    const size = 300;
    const width = 25;
    const start = new Int32Array(size + 1);
    const ids: number[] = [];
    for (let i = 0; i < size; i++) {
      const distinct = new Set(Array.from({ length: Math.floor(next() * 6) }, () => Math.floor(next() * width)));
      ids.push(...distinct);
      start[i + 1] = ids.length;
    }
    const lists = new ListCounts(start, Int32Array.from(ids), width);
    for (const share of [0, 0.1, 0.5, 0.51, 0.9, 1]) {
      const positions = Int32Array.from({ length: size }, (_, i) => i).filter(() => next() < share);
      const naive = new Int32Array(width);
      for (const i of positions) for (let k = start[i]!; k < start[i + 1]!; k++) naive[ids[k]!]!++;
      expect(Array.from(lists.count(positions)), `share ${share}`).toEqual(Array.from(naive));
      const sparse = lists.countSparse(positions);
      const nonzero = Array.from(naive.keys()).filter((id) => naive[id]! > 0);
      expect([...sparse.ids].sort((x, y) => x - y), `share ${share}`).toEqual(nonzero);
      for (const id of nonzero) expect(sparse.counts[id]).toBe(naive[id]);
    }
  });

  it('takes the complement only of ascending, distinct positions covering more than half', () => {
    expect(complementOf([0, 1, 3], 4)).toEqual(Int32Array.from([2]));
    expect(complementOf([0, 1], 4)).toBeNull();
    expect(complementOf([3, 1, 0], 4)).toBeNull();
    expect(complementOf([0, 0, 1], 4)).toBeNull();
  });
});

describe('packed rowid lists', () => {
  it('round-trip ascending rowids, large gaps included, and refuse others', () => {
    const rows = Int32Array.from([1, 2, 3, 200, 70_000, 1_000_000_000, 1_000_000_001]);
    const packed = packGaps(rows)!;
    expect(packed.length).toBeLessThan(rows.length * 4);
    expect(Array.from(unpackGaps(packed))).toEqual(Array.from(rows));
    expect(packGaps(Int32Array.from([3, 2]))).toBeNull();
    expect(packGaps(Int32Array.from([2, 2]))).toBeNull();
  });
});

let vault: TempDir;
let cache: TempDir;
let service: AlmanacService | null = null;

/** The service over this test's vault (one per test, closed after it). */
function open(): AlmanacService {
  service ??= new AlmanacService({ vaultPath: vault.root, dbPath: path.join(cache.root, 'index.db'), workerUrl: WORKER_URL, poolSize: 0 });
  return service;
}

beforeEach(() => {
  [vault, cache] = [tempDir(), tempDir()];
});

afterEach(async () => {
  await service?.close();
  service = null;
  for (const dir of [vault, cache]) dir.cleanup();
});

const NAMES = Array.from({ length: 40 }, (_, i) => `**Name${String(i).padStart(2, '0')}**`).join(' ');
const FIRST_30 = Array.from({ length: 30 }, (_, i) => `Name${String(i).padStart(2, '0')}`);

describe('facets of a query matching most digests', () => {
  it('list the same mentions, tied at the cut, as a query matching few', async () => {
    vault.write('a.md', digest({ title: 'A', date: '2026-01-02', tags: ['AI'] }, `## 芯片 模型\n\n${NAMES}\n`));
    // The same names in every digest: a match set of all three counts them as the totals (ListCounts), ties at the cut included.
    vault.write('b.md', digest({ title: 'B', date: '2026-01-09', tags: ['AI', 'tech'] }, `## 模型\n\n其他内容。${NAMES}\n`));
    vault.write('c.md', digest({ title: 'C', date: '2026-02-09', tags: ['tech'] }, `## 模型\n\n更多内容。${NAMES}\n`));
    const s = open();
    await s.reindex();
    const few = await s.search({ query: '芯片' });
    const most = await s.search({ query: '模型' });
    expect(few.total).toBe(1);
    expect(most.total).toBe(3);
    expect(Object.keys(few.facets.mentions!)).toEqual(FIRST_30);
    expect(Object.keys(most.facets.mentions!)).toEqual(FIRST_30);
    expect(most.facets.tags).toEqual({ AI: 2, tech: 2 });
    expect(most.facets.months).toEqual({ '2026-02': 1, '2026-01': 2 });
  });
});

describe('the rowid cache', () => {
  it('gives the same answer again, and sees digests indexed since', async () => {
    // Enough matching sections for the list to be cached (matching.ts CACHED_MIN_ROWS).
    const sections = Array.from({ length: 2100 }, (_, i) => `## 芯片 ${i}\n\n芯片新闻 ${i}。\n`).join('\n');
    vault.write('big.md', digest({ title: 'Big', date: '2026-01-02' }, sections));
    const s = open();
    await s.reindex();
    const first = await s.search({ query: '芯', sort: 'newest', facets: true });
    const again = await s.search({ query: '芯', sort: 'newest', facets: true });
    expect(first.totalSections).toBe(2100);
    expect({ ...again, tookMs: 0 }).toEqual({ ...first, tookMs: 0 });
    vault.write('new.md', digest({ title: 'New', date: '2026-03-02' }, '## 芯片\n\n新的芯片。\n'));
    await s.reindex();
    const after = await s.search({ query: '芯', sort: 'newest', facets: true });
    expect(after.total).toBe(2);
    expect(after.totalSections).toBe(2101);
    expect(after.results[0]!.path).toBe('new.md');
  });
});

describe('the rowid cache and the repeats step', () => {
  it('forgets the lists when the marks move, since the step moves tokens between rows without a new generation', async () => {
    const sections = Array.from({ length: 2100 }, (_, i) => `## 芯片 ${i}\n\n芯片新闻 ${i}。\n`).join('\n');
    vault.write('big.md', digest({ title: 'Big', date: '2026-01-02' }, sections));
    vault.write('small.md', digest({ title: 'Small', date: '2026-01-09' }, '## 订阅\n\n芯片周刊每周五发布。\n\n本期另有一篇长文。\n'));
    const s = open();
    await s.reindex();
    const before = await s.search({ query: '芯', sort: 'newest' });
    expect([before.total, before.totalSections]).toEqual([2, 2101]);
    // What the repeats step writes, from another connection: the first line of the small digest's section becomes
    // boilerplate, its tokens moving from the section's content row to its boilerplate row.
    const db = new BetterSqlite3(path.join(cache.root, 'index.db'));
    try {
      const section = [...storedSections(db)].find((x) => x.heading === '订阅')!;
      db.transaction(() => {
        new FtsWriter(db).resplit(section.rowid, section.heading, section.text, null, [0]);
        writeMark(db, { rowid: section.rowid, boiler: [0], group: null });
        bumpMarksVersion(db);
      })();
    } finally {
      db.close();
    }
    // Still found, now as a boilerplate match (its digest has no other hit), and listed after the content hit.
    const after = await s.search({ query: '芯', sort: 'newest' });
    expect([after.total, after.totalSections]).toEqual([2, 2101]);
    expect(after.results.map((r) => r.path)).toEqual(['big.md', 'small.md']);
  });
});

describe('the catalog while an index run writes', () => {
  it('may lag the index while a run is said to write, and follows it at once otherwise', async () => {
    vault.write('a.md', digest({ title: 'A', date: '2026-01-02' }, '## 芯片\n\n芯片新闻。\n'));
    const s = open();
    await s.reindex();
    const db = new BetterSqlite3(path.join(cache.root, 'index.db'), { readonly: true });
    try {
      let indexing = true;
      const engine = new SearchEngine(db, { indexing: () => indexing });
      expect(engine.search({ query: '芯片' }).total).toBe(1);
      vault.write('b.md', digest({ title: 'B', date: '2026-01-09' }, '## 芯片\n\n又一条芯片新闻。\n'));
      await s.reindex();
      // Within CATALOG_LAG_MS of its load, the catalog is the one before the write: the new digest is not found yet.
      expect(engine.search({ query: '芯片' }).total).toBe(1);
      indexing = false;
      expect(engine.search({ query: '芯片' }).total).toBe(2);
    } finally {
      db.close();
    }
  });
});

describe('the mention and link indexes stored with the catalog snapshot', () => {
  it('answer a reopened index as the tables do, and are ignored when they do not fit the catalog', async () => {
    vault.write('a.md', digest({ title: 'A', date: '2026-01-02' }, '## 芯片\n\n**NVIDIA** 与 [AMD](https://amd.example/x) 的芯片。\n'));
    vault.write('b.md', digest({ title: 'B', date: '2026-01-09' }, '## 芯片\n\n**台积电**，见 [原文](https://news.example/a) 与 [NV](https://nvidia.example)。\n'));
    const first = open();
    await first.reindex();
    const fromTables = await first.search({ query: '芯片' });
    expect(fromTables.facets.mentions).toMatchObject({ NVIDIA: 1, 台积电: 1 });
    expect(Object.keys(fromTables.facets.sites!).sort()).toEqual(['amd.example', 'news.example', 'nvidia.example']);
    await first.close();
    service = null;

    const db = new BetterSqlite3(path.join(cache.root, 'index.db'), { readonly: true });
    try {
      const table = DigestCatalog.load(db).table;
      expect(table.extras).not.toBeNull();
      expect(readExtras(table.extras!, table.n)?.mentions.keyHash.length).toBe(Object.keys(fromTables.facets.mentions!).length);
      expect(readExtras(table.extras!, table.n + 1)).toBeNull();
      expect(readExtras(table.extras!.subarray(0, table.extras!.length - 4), table.n)).toBeNull();
    } finally {
      db.close();
    }
    const reopened = await open().search({ query: '芯片' });
    expect({ ...reopened, tookMs: 0 }).toEqual({ ...fromTables, tookMs: 0 });
  });
});

describe('the section marks a search loads', () => {
  it('are the stored marks: whole sections, boilerplate lines read when asked for, and nothing for other sections', async () => {
    const masthead = '这里记录每周值得分享的科技内容，周五发布。\n\n本杂志开源，欢迎投稿或推荐科技内容。';
    const covers = ['断桥的冬天结了一层薄冰。', '香山红叶在十月底最好看。', '鼓浪屿上只有手推车和自行车。', '宽窄巷子里有一家老茶馆。', '古城墙上可以骑自行车一圈。'];
    const footer = '## 订阅\n\n每周五发送到邮箱，回复退订即可取消。';
    covers.forEach((cover, k) => {
      const date = `2024-03-0${k + 1}`;
      vault.write(`weekly/issue-${k + 1}.md`, digest({ title: `科技周刊第 ${k + 1} 期`, date }, `${masthead}\n\n${cover}\n\n## 新闻\n\n第 ${k + 1} 条新闻：${cover}\n\n${footer}\n`));
    });
    await open().reindex();
    const db = new BetterSqlite3(path.join(cache.root, 'index.db'), { readonly: true });
    try {
      const stored = storedMarks(db);
      expect(stored.some((m) => m.boiler === 'all')).toBe(true);
      expect(stored.some((m) => Array.isArray(m.boiler))).toBe(true);
      const marks = SectionMarks.load(db);
      for (const m of stored) {
        expect(marks.boiler(m.rowid), `section ${m.rowid}`).toEqual(m.boiler);
        expect(marks.isBoilerplate(m.rowid)).toBe(m.boiler === 'all');
      }
      const marked = new Set(stored.map((m) => m.rowid));
      const unmarked = (db.prepare('SELECT rowid FROM section').pluck().all() as number[]).filter((r) => !marked.has(r));
      expect(unmarked.length).toBeGreaterThan(0);
      for (const r of unmarked) expect(marks.boiler(r)).toBeNull();
    } finally {
      db.close();
    }
  });
});
