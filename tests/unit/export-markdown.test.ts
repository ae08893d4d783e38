import { describe, expect, it } from 'vitest';
import matter from 'gray-matter';
import { buildMarkdownExport, type ExportPart } from '../../src/core/export/index.js';
import { rebaseSection } from '../../src/core/export/rebase-headings.js';
import { rewriteRelativeLinks } from '../../src/core/export/rewrite-links.js';
import { W05_OPEN_SOURCE, W05_QUOTE, W06_MODELS, W07_QUOTE } from './export-fixtures.js';

const SELECTION = [W06_MODELS, W07_QUOTE, W05_OPEN_SOURCE, W05_QUOTE];

const W05_OPEN_SOURCE_OUT = `### 开源

*Source: AI 周刊 第 5 期 · 2026-01-30 · 2026-W05 · \`weekly/2026-01-30.md\`*

Claude Opus 4.6 *开源*工具。

#### 子节

~~~
# fenced
~~~`;

const W06_MODELS_BODY = `GPT-5.3-Codex 发布，见 上周 (vault: \`weekly/2026-01-30.md\`) 与 AI news — 2026-06 (vault: \`weekly_news/news_2026_06\`)。

#### 细节

\`\`\`bash
# not a heading
## neither
\`\`\`

##### 更深

###### 最深

#### Setext 小节

图 (vault: \`weekly/img/a.png\`) [外链](https://example.com)`;

