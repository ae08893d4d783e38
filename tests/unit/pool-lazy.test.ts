import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { indexVault } from '../../src/core/index/indexer.js';
import { ParsePool } from '../../src/core/parse/pool.js';
import { Store } from '../../src/core/store/store.js';
import { digest, tempDir, type TempDir } from '../helpers/temp-vault.js';
import { WORKER_URL } from '../helpers/worker.js';

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function pool(size: number): ParsePool {
  const p = new ParsePool({ workerUrl: WORKER_URL, size });
  cleanups.push(() => p.destroy());
  return p;
}

function dir(prefix: string): TempDir {
  const d = tempDir(prefix);
  cleanups.push(() => d.cleanup());
  return d;
}

describe('ParsePool: workers start lazily', () => {
  it('starts no worker until the first parse, then only as many as there is work for', async () => {
    const p = pool(2);
    expect(p.liveWorkers).toBe(0);
    const d = await p.parse(digest({ title: 'W06' }, '## 模型\n\nGPT-5.3-Codex。\n'), 'w06.md');
    expect(d.sections.map((s) => s.heading)).toEqual(['模型']);
    expect(p.liveWorkers).toBe(1);
  });

  it('warm() starts one worker ahead of the first parse, which then uses it', async () => {
    const p = pool(2);
    p.warm();
    expect(p.liveWorkers).toBe(1);
    p.warm(); // idempotent while a worker is alive
    expect(p.liveWorkers).toBe(1);
    const d = await p.parse(digest({ title: 'W06' }, '正文。\n'), 'w06.md');
    expect(d.title).toBe('W06');
    expect(p.liveWorkers).toBe(1);
  });

  it('warm() does nothing on an in-process or closed pool', async () => {
    const inProcess = pool(0);
    inProcess.warm();
    expect(inProcess.liveWorkers).toBe(0);
    const closed = pool(2);
    await closed.close();
    closed.warm();
    expect(closed.liveWorkers).toBe(0);
  });

  it('an index run with nothing to parse starts no worker', async () => {
    const vault = dir('almanac-lazy-vault-');
    const cache = dir('almanac-lazy-cache-');
    vault.write('weekly/w06.md', digest({ title: 'W06', date: '2026-02-06' }, '## 模型\n\n正文。\n'));
    const store = Store.open(path.join(cache.root, 'index.db'));
    cleanups.push(() => store.close());
    const settings = { exclude: [], maxFileBytes: 1 << 20 };
    const first = pool(0);
    await indexVault({ vaultPath: vault.root, store, pool: first, settings });
    const p = pool(2);
    const s = await indexVault({ vaultPath: vault.root, store, pool: p, settings });
    expect(s).toMatchObject({ files: 1, unchanged: 1, indexed: 0 });
    expect(p.liveWorkers).toBe(0);
  });
});
