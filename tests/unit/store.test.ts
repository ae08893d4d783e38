import BetterSqlite3 from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { outgoingLinks } from '../../src/core/series/series.js';
import { sectionId, sectionIds } from '../../src/core/store/section-id.js';
import { APPLICATION_ID, SCHEMA_VERSION } from '../../src/core/store/schema.js';
import type { Store } from '../../src/core/store/store.js';
import { indexTokenString } from '../../src/core/text/tokenize.js';
import { parsedDigest, section } from '../helpers/parsed.js';
import { digestRecord, useStoreFixture } from '../helpers/store-fixture.js';
import { fileProblem } from '../../src/shared/file-problems.js';

const fx = useStoreFixture('almanac-store-');
const open = (p?: string): Store => fx.open(p);
const record = digestRecord;

/** Section rowids whose postings contain every token of `text`. */
function ftsMatch(store: Store, text: string): number[] {
  const q = indexTokenString(text)
    .split(' ')
    .map((t) => `"${t}"`)
    .join(' ');
  return store.db.prepare('SELECT rowid FROM section_fts WHERE section_fts MATCH ? ORDER BY rowid').pluck().all(q) as number[];
}

describe('Store.open', () => {
  it('creates a WAL database with Almanac application_id and the current user_version', () => {
    const store = open();
    expect(store.notices).toEqual([]);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(store.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(store.db.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('gives a reading connection a 64 MiB page cache and a 256 MiB mmap window, and a writer connection neither', () => {
    const reader = open();
    expect(reader.db.pragma('cache_size', { simple: true })).toBe(-65536);
    expect(reader.db.pragma('mmap_size', { simple: true })).toBe(256 * 1024 * 1024);
    const defaults = new BetterSqlite3(path.join(fx.dir.root, 'defaults.db'));
    const writer = fx.open(fx.dbPath, { role: 'writer' });
    expect(writer.db.pragma('cache_size', { simple: true })).toBe(defaults.pragma('cache_size', { simple: true }));
    expect(writer.db.pragma('mmap_size', { simple: true })).toBe(defaults.pragma('mmap_size', { simple: true }));
    defaults.close();
  });

  it('keeps data across reopen without migrating again', () => {
    const a = open();
    a.batch(() => a.putDigest(record('weekly/a.md')));
    a.setMeta('vault', '/some/vault');
    a.close();
    const b = open();
    expect(b.counts()).toMatchObject({ files: 1, digests: 1, sections: 2, tags: 1 });
    expect(b.getMeta('vault')).toBe('/some/vault');
    expect(b.notices).toEqual([]);
  });

  it('refuses a file that is not an SQLite database, leaving it as it was', () => {
    mkdirSync(path.dirname(fx.dbPath), { recursive: true });
    const garbage = Buffer.from('this is not a database at all, just some bytes '.repeat(200));
    writeFileSync(fx.dbPath, garbage);
    expect(() => open()).toThrow(expect.objectContaining({ code: 'not-found', message: expect.stringContaining(`the index file ${fx.dbPath} is not an Almanac index: it is not an SQLite database`) }));
    expect(readFileSync(fx.dbPath)).toEqual(garbage);
    expect(readdirSync(path.dirname(fx.dbPath))).toEqual(['index.db']);
  });

  it("refuses another program's SQLite database, leaving it as it was", () => {
    mkdirSync(path.dirname(fx.dbPath), { recursive: true });
    const foreign = new BetterSqlite3(fx.dbPath);
    foreign.exec("CREATE TABLE notes(body TEXT); INSERT INTO notes VALUES ('keep me');");
    foreign.close();
    const before = readFileSync(fx.dbPath);
    expect(() => open()).toThrow(/is not an Almanac index: it is another program's SQLite database \(application_id 0x0, Almanac's is 0x416c6d61\)/);
    expect(readFileSync(fx.dbPath)).toEqual(before);
    expect(readdirSync(path.dirname(fx.dbPath))).toEqual(['index.db']);
  });

  it('uses an empty (0-byte) file as a new index', () => {
    mkdirSync(path.dirname(fx.dbPath), { recursive: true });
    writeFileSync(fx.dbPath, '');
    const store = open();
    expect(store.notices).toEqual([]);
    expect(store.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
  });

  it('moves an index written by a newer Almanac aside', () => {
    mkdirSync(path.dirname(fx.dbPath), { recursive: true });
    const newer = new BetterSqlite3(fx.dbPath);
    newer.pragma(`application_id = ${APPLICATION_ID}`);
    newer.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    newer.exec('CREATE TABLE future(x)');
    newer.close();
    const store = open();
    expect(store.notices[0]).toContain(`newer Almanac (schema version ${SCHEMA_VERSION + 5}`);
    expect(store.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  });

  it('refuses a folder at the index path, without moving anything', () => {
    mkdirSync(fx.dbPath, { recursive: true }); // a folder where the file should be
    expect(() => open()).toThrow(`the index file ${fx.dbPath} is not an Almanac index: it is a folder`);
    expect(existsSync(fx.dbPath)).toBe(true);
    expect(readdirSync(path.dirname(fx.dbPath))).toEqual(['index.db']);
  });

  it('rebuilds the FTS postings when they were made by another tokenizer version', () => {
    const a = open();
    a.batch(() => a.putDigest(record('a.md')));
    a.db.exec("INSERT INTO section_fts(section_fts) VALUES ('delete-all'); UPDATE meta SET value = '0' WHERE key = 'tokenizer_version'");
    expect(ftsMatch(a, 'Codex')).toEqual([]);
    a.close();
    const b = open();
    expect(ftsMatch(b, 'Codex')).toHaveLength(1);
    expect(b.getMeta('tokenizer_version')).not.toBe('0');
  });
});

describe('Store writes', () => {
  it('stores a digest with tags (NFKC, lower case), sections with stable ids, links and FTS postings', () => {
    const store = open();
    const parsed = parsedDigest({
      tags: ['ＡＩ', ' Safety '],
      sections: [section(0, [], '导语'), section(1, ['总结'], '后门检测'), section(2, ['总结'], '智能代理')],
      links: [{ href: '../weekly/x', text: '上一期', section: 2 }],
    });
    store.batch(() =>
      store.putDigest(record('weekly/2026-02-06.md', { parsed, links: [{ external: false, targetKey: 'weekly/x', targetExists: false }] })),
    );
    const d = store.digestByPath('weekly/2026-02-06.md')!;
    expect(d).toMatchObject({ pathKey: 'weekly/2026-02-06', folder: 'weekly', date: '2026-02-06', week: '2026-W06' });
    expect(store.db.prepare('SELECT tag, tag_norm FROM tag ORDER BY ordinal').all()).toEqual([
      { tag: 'ＡＩ', tag_norm: 'ai' },
      { tag: ' Safety ', tag_norm: 'safety' },
    ]);
    const sections = store.sectionsOf(d.id);
    const ids = sectionIds('weekly/2026-02-06.md', [[], ['总结'], ['总结']]);
    expect(sections.map((s) => s.id)).toEqual(ids);
    expect(new Set(ids).size).toBe(3);
    expect(ids[1]).toBe(sectionId('weekly/2026-02-06.md', ['总结'], 0));
    expect(ids[2]).toBe(sectionId('weekly/2026-02-06.md', ['总结'], 1));
    expect(ids[0]).toMatch(/^[0-9a-f]{16}$/);
    expect(outgoingLinks(store.db, d, ids, () => false)).toMatchObject([{ sectionId: ids[2] }]);
    expect(store.db.prepare('SELECT section, target_key FROM link').get()).toEqual({ section: 2, target_key: 'weekly/x' });
    expect(ftsMatch(store, '后门检测')).toEqual([sections[1]!.rowid]);
  });

  it('replaces the stored digest of a path on a second put, postings included', () => {
    const store = open();
    store.batch(() => store.putDigest(record('a.md')));
    expect(ftsMatch(store, 'Codex')).toHaveLength(1);
    const parsed = parsedDigest({ sections: [section(0, ['新'], 'Claude Opus 4.6 上线')] });
    store.batch(() => store.putDigest(record('a.md', { parsed, hash: 'h2' })));
    expect(store.counts()).toMatchObject({ files: 1, digests: 1, sections: 1 });
    expect(ftsMatch(store, 'Codex')).toEqual([]);
    expect(ftsMatch(store, 'Opus')).toHaveLength(1);
  });

  it('removes a file with its digest, tags, sections, links and postings', () => {
    const store = open();
    const parsed = parsedDigest({ links: [{ href: 'https://example.com', text: 'x', section: 1 }] });
    store.batch(() => {
      store.putDigest(record('a.md', { parsed, links: [{ external: true, targetKey: null, targetExists: false }] }));
      store.putDigest(record('b.md'));
    });
    store.batch(() => store.removeFile('a.md'));
    expect(store.counts()).toMatchObject({ files: 1, digests: 1, sections: 2 });
    expect(store.db.prepare('SELECT count(*) FROM link').pluck().get()).toBe(0);
    expect(store.db.prepare('SELECT count(*) FROM tag').pluck().get()).toBe(1);
    expect(ftsMatch(store, 'Codex')).toHaveLength(1);
  });

  it('keeps BM25 statistics exact after replaces and removals (same scores as a fresh index)', () => {
    const scores = (store: Store): number[] =>
      store.db.prepare('SELECT bm25(section_fts) FROM section_fts WHERE section_fts MATCH ? ORDER BY rowid').pluck().all('"codex"') as number[];
    const edited = open();
    edited.batch(() => {
      edited.putDigest(record('a.md'));
      edited.putDigest(record('b.md'));
      edited.putDigest(record('c.md'));
    });
    edited.batch(() => {
      edited.removeFile('a.md');
      edited.putDigest(record('c.md', { parsed: parsedDigest({ sections: [section(0, ['新'], 'Codex Codex 上线')] }), hash: 'h2' }));
    });
    const fresh = open(path.join(fx.dir.root, 'cache', 'fresh.db'));
    fresh.batch(() => {
      fresh.putDigest(record('b.md'));
      fresh.putDigest(record('c.md', { parsed: parsedDigest({ sections: [section(0, ['新'], 'Codex Codex 上线')] }), hash: 'h2' }));
    });
    expect(scores(edited)).toHaveLength(2);
    expect(scores(edited)).toEqual(scores(fresh));
  });

  it('moves a digest to a new path: folder, key, section ids and link section ids follow; postings stay', () => {
    const store = open();
    const parsed = parsedDigest({ links: [{ href: 'x.md', text: 'x', section: 1 }] });
    store.batch(() => store.putDigest(record('drafts/a.md', { parsed, links: [{ external: false, targetKey: 'drafts/x', targetExists: false }] })));
    const before = store.sectionsOf(store.digestByPath('drafts/a.md')!.id);
    store.batch(() => store.moveFile('drafts/a.md', 'weekly/a.md', 11, 2000, [{ external: false, targetKey: 'weekly/x', targetExists: false }]));
    expect(store.digestByPath('drafts/a.md')).toBeNull();
    const d = store.digestByPath('weekly/a.md')!;
    expect(d).toMatchObject({ folder: 'weekly', pathKey: 'weekly/a' });
    const after = store.sectionsOf(d.id);
    expect(after.map((s) => s.id)).toEqual(sectionIds('weekly/a.md', [[], ['模型']]));
    expect(after.map((s) => s.rowid)).toEqual(before.map((s) => s.rowid));
    expect(outgoingLinks(store.db, d, after.map((s) => s.id), () => false)).toMatchObject([{ sectionId: after[1]!.id }]);
    expect(store.db.prepare('SELECT target_key FROM link').pluck().get()).toBe('weekly/x');
    expect(store.linkHrefs('weekly/a.md')).toEqual(['x.md']);
    expect(store.files().map((f) => [f.path, f.size, f.mtimeMs, f.hash])).toEqual([['weekly/a.md', 11, 2000, 'hash-of-drafts/a.md']]);
    expect(ftsMatch(store, 'Codex')).toEqual([after[1]!.rowid]);
  });

  it('records a skipped file and drops a digest stored for it before', () => {
    const store = open();
    store.batch(() => store.putDigest(record('a.md')));
    store.batch(() => store.putSkipped({ path: 'a.md', size: 5, mtimeMs: 1, hash: null }, fileProblem('binary')));
    expect(store.counts()).toMatchObject({ files: 1, digests: 0, sections: 0 });
    expect(store.skippedFiles()).toEqual([{ path: 'a.md', code: 'binary', params: {}, reason: 'binary file (NUL bytes)' }]);
    expect(ftsMatch(store, 'Codex')).toEqual([]);
  });

  it('rolls a failed batch back as a whole', () => {
    const store = open();
    expect(() =>
      store.batch(() => {
        store.putDigest(record('a.md'));
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(store.counts().files).toBe(0);
    expect(ftsMatch(store, 'Codex')).toEqual([]);
  });
});
