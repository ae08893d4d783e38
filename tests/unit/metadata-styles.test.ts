/**
 * Metadata styles behind one door (src/core/parse/metadata/read-metadata.ts):
 * TOML "+++", JSON objects, Pelican / MultiMarkdown headers, detection, and the
 * fields every style feeds (fields.ts). The "---" YAML reader: frontmatter.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { metadataFields } from '../../src/core/parse/fields.js';
import { MAX_FRONT_MATTER_CHARS } from '../../src/core/parse/metadata/limits.js';
import { readMetadata } from '../../src/core/parse/metadata/read-metadata.js';
import type { MetadataStyle } from '../../src/core/parse/metadata/types.js';

describe('readMetadata: the style is detected at the top of the file', () => {
  it.each<[string, string, MetadataStyle, Record<string, unknown> | null, string]>([
    ['YAML', '---\ntitle: Y\n---\nbody', 'yaml', { title: 'Y' }, 'body'],
    ['TOML', '+++\ntitle = "T"\n+++\nbody', 'toml', { title: 'T' }, 'body'],
    ['TOML with spaces after the delimiters', '+++  \ntitle = "T"\n+++ \n\nbody', 'toml', { title: 'T' }, '\nbody'],
    ['JSON object', '{\n  "title": "J"\n}\nbody', 'json', { title: 'J' }, 'body'],
    ['JSON on one line', '{"title": "J", "tags": ["a"]}\n\nbody', 'json', { title: 'J', tags: ['a'] }, '\nbody'],
    ['Pelican header', 'Title: P\nDate: 2024-01-03\n\nbody', 'pelican', { Title: 'P', Date: '2024-01-03' }, '\nbody'],
    ['no metadata', '# Heading\n\nbody', 'none', null, '# Heading\n\nbody'],
    ['an empty file', '', 'none', null, ''],
  ])('%s', (_name, text, style, data, body) => {
    const m = readMetadata(text);
    expect(m).toMatchObject({ style, data, body, warnings: [] });
  });
});

describe('TOML front matter', () => {
  it('reads tables, arrays and native dates as written', () => {
    const m = readMetadata(
      '+++\ntitle = "This Month in Redox"\ndate = 2026-07-07\nupdated = 2024-01-03T23:00:00-08:00\ntags = ["os", "rust"]\n[extra]\nauthor = "R"\n+++\nbody',
    );
    expect(m.data).toEqual({
      title: 'This Month in Redox',
      date: '2026-07-07',
      updated: '2024-01-03T23:00:00.000-08:00',
      tags: ['os', 'rust'],
      extra: { author: 'R' },
    });
    expect(Object.getPrototypeOf(m.data!.extra)).toBe(Object.prototype);
  });

  it('warns about a block that never closes and keeps the whole text as the body', () => {
    const text = '+++\ntitle = "T"\n\n# Heading\n\nbody';
    expect(readMetadata(text)).toEqual({
      style: 'none',
      data: null,
      raw: '',
      body: text,
      warnings: ["front matter has no closing '+++' line; read as Markdown"],
    });
  });

  it('warns about bad TOML with the file line and keeps the body', () => {
    const m = readMetadata('+++\ntitle = "T"\ndate = 2024-13-45\nx = "open\n+++\nbody');
    expect(m.data).toBeNull();
    expect(m.body).toBe('body');
    expect(m.warnings).toHaveLength(1);
    expect(m.warnings[0]).toMatch(/^front matter is not valid TOML \(line 3, column \d+: .+\); ignored$/);
  });

  it('refuses duplicate keys, over-deep nesting and over-large blocks with warnings', () => {
    expect(readMetadata('+++\na = 1\na = 2\n+++\nx').warnings[0]).toMatch(/^front matter is not valid TOML \(line 3, .+\); ignored$/);
    const deep = `+++\na = ${'['.repeat(40)}${']'.repeat(40)}\n+++\nx`;
    expect(readMetadata(deep).warnings[0]).toMatch(/^front matter is not valid TOML/);
    const big = `+++\nfiller = "${'x'.repeat(MAX_FRONT_MATTER_CHARS)}"\n+++\nbody`;
    expect(readMetadata(big)).toMatchObject({ data: null, body: 'body', warnings: [expect.stringMatching(/^front matter is too large/)] });
  });

  it('keeps a __proto__ key as plain data', () => {
    const m = readMetadata('+++\n[__proto__]\npolluted = true\n+++\n');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(m.data)).toBe(Object.prototype);
  });
});

describe('JSON front matter', () => {
  it('finds the closing brace past braces inside strings', () => {
    const m = readMetadata('{\n  "title": "a } b { c",\n  "nested": {"x": "\\"}"}\n}\n# Body');
    expect(m.data).toEqual({ title: 'a } b { c', nested: { x: '"}' } });
    expect(m.body).toBe('# Body');
  });

  it('does not take a paragraph or an MDX expression that starts with a brace for JSON', () => {
    for (const text of ['{% raw %}\ntext', '{/* comment */}\ntext', '{title: x}\n']) {
      expect(readMetadata(text)).toEqual({ style: 'none', data: null, raw: '', body: text, warnings: [] });
    }
  });

  it('warns about an object that never closes or does not parse', () => {
    const open = '{\n  "title": "x",\n\n# Body\n';
    expect(readMetadata(open)).toMatchObject({ style: 'none', body: open, warnings: ["front matter opened with '{' has no closing '}'; read as Markdown"] });
    const bad = readMetadata('{\n  "title": x\n}\nbody');
    expect(bad.body).toBe('body');
    expect(bad.warnings).toEqual(["front matter is not valid JSON (Unexpected token 'x'); ignored"]);
    expect(readMetadata('{"a": 1}\n').data).toEqual({ a: 1 });
  });
});

