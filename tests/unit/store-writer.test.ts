import BetterSqlite3 from 'better-sqlite3';
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApplyStatus, Outcome } from '../../src/core/index/outcome.js';
import { InProcessWriter, StoreWriteError, StoreWriter, type OutcomeWriter, type StoreWriterOptions } from '../../src/core/index/store-writer.js';
import { parseDigest } from '../../src/core/parse/parse.js';
import { SearchEngine } from '../../src/core/search/engine.js';
import { attachPrepared } from '../../src/core/store/prepare.js';
import { isBusyError } from '../../src/core/store/errors.js';
import { Store } from '../../src/core/store/store.js';
import type { ScannedFile } from '../../src/core/types.js';
import type { SearchResponse } from '../../src/shared/api.js';
import { dumpIndex } from '../helpers/db-dump.js';
import { digest, tempDir, type TempDir } from '../helpers/temp-vault.js';
import { otherProblem, problemEntry } from '../../src/shared/file-problems.js';

const WRITER_URL = new URL('../../out/node/store-writer.js', import.meta.url);

let dir: TempDir;
const stores: Store[] = [];
const writers: OutcomeWriter[] = [];

beforeEach(() => {
  dir = tempDir('almanac-store-writer-');
});

afterEach(async () => {
  await Promise.allSettled(writers.splice(0).map((w) => w.close()));
  for (const s of stores.splice(0)) s.close();
  dir.cleanup();
});

function openStore(name: string): Store {
  const s = Store.open(path.join(dir.root, name));
  stores.push(s);
  return s;
}

function startWriter(options: Partial<StoreWriterOptions> & { dbPath: string }): StoreWriter {
  const w = StoreWriter.start({ workerUrl: WRITER_URL, ...options });
  writers.push(w);
  return w;
}

function scanned(p: string, size = 100, mtimeMs = 1000): ScannedFile {
  return { path: p, absPath: `/vault/${p}`, size, mtimeMs };
}

/** A weekly issue as the vaults have it: front matter, sections, Chinese with English names, a link to the week before. */
function issueText(n: number, extra = ''): string {
  const week = String((n % 52) + 1).padStart(2, '0');
  return digest(
    { title: `AI 周报 第${n}期`, date: `2026-${String((n % 12) + 1).padStart(2, '0')}-0${(n % 9) + 1}`, tags: ['AI', `topic${n % 5}`] },
    [
      `导语：第${n}期。${extra}`,
      `## 模型`,
      `本周 GPT-5.3-Codex 与 Claude Opus 4.6 发布，编号 issue${n}。`,
      `### 评测`,
      `长上下文评测 benchmark${n % 7} 结果公布。`,
      `## 链接`,
      `见 [上一期](../weekly/issue-${n - 1}) 与 [官网](https://example.com/${week})。`,
    ].join('\n\n'),
  );
}

/** What the indexer hands the writer for a parsed file (as the parse worker prepares it). */
function digestOutcome(p: string, text: string, hash = `hash-${p}-${text.length}`): Outcome {
  const parsed = attachPrepared(parseDigest(text, p));
  return {
    kind: 'digest',
    record: {
      path: p,
      size: text.length,
      mtimeMs: 1000,
      hash,
      encoding: 'utf-8',
      parsed,
      links: parsed.links.map((l) => ({ external: l.href.startsWith('http'), targetKey: null, targetExists: false })),
      warnings: parsed.warnings,
    },
  };
}

/** Fresh outcomes each call: a worker writer takes the byte arrays it is given. */
function issues(from: number, count: number, extra = ''): Outcome[] {
  return Array.from({ length: count }, (_, i) => digestOutcome(`weekly/issue-${from + i}.md`, issueText(from + i, extra)));
}

