/**
 * Every file accounted for, under stress: rounds of index runs over a few
 * hundred generated digests while both cores are busy (busy-loop child
 * processes), one parse worker is terminated mid-run, the writer thread is
 * slowed (another connection holds the write lock for a while) and readers
 * search the same index throughout. Each round edits, adds, renames and
 * deletes files first. After every round the summary satisfies
 * files = indexed + unchanged + moved + skippedThisRun, the renames were moves,
 * and the index holds exactly the vault's indexable files with their content
 * hashes (a digest for each readable one) — the check that "files 813,
 * indexed 806" with nothing skipped can never pass silently again.
 */
import BetterSqlite3 from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexVault } from '../../src/core/index/indexer.js';
import { ParsePool } from '../../src/core/parse/pool.js';
import { hashBytes } from '../../src/core/read/read.js';
import { SearchEngine } from '../../src/core/search/engine.js';
import { Store } from '../../src/core/store/store.js';
import { scanVault } from '../../src/core/vault/scan.js';
import type { IndexProgress, IndexSummary } from '../../src/shared/api.js';
import { seededRandom } from '../helpers/reliability-tools.js';
import { digest, tempDir, type TempDir } from '../helpers/temp-vault.js';
import { WORKER_URL } from '../helpers/worker.js';

const WRITER_URL = new URL('../../out/node/store-writer.js', import.meta.url);
const SETTINGS = { exclude: [], maxFileBytes: 1024 * 1024 };
const FILES = 300;
/** Rounds: at least MIN_ROUNDS, more while the time budget lasts (the whole test stays under a minute on a loaded machine). */
const MIN_ROUNDS = 4;
const MAX_ROUNDS = 12;
const ROUNDS_BUDGET_MS = 25_000;
/** How long another connection holds the write lock once the writer has started (well under busy_timeout). */
const HOLD_MS = 400;
const WORDS = ['模型', '开源', '后门检测', '智能代理', 'GPT-5.3-Codex', 'Claude Opus 4.6', 'Kimi K2.5', 'agent', 'benchmark', '推理'];

let vault: TempDir;
let data: TempDir;
const spinners: ChildProcess[] = [];
const random = seededRandom(20261207);

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function text(i: number, edit: number): string {
  const paragraphs = Array.from({ length: 6 }, (_, p) => `${pick(WORDS)} ${pick(WORDS)} 第 ${i} 期第 ${p} 段，修订 ${edit}。 ${pick(WORDS)}`);
  return digest({ title: `周报 ${i}`, date: `2026-${String((i % 12) + 1).padStart(2, '0')}-0${(i % 9) + 1}`, tags: [pick(['AI', '安全', 'Rust'])] }, `## ${pick(WORDS)}\n\n${paragraphs.join('\n\n')}\n\n## 链接\n\n[上一期](w${i - 1}.md)\n`);
}

/** The pool's worker threads (private: the test reaches in to kill one, as a crash would). */
function workersOf(pool: ParsePool): { worker: Worker; job: unknown }[] {
  return (pool as unknown as { slots: { worker: Worker; job: unknown }[] }).slots;
}

/**
 * Changes the vault as a week of work would: renames (same content, another
 * folder), edits, additions and deletions; renamed files are left alone after
 * their move, so each is a move for the indexer.
 */
function changeVault(names: string[], round: number): { renamed: number } {
  const moved = new Set<string>();
  for (let k = 0; k < 10; k++) {
    const from = pick(names.filter((n) => !moved.has(n)));
    const to = `moved-${round}/${path.basename(from)}`;
    if (names.includes(to)) continue;
    vault.write(to, readFileSync(path.join(vault.root, from)));
    vault.remove(from);
    names.splice(names.indexOf(from), 1, to);
    moved.add(to);
  }
  const others = (): string[] => names.filter((n) => !moved.has(n));
  for (let k = 0; k < 60; k++) {
    const n = pick(others());
    vault.write(n, text(Number(n.replace(/\D/g, '')), round));
  }
  for (let k = 0; k < 10; k++) {
    const gone = pick(others());
    vault.remove(gone);
    names.splice(names.indexOf(gone), 1);
  }
  for (let k = 0; k < 20; k++) {
    const i = FILES + round * 100 + k;
    names.push(`new/w${i}.md`);
    vault.write(`new/w${i}.md`, text(i, round));
  }
  return { renamed: moved.size };
}