describe('Pelican / MultiMarkdown headers', () => {
  it('reads This Week in Rust headers and keeps them out of the body', () => {
    const text = 'Title: This Week in Rust 528\nNumber: 528\nDate: 2024-01-03\nCategory: This Week in Rust\n\nHello and welcome!\n';
    const m = readMetadata(text);
    expect(m).toEqual({
      style: 'pelican',
      data: { Title: 'This Week in Rust 528', Number: '528', Date: '2024-01-03', Category: 'This Week in Rust' },
      raw: 'Title: This Week in Rust 528\nNumber: 528\nDate: 2024-01-03\nCategory: This Week in Rust',
      body: '\nHello and welcome!\n',
      warnings: [],
    });
  });

  it('joins continuation lines, keeps keys with spaces and the first of duplicate keys', () => {
    const m = readMetadata('title: A long\n    title\nBase Header Level: 2\nTitle: second\n\nx');
    expect(m.data).toEqual({ title: 'A long title', 'Base Header Level': '2' });
  });

  it.each([
    ['a first line whose key is unknown', 'Note: this is a note\nDate: 2024-01-03\n\ntext'],
    ['a line that is not Key: value', 'Title: My trip\nWe went to the sea.\n\nMore.'],
    ['a URL on the second line', 'Summary: see\nhttps://example.com\n\ntext'],
    ['a continuation as the first line', '  Title: x\n\ntext'],
    ['a first line without a value after the colon', 'Title:x\n\ntext'],
    ['a heading', '# Title: x\n'],
  ])('reads %s as prose', (_name, text) => {
    expect(readMetadata(text)).toEqual({ style: 'none', data: null, raw: '', body: text, warnings: [] });
  });

  it('takes a header that runs to the end of the file, with an empty body', () => {
    expect(readMetadata('Title: Only\nDate: 2024-01-03')).toMatchObject({ style: 'pelican', body: '', data: { Title: 'Only' } });
  });
});

