import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DigestCatalog } from '../../src/core/search/catalog.js';
import { sectionTokens, titleTokens } from '../../src/core/store/fts-write.js';
import { attachPrepared, prepareDigest, preparedOf } from '../../src/core/store/prepare.js';
import { SectionTexts, storedSections } from '../../src/core/store/section-texts.js';
import { decodeHeadingPath, encodeHeadingPath } from '../../src/core/store/heading-path.js';
import {
  BLOCK_BODY_BYTES,
  CHUNK_BYTES,
  CHUNKS_PER_DIGEST,
  packDigestText,
  readDigestText,
  readSectionBlock,
  readSectionTexts,
  unpackBody,
  unpackDigestText,
  writeDigestText,
} from '../../src/core/store/stored-text.js';
import type { DigestRecord, Store } from '../../src/core/store/store.js';
import type { ParsedDigest } from '../../src/core/types.js';
import { dumpIndex } from '../helpers/db-dump.js';
import { parsedDigest, section } from '../helpers/parsed.js';
import { allDigests } from '../helpers/catalog.js';
import { digestRecord, useStoreFixture } from '../helpers/store-fixture.js';
import { fileProblem } from '../../src/shared/file-problems.js';

const fx = useStoreFixture('almanac-store-v2-');
const open = (name = 'index.db'): Store => fx.open(path.join(fx.dir.root, 'cache', name));
const record = (p: string, parsed: ParsedDigest = parsedDigest()): DigestRecord => digestRecord(p, { parsed });

/** A digest whose body holds its sections' Markdown, like the parser's output. */
function digestOf(title: string, texts: readonly string[]): ParsedDigest {
  let body = '';
  const sections = texts.map((text, i) => {
    const start = body.length;
    body += `## 第 ${i} 节\n\n${text}\n\n`;
    return { ...section(i, [`第 ${i} 节`], text), start, end: body.length };
  });
  return parsedDigest({ title, body, sections });
}

/** Every digest's section rowids are first_section .. first_section + section_count - 1, ordinals in order, postings on exactly those rowids. */
function expectContiguous(store: Store): void {
  const digests = store.db.prepare('SELECT id, first_section AS first, section_count AS count FROM digest').all() as {
    id: number;
    first: number;
    count: number;
  }[];
  for (const d of digests) {
    const rows = store.db.prepare('SELECT rowid, ordinal FROM section WHERE digest_id = ? ORDER BY rowid').all(d.id) as {
      rowid: number;
      ordinal: number;
    }[];
    expect(rows).toEqual(Array.from({ length: d.count }, (_, i) => ({ rowid: d.first + i, ordinal: i })));
  }
  const sectionRowids = store.db.prepare('SELECT rowid FROM section ORDER BY rowid').pluck().all();
  store.db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_docs USING fts5vocab(main, 'section_fts', 'instance')");
  const postingRowids = store.db.prepare('SELECT DISTINCT doc FROM temp.fts_docs ORDER BY doc').pluck().all();
  expect(postingRowids).toEqual(sectionRowids);
}

function search(store: Store, match: string): { rowid: number; score: number }[] {
  return store.db
    .prepare('SELECT rowid, bm25(section_fts) AS score FROM section_fts WHERE section_fts MATCH ? ORDER BY rowid')
    .all(match) as { rowid: number; score: number }[];
}

