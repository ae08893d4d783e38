/**
 * An Almanac index (our application_id in its header) that cannot be used
 * (truncated, a newer schema, missing tables) is recognised when it is
 * opened, moved aside with a timestamp (never deleted: the moved file keeps
 * its original bytes), and rebuilt from the vault. The CLI says so on stderr,
 * naming both files; the service exposes the message. An older index of ours
 * is derived data of a known owner: it is emptied in place and rebuilt,
 * silently. A file that is not ours (garbage, text, another program's SQLite
 * database) is refused and never moved: reliability-foreign-index.test.ts.
 */
import BetterSqlite3 from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlmanacService } from '../../src/core/service/almanac-service.js';
import { APPLICATION_ID, SCHEMA_VERSION } from '../../src/core/store/schema.js';
import { checkIntegrity, firstDifference, indexSnapshot, runCli, seededRandom } from '../helpers/reliability-tools.js';
import { digest, tempDir, type TempDir } from '../helpers/temp-vault.js';
import { WORKER_URL } from '../helpers/worker.js';

const QUERIES = ['模型', 'GPT-5.3-Codex', 'tag:AI'];

interface BadIndex {
  name: string;
  /** Writes the bad file at dbPath (a good index is at goodPath). */
  make: (dbPath: string, goodPath: string) => void;
  reason: RegExp;
}

function copyWithPragma(goodPath: string, dbPath: string, pragmas: string[]): void {
  writeFileSync(dbPath, readFileSync(goodPath));
  const db = new BetterSqlite3(dbPath);
  for (const p of pragmas) db.pragma(p);
  db.pragma('journal_mode = DELETE');
  db.close();
}

const BAD_INDEXES: BadIndex[] = [
  {
    name: 'a truncated index',
    make: (dbPath, goodPath) => {
      const bytes = readFileSync(goodPath);
      writeFileSync(dbPath, bytes.subarray(0, Math.floor(bytes.length / 2)));
    },
    reason: /not a readable SQLite database \(database disk image is malformed\)/,
  },
  {
    name: 'our header, garbage after it',
    make: (dbPath, goodPath) => {
      const random = seededRandom(7);
      const header = readFileSync(goodPath).subarray(0, 100);
      writeFileSync(dbPath, Buffer.concat([header, Uint8Array.from({ length: 64 * 1024 }, () => Math.floor(random() * 256))]));
    },
    reason: /not a readable SQLite database/,
  },
  {
    name: 'a newer schema (user_version above ours)',
    make: (dbPath, goodPath) => copyWithPragma(goodPath, dbPath, [`user_version = ${SCHEMA_VERSION + 1}`]),
    reason: new RegExp(`newer Almanac \\(schema version ${SCHEMA_VERSION + 1}`),
  },
  {
    name: 'our application_id with tables missing',
    make: (dbPath, goodPath) => {
      copyWithPragma(goodPath, dbPath, []);
      const db = new BetterSqlite3(dbPath);
      db.exec('DROP TABLE link');
      db.close();
    },
    reason: /tables are incomplete \(missing link\)/,
  },
];

