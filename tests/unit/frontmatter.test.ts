import { afterEach, describe, expect, it } from 'vitest';
/**
 * The "---" front matter reader (YAML, ---json, ---toml, other languages refused)
 * and the bounds every metadata style shares, through readMetadata, the one door.
 * Other styles: metadata-styles.test.ts.
 */
import { normalizeTags } from '../../src/core/parse/fields.js';
import { MAX_FRONT_MATTER_CHARS, toJsonSafe } from '../../src/core/parse/metadata/limits.js';
import { readMetadata } from '../../src/core/parse/metadata/read-metadata.js';
import { rawTopLevelScalar } from '../../src/core/parse/metadata/yaml.js';

const readFrontMatter = readMetadata;

const canary = globalThis as { __almanacCanary?: unknown };

afterEach(() => {
  delete canary.__almanacCanary;
});

describe('readFrontMatter: block boundaries', () => {
  it('splits a YAML block from the body', () => {
    const fm = readFrontMatter('---\ntitle: Hello\ntags:\n  - AI\n---\n# Body\n');
    expect(fm.data).toEqual({ title: 'Hello', tags: ['AI'] });
    expect(fm.raw).toBe('title: Hello\ntags:\n  - AI');
    expect(fm.body).toBe('# Body\n');
    expect(fm.warnings).toEqual([]);
  });

  it('keeps a blank line after the block in the body', () => {
    expect(readFrontMatter('---\na: 1\n---\n\ntext').body).toBe('\ntext');
  });

  it('treats text without a leading --- line as all body', () => {
    const fm = readFrontMatter('title: x\n---\nbody');
    expect(fm.data).toBeNull();
    expect(fm.body).toBe('title: x\n---\nbody');
  });

  it('does not take a ---- line or an unterminated block for front matter', () => {
    expect(readFrontMatter('----\ntext\n').body).toBe('----\ntext\n');
    const thematic = readFrontMatter('---\nJust a rule, then text.\n');
    expect(thematic).toEqual({ style: 'none', data: null, raw: '', body: '---\nJust a rule, then text.\n', warnings: [] });
  });

  it('warns when a block that looks like front matter is never closed', () => {
    const fm = readFrontMatter('---\ntitle: x\n\n# Heading\n');
    expect(fm.data).toBeNull();
    expect(fm.body).toBe('---\ntitle: x\n\n# Heading\n');
    expect(fm.warnings).toEqual(["front matter has no closing '---' line; read as Markdown"]);
  });

  it('handles an empty block and a block at the end of the file', () => {
    expect(readFrontMatter('---\n---\nbody')).toEqual({ style: 'yaml', data: null, raw: '', body: 'body', warnings: [] });
    expect(readFrontMatter('---\ntitle: only\n---')).toEqual({
      style: 'yaml',
      data: { title: 'only' },
      raw: 'title: only',
      body: '',
      warnings: [],
    });
  });

  it('accepts a closing line with trailing spaces and a --- inside a value', () => {
    const fm = readFrontMatter('---\nnote: "a --- b"\n---   \nbody');
    expect(fm.data).toEqual({ note: 'a --- b' });
    expect(fm.body).toBe('body');
  });

  it('reads JSON and TOML front matter between --- lines', () => {
    expect(readFrontMatter('---json\n{"title": "J"}\n---\nx')).toMatchObject({ style: 'json', data: { title: 'J' }, body: 'x' });
    expect(readFrontMatter('---toml\ntitle = "T"\n---\nx')).toMatchObject({ style: 'toml', data: { title: 'T' }, body: 'x' });
    expect(readFrontMatter('---json\n{"title": }\n---\nx').warnings[0]).toMatch(/^front matter is not valid JSON \(.+\); ignored$/);
  });
});