describe('buildMarkdownExport', () => {
  it('orders by date, groups by week, rebases headings, cites sources and drops an identical duplicate', () => {
    const expected = `# Almanac export

3 sections from 2 digests, 2026-W05 – 2026-W06.

## 2026-W05 · AI 周刊 第 5 期

${W05_OPEN_SOURCE_OUT}

### 每周一句

*Source: AI 周刊 第 5 期 · 2026-01-30 · 2026-W05 · \`weekly/2026-01-30.md\`*

*Identical section also in: AI 周刊 第 7 期 · 2026-02-13 · 2026-W07 · \`weekly/2026-02-13.md\`*

> 慢即是快。

## 2026-W06 · AI 周刊 第 6 期

### 模型发布

*Source: AI 周刊 第 6 期 · 2026-02-06 · 2026-W06 · \`weekly/2026-02-06.md\`*

${W06_MODELS_BODY}
`;
    expect(buildMarkdownExport(SELECTION)).toBe(expected);
  });

  it('keeps the given order, groups by heading, without source notes or de-duplication', () => {
    const expected = `# Almanac export

4 sections from 3 digests, 2026-W05 – 2026-W07.

## 模型发布

### 模型发布

${W06_MODELS_BODY}

## 每周一句

### 每周一句

> 慢即是快。

### 每周一句

> 慢即是快。

## 开源

### 开源

Claude Opus 4.6 *开源*工具。

#### 子节

~~~
# fenced
~~~
`;
    expect(buildMarkdownExport(SELECTION, { order: 'given', groupBy: 'heading', sourceNotes: false, dedupe: false })).toBe(expected);
  });

  it('in the given order, a week seen again joins its first group', () => {
    const w06: ExportPart = { ...W06_MODELS, markdown: '## 模型发布\n\n正文。\n' };
    const w05: ExportPart = { ...W05_OPEN_SOURCE, markdown: '# 开源\n\n正文。\n' };
    const out = buildMarkdownExport([W05_QUOTE, w06, w05], { order: 'given', sourceNotes: false });
    const headings = out.split('\n').filter((l) => /^#{1,3} /.test(l));
    expect(headings).toEqual([
      '# Almanac export',
      '## 2026-W05 · AI 周刊 第 5 期',
      '### 每周一句',
      '### 开源',
      '## 2026-W06 · AI 周刊 第 6 期',
      '### 模型发布',
    ]);
  });

  it('writes YAML front matter that reads back exactly, whatever the title and query hold', () => {
    const hostile: ExportPart = {
      ...W05_QUOTE,
      digestTitle: 'a: "b" #c\n- d \u2028 e\u0085 \\ \'q\'',
      digestPath: 'weekly/x: y.md',
    };
    const query = 'tag:ai "GPT-5" --- \n...';
    const out = buildMarkdownExport([hostile, W06_MODELS], { frontMatter: true, query, title: 'T: {x}' });
    expect(out.startsWith('---\n')).toBe(true);
    const fm = matter(out, { engines: { js: () => ({}), javascript: () => ({}) } } as never).data;
    expect(fm).toEqual({
      title: 'T: {x}',
      query,
      sources: [
        {
          path: 'weekly/x: y.md',
          title: hostile.digestTitle,
          date: '2026-01-30',
          week: '2026-W05',
          sections: ['每周一句'],
        },
        { path: 'weekly/2026-02-06.md', title: 'AI 周刊 第 6 期', date: '2026-02-06', week: '2026-W06', sections: ['模型发布'] },
      ],
    });
    expect(out).toContain('\n# T: {x}\n');
    expect(out).toContain('Query: `tag:ai "GPT-5" --- ...`');
  });

  it('escapes Markdown in titles it writes, so a title cannot become markup', () => {
    const part: ExportPart = { ...W05_QUOTE, digestTitle: '*bold* [x](javascript:1) <b> # 1', week: null, date: null };
    const out = buildMarkdownExport([part]);
    expect(out).toContain('## \\*bold\\* \\[x\\](javascript:1) \\<b\\> \\# 1\n');
    expect(out).toContain('*Source: \\*bold\\* \\[x\\](javascript:1) \\<b\\> \\# 1 · `weekly/2026-01-30.md`*');
    expect(out).toContain('1 section from 1 digest.');
  });

  it('gives a lead section (no heading) the digest title as its H3', () => {
    const lead: ExportPart = { ...W05_QUOTE, heading: '', headingPath: [], level: 0, ordinal: 0, markdown: '本期导读。\n\n#### 小标题\n' };
    const out = buildMarkdownExport([lead], { sourceNotes: false });
    expect(out).toContain('\n### AI 周刊 第 5 期\n\n本期导读。\n\n#### 小标题\n');
  });

  it('closes a code fence left open at the end of a section, so it cannot swallow the next one', () => {
    const open: ExportPart = { ...W05_QUOTE, markdown: '## 代码\n\n```js\nconst a = 1;\n' };
    const out = buildMarkdownExport([open, W06_MODELS], { sourceNotes: false });
    expect(out).toContain('```js\nconst a = 1;\n```\n\n## 2026-W06');
  });
});

describe('rebaseSection', () => {
  it('caps deep headings at H6 and keeps every heading below the part heading', () => {
    const md = '# Top\n\n# Again\n\n###### six\n\n> ## quoted\n';
    expect(rebaseSection(md, 1, 'x')).toEqual({ heading: '### Top', body: '#### Again\n\n###### six\n\n> #### quoted', plain: null });
  });

  it('turns a setext own heading into ATX and keeps a trailing # in its text', () => {
    expect(rebaseSection('Title #\n===\n\nbody\n', 1, 'x')).toEqual({ heading: '### Title \\#', body: 'body', plain: null });
  });

  it('never touches # in indented code, HTML blocks or paragraphs', () => {
    const md = '## H\n\n    # indented code\n\n<div>\n# html\n</div>\n\ntext\n# real\n';
    expect(rebaseSection(md, 2, 'x').body).toBe('    # indented code\n\n<div>\n# html\n</div>\n\ntext\n#### real');
  });
});

describe('relative links', () => {
  it('resolves hrefs against the digest folder, keeps only the text of links leaving the vault', () => {
    const rewrite = (href: string): string => rewriteRelativeLinks(`[t](${href})`, 'weekly/2026-02-06.md');
    expect(rewrite('../weekly_news/news_2026_06')).toBe('t (vault: `weekly_news/news_2026_06`)');
    expect(rewrite('./a%20b.md?x=1#top')).toBe('t (vault: `weekly/a b.md`)');
    expect(rewrite('/notes/x.md')).toBe('t (vault: `notes/x.md`)');
    expect(rewrite('../../etc/passwd')).toBe('t');
    expect(rewrite('#section')).toBe('t');
    expect(rewrite('https://example.com')).toBe('[t](https://example.com)');
    expect(rewrite('javascript:alert(1)')).toBe('[t](javascript:alert(1))');
  });

  it('points links to a digest of the export at its anchor when asked (HTML)', () => {
    const anchors = new Map([['weekly/2026-01-30', 'g1']]);
    const md = '[上周](./2026-01-30.md#开源) [W05][r] [other](./2026-01-23.md)\n\n[r]: 2026-01-30\n';
    expect(rewriteRelativeLinks(md, 'weekly/2026-02-06.md', (key) => anchors.get(key) ?? null)).toBe(
      '[上周](#g1) [W05](#g1) other (vault: `weekly/2026-01-23.md`)\n\n\n',
    );
  });

  it('unlinks relative links, images and references; keeps absolute ones and text inside code', () => {
    const md = [
      '[a *b*](x.md) [web](https://e.com) [![pic](i.png)](y.md) [ref][r] `[c](z.md)` [frag](#top) [out](../../up.md)',
      '',
      '[r]: ./r.md',
      '',
    ].join('\n');
    expect(rewriteRelativeLinks(md, 'weekly/w.md')).toBe(
      [
        'a *b* (vault: `weekly/x.md`) [web](https://e.com) pic (vault: `weekly/i.png`) (vault: `weekly/y.md`) ref (vault: `weekly/r.md`) `[c](z.md)` frag out',
        '',
        '',
        '',
      ].join('\n'),
    );
  });
});
