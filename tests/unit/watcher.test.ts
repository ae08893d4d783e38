import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startAutoReindex } from '../../src/core/watch/auto-reindex.js';
import { BatchCollector, createWatchFilter, watchVault, type VaultWatcher, type WatchBatch } from '../../src/core/watch/watcher.js';
import { DEFAULT_SETTINGS, type AlmanacEvent, type IndexSummary, type VaultStatus } from '../../src/shared/api.js';

/** Resolves with the first batch that satisfies `accept`, or rejects after a bounded wait. */
function nextBatch(batches: WatchBatch[], accept: (b: WatchBatch) => boolean, timeoutMs = 10_000): Promise<WatchBatch> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const poll = (): void => {
      const found = batches.find(accept);
      if (found) return resolve(found);
      if (Date.now() - started > timeoutMs) return reject(new Error(`no matching batch within ${timeoutMs} ms; got ${JSON.stringify(batches)}`));
      setTimeout(poll, 25);
    };
    poll();
  });
}

describe('createWatchFilter', () => {
  const root = path.join(os.tmpdir(), 'vault');
  const file = { isFile: () => true } as fs.Stats;
  const dir = { isFile: () => false } as fs.Stats;
  const ignored = createWatchFilter(root, ['drafts', 'archive/**']);

  it('ignores dot-paths, node_modules, excluded globs and non-Markdown files', () => {
    expect(ignored(path.join(root, '.git', 'HEAD'))).toBe(true);
    expect(ignored(path.join(root, '.obsidian'), dir)).toBe(true);
    expect(ignored(path.join(root, 'node_modules', 'x.md'), file)).toBe(true);
    expect(ignored(path.join(root, 'weekly', 'drafts'), dir)).toBe(true);
    expect(ignored(path.join(root, 'archive', '2020', 'a.md'), file)).toBe(true);
    expect(ignored(path.join(root, 'weekly', 'image.png'), file)).toBe(true);
    expect(ignored(path.join(os.tmpdir(), 'elsewhere.md'), file)).toBe(true);
  });

  it('keeps the vault root, folders and Markdown files', () => {
    expect(ignored(root)).toBe(false);
    expect(ignored(path.join(root, 'weekly'), dir)).toBe(false);
    expect(ignored(path.join(root, 'weekly'))).toBe(false);
    expect(ignored(path.join(root, 'weekly', '2026-02-06.md'), file)).toBe(false);
    expect(ignored(path.join(root, 'weekly', 'NOTES.MARKDOWN'), file)).toBe(false);
  });
});

describe('BatchCollector', () => {
  it('merges events into one batch; a later delete wins over a change and vice versa', async () => {
    const batches: WatchBatch[] = [];
    const c = new BatchCollector((b) => batches.push(b), 20, 1_000);
    c.add('changed', 'b.md');
    c.add('changed', 'a.md');
    c.add('removed', 'a.md');
    c.add('removed', 'c.md');
    c.add('changed', 'c.md');
    await nextBatch(batches, () => true);
    expect(batches).toEqual([{ changed: ['b.md', 'c.md'], removed: ['a.md'], overflowed: false }]);
  });

  it('flushes at maxWait even while events keep coming', async () => {
    const batches: WatchBatch[] = [];
    const c = new BatchCollector((b) => batches.push(b), 10_000, 50);
    c.add('changed', 'a.md');
    c.add('changed', 'b.md');
    await nextBatch(batches, () => true);
    expect(batches[0]).toEqual({ changed: ['a.md', 'b.md'], removed: [], overflowed: false });
    c.cancel();
  });

  it('folds 1,000 events arriving together into one batch', async () => {
    const batches: WatchBatch[] = [];
    const c = new BatchCollector((b) => batches.push(b), 20, 1_000);
    for (let i = 0; i < 1000; i++) c.add('changed', `burst/f${i}.md`);
    await nextBatch(batches, () => true);
    await new Promise((r) => setTimeout(r, 60));
    expect(batches).toHaveLength(1);
    expect(batches[0]?.changed).toHaveLength(1000);
  });

  it('marks a batch with more paths than maxBatchPaths as overflowed, and resets afterwards', async () => {
    const batches: WatchBatch[] = [];
    const c = new BatchCollector((b) => batches.push(b), 20, 1_000, 2);
    c.add('changed', 'a.md');
    c.add('changed', 'b.md');
    c.emit();
    c.add('changed', 'a.md');
    c.add('changed', 'b.md');
    c.add('removed', 'c.md');
    c.emit();
    c.add('changed', 'd.md');
    c.emit();
    expect(batches.map((b) => b.overflowed)).toEqual([false, true, false]);
    expect(batches[1]).toEqual({ changed: ['a.md', 'b.md'], removed: ['c.md'], overflowed: true });
  });

  it('after markOverflowed (a watcher error) emits an overflowed batch even without paths', async () => {
    const batches: WatchBatch[] = [];
    const c = new BatchCollector((b) => batches.push(b), 20, 1_000);
    c.markOverflowed();
    await nextBatch(batches, () => true);
    expect(batches).toEqual([{ changed: [], removed: [], overflowed: true }]);
  });

  it('emits nothing when cancelled', () => {
    const batches: WatchBatch[] = [];
    const c = new BatchCollector((b) => batches.push(b), 10, 10);
    c.add('changed', 'a.md');
    c.cancel();
    c.emit();
    expect(batches).toEqual([]);
  });
});