describe('readFrontMatter: safety', () => {
  it.each(['js', 'javascript', 'coffee', 'coffeescript', 'cson'])('never runs ---%s front matter', (lang) => {
    const text = `---${lang}\n{ title: (globalThis.__almanacCanary = 1, 'pwned') }\n---\nbody text`;
    const fm = readFrontMatter(text);
    expect(canary.__almanacCanary).toBeUndefined();
    expect(fm.data).toBeNull();
    expect(fm.body).toBe('body text');
    expect(fm.warnings).toEqual([`front matter language '${lang}' is not supported; ignored`]);
  });

  it('never runs a statement-style js block either', () => {
    readFrontMatter('---js\nglobalThis.__almanacCanary = 1;\nmodule.exports = {}\n---\nx');
    expect(canary.__almanacCanary).toBeUndefined();
  });

  it('ignores other unknown languages with a warning, keeping the body', () => {
    expect(readFrontMatter('---ini\ntitle = x\n---\nbody')).toEqual({
      style: 'none',
      data: null,
      raw: 'title = x',
      body: 'body',
      warnings: ["front matter language 'ini' is not supported; ignored"],
    });
  });

  it('does not construct JavaScript types from YAML tags', () => {
    const fm = readFrontMatter('---\nf: !!js/function "function () { globalThis.__almanacCanary = 1 }"\n---\nx');
    expect(canary.__almanacCanary).toBeUndefined();
    expect(fm.data).toBeNull();
    expect(fm.warnings[0]).toMatch(/^front matter is not valid YAML \(line 2, column \d+: unknown tag .*js\/function.*\); ignored$/);
  });

  it('ignores front matter over the size cap but still strips it from the body', () => {
    const big = `---\ntitle: Big\nfiller: "${'x'.repeat(MAX_FRONT_MATTER_CHARS)}"\n---\nbody after`;
    const fm = readFrontMatter(big);
    expect(fm.data).toBeNull();
    expect(fm.body).toBe('body after');
    expect(fm.warnings).toEqual([
      `front matter is too large (${MAX_FRONT_MATTER_CHARS + 21} characters, limit ${MAX_FRONT_MATTER_CHARS}); ignored`,
    ]);
  });

  it('rejects an alias bomb without expanding it', () => {
    // Each level refers to the previous one 9 times: 9^9 (387 million) leaves when expanded.
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    const names = 'abcdefghi';
    for (let i = 1; i < 9; i++) {
      const prev = `*${names[i - 1]}`;
      levels.push(`${names[i]}: &${names[i]} [${Array(9).fill(prev).join(',')}]`);
    }
    const bomb = `---\ntitle: Bomb\n${levels.join('\n')}\n---\nstill indexed`;
    expect(bomb.length).toBeLessThan(1000);
    const fm = readFrontMatter(bomb);
    expect(fm.data).toBeNull();
    expect(fm.body).toBe('still indexed');
    expect(fm.warnings).toEqual(['front matter holds more than 50000 values (YAML aliases expanding?); ignored']);
  });

  it('reports malformed YAML with its file line and keeps the entries that read on their own', () => {
    const fm = readFrontMatter('---\ntitle: ok\ntags: [a, b\nnext: 1\n---\nbody survives');
    expect(fm.data).toEqual({ title: 'ok', next: 1 });
    expect(fm.body).toBe('body survives');
    expect(fm.warnings).toEqual([
      'front matter is not valid YAML (line 4, column 1: missed comma between flow collection entries); read 2 plain key: value lines',
    ]);
  });

  it('reports duplicate keys and keeps the first', () => {
    const fm = readFrontMatter('---\ntitle: a\ntitle: b\n---\n');
    expect(fm.data).toEqual({ title: 'a' });
    expect(fm.warnings[0]).toMatch(/^front matter is not valid YAML \(line 3, column \d+: duplicated mapping key\); read 1 plain key: value line$/);
  });

  it('rejects front matter that is not a mapping', () => {
    expect(readFrontMatter('---yaml\n- a\n- b\n---\nx')).toEqual({
      style: 'yaml',
      data: null,
      raw: '- a\n- b',
      body: 'x',
      warnings: ['front matter is not a mapping of keys to values; ignored'],
    });
    expect(readFrontMatter('---json\n[1, 2]\n---\nx').warnings).toEqual([
      'front matter is not a mapping of keys to values; ignored',
    ]);
  });

  it('reads a leading thematic break and text as Markdown, not front matter', () => {
    const text = '---\n本周要闻：OpenAI 发布新模型。\n\n- a list\n\n---\n\n## Next\n';
    expect(readFrontMatter(text)).toEqual({ style: 'none', data: null, raw: '', body: text, warnings: [] });
    expect(readFrontMatter('---\njust words\n---\nx').body).toBe('---\njust words\n---\nx');
  });

  it('recognises a block whose first key follows comments or is quoted', () => {
    expect(readFrontMatter('---\n# generated\n\n"title": Q\n---\nx').data).toEqual({ title: 'Q' });
    expect(readFrontMatter('---\n{title: F}\n---\nx').data).toEqual({ title: 'F' });
    expect(readFrontMatter('---\ntags:\n  - a\n---\nx').data).toEqual({ tags: ['a'] });
  });

  it('returns fresh objects for the same input (no shared cache)', () => {
    const text = '---\ntags: [a]\n---\nx';
    const first = readFrontMatter(text);
    (first.data!.tags as string[]).push('mutated');
    expect(readFrontMatter(text).data).toEqual({ tags: ['a'] });
  });

  it('keeps a __proto__ key as plain data', () => {
    const fm = readFrontMatter('---\n__proto__:\n  polluted: yes\nx: 1\n---\n');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(fm.data)).toBe(Object.prototype);
    expect(fm.data?.x).toBe(1);
  });
});

