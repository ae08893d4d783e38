/** MDX files and `{#id}` heading suffixes: what is stripped before parsing (mdx.ts, heading-ids.ts), and how a digest reads after it. */
import { describe, expect, it } from 'vitest';
import { compareEngines } from '../../src/core/parse/equivalence.js';
import { dropHeadingIds } from '../../src/core/parse/heading-ids.js';
import { stripMdx } from '../../src/core/parse/mdx.js';
import { parseDigest } from '../../src/core/parse/parse.js';
import { digestKey, isMarkdownPath, isMdxPath } from '../../src/core/vault/paths.js';

describe('stripMdx', () => {
  it.each<[string, string, string]>([
    ['import and export paragraphs, line breaks kept', 'a\n\nimport X from "y";\nimport { Z } from "z";\n\nb', 'a\n\n\n\n\nb'],
    ['a multi-line export', 'export const meta = {\n  a: 1,\n};\n\ntext', '\n\n\n\ntext'],
    ['a self-closing component', 'before\n\n<TweetEmbed id="1" />\n\nafter', 'before\n\n\n\nafter'],
    ['paired components around Markdown', '<Tabs>\n<TabItem value="a">\n\n## Inside\n\n</TabItem>\n</Tabs>', '\n\n\n## Inside\n\n\n'],
    ['attributes over several lines', '<Image\n  src="a.png"\n  alt="x > y"\n/>\ntext', '\n\n\n\ntext'],
    ['expressions holding ">"', '<Box when={a > b} label=\'>\'>kept</Box>', 'kept'],
    ['dotted and fragment names', '<motion.div>a</motion.div> <>b</>', 'a b'],
    ['inline components, children kept', 'Text <Highlight color="red">word</Highlight> end', 'Text word end'],
    ['MDX comments over lines', 'a {/* one\ntwo */} b', 'a \n b'],
    ['HTML comments (truncate markers)', 'intro\n\n<!-- truncate -->\n\nmore', 'intro\n\n\n\nmore'],
  ])('removes %s', (_name, input, expected) => {
    expect(stripMdx(input)).toBe(expected);
  });

  it.each<[string, string]>([
    ['lower-case HTML', 'a <b>bold</b> <div class="x">y</div>'],
    ['code spans', 'use `<Tabs>` and ``<Foo />`` here'],
    ['fenced code', '```jsx\nimport X from "x";\n<Tabs>\n```\n~~~\n<Foo/>\n~~~'],
    ['escaped brackets and comparisons', 'a \\<Foo> and 1 < 2 and x<y'],
    ['an unclosed component name', 'a <Foo never closes\n\nnext paragraph'],
    ['import inside a paragraph', 'text\nimport this line is prose'],
    ['autolinks and emails', '<https://example.com> <me@example.com>'],
  ])('keeps %s', (_name, input) => {
    expect(stripMdx(input)).toBe(input);
  });

  it('stays linear on hostile input', () => {
    const hostile = `${'<A '.repeat(100_000)}\n${'{/* '.repeat(50_000)}`;
    const started = performance.now();
    stripMdx(hostile);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

describe('dropHeadingIds', () => {
  it.each<[string, string]>([
    ['## ⚛️ React {#react}\n', '## ⚛️ React\n'],
    ['# [Did you know?](#tips) {#tips}', '# [Did you know?](#tips)'],
    ['### Title {#id .class key=v} ###', '### Title ###'],
    ['Setext {#s}\n===\n', 'Setext\n===\n'],
    ['Sub {#s}\n---', 'Sub\n---'],
  ])('%j', (input, expected) => {
    expect(dropHeadingIds(input)).toBe(expected);
  });

  it.each(['text {#not-a-heading}\n', '```\n# comment {#x}\n```', '## Title{#glued}', 'a {#x} b\n## H'])('leaves %j alone', (input) => {
    expect(dropHeadingIds(input)).toBe(input);
  });
});

describe('MDX files are digests', () => {
  it('extends the extension rule the scanner and digestKey use', () => {
    expect(isMarkdownPath('website/newsletter/219/index.mdx')).toBe(true);
    expect(isMarkdownPath('a/B.MDX')).toBe(true);
    expect(isMdxPath('a/b.md')).toBe(false);
    expect(digestKey('newsletter/219/index.mdx')).toBe('newsletter/219/index');
  });

  const MDX = [
    '---',
    'slug: /219',
    'title: "This Week In React #219: CRA, Next.js"',
    'date: 01-29-2025',
    '---',
    '',
    'Hi everyone!',
    '',
    '<!-- truncate -->',
    '',
    'import Support from "../_support.mdx";',
    '',
    '<Support />',
    '',
    '## ⚛️ React {#react}',
    '',
    '<Tabs>',
    '<TabItem value="a">',
    '',
    '### Inside a tab {#tab}',
    '',
    '- [Link](https://example.com) <Badge>new</Badge>',
    '',
    '</TabItem>',
    '</Tabs>',
    '',
    '<SubscribeFormEmbed placement="middle" />',
    '',
  ].join('\n');

  it('reads metadata, sections and text without what MDX adds', () => {
    const d = parseDigest(MDX, 'website/newsletter/219/index.mdx');
    expect(d.title).toBe('This Week In React #219: CRA, Next.js');
    expect([d.date, d.dateSource, d.dateOrder, d.number]).toEqual(['2025-01-29', 'front-matter', 'month-first', 219]);
    expect(d.sections.map((s) => [s.heading, s.headingPath, s.text])).toEqual([
      ['', [], 'Hi everyone!'],
      ['⚛️ React', ['⚛️ React'], ''],
      ['Inside a tab', ['⚛️ React', 'Inside a tab'], 'Link new'],
    ]);
    expect(d.body).not.toMatch(/import|<Support|<Tabs|truncate|\{#/);
    // Offsets point into the stored (stripped) body, and its slices still tile it.
    expect(d.sections.map((s) => d.body.slice(s.start, s.end)).join('')).toBe(d.body);
    expect(d.body.slice(d.sections[2]!.start).startsWith('### Inside a tab\n')).toBe(true);
  });

  it('gives both engines the same sections, links and text', () => {
    expect(compareEngines(MDX, 'x/219/index.mdx')).toEqual([]);
  });

  it('strips MDX only from .mdx files, and heading ids from every file', () => {
    const text = 'import X from "y";\n\n## Title {#t}\n';
    const md = parseDigest(text, 'a.md');
    expect(md.sections.map((s) => [s.heading, s.text])).toEqual([
      ['', 'import X from "y";'],
      ['Title', ''],
    ]);
    expect(parseDigest(text, 'a.mdx').sections.map((s) => s.heading)).toEqual(['Title']);
  });

  it('keeps a truncate marker out of the text of a .md file too', () => {
    expect(parseDigest('intro\n\n<!-- truncate -->\n\nmore', 'a.md').sections[0]!.text).toBe('intro\nmore');
  });
});
