/**
 * The index file is Almanac's or untouched: a file Almanac did not create
 * (a text file such as `--db README.md`, another program's SQLite database,
 * a folder) is refused by every command with exit 2 and a message naming the
 * file and why, and stays byte for byte as it was (same sha256 and mtime, no
 * -wal/-shm/.corrupt- files beside it), whether it is named by --db or lies
 * at the default cache location. A new index is readable by its owner only.
 */
import BetterSqlite3 from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultIndexPath } from '../../src/core/paths/index-location.js';
import { runCli } from '../helpers/cli.js';
import { digest, tempDir, type TempDir } from '../helpers/temp-vault.js';

let vault: TempDir;
let work: TempDir;

const SECTION = '0123456789abcdef';

/** Every command that opens an index, with --db FILE. */
const COMMANDS: [string, (db: string) => string[]][] = [
  ['index', (db) => ['index', vault.root, '--db', db]],
  ['search', (db) => ['search', '模型', '--vault', vault.root, '--db', db]],
  ['show', (db) => ['show', 'weekly/2026-01-30.md', '--vault', vault.root, '--db', db]],
  ['export', (db) => ['export', '--vault', vault.root, '--section', SECTION, '--db', db]],
  ['serve', (db) => ['serve', vault.root, '--port', '0', '--db', db]],
];

interface Foreign {
  name: string;
  make: (at: string) => void;
  why: string;
}

const FOREIGN: Foreign[] = [
  {
    name: 'a text file (--db README.md)',
    make: (at) => writeFileSync(at, '# My project\n\nNotes that must survive a typo in --db.\n'),
    why: 'it is not an SQLite database',
  },
  {
    name: "another program's SQLite database (WAL mode, no application_id)",
    make: (at) => {
      const db = new BetterSqlite3(at);
      db.pragma('journal_mode = WAL');
      db.exec("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT); INSERT INTO moz_places(url) VALUES ('https://example.com')");
      db.close();
    },
    why: "it is another program's SQLite database (application_id 0x0",
  },
  {
    name: "another program's SQLite database (its own application_id, our table names)",
    make: (at) => {
      const db = new BetterSqlite3(at);
      db.exec("CREATE TABLE file (name TEXT); CREATE TABLE digest (x); INSERT INTO file VALUES ('mine')");
      db.pragma('application_id = 0x0f0f0f0f');
      db.close();
    },
    why: "it is another program's SQLite database (application_id 0xf0f0f0f",
  },
  {
    name: 'a folder',
    make: (at) => {
      mkdirSync(at);
      writeFileSync(path.join(at, 'inside.txt'), 'keep');
    },
    why: 'it is a folder',
  },
];

/** sha256 of a file's bytes (of a folder's listing), its mtime, and what lies beside it. */
function fingerprint(at: string): { hash: string; mtimeMs: number; siblings: string[] } {
  const stats = statSync(at);
  const content = stats.isDirectory() ? readdirSync(at).join('\n') : readFileSync(at);
  return {
    hash: createHash('sha256').update(content).digest('hex'),
    mtimeMs: stats.mtimeMs,
    siblings: readdirSync(path.dirname(at)).sort(),
  };
}

beforeAll(() => {
  vault = tempDir('almanac-foreign-vault-');
  work = tempDir('almanac-foreign-work-');
  vault.write('weekly/2026-01-30.md', digest({ title: 'AI 周报 W05', date: '2026-01-30' }, '## 模型\n\nKimi K2.5 开源。\n'));
});

afterAll(() => {
  vault?.cleanup();
  work?.cleanup();
});

describe('a file that is not an Almanac index', () => {
  it.each(FOREIGN)('$name: refused by every command with exit 2, left byte for byte as it was', async ({ name, make, why }) => {
    const dir = path.join(work.root, name.replace(/\W+/g, '-'));
    mkdirSync(dir);
    const file = path.join(dir, 'README.md');
    make(file);
    // An mtime in the past, so that any write would show.
    utimesSync(file, new Date('2024-01-01T00:00:00Z'), new Date('2024-01-01T00:00:00Z'));
    const before = fingerprint(file);
    for (const [command, args] of COMMANDS) {
      const run = await runCli(args(file), { env: { ALMANAC_CACHE_DIR: path.join(work.root, 'cache') } });
      expect(run.code, `${command}: ${run.stderr}`).toBe(2);
      expect(run.stderr, command).toContain(`almanac: the index file ${file} is not an Almanac index: ${why}`);
      expect(run.stderr, command).toContain('Almanac leaves files it did not create untouched');
      expect(fingerprint(file), command).toEqual(before);
    }
  });

  it('at the default cache location: refused the same way', async () => {
    const cache = path.join(work.root, 'default-cache');
    const env = { ALMANAC_CACHE_DIR: cache };
    const at = defaultIndexPath(vault.root, { env });
    mkdirSync(path.dirname(at), { recursive: true });
    FOREIGN[0]!.make(at);
    const before = fingerprint(at);
    const run = await runCli(['index', vault.root], { env });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain(`the index file ${at} is not an Almanac index: it is not an SQLite database`);
    expect(fingerprint(at)).toEqual(before);
  });

  it('an empty (0-byte) file holds nothing to lose: it becomes the index', async () => {
    const file = path.join(work.root, 'empty.db');
    writeFileSync(file, '');
    const run = await runCli(['index', vault.root, '--db', file, '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ files: 1, indexed: 1 });
  });
});

describe.skipIf(process.platform === 'win32')('a new index', () => {
  it('is created readable by its owner only (file 0600, its new folders 0700)', async () => {
    const cache = path.join(work.root, 'private-cache');
    const env = { ALMANAC_CACHE_DIR: cache };
    const run = await runCli(['index', vault.root], { env });
    expect(run.code, run.stderr).toBe(0);
    const at = defaultIndexPath(vault.root, { env });
    expect(statSync(at).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(at)).mode & 0o777).toBe(0o700);
    expect(statSync(cache).mode & 0o777).toBe(0o700);
    const db = path.join(work.root, 'new-folder', 'deeper', 'index.db');
    expect((await runCli(['index', vault.root, '--db', db])).code).toBe(0);
    expect(statSync(db).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(db)).mode & 0o777).toBe(0o700);
  });
});