describe('watchVault over a real folder', () => {
  let dir: string;
  let watcher: VaultWatcher | null = null;

  afterEach(async () => {
    await watcher?.close();
    watcher = null;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function start(exclude: string[] = []): Promise<WatchBatch[]> {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'almanac-watch-'));
    fs.mkdirSync(path.join(dir, 'weekly'));
    fs.writeFileSync(path.join(dir, 'weekly', 'old.md'), '# old\n');
    const batches: WatchBatch[] = [];
    watcher = await watchVault({ vaultPath: dir, exclude, onBatch: (b) => batches.push(b), debounceMs: 150, maxWaitMs: 5_000 });
    return batches;
  }

  it('reports create, change, delete and rename as vault-relative paths, without initial events', async () => {
    const batches = await start();
    fs.writeFileSync(path.join(dir, 'weekly', 'new.md'), '# new\n');
    fs.appendFileSync(path.join(dir, 'weekly', 'old.md'), 'more\n');
    const first = await nextBatch(batches, (b) => b.changed.includes('weekly/new.md') && b.changed.includes('weekly/old.md'));
    expect(first.removed).toEqual([]);
    fs.renameSync(path.join(dir, 'weekly', 'new.md'), path.join(dir, 'weekly', 'renamed.md'));
    fs.rmSync(path.join(dir, 'weekly', 'old.md'));
    const second = await nextBatch(batches, (b) => b.removed.includes('weekly/old.md') && b.removed.includes('weekly/new.md'));
    expect(second.changed).toContain('weekly/renamed.md');
    expect(batches.flatMap((b) => [...b.changed, ...b.removed]).every((p) => !path.isAbsolute(p))).toBe(true);
  });

  it('ignores non-Markdown files, dot-folders, node_modules and excluded folders', async () => {
    const batches = await start(['drafts']);
    fs.mkdirSync(path.join(dir, '.obsidian'));
    fs.writeFileSync(path.join(dir, '.obsidian', 'x.md'), 'x');
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.writeFileSync(path.join(dir, 'node_modules', 'y.md'), 'y');
    fs.mkdirSync(path.join(dir, 'drafts'));
    fs.writeFileSync(path.join(dir, 'drafts', 'z.md'), 'z');
    fs.writeFileSync(path.join(dir, 'weekly', 'photo.png'), 'png');
    // A Markdown change after the noise proves the noise was seen and dropped.
    fs.writeFileSync(path.join(dir, 'weekly', 'real.md'), '# real\n');
    const batch = await nextBatch(batches, (b) => b.changed.includes('weekly/real.md'));
    expect(batches.flatMap((b) => [...b.changed, ...b.removed])).toEqual(['weekly/real.md']);
    expect(batch.removed).toEqual([]);
  });

  it('coalesces a burst of 1,000 new files into a few batches, losing none', async () => {
    const batches = await start();
    fs.mkdirSync(path.join(dir, 'burst'));
    for (let i = 0; i < 1000; i++) fs.writeFileSync(path.join(dir, 'burst', `f${String(i).padStart(4, '0')}.md`), `# ${i}\n`);
    const seen = () => new Set(batches.flatMap((b) => b.changed));
    const started = Date.now();
    while (seen().size < 1000 && Date.now() - started < 20_000) await new Promise((r) => setTimeout(r, 50));
    expect(seen().size).toBe(1000);
    // chokidar reports the files over a while on a busy machine; the debounce still folds them together.
    expect(batches.length).toBeLessThan(10);
  });

  it('stops reporting after close()', async () => {
    const batches = await start();
    await watcher?.close();
    fs.writeFileSync(path.join(dir, 'weekly', 'late.md'), '# late\n');
    await new Promise((r) => setTimeout(r, 400));
    expect(batches).toEqual([]);
  });
});

