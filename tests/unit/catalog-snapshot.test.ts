import BetterSqlite3 from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeSnapshot, encodeSnapshot, type CatalogSnapshot, type CatalogTable } from '../../src/core/search/catalog-snapshot.js';
import { DigestCatalog } from '../../src/core/search/catalog.js';
import { SearchEngine } from '../../src/core/search/engine.js';
import { AlmanacService } from '../../src/core/service/almanac-service.js';
import { DEFAULT_SETTINGS } from '../../src/shared/api.js';
import { indexGeneration } from '../../src/core/store/generation.js';
import { SCHEMA_VERSION } from '../../src/core/store/schema.js';
import { Store, type DigestRecord } from '../../src/core/store/store.js';
import type { ParsedDigest } from '../../src/core/types.js';
import { writeLegacyIndex } from '../helpers/legacy-index.js';
import { parsedDigest, section } from '../helpers/parsed.js';
import { allDigests } from '../helpers/catalog.js';
import { tempDir, type TempDir } from '../helpers/temp-vault.js';
import { WORKER_URL } from '../helpers/worker.js';

let dir: TempDir;
const opened: { close(): void }[] = [];

beforeEach(() => {
  dir = tempDir();
});

afterEach(() => {
  for (const o of opened.splice(0)) o.close();
  dir.cleanup();
});

function dbPath(): string {
  return path.join(dir.root, 'cache', 'index.db');
}

function openStore(): Store {
  const s = Store.open(dbPath());
  opened.push(s);
  return s;
}

/** A second connection to the same index, as another process would have. */
function connect(options: BetterSqlite3.Options = {}): BetterSqlite3.Database {
  const db = new BetterSqlite3(dbPath(), options);
  opened.push(db);
  return db;
}

function record(p: string, parsed: ParsedDigest): DigestRecord {
  return { path: p, size: 10, mtimeMs: 1000, hash: `hash-of-${p}`, encoding: 'utf-8', parsed, links: [], warnings: [] };
}

function digest(title: string, date: string | null, tags: string[], text: string): ParsedDigest {
  return parsedDigest({ title, date, tags, body: `## 正文\n${text}\n`, sections: [section(0, ['正文'], text)] });
}

function fill(store: Store): void {
  store.batch(() => {
    store.putDigest(record('weekly/2026-01.md', digest('AI 周报 2026-01', '2026-01-05', ['AI', '开源'], '开源 大模型 Claude Opus 4.6')));
    store.putDigest(record('weekly/2026-02.md', digest('AI 周报 2026-02', '2026-01-12', ['ai', '芯片'], '芯片 出口管制 大模型')));
    store.putDigest(record('notes/undated.md', digest('Notes', null, [], '大模型 without a date')));
  });
}

function snapshotRow(db: BetterSqlite3.Database): { generation: number } | undefined {
  return db.prepare('SELECT generation FROM catalog_snapshot WHERE id = 1').get() as { generation: number } | undefined;
}

/** What a catalog says about its digests, for comparing two catalogs. */
function describeCatalog(c: DigestCatalog): unknown {
  return {
    all: allDigests(c).map((d) => ({ ...d })),
    size: c.size,
    sectionTotal: c.sectionTotal,
    newest: Array.from(c.newestOrder),
    oldest: Array.from(c.oldestOrder),
    facets: c.facets.count(Array.from({ length: c.size }, (_, i) => i)),
  };
}

