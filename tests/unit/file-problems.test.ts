/**
 * Why a file was skipped, as a code with parameters (issue 15, point 3): each
 * producer (reader, scan, the read/parse stage) gives its code, the English
 * text stays today's wording, and the code survives the index: stored in the
 * `file.reason` column and the scan-problems meta, read back after reopening,
 * while a reason stored as plain text by an older index reads as 'other'.
 */
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indexVault, META_SCAN_PROBLEMS, skippedEntries, type IndexSettings } from '../../src/core/index/indexer.js';
import type { ParsePool } from '../../src/core/parse/pool.js';
import { Store } from '../../src/core/store/store.js';
import {
  decodeFileProblem,
  encodeFileProblem,
  FILE_PROBLEM_CODES,
  fileProblem,
  fileProblemText,
  otherProblem,
} from '../../src/shared/file-problems.js';
import { digest, tempDir, type TempDir } from '../helpers/temp-vault.js';
import { inProcessPool } from '../helpers/worker.js';

const SETTINGS: IndexSettings = { exclude: [], maxFileBytes: 1024 };

let vault: TempDir;
let cache: TempDir;
let pool: ParsePool;
let dbPath: string;

beforeEach(() => {
  vault = tempDir('almanac-problems-vault-');
  cache = tempDir('almanac-problems-cache-');
  pool = inProcessPool();
  dbPath = path.join(cache.root, 'index.db');
  vault.write('weekly/2026-02-06.md', digest({ title: 'AI 周报 W06', date: '2026-02-06' }, '## 模型\n\nGPT-5.3-Codex 发布。\n'));
  vault.write('broken/binary.md', Buffer.from([0x23, 0x20, 0x00, 0x01, 0x0a]));
  vault.write('broken/huge.md', 'x'.repeat(3 * 1024)); // exactly 3 KB
  // Latin-1 "café " then 0xff: neither UTF-8 nor GB18030.
  vault.write('broken/latin1.md', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0xff, 0x0a]));
  symlinkSync('nowhere.md', path.join(vault.root, 'dangling.md'));
  symlinkSync('loop.md', path.join(vault.root, 'loop.md'));
});

afterEach(async () => {
  await pool.close();
  vault.cleanup();
  cache.cleanup();
});

async function indexOnce(): Promise<void> {
  const store = Store.open(dbPath);
  try {
    await indexVault({ vaultPath: vault.root, store, pool, settings: SETTINGS });
  } finally {
    store.close();
  }
}

function reopened<T>(read: (store: Store) => T): T {
  const store = Store.open(dbPath);
  try {
    return read(store);
  } finally {
    store.close();
  }
}

const EXPECTED = [
  { path: 'broken/binary.md', code: 'binary', params: {}, reason: 'binary file (NUL bytes)' },
  { path: 'broken/huge.md', code: 'too-large', params: { size: '3 KB', limit: '1 KB' }, reason: 'too large (3 KB > 1 KB limit)' },
  { path: 'broken/latin1.md', code: 'not-text', params: {}, reason: 'not valid UTF-8, UTF-16 or GB18030 text' },
  { path: 'dangling.md', code: 'dangling-symlink', params: {}, reason: 'dangling symlink' },
  { path: 'loop.md', code: 'symlink-loop', params: {}, reason: 'symlink loop' },
];

describe('file problems through a real index', () => {
  it('each producer gives its code, with the English text unchanged, stored and read back after reopening', async () => {
    await indexOnce();
    expect(reopened(skippedEntries)).toEqual(EXPECTED);
    // The column holds the encoded problem, not the English text.
    const stored = reopened((s) => s.files().find((f) => f.path === 'broken/binary.md')!.reason);
    expect(stored).toBe(encodeFileProblem(fileProblem('binary')));
  });

  it('reads a reason stored as plain text before codes (file column and scan meta) as code other, with its text', async () => {
    await indexOnce();
    reopened((s) => {
      s.db.prepare("UPDATE file SET reason = 'binary file (NUL bytes)' WHERE path = 'broken/binary.md'").run();
      s.db.prepare("UPDATE file SET reason = NULL WHERE path = 'broken/latin1.md'").run();
      s.setMeta(META_SCAN_PROBLEMS, JSON.stringify([{ path: 'loop.md', reason: 'symlink loop' }]));
    });
    expect(reopened(skippedEntries)).toEqual([
      { path: 'broken/binary.md', code: 'other', params: { text: 'binary file (NUL bytes)' }, reason: 'binary file (NUL bytes)' },
      EXPECTED[1],
      { path: 'broken/latin1.md', code: 'other', params: { text: 'skipped' }, reason: 'skipped' },
      { path: 'loop.md', code: 'other', params: { text: 'symlink loop' }, reason: 'symlink loop' },
    ]);
    // The next run writes codes again.
    vault.write('broken/binary.md', Buffer.from([0x00, 0x23]));
    await indexOnce();
    expect(reopened(skippedEntries)).toEqual(EXPECTED);
  });
});

describe('encodeFileProblem / decodeFileProblem', () => {
  it('round-trips every code with its parameters', () => {
    for (const code of FILE_PROBLEM_CODES) {
      const problem = fileProblem(code, { error: 'EACCES', path: 'a/b.md', through: 'weekly/old', size: '9 MB', limit: '8 MB', text: 'x' });
      expect(decodeFileProblem(encodeFileProblem(problem))).toEqual(problem);
    }
  });

  it.each([
    ['plain text', 'cannot read file (EIO)'],
    ['text starting with a brace', '{oops'],
    ['JSON of an unknown code', '{"code":"melted","params":{}}'],
    ['JSON whose parameters are not strings', '{"code":"too-large","params":{"size":9}}'],
    ['JSON without parameters', '{"code":"binary"}'],
    ['a JSON array', '["binary"]'],
  ])('reads %s as code other, keeping the stored text', (_name, stored) => {
    expect(decodeFileProblem(stored)).toEqual(otherProblem(stored));
    expect(fileProblemText(decodeFileProblem(stored))).toBe(stored);
  });

  it('gives the scan\'s wordings from their parameters', () => {
    expect(fileProblemText(fileProblem('same-file', { path: 'archive/old.md' }))).toBe('same file as archive/old.md (reached through a symlink); indexed once');
    expect(fileProblemText(fileProblem('folder-already-scanned', { through: 'weekly/old' }))).toBe('symlink to a folder already scanned through weekly/old');
    expect(fileProblemText(fileProblem('cannot-stat', { error: 'EACCES' }))).toBe('cannot read file information (EACCES)');
  });
});