describe('stored text', () => {
  const cases: [string, string, string[]][] = [
    ['empty body, no sections', '', []],
    ['empty body, empty sections', '', ['', '']],
    ['CJK and emoji', '## 模型\n\n本周 GPT-5.3-Codex 发布 🚀👩‍💻。\n', ['', '本周 GPT-5.3-Codex 发布 🚀👩‍💻。']],
    ['text unrelated to the body', 'body', ['完全不同的文字', 'NUL \u0000 and \u001f controls', '"quotes" \\ back\\slash']],
    ['a body longer than deflate’s window', '长文本 long text '.repeat(20_000), ['长文本 '.repeat(30_000), 'tail']],
  ];
  for (const [name, body, texts] of cases) {
    it(`round-trips ${name}`, () => {
      const packed = packDigestText(body, texts);
      expect(unpackBody(packed)).toBe(body);
      expect(unpackDigestText(packed)).toEqual({ body, sections: texts });
    });
  }

  it('round-trips very long text (1 MB of mixed scripts)', () => {
    const text = Array.from({ length: 30_000 }, (_, i) => `第${i}段 Claude Opus 4.6 ${String.fromCodePoint(0x1f600 + (i % 80))}`).join('\n');
    const packed = packDigestText(text, [text, text.slice(1000)]);
    expect(unpackDigestText(packed)).toEqual({ body: text, sections: [text, text.slice(1000)] });
    expect(packed.length).toBeLessThan(text.length);
  });

  it('packs into a buffer of its own (transferable between threads)', () => {
    const packed = packDigestText('a body', ['a']);
    expect(packed.byteOffset).toBe(0);
    expect(packed.byteLength).toBe(packed.buffer.byteLength);
    expect(Buffer.isBuffer(packed)).toBe(false);
  });

  it('compresses section texts against their body', () => {
    const body = 'OpenAI 发布 GPT-5.3-Codex，Anthropic 发布 Claude Opus 4.6，两者都强调代理编程能力。\n'.repeat(3);
    const texts = [body.slice(0, 60), body.slice(60, 130), body.slice(130)];
    const bodyOnly = packDigestText(body, []).length;
    const withTexts = packDigestText(body, texts).length;
    const textsAlone = packDigestText('', texts).length;
    expect(withTexts - bodyOnly).toBeLessThan(textsAlone / 2);
  });

  it('refuses damaged blobs instead of returning garbage', () => {
    expect(() => unpackBody(Uint8Array.from([1, 2]))).toThrow('almanac index: stored digest text is damaged (2 bytes); re-index');
    expect(() => unpackBody(Uint8Array.from([200, 0, 0, 0, 1]))).toThrow('almanac index: stored digest text is damaged (body of 200 bytes in 5); re-index');
    const packed = packDigestText('b', ['x']);
    const truncated = packed.subarray(0, packed.length - 1);
    expect(() => unpackDigestText(truncated)).toThrow(/unexpected end of file/);
    const n = new DataView(packed.buffer).getUint32(0, true);
    const notAList = deflateRawSync(Buffer.from('{"0":"x"}'), { dictionary: Buffer.from('b') });
    const forged = new Uint8Array(4 + n + notAList.length);
    forged.set(packed.subarray(0, 4 + n));
    forged.set(notAList, 4 + n);
    expect(() => unpackDigestText(forged)).toThrow('almanac index: stored digest text is damaged (section texts are not a list of strings); re-index');
  });

  it('stores texts of every length in full pieces and a tail, and deletes the pieces with the digest', () => {
    const store = open();
    const lengths = [0, 1, CHUNK_BYTES - 1, CHUNK_BYTES, CHUNK_BYTES + 1, 3 * CHUNK_BYTES, 7 * CHUNK_BYTES + 123];
    const blobs = lengths.map((n) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) % 251));
    store.batch(() =>
      blobs.forEach((b, i) => {
        store.db.prepare("INSERT INTO file(path, size, mtime_ms, status) VALUES (?, 1, 1, 'indexed')").run(`${i}.md`);
        store.db.prepare("INSERT INTO digest(id, path, path_key, folder, title, hash, first_section, section_count) VALUES (?, ?, ?, '', 't', 'h', 1, 0)").run(i + 1, `${i}.md`, `${i}`);
        writeDigestText(store.db, i + 1, b);
      }),
    );
    const read = (id: number): Uint8Array | null => {
      const r = readDigestText(store.db, id);
      return r === null ? null : Uint8Array.from(r);
    };
    blobs.forEach((b, i) => expect(read(i + 1)).toEqual(b));
    expect(read(99)).toBeNull();
    const pieces = store.db.prepare('SELECT count(*) FROM text_chunk').pluck();
    expect(pieces.get()).toBe(lengths.reduce((sum, n) => sum + Math.floor(n / CHUNK_BYTES), 0));
    expect(store.db.prepare('SELECT max(length(tail)) FROM digest_text').pluck().get()).toBeLessThan(CHUNK_BYTES);
    // Deleting a digest cascades to its text row, whose trigger drops its pieces and no others.
    store.batch(() => store.db.prepare('DELETE FROM digest WHERE id = ?').run(lengths.indexOf(3 * CHUNK_BYTES) + 1));
    expect(pieces.get()).toBe(lengths.reduce((sum, n) => sum + Math.floor(n / CHUNK_BYTES), 0) - 3);
    blobs.forEach((b, i) => expect(read(i + 1)).toEqual(lengths[i] === 3 * CHUNK_BYTES ? null : b));
    // A piece of the wrong length is damage, reported as such.
    store.db.prepare('UPDATE text_chunk SET data = x\'00\' WHERE key = ?').run(7 * CHUNKS_PER_DIGEST + 2);
    expect(() => readDigestText(store.db, 7)).toThrow('almanac index: stored digest text is damaged (piece 2 of digest 7 has 1 bytes); re-index');
  });
});