describe('startAutoReindex', () => {
  it('re-indexes after changes, never overlapping runs, and follows the service to another vault', async () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'almanac-auto-'));
    const first = path.join(base, 'first');
    const second = path.join(base, 'second');
    fs.mkdirSync(first);
    fs.mkdirSync(second);
    let vaultPath = first;
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    let release: (() => void) | null = null;
    const listeners = new Set<(e: AlmanacEvent) => void>();
    const api = {
      getStatus: async () => ({ vaultPath }) as VaultStatus,
      getSettings: async () => ({ ...DEFAULT_SETTINGS }),
      onEvent: (l: (e: AlmanacEvent) => void) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
      reindex: async () => {
        running++;
        runs++;
        maxRunning = Math.max(maxRunning, running);
        if (runs === 1) await new Promise<void>((r) => (release = r)); // the first run is slow
        running--;
        return {} as IndexSummary;
      },
    };
    const auto = await startAutoReindex({ api, debounceMs: 50, maxWaitMs: 500 });
    try {
      fs.writeFileSync(path.join(first, 'a.md'), '# a');
      await waitFor(() => runs === 1);
      // Two more batches while the first run is busy: they make exactly one follow-up run.
      fs.writeFileSync(path.join(first, 'b.md'), '# b');
      await new Promise((r) => setTimeout(r, 300));
      fs.writeFileSync(path.join(first, 'c.md'), '# c');
      await new Promise((r) => setTimeout(r, 300));
      expect(runs).toBe(1);
      (release as unknown as () => void)();
      await waitFor(() => runs === 2);
      await auto.idle();
      expect(runs).toBe(2);
      expect(maxRunning).toBe(1);

      vaultPath = second;
      for (const l of listeners) l({ type: 'vault-changed', status: { vaultPath: second } as VaultStatus });
      await waitFor(() => auto.vaultPath === second);
      fs.writeFileSync(path.join(second, 'd.md'), '# d');
      await waitFor(() => runs === 3);
    } finally {
      await auto.close();
      fs.rmSync(base, { recursive: true, force: true });
    }
    expect(listeners.size).toBe(0);
  });
});

describe('startAutoReindex: what each run examines', () => {
  it('passes the changed and removed paths of the batches, and asks for the whole vault after an overflow', async () => {
    const vault = fs.mkdtempSync(path.join(os.tmpdir(), 'almanac-auto-paths-'));
    fs.writeFileSync(path.join(vault, 'old.md'), '# old');
    const calls: (readonly string[] | 'all')[] = [];
    const api = {
      getStatus: async () => ({ vaultPath: vault, state: 'idle' }) as VaultStatus,
      getSettings: async () => ({ ...DEFAULT_SETTINGS }),
      onEvent: () => () => undefined,
      reindex: async (options?: { paths?: readonly string[] }) => {
        calls.push(options?.paths ? [...options.paths].sort() : 'all');
        return {} as IndexSummary;
      },
    };
    const auto = await startAutoReindex({ api, debounceMs: 50, maxWaitMs: 1_000, maxBatchPaths: 3 });
    try {
      fs.writeFileSync(path.join(vault, 'new.md'), '# new');
      fs.rmSync(path.join(vault, 'old.md'));
      const named = (): string[] => [...new Set(calls.flatMap((c) => (c === 'all' ? ['(all)'] : c)))].sort();
      await waitFor(() => named().length >= 2);
      await auto.idle();
      expect(named()).toEqual(['new.md', 'old.md']);
      for (let i = 0; i < 5; i++) fs.writeFileSync(path.join(vault, `burst${i}.md`), '# burst');
      await waitFor(() => calls.includes('all'));
    } finally {
      await auto.close();
      fs.rmSync(vault, { recursive: true, force: true });
    }
  });
});

async function waitFor(probe: () => boolean, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!probe()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