describe('a corrupt Almanac index file', () => {
  let vault: TempDir;
  let data: TempDir;
  let goodPath: string;
  let clean: ReturnType<typeof indexSnapshot>;

  beforeAll(async () => {
    vault = tempDir('almanac-corrupt-vault-');
    data = tempDir('almanac-corrupt-db-');
    for (let i = 1; i <= 5; i++) {
      vault.write(
        `weekly/2026-0${i}-06.md`,
        digest({ title: `AI 周报 ${i}`, date: `2026-0${i}-06`, tags: ['AI'] }, `## 模型\n本周 GPT-5.3-Codex 发布 ${i}。\n\n## 开源\n开源模型第 ${i} 期。\n`),
      );
    }
    goodPath = path.join(data.root, 'good', 'index.db');
    const run = await runCli(['index', vault.root, '--db', goodPath, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const db = new BetterSqlite3(goodPath);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    clean = indexSnapshot(goodPath, QUERIES);
  }, 60_000);

  afterAll(() => {
    vault?.cleanup();
    data?.cleanup();
  });

  it.each(BAD_INDEXES)('$name: moved aside with its bytes, rebuilt, and reported by the CLI', async ({ name, make, reason }) => {
    const dir = path.join(data.root, name.replace(/\W+/g, '-'));
    const dbPath = path.join(dir, 'index.db');
    await runCli(['index', vault.root, '--db', path.join(dir, 'placeholder.db'), '--json']); // creates dir
    make(dbPath, goodPath);
    const original = readFileSync(dbPath);

    const run = await runCli(['index', vault.root, '--db', dbPath, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const aside = readdirSync(dir).filter((n) => /^index\.db\.corrupt-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d(-\d+)?$/.test(n));
    expect(aside).toHaveLength(1);
    const asidePath = path.join(dir, aside[0]!);
    expect(readFileSync(asidePath).equals(original), 'the moved file keeps the original bytes').toBe(true);

    expect(run.stderr).toContain(`The index ${dbPath} could not be used because`);
    expect(run.stderr).toMatch(reason);
    expect(run.stderr).toContain(`It was moved to ${asidePath} and a new index was created.`);

    expect(JSON.parse(run.stdout)).toMatchObject({ files: 5, indexed: 5, digests: 5 });
    expect(checkIntegrity(dbPath)).toBe('ok');
    expect(firstDifference(indexSnapshot(dbPath, QUERIES), clean)).toBeNull();

    // Opened again, the rebuilt index is used as is: no second move, no message.
    const again = await runCli(['index', vault.root, '--db', dbPath, '--json']);
    expect(again.code).toBe(0);
    expect(again.stderr).toBe('');
    expect(JSON.parse(again.stdout)).toMatchObject({ indexed: 0, unchanged: 5 });
    expect(readdirSync(dir).filter((n) => n.includes('.corrupt-'))).toHaveLength(1);
  });

  it.each([0, SCHEMA_VERSION - 1])('an older index of ours (user_version %i): emptied in place and rebuilt, with no message', async (version) => {
    const dir = path.join(data.root, `older-${version}`);
    const dbPath = path.join(dir, 'index.db');
    mkdirSync(dir, { recursive: true });
    copyWithPragma(goodPath, dbPath, [`user_version = ${version}`]);

    const run = await runCli(['index', vault.root, '--db', dbPath, '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    expect(readdirSync(dir).filter((n) => n.includes('.corrupt-'))).toEqual([]);
    // Emptied: every file is parsed again.
    expect(JSON.parse(run.stdout)).toMatchObject({ files: 5, indexed: 5, unchanged: 0, digests: 5 });
    expect(checkIntegrity(dbPath)).toBe('ok');
    expect(firstDifference(indexSnapshot(dbPath, QUERIES), clean)).toBeNull();
  });

  it('the service exposes the message and rebuilds on reindex', async () => {
    const dir = path.join(data.root, 'service');
    const dbPath = path.join(dir, 'index.db');
    await runCli(['index', vault.root, '--db', path.join(dir, 'placeholder.db'), '--json']);
    BAD_INDEXES[0]!.make(dbPath, goodPath);

    const service = await AlmanacService.open({ vaultPath: vault.root, dbPath, workerUrl: WORKER_URL, poolSize: 1 });
    try {
      expect(service.notices).toHaveLength(1);
      expect(service.notices[0]).toMatch(new RegExp(`^The index ${dbPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} could not be used because it is not a readable SQLite database`));
      const summary = await service.reindex();
      expect(summary.digests).toBe(5);
      expect((await service.getStatus()).digests).toBe(5);
      expect((await service.search({ query: 'GPT-5.3-Codex' })).total).toBe(5);
    } finally {
      await service.close();
    }
    expect(readdirSync(dir).some((n) => n.startsWith('index.db.corrupt-'))).toBe(true);
  });

  it('a valid index of ours is never moved aside', async () => {
    const dir = path.join(data.root, 'valid');
    const dbPath = path.join(dir, 'index.db');
    const first = await runCli(['index', vault.root, '--db', dbPath, '--json']);
    expect(first.code).toBe(0);
    const db = new BetterSqlite3(dbPath);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
    const second = await runCli(['index', vault.root, '--db', dbPath, '--json']);
    expect(second.stderr).toBe('');
    expect(readdirSync(dir).filter((n) => n.includes('corrupt'))).toEqual([]);
    expect(existsSync(dbPath)).toBe(true);
  });
});
