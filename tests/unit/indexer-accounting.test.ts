/**
 * Every file of a run is accounted for: the summary's `files` is the sum of
 * indexed, unchanged, moved and skipped files (skippedThisRun), whatever the
 * timing of reads, parses and writes; a run that cannot account for a file
 * fails naming it; a removal is counted only when it was stored.
 */
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { checkAccounting, indexVault, type DigestParser } from '../../src/core/index/indexer.js';
import type { ScannedFile } from '../../src/core/types.js';
import { useIndexFixture } from '../helpers/index-fixture.js';
import { digest } from '../helpers/temp-vault.js';

const WRITER_URL = new URL('../../out/node/store-writer.js', import.meta.url);
const SETTINGS = { exclude: [], maxFileBytes: 1024 * 1024 };

const fixture = useIndexFixture('almanac-accounting');

function name(i: number): string {
  return `w/${String(i).padStart(4, '0')}.md`;
}

describe('indexVault accounting', () => {
  it('writes the last files even when they finish while a batch waits for the previous write', async () => {
    const { vault, store, pool } = fixture;
    // Two full batches (200 files each) and 7 more, as a cold index of 407 files.
    const count = 407;
    for (let i = 0; i < count; i++) vault.write(name(i), digest({ title: `第 ${i} 期`, date: '2026-01-01' }, `## 正文\n\n内容 ${i}。\n`));
    // Another process holds the write lock: the writer thread's first batch waits for it
    // (as a slow commit on a loaded machine), so the second batch waits for the first.
    const holder = new BetterSqlite3(store.dbPath);
    holder.exec('BEGIN IMMEDIATE');
    let lastOnes = 0;
    const parser: DigestParser = {
      async parse(text, p) {
        const last = Number(p.slice(2, 6)) >= 400;
        if (last) await new Promise((resolve) => setTimeout(resolve, 100)); // finish after the second batch is handed over
        const parsed = await pool.parse(text, p);
        // The lock goes once all of them have finished, while the second batch still waits.
        if (last && ++lastOnes === count - 400) setTimeout(() => holder.exec('ROLLBACK'), 300);
        return parsed;
      },
    };
    try {
      const s = await indexVault({ vaultPath: vault.root, store, pool: parser, settings: SETTINGS, writer: { workerUrl: WRITER_URL } });
      expect(s).toMatchObject({ files: count, indexed: count, unchanged: 0, skipped: [], digests: count });
    } finally {
      if (holder.inTransaction) holder.exec('ROLLBACK');
      holder.close();
    }
  });

  it('counts every file as indexed, unchanged or skipped, on a cold and an incremental run', async () => {
    const { vault, store, pool } = fixture;
    for (let i = 0; i < 90; i++) vault.write(name(i), digest({ title: `第 ${i} 期` }, `## 正文\n\n内容 ${i}。\n`));
    vault.write('bad/binary.md', Buffer.from([0x23, 0x00]));
    const cold = await indexVault({ vaultPath: vault.root, store, pool, settings: SETTINGS, writer: { workerUrl: WRITER_URL } });
    expect(cold).toMatchObject({ files: 91, indexed: 90, unchanged: 0 });
    expect(cold.skipped.map((k) => k.path)).toEqual(['bad/binary.md']);
    for (let i = 0; i < 10; i++) vault.write(name(i), digest({ title: `第 ${i} 期（改）` }, `## 正文\n\n新内容 ${i}。\n`));
    vault.remove(name(89));
    const again = await indexVault({ vaultPath: vault.root, store, pool, settings: SETTINGS });
    expect(again).toMatchObject({ files: 90, indexed: 10, unchanged: 79, moved: 0, skippedThisRun: 1, removed: 1, digests: 89 });
    expect(again.files).toBe(again.indexed + again.unchanged + again.moved + again.skippedThisRun);
  });

  it('counts renames as moved, apart from unchanged files', async () => {
    const { vault, store, pool } = fixture;
    for (let i = 0; i < 5; i++) vault.write(name(i), digest({ title: `第 ${i} 期` }, `## 正文\n\n内容 ${i}。\n`));
    await indexVault({ vaultPath: vault.root, store, pool, settings: SETTINGS });
    vault.write('archive/0000.md', digest({ title: '第 0 期' }, '## 正文\n\n内容 0。\n'));
    vault.remove(name(0));
    const s = await indexVault({ vaultPath: vault.root, store, pool, settings: SETTINGS });
    expect(s).toMatchObject({ files: 5, indexed: 0, unchanged: 4, moved: 1, skippedThisRun: 0, removed: 0, digests: 5 });
  });

  it('counts a removal that could not be stored as not removed, and names the path in the warnings', async () => {
    const { vault, store, pool } = fixture;
    for (let i = 0; i < 3; i++) vault.write(name(i), digest({ title: `第 ${i} 期` }, `## 正文\n\n内容 ${i}。\n`));
    await indexVault({ vaultPath: vault.root, store, pool, settings: SETTINGS });
    // A row that refuses to go (as a constraint would): its removal fails without failing the database.
    store.db.exec(`CREATE TRIGGER keep_one BEFORE DELETE ON file WHEN old.path = '${name(1)}' BEGIN SELECT RAISE(ABORT, 'kept'); END`);
    vault.remove(name(1));
    vault.remove(name(2));
    const s = await indexVault({ vaultPath: vault.root, store, pool, settings: SETTINGS });
    expect(s).toMatchObject({ files: 1, removed: 1 });
    expect(s.warnings).toEqual([{ path: name(1), message: 'is gone from the vault but could not be removed from the index; the next run tries again' }]);
    store.db.exec('DROP TRIGGER keep_one');
    expect(await indexVault({ vaultPath: vault.root, store, pool, settings: SETTINGS })).toMatchObject({ removed: 1, warnings: [], digests: 1 });
  });
});

describe('checkAccounting', () => {
  const files = (...paths: string[]): ScannedFile[] => paths.map((p) => ({ path: p, absPath: `/v/${p}`, size: 1, mtimeMs: 1 }));
  const tally = { files: 5, indexed: 2, unchanged: 2, moved: 0, skippedThisRun: 1 };

  it('passes when every file that was to be stored got exactly one status', () => {
    expect(() => checkAccounting(tally, files('a.md', 'b.md', 'c.md'), ['a.md', 'b.md', 'c.md'])).not.toThrow();
  });

  it('fails naming the files without a status, or counted twice, and when the sum does not add up', () => {
    expect(() => checkAccounting(tally, files('a.md', 'b.md', 'c.md'), ['a.md', 'b.md'])).toThrow(
      expect.objectContaining({ code: 'internal', message: expect.stringContaining('without a status: c.md') }),
    );
    expect(() => checkAccounting(tally, files('a.md', 'b.md', 'c.md'), ['a.md', 'b.md', 'b.md', 'c.md'])).toThrow('counted twice: b.md');
    expect(() => checkAccounting({ ...tally, files: 6 }, files('a.md'), ['a.md'])).toThrow(
      'the index run did not account for every file (files 6 != indexed 2 + unchanged 2 + moved 0 + skipped 1)',
    );
  });
});