describe('toJsonSafe', () => {
  it('turns dates into strings and drops what JSON cannot hold', () => {
    const r = toJsonSafe({
      day: new Date(Date.UTC(2026, 1, 6)),
      at: new Date(Date.UTC(2026, 1, 6, 2, 30)),
      inf: Infinity,
      fn: () => 1,
      list: [1, undefined],
    });
    expect(r).toEqual({
      ok: true,
      value: { day: '2026-02-06', at: '2026-02-06T02:30:00.000Z', inf: null, list: [1, null] },
    });
  });

  it('fails on deep nesting', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 40; i++) deep = [deep];
    expect(toJsonSafe(deep)).toEqual({ ok: false, reason: 'is nested more than 32 levels deep' });
  });
});

describe('rawTopLevelScalar', () => {
  it('returns the written value of a top-level key', () => {
    const raw = 'title: x\ndate: 2026-13-45 # typo\nnested:\n  date: 1999-01-01';
    expect(rawTopLevelScalar(raw, 'date')).toBe('2026-13-45');
    expect(rawTopLevelScalar("date: '2026-02-06'", 'date')).toBe('2026-02-06');
    expect(rawTopLevelScalar('  date: 2026-02-06', 'date')).toBeNull();
    expect(rawTopLevelScalar('title: x', 'date')).toBeNull();
  });
});

describe('normalizeTags', () => {
  it('normalises lists and comma-separated text', () => {
    const warnings: string[] = [];
    expect(normalizeTags(['AI', ' #LLM ', '', 'ai', '##Rust', 2021, 'llm'], 'tags', warnings)).toEqual([
      'AI',
      'LLM',
      'Rust',
      '2021',
    ]);
    expect(normalizeTags('AI, 开源，#安全 , ,AI', 'tags', warnings)).toEqual(['AI', '开源', '安全']);
    expect(normalizeTags(2021, 'tags', warnings)).toEqual(['2021']);
    expect(warnings).toEqual([]);
  });

  it('drops values that are not text with a warning naming them', () => {
    const warnings: string[] = [];
    expect(normalizeTags(['ok', { nested: 'x' }, null, true, ['a']], 'tags', warnings)).toEqual(['ok']);
    expect(warnings).toEqual([
      'tag {"nested":"x"} is not text; dropped',
      'tag null is not text; dropped',
      'tag true is not text; dropped',
      'tag ["a"] is not text; dropped',
    ]);
    const w2: string[] = [];
    expect(normalizeTags({ a: 1 }, 'tags', w2)).toEqual([]);
    expect(w2).toEqual(['tags {"a":1} is neither a list nor comma-separated text; ignored']);
  });
});
