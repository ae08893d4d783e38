/**
 * Every file of a run is accounted for: the summary's `files` is the sum of
 * indexed, unchanged and skipped files, whatever the timing of reads, parses
 * and writes.
 */
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { indexVault, type DigestParser } from '../../src/core/index/indexer.js';
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
    expect(again).toMatchObject({ files: 90, indexed: 10, unchanged: 79, removed: 1, digests: 89 });
    expect(again.files).toBe(again.indexed + again.unchanged + again.skipped.length);
  });
});