/** A second run over the first: re-indexed, unchanged, moved, skipped, and one record that breaks a constraint. */
function secondRun(): Outcome[] {
  const broken = digestOutcome('weekly/broken.md', issueText(99));
  if (broken.kind === 'digest') (broken.record as { hash: string | null }).hash = null; // digest.hash is NOT NULL
  return [
    digestOutcome('weekly/issue-1.md', issueText(1, '新增 Gemini 3 Ultra 条目。')),
    { kind: 'unchanged', file: scanned('weekly/issue-2.md', 100, 2000) },
    { kind: 'moved', from: 'weekly/issue-3.md', file: scanned('archive/issue-3.md'), links: [] },
    { kind: 'skipped', file: scanned('weekly/huge.md'), hash: 'h-huge', problem: otherProblem('is larger than 1 MB') },
    broken,
    { kind: 'moved', from: 'weekly/not-there.md', file: scanned('weekly/moved-nowhere.md'), links: [] },
    ...issues(20, 3),
    { kind: 'removed', path: 'weekly/issue-4.md' },
  ];
}

const SECOND_RUN_STATUSES: ApplyStatus[] = ['indexed', 'unchanged', 'moved', 'skipped', 'failed', 'failed', 'indexed', 'indexed', 'indexed', 'removed'];

function searchResults(store: Store, query: string): Omit<SearchResponse, 'tookMs'> {
  const { tookMs: _took, ...rest } = new SearchEngine(store.db).search({ query, limit: 0 });
  return rest;
}

