/**
 * The schema version check at open: an older index of ours is emptied and
 * created again at the current version in the same file; a newer one is moved
 * aside; a current one is used as it is.
 */
import BetterSqlite3 from 'better-sqlite3';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexGeneration } from '../../src/core/store/generation.js';
import { APPLICATION_ID, META_GENERATION, SCHEMA_TABLES, SCHEMA_VERSION } from '../../src/core/store/schema.js';
import type { DigestRecord, Store } from '../../src/core/store/store.js';
import { LEGACY_VERSIONS, writeLegacyIndex } from '../helpers/legacy-index.js';
import { digestRecord, useStoreFixture } from '../helpers/store-fixture.js';

const fx = useStoreFixture('almanac-schema-');
const open = (p?: string): Store => fx.open(p);
const record = (p: string): DigestRecord => digestRecord(p);

/**
 * Every table, index and trigger with its SQL, and FTS5's settings: what makes two schemas the same
 * (sqlite_stat1 is the query planner's, made by PRAGMA optimize when a store closes).
 */
function schemaOf(db: BetterSqlite3.Database): unknown {
  return {
    objects: db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name").all(),
    fts: db.prepare('SELECT k, v FROM section_fts_config ORDER BY k').all(),
  };
}

function codexMatches(store: Store): number {
  return store.db.prepare("SELECT count(*) FROM section_fts WHERE section_fts MATCH 'codex'").pluck().get() as number;
}

function movedAside(): string[] {
  return readdirSync(path.dirname(fx.dbPath)).filter((n) => n.includes('.corrupt-'));
}

describe('an index of ours at an older schema version', () => {
  it.each(LEGACY_VERSIONS)('schema %i is emptied and opens at the current version, in the same file', (version) => {
    writeLegacyIndex(fx.dbPath, version, '', version === 1 ? ['journal_mode = WAL'] : []);
    const inode = statSync(fx.dbPath).ino;

    const store = open();
    expect(store.notices).toEqual([]);
    expect(movedAside()).toEqual([]);
    expect(statSync(fx.dbPath).ino).toBe(inode);
    expect(store.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(store.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(schemaOf(store.db)).toEqual(schemaOf(open(path.join(fx.dir.root, 'fresh', 'index.db')).db));
    // Emptied: no rows, no postings, no snapshot; meta holds a new generation and the tokenizer version written on open.
    expect(store.counts()).toEqual({ files: 0, digests: 0, sections: 0, tags: 0 });
    expect(codexMatches(store)).toBe(0);
    expect(store.db.prepare('SELECT count(*) FROM catalog_snapshot').pluck().get()).toBe(0);
    expect(store.db.prepare('SELECT key FROM meta ORDER BY key').pluck().all()).toEqual([META_GENERATION, 'tokenizer_version']);
    expect(indexGeneration(store.db)).toBe(0);
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('foreign_key_check')).toEqual([]);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');

    store.batch(() => store.putDigest(record('a.md')));
    expect(codexMatches(store)).toBe(1);
    expect(indexGeneration(store.db)).toBeGreaterThan(0);
    store.close();
    const again = open();
    expect(again.notices).toEqual([]);
    expect(again.counts().digests).toBe(1);
  });

  it('gives the dropped tables’ pages back, so the file shrinks', () => {
    // 200 sections of incompressible text in the V1 section rows.
    const bulk = `WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
      INSERT INTO section SELECT i, 1, '[]', hex(randomblob(3000)) FROM n;`;
    writeLegacyIndex(fx.dbPath, 1, bulk, ['journal_mode = WAL']);
    const before = statSync(fx.dbPath).size;
    const store = open();
    expect(store.db.pragma('freelist_count', { simple: true })).toBe(0);
    expect(statSync(fx.dbPath).size).toBeLessThan(before / 4);
  });

  it('a file of ours whose user_version was reset (tables kept) is emptied too', () => {
    const first = open();
    first.batch(() => first.putDigest(record('a.md')));
    first.close();
    const db = new BetterSqlite3(fx.dbPath);
    db.pragma('user_version = 0');
    db.close();
    const store = open();
    expect(store.notices).toEqual([]);
    expect(movedAside()).toEqual([]);
    expect(store.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(store.counts()).toEqual({ files: 0, digests: 0, sections: 0, tags: 0 });
    expect(codexMatches(store)).toBe(0);
  });
});

describe('an index of ours at a newer schema version', () => {
  it('is moved aside with its bytes and a notice, and a new index is created', () => {
    const first = open();
    first.batch(() => first.putDigest(record('a.md')));
    first.close();
    const db = new BetterSqlite3(fx.dbPath);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.pragma('journal_mode = DELETE');
    db.close();
    const original = readFileSync(fx.dbPath);

    const store = open();
    const aside = movedAside();
    expect(aside).toHaveLength(1);
    expect(readFileSync(path.join(path.dirname(fx.dbPath), aside[0]!)).equals(original)).toBe(true);
    expect(store.notices).toEqual([
      `The index ${fx.dbPath} could not be used because it was written by a newer Almanac (schema version ${SCHEMA_VERSION + 1}; this version reads up to ${SCHEMA_VERSION}). It was moved to ${path.join(path.dirname(fx.dbPath), aside[0]!)} and a new index was created.`,
    ]);
    expect(store.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(store.counts().digests).toBe(0);
  });
});

describe('an index at the current schema version', () => {
  it('is used as it is: same file, schema, rows and generation', () => {
    const first = open();
    first.batch(() => first.putDigest(record('a.md')));
    const schema = schemaOf(first.db);
    const generation = indexGeneration(first.db);
    first.close();
    const inode = statSync(fx.dbPath).ino;

    const store = open();
    expect(store.notices).toEqual([]);
    expect(statSync(fx.dbPath).ino).toBe(inode);
    expect(schemaOf(store.db)).toEqual(schema);
    expect(indexGeneration(store.db)).toBe(generation);
    expect(store.counts()).toEqual({ files: 1, digests: 1, sections: 2, tags: 1 });
    expect(codexMatches(store)).toBe(1);
    // The generation's triggers still write the key generation.ts reads.
    store.batch(() => store.removeFile('a.md'));
    expect(indexGeneration(store.db)).toBeGreaterThan(generation);
  });

  it('moves the generation on when postings made by another tokenizer version are made again', () => {
    const first = open();
    first.batch(() => first.putDigest(record('a.md')));
    first.db.prepare("UPDATE meta SET value = 'stale' WHERE key = 'tokenizer_version'").run();
    const generation = indexGeneration(first.db);
    first.close();
    const store = open();
    expect(store.db.prepare("SELECT value FROM meta WHERE key = 'tokenizer_version'").pluck().get()).not.toBe('stale');
    expect(codexMatches(store)).toBe(1);
    expect(indexGeneration(store.db)).toBeGreaterThan(generation);
  });

  it('with a table missing is moved aside', () => {
    open().close();
    const db = new BetterSqlite3(fx.dbPath);
    db.exec('DROP TABLE catalog_snapshot');
    db.close();
    const store = open();
    expect(store.notices[0]).toContain('its tables are incomplete (missing catalog_snapshot)');
    expect(movedAside()).toHaveLength(1);
    const tables = store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining([...SCHEMA_TABLES]));
  });
});

describe('an empty file', () => {
  it('gets the current schema', () => {
    writeFileSync(path.join(fx.dir.root, 'empty.db'), '');
    const store = open(path.join(fx.dir.root, 'empty.db'));
    expect(store.notices).toEqual([]);
    expect(store.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(schemaOf(store.db)).toEqual(schemaOf(open().db));
  });
});