/** What the index holds against what the vault has: every indexable file, its hash, and a digest for each readable one. */
async function expectIndexMatchesVault(store: Store): Promise<void> {
  const scan = await scanVault(vault.root, { exclude: [] });
  const expected = new Map(scan.files.map((f) => [f.path, hashBytes(readFileSync(f.absPath))]));
  const stored = store.fileStates();
  expect([...stored.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [p, hash] of expected) expect(stored.get(p)?.hash, p).toBe(hash);
  const digests = (store.db.prepare('SELECT path FROM digest').pluck().all() as string[]).sort();
  const readable = [...stored.values()].filter((r) => r.status === 'indexed').map((r) => r.path).sort();
  expect(digests).toEqual(readable);
}

beforeAll(() => {
  vault = tempDir('almanac-stress-vault-');
  data = tempDir('almanac-stress-db-');
  for (let i = 0; i < FILES; i++) vault.write(`w/w${i}.md`, text(i, 0));
  vault.write('bad/binary.md', Buffer.from([0x23, 0x00, 0x01]));
  // Both cores busy for the whole test, as on the loaded build machine where files once went missing.
  for (let i = 0; i < 2; i++) spinners.push(spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
});

afterAll(() => {
  for (const child of spinners) child.kill('SIGKILL');
  vault?.cleanup();
  data?.cleanup();
});

/** Searches on another connection every few milliseconds until stopped; collects any error. */
function startReaders(dbPath: string): { stop: () => { queries: number; errors: string[] } } {
  const db = new BetterSqlite3(dbPath, { readonly: true });
  const engine = new SearchEngine(db);
  const errors: string[] = [];
  let queries = 0;
  const timer = setInterval(() => {
    try {
      engine.search({ query: pick(WORDS), limit: 5 });
      queries++;
    } catch (err) {
      errors.push(err instanceof Error ? err.message : String(err));
    }
  }, 5);
  return {
    stop: () => {
      clearInterval(timer);
      db.close();
      return { queries, errors };
    },
  };
}

/**
 * Calls `kill` right after the pool hands out a job while `armed()` (a worker
 * is then busy for sure: a progress event alone may come while every worker
 * waits for its next file, and a run could end with nothing killed).
 */
function afterEachDispatch(pool: ParsePool, armed: () => boolean, kill: () => void): () => void {
  const target = pool as unknown as { pump: () => void };
  const original = target.pump;
  target.pump = function (this: unknown) {
    original.call(this);
    if (armed()) kill();
  };
  return () => {
    target.pump = original;
  };
}

/** One index run with a worker killed once parsing is under way and the write lock held once writing starts. */
async function stressedRun(store: Store, pool: ParsePool): Promise<{ summary: IndexSummary; killed: number }> {
  const holder = new BetterSqlite3(store.dbPath);
  let killed = 0;
  let held = false;
  let armed = false;
  const killBusy = (): void => {
    const busy = workersOf(pool).find((w) => w.job !== null);
    if (busy && killed === 0) {
      void busy.worker.terminate();
      killed++;
    }
  };
  const restore = afterEachDispatch(pool, () => armed && killed === 0, killBusy);
  const onProgress = (p: IndexProgress): void => {
    if (p.phase === 'parse' && killed === 0 && p.done >= Math.min(20, p.total / 4)) {
      armed = true;
      killBusy();
    }
    if (p.phase === 'store' && !held) {
      held = true;
      holder.exec('BEGIN IMMEDIATE');
      setTimeout(() => holder.exec('ROLLBACK'), HOLD_MS);
    }
  };
  try {
    const summary = await indexVault({ vaultPath: vault.root, store, pool, settings: SETTINGS, writer: { workerUrl: WRITER_URL }, onProgress });
    return { summary, killed };
  } finally {
    restore();
    if (holder.inTransaction) holder.exec('ROLLBACK');
    holder.close();
  }
}

describe('indexing under stress', () => {
  it('accounts for every file, round after round, with busy cores, a killed parse worker, a slowed writer and readers', async () => {
    const store = Store.open(path.join(data.root, 'index.db'));
    const pool = new ParsePool({ workerUrl: WORKER_URL, size: 2 });
    const names = Array.from({ length: FILES }, (_, i) => `w/w${i}.md`);
    const readers = startReaders(store.dbPath);
    const started = performance.now();
    let round = 0;
    try {
      for (; round < MAX_ROUNDS && (round < MIN_ROUNDS || performance.now() - started < ROUNDS_BUDGET_MS); round++) {
        const { renamed } = round === 0 ? { renamed: 0 } : changeVault(names, round);
        const { summary: s, killed } = await stressedRun(store, pool);
        const what = `round ${round}: ${JSON.stringify({ ...s, skipped: s.skipped.length, warnings: s.warnings.length })}`;
        expect(s.files, what).toBe(s.indexed + s.unchanged + s.moved + s.skippedThisRun);
        expect(s.files, what).toBe(names.length + 1);
        expect(s.skippedThisRun, what).toBe(1); // bad/binary.md, read again every run
        expect(s.moved, what).toBe(renamed);
        expect(killed, `${what}: a parse worker was killed`).toBe(1);
        await expectIndexMatchesVault(store);
      }
    } finally {
      const { queries, errors } = readers.stop();
      await pool.destroy();
      store.close();
      expect(errors).toEqual([]);
      expect(queries).toBeGreaterThan(0);
    }
    expect(round).toBeGreaterThanOrEqual(MIN_ROUNDS);
  }, 60_000);
});