describe('catalog snapshot codec', () => {
  const snapshot: CatalogSnapshot = {
    columns: {
      id: [7, 3, 9],
      path: ['a/一.md', 'b/two.md', 'c/三.md'],
      title: ['周报 一', 'Two', '周报 三'],
      date: ['2026-01-05', null, '2026-01-05'],
      week: ['2026-W02', null, '2026-W02'],
      firstSection: [1, 4, 9],
      sectionCount: [3, 0, 2],
      tagCount: [2, 0, 1],
      tags: ['AI', '开源', 'ai'],
      tagNorms: ['ai', '开源', 'ai'],
      // Sections 2 and 10 carry their own dates (a week, and a month: no ISO week).
      datedRowid: [2, 10],
      datedDate: ['2025-06-23', '2024-04-01'],
      datedWeek: ['2025-W26', null],
      datedPrecision: [1, 2],
    },
    newest: [0, 2, 1],
    oldest: [2, 0, 1],
  };

  /** The table's columns back in the form they were encoded from. */
  function columnsOf(t: CatalogTable): CatalogSnapshot {
    const all = (refs: Int32Array): (string | null)[] => Array.from(refs, (r) => t.stringOrNull(r));
    return {
      columns: {
        id: Array.from(t.id),
        path: all(t.pathRef) as string[],
        title: all(t.titleRef) as string[],
        date: all(t.dateRef),
        week: all(t.weekRef),
        firstSection: Array.from(t.firstSection),
        sectionCount: Array.from(t.sectionCount),
        tagCount: Array.from({ length: t.n }, (_, i) => t.tagStart[i + 1]! - t.tagStart[i]!),
        tags: all(t.tagRef) as string[],
        tagNorms: all(t.tagNormRef) as string[],
        datedRowid: Array.from(t.dated.rowid),
        datedDate: all(t.dated.dateRef) as string[],
        datedWeek: all(t.dated.weekRef),
        datedPrecision: Array.from(t.dated.precision),
      },
      newest: Array.from(t.newest),
      oldest: Array.from(t.oldest),
    };
  }

  it('round-trips every column, nulls, CJK and U+0000 included, storing each distinct string once', () => {
    const withNul = { ...snapshot, columns: { ...snapshot.columns, title: ['周报\u0000一', 'Two', '周报 三'] } };
    for (const s of [snapshot, withNul]) {
      const blob = encodeSnapshot(s);
      expect(blob).toBeInstanceOf(Uint8Array);
      expect(columnsOf(decodeSnapshot(blob)!)).toEqual(s);
      // From a Buffer at an odd offset, as SQLite may hand one over.
      const shifted = Buffer.alloc(blob.length + 1);
      shifted.set(blob, 1);
      expect(columnsOf(decodeSnapshot(shifted.subarray(1))!)).toEqual(s);
    }
    // '2026-01-05', '2026-W02', 'ai' are each stored once.
    const text = Buffer.from(encodeSnapshot(snapshot)).toString('utf8');
    expect(text.split('2026-01-05').length - 1).toBe(1);
    expect(text.split('2026-W02').length - 1).toBe(1);
    expect(text.split('ai').length - 1).toBe(1);
  });

  it('decodes a string only when asked for, and keeps it', () => {
    const table = decodeSnapshot(encodeSnapshot(snapshot))!;
    expect(table.n).toBe(3);
    expect(table.string(table.titleRef[1]!)).toBe('Two');
    expect(table.string(table.titleRef[1]!)).toBe(table.string(table.titleRef[1]!));
    expect(table.stringOrNull(table.dateRef[1]!)).toBeNull();
  });

  it('rejects damaged, truncated or foreign bytes instead of returning a wrong catalog', () => {
    const blob = encodeSnapshot(snapshot);
    expect(decodeSnapshot(blob.subarray(0, blob.length - 1))).toBeNull();
    expect(decodeSnapshot(new Uint8Array(3))).toBeNull();
    expect(decodeSnapshot(new TextEncoder().encode('{"format":1}'))).toBeNull();
    const wrongMagic = new Uint8Array(blob);
    wrongMagic[0] = wrongMagic[0]! ^ 0xff;
    expect(decodeSnapshot(wrongMagic)).toBeNull();
    const damaged = (intIndex: number, value: number): Uint8Array => {
      const copy = new Uint8Array(blob);
      new DataView(copy.buffer).setInt32(intIndex * 4, value, true);
      return copy;
    };
    // Header 7 ints, then 10 digest columns of 3: id, firstSection, sectionCount, tagCount, newest, oldest, path, title, date, week;
    // 2 tag columns of 3; 4 dated-section columns of 2: rowid, date, week, precision; then the string ends.
    expect(decodeSnapshot(damaged(7 + 4 * 3 + 2, 99))).toBeNull(); // a newest-order entry out of range
    expect(decodeSnapshot(damaged(7 + 6 * 3, 99))).toBeNull(); // a path reference past the string table
    expect(decodeSnapshot(damaged(7 + 8 * 3, -2))).toBeNull(); // a date reference below null
    expect(decodeSnapshot(damaged(7 + 3 * 3, 5))).toBeNull(); // tag counts that do not add up
    const dated = 7 + 10 * 3 + 2 * 3;
    expect(decodeSnapshot(damaged(dated + 1, 1))).toBeNull(); // dated-section rowids out of order
    expect(decodeSnapshot(damaged(dated + 2, -1))).toBeNull(); // a dated section without a date
    expect(decodeSnapshot(damaged(dated + 6, 4))).toBeNull(); // a precision that does not exist
    expect(decodeSnapshot(damaged(dated + 4 * 2, 10_000))).toBeNull(); // a string end past the text
    // The untouched blob still decodes (the checks above are not vacuous).
    expect(decodeSnapshot(damaged(0, new DataView(blob.buffer).getInt32(0, true)))).not.toBeNull();
  });
});