describe('metadataFields: keys', () => {
  const fields = (text: string) => metadataFields(readMetadata(text));

  it('reads title, else linkTitle, leaving linkTitle in meta when title is there', () => {
    expect(fields('---\nlinkTitle: L\n---\n').title).toBe('L');
    const both = fields('---\ntitle: T\nlinkTitle: L\n---\n');
    expect([both.title, both.meta]).toEqual(['T', { linkTitle: 'L' }]);
  });

  it.each([
    ['date', '---\ndate: 2024-03-08\n---\n'],
    ['pubDate', '---\npubDate: 2024-03-08\n---\n'],
    ['publishDate', '+++\npublishDate = 2024-03-08\n+++\n'],
    ['published', '{"published": "2024-03-08"}\n'],
    ['created', 'Title: x\nCreated: 2024-03-08\n\n'],
    ['pubDatetime', '---\npubDatetime: 2024-03-08T08:00:00Z\n---\n'],
    ['published_at', '---\npublished_at: 2024-03-08\n---\n'],
    ['date_published', '{"date_published": "2024-03-08"}\n'],
  ])('reads the date from %s', (_key, text) => {
    expect(fields(text).date).toEqual({ date: '2024-03-08', precision: 'day' });
  });

  it('never reads lastmod, updated or modified as the date, and skips a boolean published', () => {
    const f = fields('---\nlastmod: 2024-01-01\nupdated: 2024-01-02\nmodified: 2024-01-03\npublished: true\n---\n');
    expect(f.date).toBeNull();
    expect(f.warnings).toEqual([]);
    expect(Object.keys(f.meta)).toEqual(['lastmod', 'updated', 'modified', 'published']);
  });

  it('takes the first date key in order and leaves the others in meta', () => {
    const f = fields('---\ncreated: 2020-01-01\npubDate: 2024-03-08\n---\n');
    expect(f.date?.date).toBe('2024-03-08');
    expect(f.meta).toEqual({ created: '2020-01-01' });
  });

  it('merges tags, tag, keywords, categories and category', () => {
    const f = fields('---\ntags: [AI]\ntag: rust\nkeywords: "LLM, ai"\ncategories: [Weekly]\nCategory: News\n---\n');
    expect(f.tags).toEqual(['AI', 'rust', 'LLM', 'Weekly', 'News']);
    expect(f.meta).toEqual({});
    expect(fields('Title: x\nTags: rust, weekly\nCategory: This Week in Rust\n\n').tags).toEqual(['rust', 'weekly', 'This Week in Rust']);
  });

  it('reads a US date in front matter, month first', () => {
    expect(fields('---\ndate: 08-19-2026\n---\n').date).toEqual({ date: '2026-08-19', precision: 'day', order: 'month-first' });
  });

  it('describes a date that names no day', () => {
    expect(fields('+++\ndate = "2021-02-29"\n+++\n').invalidDate).toBe("'2021-02-29' (no such day)");
  });
});

describe('broken YAML keeps its plain lines', () => {
  it('recovers title, date and tags around one bad quote', () => {
    const m = readMetadata('---\ntitle: "It\'s "broken"\ndate: 2024-03-08\ntags:\n  - a\n  - b\nauthor: \'Ann\'\n---\nbody');
    expect(m.data).toEqual({ title: 'It\'s "broken', date: '2024-03-08', tags: ['a', 'b'], author: 'Ann' });
    expect(m.warnings).toEqual([expect.stringMatching(/^front matter is not valid YAML \(line 3, column 5: .+\); read 4 plain key: value lines$/)]);
    expect(m.body).toBe('body');
  });

  it('reads an unclosed quote as plain text, and never YAML syntax plain text cannot stand for', () => {
    const m = readMetadata('---\ntitle: "Unclosed\nref: *missing\nblock: |\n  text\ntags: [a, b\n---\n');
    // The block scalar parses on its own; the alias and the open list do not, and are not guessed at.
    expect(m.data).toEqual({ title: 'Unclosed', block: 'text\n' });
  });
});