describe('long digests: section texts in blocks', () => {
  /** Stores `packed` as digest `id`, with its file and digest rows. */
  function stored(store: Store, id: number, packed: Uint8Array): void {
    store.batch(() => {
      store.db.prepare("INSERT INTO file(path, size, mtime_ms, status) VALUES (?, 1, 1, 'indexed')").run(`${id}.md`);
      store.db.prepare("INSERT INTO digest(id, path, path_key, folder, title, hash, first_section, section_count) VALUES (?, ?, ?, '', 't', 'h', 1, 0)").run(id, `${id}.md`, `${id}`);
      writeDigestText(store.db, id, packed);
    });
  }

  // 400 sections of about 700 characters: a 300 KB body, as a link-list issue of a real weekly.
  const texts = Array.from({ length: 400 }, (_, i) => `第 ${i} 条 Python ${i} 的新版本 `.repeat(30) + `🚀${i}`);
  const body = texts.map((t, i) => `## 第 ${i} 条\n\n${t}\n`).join('\n');

  it('round-trips, and reads one section through its block alone', () => {
    expect(new TextEncoder().encode(body).length).toBeGreaterThan(BLOCK_BODY_BYTES);
    const packed = packDigestText(body, texts);
    expect(unpackDigestText(packed)).toEqual({ body, sections: texts });
    expect(unpackBody(packed)).toBe(body);
    const store = open();
    stored(store, 1, packed);
    expect(readSectionTexts(store.db, 1)).toEqual(texts);
    for (const ordinal of [0, 1, 57, 200, 399]) {
      const block = readSectionBlock(store.db, 1, ordinal)!;
      expect(block.first).toBeLessThanOrEqual(ordinal);
      expect(block.texts.length).toBeGreaterThan(0);
      expect(block.texts.length).toBeLessThan(texts.length / 4);
      expect(block.texts).toEqual(texts.slice(block.first, block.first + block.texts.length));
      expect(block.texts[ordinal - block.first]).toBe(texts[ordinal]);
    }
    // Past the last section: nothing, not an error.
    expect(readSectionBlock(store.db, 1, 400)!.texts).toEqual([]);
    // The search reader returns the same texts, in any order of asking.
    const reader = new SectionTexts(store.db);
    for (const ordinal of [399, 0, 200, 201, 0]) expect(reader.text(1, ordinal)).toBe(texts[ordinal]);
  });

  it('reads a short digest (one stream against its body) whole, and gives null for a digest without text', () => {
    const store = open();
    stored(store, 1, packDigestText('## a\n\nx\n', ['x', 'y']));
    expect(readSectionBlock(store.db, 1, 1)).toEqual({ first: 0, texts: ['x', 'y'] });
    expect(readSectionBlock(store.db, 2, 0)).toBeNull();
  });

  it('keeps a section longer than a block whole, and an empty digest empty', () => {
    const long = ['a', 'λ'.repeat(100_000), 'b'];
    const packed = packDigestText('x'.repeat(BLOCK_BODY_BYTES + 1), long);
    expect(unpackDigestText(packed).sections).toEqual(long);
    expect(unpackDigestText(packDigestText('y'.repeat(BLOCK_BODY_BYTES + 1), [])).sections).toEqual([]);
    const store = open();
    stored(store, 3, packed);
    expect(readSectionBlock(store.db, 3, 1)!.texts).toContain(long[1]);
  });

  it('refuses a block whose count or bytes do not match its table entry', () => {
    const packed = packDigestText(body, texts);
    const view = new DataView(packed.buffer);
    const forged = Uint8Array.from(packed);
    new DataView(forged.buffer).setUint32(8, view.getUint32(8, true) + 1, true);
    expect(() => unpackDigestText(forged)).toThrow(/stored digest text is damaged \(a block of \d+ sections holds \d+\)/);
    expect(() => unpackDigestText(packed.subarray(0, packed.length - 10))).toThrow(/stored digest text is damaged \(blocks end at byte/);
    const store = open();
    stored(store, 1, packed.subarray(0, packed.length - 10));
    expect(() => readSectionBlock(store.db, 1, 399)).toThrow(/stored digest text is damaged/);
  });
});

describe('heading paths', () => {
  const cases: [string, string[], string, number][] = [
    ['the lead section', [], '', 0],
    ['a top-level heading', ['导语'], '导语', 2],
    ['a nested heading', ['深度报道', '1. OpenAI 发布 GPT-5.3-Codex'], '1. OpenAI 发布 GPT-5.3-Codex', 3],
    ['an empty heading', ['A', ''], '', 3],
    ['a path that does not end with its heading', ['A', 'B'], 'C', 3],
    ['a level-0 section with a path', ['A'], '', 0],
  ];
  for (const [name, path, heading, level] of cases) {
    it(`stores ${name} without its own heading and reads it back`, () => {
      const stored = encodeHeadingPath(path, heading, level);
      expect(decodeHeadingPath(stored, heading, level)).toEqual(path);
      if (level > 0 && path.at(-1) === heading) expect(stored).toBe(JSON.stringify(path.slice(0, -1)));
    });
  }

  it('reads a damaged value as the heading alone', () => {
    expect(decodeHeadingPath('{not json', 'H', 2)).toEqual(['H']);
    expect(decodeHeadingPath('[1, 2]', 'H', 2)).toEqual(['H']);
    expect(decodeHeadingPath('null', '', 0)).toEqual([]);
  });
});

describe('prepareDigest', () => {
  it('computes the FTS token strings and packed texts the store writes', () => {
    const parsed = digestOf('AI 周报', ['导语', '后门检测 Codex']);
    const p = prepareDigest(parsed);
    expect(p.titleTokens).toBe(titleTokens('AI 周报'));
    expect(p.sections).toEqual(parsed.sections.map((s) => sectionTokens(s.heading, s.text)));
    expect(unpackDigestText(p.text)).toEqual({ body: parsed.body, sections: ['导语', '后门检测 Codex'] });
  });

  it('uses the attached one, refuses one that does not fit the sections, and computes one when none is attached', () => {
    const parsed = digestOf('t', ['a', 'b']);
    const stale = prepareDigest(digestOf('t', ['a']));
    expect(() => preparedOf({ ...parsed, prepared: stale })).toThrow('the prepared form has 1 sections for a digest of 2');
    const fresh = prepareDigest(parsed);
    expect(preparedOf({ ...parsed, prepared: fresh })).toBe(fresh);
    expect(preparedOf(parsed)).toEqual(fresh);
  });

  it('stores the same rows and postings with or without a prepared digest (as cloned from a worker)', () => {
    const digests = [
      ['weekly/a.md', digestOf('AI 周报 第一期', ['导语', '本周 GPT-5.3-Codex 发布。', '智能代理 agent'])],
      ['weekly/b.md', digestOf('Claude Opus 4.6', ['', 'Opus 4.6 上线，代理编程。'])],
      ['c.md', digestOf('空', [])],
    ] as const;
    const plain = open('plain.db');
    const prepared = open('prepared.db');
    plain.batch(() => digests.forEach(([p, d]) => plain.putDigest(record(p, d))));
    prepared.batch(() => digests.forEach(([p, d]) => prepared.putDigest(record(p, structuredClone({ ...d, prepared: prepareDigest(d) })))));
    expect(dumpIndex(prepared.db)).toEqual(dumpIndex(plain.db));
    for (const q of ['"codex"', '"代理"', '"opus" "4.6"', '{body heading} : "opus"']) expect(search(prepared, q)).toEqual(search(plain, q));
    expect(search(plain, '"代理"')).toHaveLength(2);

    // As the parse worker sends it: the body and section texts travel packed only.
    const blanked = open('blanked.db');
    blanked.batch(() => digests.forEach(([p, d]) => blanked.putDigest(record(p, attachPrepared(d)))));
    expect(dumpIndex(blanked.db)).toEqual(dumpIndex(plain.db));
  });
});

describe('section ranges and packed texts', () => {
  it('keeps section rowids contiguous per digest through edits, deletes, renames and skips', () => {
    const store = open();
    store.batch(() => {
      store.putDigest(record('a.md', digestOf('A', ['a0', 'a1', 'a2'])));
      store.putDigest(record('b.md', digestOf('B', ['b0', 'b1'])));
      store.putDigest(record('c.md', digestOf('C', ['c0'])));
      store.putDigest(record('empty.md', digestOf('E', [])));
    });
    expectContiguous(store);
    store.batch(() => store.putDigest(record('a.md', digestOf('A', ['a0', 'a1', 'a2', 'a3', 'a4']))));
    expectContiguous(store);
    store.batch(() => store.removeFile('b.md'));
    expectContiguous(store);
    store.batch(() => store.moveFile('c.md', 'moved/c.md', 10, 2000, []));
    expectContiguous(store);
    store.batch(() => {
      store.putDigest(record('d.md', digestOf('D', ['d0', 'd1'])));
      store.putSkipped({ path: 'a.md', size: 1, mtimeMs: 1, hash: null }, fileProblem('binary'));
      store.putDigest(record('moved/c.md', digestOf('C', ['c0', 'c1', 'c2'])));
    });
    expectContiguous(store);
    expect(store.counts()).toMatchObject({ digests: 3, sections: 5 });
    const c = store.digestByPath('moved/c.md')!;
    expect(store.sectionsOf(c.id).map((s) => [s.ordinal, s.text])).toEqual([
      [0, 'c0'],
      [1, 'c1'],
      [2, 'c2'],
    ]);
    expect(search(store, '"a0"')).toEqual([]);
  });

  it('fills DigestRow.body and SectionRow.text from the packed texts', () => {
    const store = open();
    const parsed = digestOf('AI', ['导语 🚀', '后门检测']);
    store.batch(() => store.putDigest(record('weekly/x.md', parsed)));
    const d = store.digestByPath('weekly/x.md')!;
    expect(d.body).toBe(parsed.body);
    expect(store.digestByKey('weekly/x')!.body).toBe(parsed.body);
    expect(store.sectionsOf(d.id)).toEqual(parsed.sections.map((s, i) => ({ ...s, rowid: expect.any(Number), id: expect.any(String), ordinal: i })));
    expect(store.sectionsOf(d.id + 1000)).toEqual([]);
  });

  it('rebuilds the postings from the packed texts exactly as they were written', () => {
    const store = open();
    store.batch(() => {
      store.putDigest(record('a.md', digestOf('AI 周报', ['导语', '本周 GPT-5.3-Codex 发布。'])));
      store.putDigest(record('b.md', digestOf('其他', ['智能代理 agent', '', '后门检测'])));
    });
    const before = dumpIndex(store.db);
    store.db.exec("INSERT INTO section_fts(section_fts) VALUES ('delete-all'); UPDATE meta SET value = '0' WHERE key = 'tokenizer_version'");
    store.close();
    const reopened = open();
    expect(dumpIndex(reopened.db)).toEqual(before);
  });
});

describe('DigestCatalog over section ranges', () => {
  it('maps section rowids to digests and ordinals from the digest rows', () => {
    const store = open();
    store.batch(() => {
      store.putDigest(record('a.md', digestOf('A', ['a0', 'a1'])));
      store.putDigest(record('b.md', digestOf('B', ['b0', 'b1', 'b2'])));
      store.putDigest(record('e.md', digestOf('E', [])));
    });
    store.batch(() => store.putDigest(record('a.md', digestOf('A', ['a0', 'a1', 'a2']))));
    const catalog = DigestCatalog.load(store.db);
    expect(allDigests(catalog).map((d) => [d.path, d.sectionCount])).toEqual([
      ['a.md', 3],
      ['b.md', 3],
      ['e.md', 0],
    ]);
    expect(catalog.sectionTotal).toBe(6);
    expect(catalog.digest(2).leadRowid).toBeNull();
    const rows = store.db.prepare('SELECT s.rowid, d.path, s.ordinal FROM section s JOIN digest d ON d.id = s.digest_id').raw().all() as [
      number,
      string,
      number,
    ][];
    for (const [rowid, p, ordinal] of rows) {
      expect(catalog.digest(catalog.digestIndexOfSection(rowid)).path).toBe(p);
      expect(catalog.ordinalOfSection(rowid)).toBe(ordinal);
      if (ordinal === 0) expect(catalog.digest(catalog.digestIndexOfSection(rowid)).leadRowid).toBe(rowid);
    }
    // a.md's first rowids were freed by the edit.
    expect(catalog.digestIndexOfSection(1)).toBe(-1);
    expect(catalog.digestIndexOfSection(0)).toBe(-1);
    expect(catalog.digestIndexOfSection(1_000_000)).toBe(-1);
  });
});

describe('SectionTexts', () => {
  it('returns stored section texts by digest and ordinal, null for unknown ones, and forgets on clear()', () => {
    const store = open();
    store.batch(() => store.putDigest(record('a.md', digestOf('A', ['a0', 'a1']))));
    const id = store.digestByPath('a.md')!.id;
    const texts = new SectionTexts(store.db);
    expect(texts.text(id, 1)).toBe('a1');
    expect(texts.text(id, 5)).toBeNull();
    expect(texts.text(id + 1, 0)).toBeNull();
    store.batch(() => store.putDigest(record('a.md', digestOf('A', ['new0', 'new1']))));
    const newId = store.digestByPath('a.md')!.id;
    texts.clear();
    expect(texts.text(newId, 0)).toBe('new0');
  });

  it('keeps answering correctly past its cache size', () => {
    const store = open();
    store.batch(() => {
      for (let i = 0; i < 100; i++) store.putDigest(record(`d${i}.md`, digestOf(`D${i}`, [`text ${i}`])));
    });
    const ids = Array.from({ length: 100 }, (_, i) => store.digestByPath(`d${i}.md`)!.id);
    const texts = new SectionTexts(store.db);
    for (let round = 0; round < 2; round++) ids.forEach((id, i) => expect(texts.text(id, 0)).toBe(`text ${i}`));
  });
});

describe('storedSections', () => {
  it('yields every section with its title and text, and lets the caller write between sections', () => {
    const store = open();
    store.batch(() => {
      for (let i = 0; i < 150; i++) store.putDigest(record(`d${i}.md`, digestOf(`标题 ${i}`, i % 3 === 0 ? [] : [`正文 ${i}`, `more ${i}`])));
    });
    const seen: string[] = [];
    store.batch(() => {
      for (const s of storedSections(store.db)) {
        seen.push(`${s.title}|${s.heading}|${s.headingPath.join('/')}|${s.text}`);
        store.setMeta('last_rowid', String(s.rowid));
      }
    });
    expect(seen).toHaveLength(200);
    expect(seen).toContain('标题 1|第 0 节|第 0 节|正文 1');
    expect(seen).toContain('标题 149|第 1 节|第 1 节|more 149');
    expect(new Set(seen).size).toBe(200);
  });
});