describe('catalog snapshot in the index', () => {
  it('is written on request (not by searches) and read back by a new connection, giving the same catalog and results', () => {
    const store = openStore();
    fill(store);
    expect(snapshotRow(store.db)).toBeUndefined();
    const fromSql = DigestCatalog.load(store.db);
    expect(fromSql.fromSnapshot).toBe(false);

    const engine = new SearchEngine(store.db);
    const first = engine.search({ query: '大模型', facets: true });
    expect(first.total).toBe(3);
    expect(snapshotRow(store.db)).toBeUndefined();
    expect(DigestCatalog.snapshotIsCurrent(store.db)).toBe(false);
    expect(engine.persistCatalog()).toBe(true);
    expect(snapshotRow(store.db)?.generation).toBe(indexGeneration(store.db));
    expect(DigestCatalog.snapshotIsCurrent(store.db)).toBe(true);
    // Current already: nothing to write.
    expect(engine.persistCatalog()).toBe(false);
    // The engine's own write did not make it drop its caches (same answers, no reload needed).
    expect({ ...engine.search({ query: '大模型', facets: true }), tookMs: 0 }).toEqual({ ...first, tookMs: 0 });

    const other = connect({ readonly: true });
    const fromSnapshot = DigestCatalog.load(other);
    expect(fromSnapshot.fromSnapshot).toBe(true);
    expect(describeCatalog(fromSnapshot)).toEqual(describeCatalog(fromSql));
    const again = new SearchEngine(other).search({ query: '大模型', facets: true });
    expect({ ...again, tookMs: 0 }).toEqual({ ...first, tookMs: 0 });
  });

  it('is dropped by any change to digests or tags, and a stale one is never used', () => {
    const store = openStore();
    fill(store);
    const engine0 = new SearchEngine(store.db);
    // Nothing loaded yet: nothing to store (loading a catalog only to store it is not worth its cost).
    expect(engine0.persistCatalog()).toBe(false);
    engine0.search({ query: '大模型' });
    expect(engine0.persistCatalog()).toBe(true);
    const before = indexGeneration(store.db);
    expect(snapshotRow(store.db)).toBeDefined();

    store.batch(() => store.putDigest(record('weekly/2026-03.md', digest('AI 周报 2026-03', '2026-01-19', ['新标签'], '大模型 新'))));
    expect(indexGeneration(store.db)).toBeGreaterThan(before);
    expect(snapshotRow(store.db)).toBeUndefined();
    // The engine's catalog is stale now: it is not stored.
    expect(engine0.persistCatalog()).toBe(false);
    expect(snapshotRow(store.db)).toBeUndefined();

    // A snapshot stamped with an old generation (as a process that loaded before another's write would hold) is ignored.
    const engine = new SearchEngine(store.db);
    expect(engine.search({ query: '大模型', facets: true }).facets.tags).toHaveProperty('新标签', 1);
    const current = indexGeneration(store.db);
    store.db.prepare('UPDATE catalog_snapshot SET generation = ?').run(current - 1);
    const reloaded = DigestCatalog.load(connect({ readonly: true }));
    expect(reloaded.fromSnapshot).toBe(false);
    expect(allDigests(reloaded).map((d) => d.path)).toContain('weekly/2026-03.md');

    store.batch(() => store.removeFile('weekly/2026-03.md'));
    const afterRemove = DigestCatalog.load(connect({ readonly: true }));
    expect(allDigests(afterRemove).map((d) => d.path)).not.toContain('weekly/2026-03.md');
  });

  it('is written only while its generation is current', () => {
    const store = openStore();
    fill(store);
    const catalog = DigestCatalog.load(store.db);
    // Another connection changes a digest after the load: the catalog in hand is stale.
    const writer = connect();
    writer.prepare("UPDATE digest SET title = 'renamed' WHERE path = 'notes/undated.md'").run();
    expect(catalog.persist(store.db)).toBe(false);
    expect(snapshotRow(store.db)).toBeUndefined();
    const fresh = DigestCatalog.load(store.db);
    expect(fresh.persist(store.db)).toBe(true);
    expect(fresh.persist(store.db)).toBe(true);
    expect(allDigests(DigestCatalog.load(store.db)).find((d) => d.path === 'notes/undated.md')?.title).toBe('renamed');
  });

  it('never waits for another writer: persisting while the write lock is held gives up at once', () => {
    const store = openStore();
    fill(store);
    store.db.pragma('busy_timeout = 5000');
    const catalog = DigestCatalog.load(store.db);
    const writer = connect();
    writer.exec('BEGIN IMMEDIATE');
    const started = Date.now();
    expect(catalog.persist(store.db)).toBe(false);
    expect(Date.now() - started).toBeLessThan(2500);
    expect(store.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    writer.exec('ROLLBACK');
    expect(catalog.persist(store.db)).toBe(true);
  });

  it('is left by the service when it closes, and a reopened service answers from it', async () => {
    const vault = path.join(dir.root, 'vault');
    mkdirSync(path.join(vault, 'weekly'), { recursive: true });
    dir.write('vault/weekly/2026-01.md', '---\ntitle: AI 周报\ndate: 2026-01-05\ntags: [AI]\n---\n## 模型\n大模型 发布\n');
    dir.write('vault/weekly/2026-02.md', '---\ntitle: AI 周报 2\ndate: 2026-01-12\ntags: [芯片]\n---\n## 芯片\n大模型 芯片\n');
    const options = { vaultPath: vault, dbPath: dbPath(), workerUrl: WORKER_URL, settings: DEFAULT_SETTINGS };
    const first = await AlmanacService.open(options);
    await first.reindex();
    const answer = await first.search({ query: '大模型', facets: true });
    expect(answer.total).toBe(2);
    await first.close();

    const db = connect({ readonly: true });
    expect(DigestCatalog.snapshotIsCurrent(db)).toBe(true);
    expect(DigestCatalog.load(db).fromSnapshot).toBe(true);
    const second = await AlmanacService.open(options);
    expect({ ...(await second.search({ query: '大模型', facets: true })), tookMs: 0 }).toEqual({ ...answer, tookMs: 0 });
    await second.close();
  });
});

describe('an older index', () => {
  it('is replaced by an empty current index with body-first postings, generation 0 and a working catalog snapshot', () => {
    // The legacy V2 file holds a digest whose postings match "codex" (tests/helpers/legacy-index.ts).
    writeLegacyIndex(dbPath(), 2);

    const store = openStore();
    expect(store.notices).toEqual([]);
    expect(store.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(store.counts()).toEqual({ files: 0, digests: 0, sections: 0, tags: 0 });
    expect(store.db.prepare("SELECT rowid FROM section_fts WHERE section_fts MATCH 'codex'").all()).toEqual([]);
    expect(store.db.prepare("SELECT name FROM pragma_table_info('section_fts')").pluck().all()).toEqual(['body', 'heading']);
    expect(indexGeneration(store.db)).toBe(0);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');

    fill(store);
    expect(indexGeneration(store.db)).toBeGreaterThan(0);
    const engine = new SearchEngine(store.db);
    expect(engine.search({ query: 'title:周报 大模型' }).total).toBe(2);
    expect(engine.persistCatalog()).toBe(true);
    expect(snapshotRow(store.db)).toBeDefined();
  });
});