describe('StoreWriter and InProcessWriter', () => {
  it('write the same rows and give the same search results for the same outcomes', async () => {
    const viaWorker = openStore('worker.db');
    const viaMain = openStore('main.db');
    const worker = startWriter({ dbPath: viaWorker.dbPath });
    const inProcess = new InProcessWriter(viaMain);
    writers.push(inProcess);

    for (const w of [worker, inProcess]) {
      expect(await w.apply(issues(0, 12))).toEqual(Array<ApplyStatus>(12).fill('indexed'));
      expect(await w.apply(secondRun())).toEqual(SECOND_RUN_STATUSES);
    }

    expect(dumpIndex(viaWorker.db)).toEqual(dumpIndex(viaMain.db));
    expect(viaWorker.counts()).toEqual(viaMain.counts());
    expect(viaWorker.counts().digests).toBe(12 + 3 - 1); // 3 new, 1 removed; a re-index or a move keeps the count, a failed file adds none
    for (const query of ['GPT-5.3-Codex', '评测', 'Gemini', 'tag:topic1', '链接 官网']) {
      const a = searchResults(viaWorker, query);
      expect(a.total).toBeGreaterThan(0);
      expect(a).toEqual(searchResults(viaMain, query));
    }
    expect(new SearchEngine(viaWorker.db).search({ query: 'Gemini' }).results.map((r) => r.path)).toEqual(['weekly/issue-1.md']);
  });

  it.each(['worker', 'in-process'])('%s: a file that cannot be stored is skipped with the reason; the rest of its batch is stored', async (kind) => {
    const store = openStore('index.db');
    const writer = kind === 'worker' ? startWriter({ dbPath: store.dbPath }) : new InProcessWriter(store);
    writers.push(writer);
    await writer.apply(issues(0, 5));
    expect(await writer.apply(secondRun())).toEqual(SECOND_RUN_STATUSES);

    const skipped = new Map(store.skippedFiles().map((s) => [s.path, s.reason]));
    expect(skipped.get('weekly/broken.md')).toMatch(/^could not be stored \(NOT NULL constraint failed: digest\.hash\)$/);
    expect(skipped.get('weekly/moved-nowhere.md')).toBe('could not be stored (almanac index: cannot move weekly/not-there.md: it is not in the index)');
    expect(skipped.get('weekly/huge.md')).toBe('is larger than 1 MB');
    expect(store.digestByPath('weekly/broken.md')).toBeNull();
    expect(store.digestByPath('archive/issue-3.md')?.title).toBe('AI 周报 第3期');
    expect(store.digestByPath('weekly/issue-3.md')).toBeNull();
    for (const p of ['weekly/issue-20.md', 'weekly/issue-21.md', 'weekly/issue-22.md']) expect(store.digestByPath(p)).not.toBeNull();
    expect(store.files().find((f) => f.path === 'weekly/issue-2.md')?.mtimeMs).toBe(2000);
    expect(store.files().some((f) => f.path === 'weekly/issue-4.md')).toBe(false);
    const engine = new SearchEngine(store.db);
    expect(engine.search({ query: 'issue4' }).total).toBe(0); // its postings went with it
    expect(engine.search({ query: 'issue0' }).total).toBe(1);
  });

  it('writes overlapping batches in order', async () => {
    const store = openStore('index.db');
    const writer = startWriter({ dbPath: store.dbPath });
    const first = writer.apply(issues(0, 4, '旧版本。'));
    const second = writer.apply(issues(2, 1, '新版本 Sora 3。'));
    expect(await second).toEqual(['indexed']);
    expect(await first).toEqual(['indexed', 'indexed', 'indexed', 'indexed']);
    expect(store.digestByPath('weekly/issue-2.md')?.body).toContain('新版本 Sora 3');
    expect(store.counts().digests).toBe(4);
  });

  it('lets the main connection read and search while it writes, and each batch appears whole', async () => {
    const store = openStore('index.db');
    const engine = new SearchEngine(store.db);
    // One transaction per batch, so a reader sees all of a batch or none of it.
    const writer = startWriter({ dbPath: store.dbPath, limits: { maxFiles: 1000, maxMs: 60_000 } });
    await writer.apply(issues(0, 10));
    expect(store.counts().digests).toBe(10);
    expect(engine.search({ query: 'issue5' }).total).toBe(1);

    const big = writer.apply(issues(10, 150));
    let settled = false;
    void big.finally(() => (settled = true));
    const seen: number[] = [];
    while (!settled) {
      seen.push(store.counts().digests);
      seen.push(engine.search({ query: 'Opus' }).total);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    await big;
    expect(seen.length).toBeGreaterThan(2); // reads ran while the batch was being written
    expect(seen.every((n) => n === 10 || n === 160)).toBe(true);
    expect(store.counts().digests).toBe(160);
    expect(engine.search({ query: 'issue155' }).results.map((r) => r.path)).toEqual(['weekly/issue-155.md']);
  });

  it('close() waits for the pending writes, then the writer refuses more', async () => {
    const store = openStore('index.db');
    const writer = startWriter({ dbPath: store.dbPath });
    let statuses: ApplyStatus[] | null = null;
    void writer.apply(issues(0, 60)).then((s) => (statuses = s));
    await writer.close();
    expect(statuses).toHaveLength(60);
    expect(store.counts().digests).toBe(60);
    await expect(writer.apply(issues(60, 1))).rejects.toThrow(`the index writer for ${store.dbPath} is closed`);
  });

  it('copies its WAL into the database when it closes, so the main connection does not checkpoint the run on its next commit', async () => {
    const store = openStore('index.db');
    const writer = startWriter({ dbPath: store.dbPath });
    await writer.apply(issues(0, 60));
    await writer.close();
    const pages = (store.db.pragma('page_count', { simple: true }) as number) * (store.db.pragma('page_size', { simple: true }) as number);
    expect(pages).toBeGreaterThan(50 * 4096);
    expect(statSync(store.dbPath).size).toBe(pages);
  });

  it('rejects with the database path when the worker cannot open the database', async () => {
    const dbPath = path.join(dir.root, 'a-folder.db');
    mkdirSync(dbPath); // a folder where the database file should be
    const writer = startWriter({ dbPath });
    await expect(writer.ready()).rejects.toThrow(`the index ${dbPath} could not be opened for writing (`);
    const err = await writer.apply(issues(0, 1)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreWriteError);
    expect((err as Error).message).toContain(dbPath);
    await writer.close();
  });

  it.each(['worker', 'in-process'])(
    '%s: fails the batch with SQLITE_BUSY and the path when another connection holds the lock too long, then refuses later batches',
    async (kind) => {
      const store = openStore('index.db');
      let writer: OutcomeWriter;
      if (kind === 'worker') {
        const w = startWriter({ dbPath: store.dbPath, busyTimeoutMs: 50 });
        await w.ready();
        writer = w;
      } else {
        const impatient = Store.open(store.dbPath, { busyTimeoutMs: 50 });
        stores.push(impatient);
        writer = new InProcessWriter(impatient);
        writers.push(writer);
      }
      const holder = new BetterSqlite3(store.dbPath);
      holder.exec('BEGIN IMMEDIATE');
      const err = await writer.apply(issues(0, 2)).catch((e: unknown) => e);
      holder.exec('ROLLBACK');
      holder.close();
      expect(err).toBeInstanceOf(StoreWriteError);
      expect((err as StoreWriteError).code).toMatch(/^SQLITE_BUSY/);
      expect((err as Error).message).toContain(`the index ${store.dbPath} could not be written (`);
      await expect(writer.apply(issues(2, 1))).rejects.toBe(err);
      expect(store.counts().digests).toBe(0);
    },
  );

  it('rejects a batch that cannot be handed to the thread, and the batches after it', async () => {
    const store = openStore('index.db');
    const writer = startWriter({ dbPath: store.dbPath });
    const [good] = issues(0, 1);
    const uncloneable = { ...good!, onWrite: () => undefined } as unknown as Outcome; // functions cannot cross threads
    const err = await writer.apply([uncloneable]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreWriteError);
    expect((err as Error).message).toContain(`could not hand 1 files to the index writer for ${store.dbPath} (`);
    await expect(writer.apply(issues(1, 1))).rejects.toBe(err);
    await writer.close();
    expect(store.counts().digests).toBe(0);
  });

  it('terminate() rolls back the batch being written and releases the database', async () => {
    const store = openStore('index.db');
    const writer = startWriter({ dbPath: store.dbPath, limits: { maxFiles: 1000, maxMs: 60_000 } });
    expect(await writer.apply(issues(0, 3))).toHaveLength(3);
    const big = writer.apply(issues(3, 300)).catch((e: unknown) => e);
    // Wait until the writer holds the write lock: it is inside the batch's transaction.
    const probe = new BetterSqlite3(store.dbPath, { timeout: 0 });
    const writerHoldsLock = (): boolean => {
      try {
        probe.exec('BEGIN IMMEDIATE');
        probe.exec('ROLLBACK');
        return false;
      } catch (err) {
        return isBusyError(err);
      }
    };
    while (!writerHoldsLock()) await new Promise<void>((resolve) => setImmediate(resolve));
    await writer.terminate();
    expect(writerHoldsLock()).toBe(false);
    probe.close();
    expect(await big).toBeInstanceOf(StoreWriteError);
    expect(((await big) as Error).message).toBe(`the index writer for ${store.dbPath} was stopped`);
    await expect(writer.apply(issues(400, 1))).rejects.toThrow('was stopped');
    await writer.close();
    expect(store.counts().digests).toBe(3); // none of the interrupted batch
    store.batch(() => store.putSkipped({ path: 'weekly/after.md', size: 1, mtimeMs: 1, hash: null }, otherProblem('test'))); // the lock is free
    expect(store.skippedFiles()).toEqual([problemEntry('weekly/after.md', otherProblem('test'))]);
  });

  it('rejects clearly when the worker script cannot start', async () => {
    const store = openStore('index.db');
    const writer = startWriter({ dbPath: store.dbPath, workerUrl: new URL('./no-such-writer.js', WRITER_URL) });
    await expect(writer.apply(issues(0, 1))).rejects.toThrow(`the index writer for ${store.dbPath} crashed (`);
    await writer.close();
  });

  it('keeps the main event loop running while the worker writes a big batch (the in-process writer in one transaction does not)', async () => {
    const ticksDuring = async (writer: OutcomeWriter, outcomes: Outcome[]): Promise<number> => {
      let ticks = 0;
      let running = true;
      const tick = (): void => {
        if (!running) return;
        ticks++;
        setTimeout(tick, 1);
      };
      setTimeout(tick, 1);
      await writer.apply(outcomes);
      running = false;
      return ticks;
    };
    const a = openStore('worker.db');
    const worker = startWriter({ dbPath: a.dbPath });
    await worker.ready();
    const b = openStore('main.db');
    const oneTransaction = new InProcessWriter(b, { maxFiles: Number.POSITIVE_INFINITY, maxMs: Number.POSITIVE_INFINITY });
    writers.push(oneTransaction);

    expect(await ticksDuring(oneTransaction, issues(0, 200))).toBe(0);
    expect(await ticksDuring(worker, issues(0, 200))).toBeGreaterThanOrEqual(3);
    expect(a.counts()).toEqual(b.counts());
  });
});
