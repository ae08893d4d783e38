import { afterEach, describe, expect, it } from 'vitest';
import { parseDigest, plainTextDigest } from '../../src/core/parse/parse.js';
import type { ParsedDigest } from '../../src/core/types.js';

const canary = globalThis as { __almanacCanary?: unknown };

afterEach(() => {
  delete canary.__almanacCanary;
});

/** Section slices must tile the body: concatenated they give it back exactly. */
function expectTiling(d: ParsedDigest): void {
  if (d.sections.length === 0) {
    // Only a blank body has no sections.
    expect(d.body.trim()).toBe('');
    return;
  }
  expect(d.sections.map((s) => d.body.slice(s.start, s.end)).join('')).toBe(d.body);
  d.sections.forEach((s, i) => {
    expect(s.ordinal).toBe(i);
    if (i > 0) expect(s.start).toBe(d.sections[i - 1]!.end);
  });
}

function slices(d: ParsedDigest): string[] {
  return d.sections.map((s) => d.body.slice(s.start, s.end));
}

const SEED = `---
title: 2026年2月第一周AI及科技新闻周报
description:
date: 2026-02-06
scheduled: 2026-02-06
tags:
  - AI
  - Jeremy
layout: layouts/post.njk
---
本周，全球AI技术与产业迎来多项突破。以下为本周焦点新闻。

---

## 亮点回顾

- OpenAI发布了性能提升25%的**GPT-5.3-Codex**编程模型。
- Anthropic同步推出百万级上下文**Claude Opus 4.6**。

---

## 深度报道与点评

### 1. OpenAI 与 Anthropic 旗舰模型新纪元

OpenAI发布了**GPT-5.3-Codex**，速度提升25%。

#### 细节

两款模型各有千秋。

### 2. 开源大模型和多模态生态的发展

Moonshot发布的**Kimi K2.5**成为开源领域焦点。

---

- [AI news summary — 2026-06](../weekly_news/news_2026_06)
`;

describe('parseDigest: a seed-like digest', () => {
  const d = parseDigest(SEED, 'weekly/2026-02-06-ai-weekly.md');

  it('reads the front matter fields', () => {
    expect(d.title).toBe('2026年2月第一周AI及科技新闻周报');
    expect(d.date).toBe('2026-02-06');
    expect(d.tags).toEqual(['AI', 'Jeremy']);
    expect(d.description).toBeNull();
    expect(d.meta).toEqual({ scheduled: '2026-02-06', layout: 'layouts/post.njk' });
    expect(d.warnings).toEqual([]);
    expect(d.body.startsWith('本周，全球AI')).toBe(true);
  });

  it('splits sections with heading paths', () => {
    expect(d.sections.map((s) => [s.ordinal, s.level, s.heading, s.headingPath])).toEqual([
      [0, 0, '', []],
      [1, 2, '亮点回顾', ['亮点回顾']],
      [2, 2, '深度报道与点评', ['深度报道与点评']],
      [3, 3, '1. OpenAI 与 Anthropic 旗舰模型新纪元', ['深度报道与点评', '1. OpenAI 与 Anthropic 旗舰模型新纪元']],
      [4, 3, '2. 开源大模型和多模态生态的发展', ['深度报道与点评', '2. 开源大模型和多模态生态的发展']],
    ]);
  });

  it('gives each section its plain text without the heading', () => {
    expect(d.sections.map((s) => s.text)).toEqual([
      '本周，全球AI技术与产业迎来多项突破。以下为本周焦点新闻。',
      'OpenAI发布了性能提升25%的GPT-5.3-Codex编程模型。\nAnthropic同步推出百万级上下文Claude Opus 4.6。',
      '',
      'OpenAI发布了GPT-5.3-Codex，速度提升25%。\n细节\n两款模型各有千秋。',
      'Moonshot发布的Kimi K2.5成为开源领域焦点。\nAI news summary — 2026-06',
    ]);
  });

  it('gives exact source slices that tile the body', () => {
    expectTiling(d);
    expect(slices(d)[2]).toBe('## 深度报道与点评\n\n');
    expect(slices(d)[3]).toMatch(/^### 1\. OpenAI 与 Anthropic 旗舰模型新纪元\n\n[\s\S]*#### 细节\n\n两款模型各有千秋。\n\n$/);
    expect(d.sections[4]!.end).toBe(d.body.length);
  });

  it('collects the closing link in its section', () => {
    expect(d.links).toEqual([{ href: '../weekly_news/news_2026_06', text: 'AI news summary — 2026-06', section: 4 }]);
  });
});

describe('parseDigest: title', () => {
  it('prefers front matter, converting numbers', () => {
    expect(parseDigest('---\ntitle: My Week\n---\n# H1\n', 'x.md').title).toBe('My Week');
    expect(parseDigest('---\ntitle: 2026\n---\n# H1\n', 'x.md').title).toBe('2026');
    expect(parseDigest('---\ntitle: |\n  Two\n  lines\n---\n', 'x.md').title).toBe('Two lines');
  });

  it('falls back to a level-1 heading that is the first and only one of the body', () => {
    const text = '> # Quoted H1\n\nlead\n\n# 第一 *标题*\n\n## Two\n';
    expect(parseDigest(text, 'x.md').title).toBe('第一 标题');
    expect(parseDigest(`${text}\n# Second\n`, 'x.md').title).toBe('x');
    expect(parseDigest('---\ntitle: ""\n---\n# From H1\n', 'x.md').title).toBe('From H1');
    // A "#" heading after "##" ones is a section (This Week in Rust's "Quote of the Week"), not the title.
    expect(parseDigest('## Updates\n\n# Quote of the Week\n', 'twir-528.md').title).toBe('twir-528');
  });

  it('falls back to the file name without extension', () => {
    expect(parseDigest('## Only h2\n', 'weekly/issue-150.md').title).toBe('issue-150');
    expect(parseDigest('', 'notes/周报.markdown').title).toBe('周报');
  });

  it('warns about a title that is not text', () => {
    const d = parseDigest('---\ntitle: [a, b]\n---\n# H\n', 'x.md');
    expect(d.title).toBe('H');
    expect(d.warnings).toEqual(['title ["a","b"] is not text; ignored']);
  });
});

describe('parseDigest: date', () => {
  it('reads a YAML date, a quoted string and other written forms', () => {
    expect(parseDigest('---\ndate: 2026-02-06\n---\n', 'x.md').date).toBe('2026-02-06');
    expect(parseDigest("---\ndate: '2026-02-06'\n---\n", 'x.md').date).toBe('2026-02-06');
    expect(parseDigest('---\ndate: 2026/2/6\n---\n', 'x.md').date).toBe('2026-02-06');
  });

  it('keeps the written day of a zoned date-time', () => {
    // As a Date this is 2026-02-05T17:00Z; the author meant Feb 6.
    expect(parseDigest('---\ndate: 2026-02-06T01:00:00+08:00\n---\n', 'x.md').date).toBe('2026-02-06');
  });

  it('falls back to the file name', () => {
    expect(parseDigest('text', 'weekly/2026-02-06.md').date).toBe('2026-02-06');
    expect(parseDigest('---\ndate:\n---\ntext', 'weekly/2026_02_06.md').date).toBe('2026-02-06');
    expect(parseDigest('text', 'weekly_news/news_2026_06.md').date).toBe('2026-02-02');
    expect(parseDigest('text', 'issue-150.md').date).toBeNull();
  });

  it('warns about an invalid date and uses the file name instead', () => {
    const d = parseDigest('---\ndate: 2026-13-45\n---\ntext', 'weekly/2026-02-06.md');
    expect(d.date).toBe('2026-02-06');
    expect(d.warnings).toEqual(["invalid date '2026-13-45' (no such day) in front matter; date taken from file name (2026-02-06)"]);
  });

  it('warns about an invalid date with no fallback', () => {
    const d = parseDigest("---\ndate: 'Feb 30'\n---\ntext", 'issue-1.md');
    expect(d.date).toBeNull();
    expect(d.warnings).toEqual(["invalid date 'Feb 30' (no year) in front matter; the digest has no date"]);
    const d2 = parseDigest('---\ndate: [2026]\n---\n', 'issue-1.md');
    expect(d2.warnings).toEqual(['invalid date [2026] (not a date) in front matter; the digest has no date']);
    const leap = parseDigest("---\ndate: '2021-02-29'\n---\n", 'issue-1.md');
    expect([leap.date, leap.dateSource]).toEqual([null, 'none']);
    expect(leap.warnings).toEqual(["invalid date '2021-02-29' (no such day) in front matter; the digest has no date"]);
  });
});

describe('parseDigest: tags, description, meta', () => {
  it('normalises tags from a list with junk in it', () => {
    const d = parseDigest(
      '---\ntags:\n  - AI\n  - "#LLM"\n  - 2021\n  - {nested: x}\n  -\n  - ai\n  - "  "\n---\n',
      'x.md',
    );
    expect(d.tags).toEqual(['AI', 'LLM', '2021']);
    expect(d.warnings).toEqual(['tag {"nested":"x"} is not text; dropped', 'tag null is not text; dropped']);
  });

  it('reads comma-separated tags, and merges `tag` with `tags`', () => {
    expect(parseDigest('---\ntags: "AI, #开源, ai"\n---\n', 'x.md').tags).toEqual(['AI', '开源']);
    // Unquoted, YAML reads " #..." as a comment.
    expect(parseDigest('---\ntags: AI, #开源\n---\n', 'x.md').tags).toEqual(['AI']);
    const single = parseDigest('---\ntag: rust\n---\n', 'x.md');
    expect(single.tags).toEqual(['rust']);
    expect(single.meta).toEqual({});
    const both = parseDigest('---\ntags: [a]\ntag: b\n---\n', 'x.md');
    expect(both.tags).toEqual(['a', 'b']);
    expect(both.meta).toEqual({});
  });

  it('reads field keys case-insensitively, the exact spelling first', () => {
    const d = parseDigest('---\nTitle: Upper\nDate: 2026-02-06\nTags: [A]\nDescription: D\ntitle: lower\n---\n', 'x.md');
    expect([d.title, d.date, d.tags, d.description]).toEqual(['lower', '2026-02-06', ['A'], 'D']);
    expect(d.meta).toEqual({ Title: 'Upper' });
    const bad = parseDigest('---\nDate: 2026-13-45\n---\n', 'x.md');
    expect(bad.warnings).toEqual(["invalid date '2026-13-45' (no such day) in front matter; the digest has no date"]);
  });

  it('reads a description and keeps other keys JSON-safe in meta', () => {
    const d = parseDigest(
      '---\ndescription: "  一周要闻 "\nscheduled: 2026-02-06\nupdated: 2026-02-06T10:00:00Z\nauthors: [A, B]\ndraft: false\n---\n',
      'x.md',
    );
    expect(d.description).toBe('一周要闻');
    expect(d.meta).toEqual({
      scheduled: '2026-02-06',
      updated: '2026-02-06T10:00:00.000Z',
      authors: ['A', 'B'],
      draft: false,
    });
    expect(JSON.parse(JSON.stringify(d.meta))).toEqual(d.meta);
  });
});

describe('parseDigest: hostile front matter', () => {
  it('never evaluates ---js front matter and still indexes the body', () => {
    const d = parseDigest('---js\n{ title: (globalThis.__almanacCanary = 1, "pwned") }\n---\n# Safe\n\nbody', 'x.md');
    expect(canary.__almanacCanary).toBeUndefined();
    expect(d.title).toBe('Safe');
    expect(d.warnings).toEqual(["front matter language 'js' is not supported; ignored"]);
    expect(d.sections.map((s) => s.text)).toEqual(['body']);
  });

  it('ignores an alias bomb with a warning and indexes the body', () => {
    const names = 'abcdefghi';
    const lines = ['a: &a [x,x,x,x,x,x,x,x,x]'];
    for (let i = 1; i < 9; i++) lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(',')}]`);
    const d = parseDigest(`---\n${lines.join('\n')}\n---\n## Body\n\ntext`, 'weekly/2026-02-06.md');
    expect(d.meta).toEqual({});
    expect(d.date).toBe('2026-02-06');
    expect(d.warnings).toEqual(['front matter holds more than 50000 values (YAML aliases expanding?); ignored']);
    expect(d.sections.map((s) => s.heading)).toEqual(['Body']);
  });

  it('reports malformed YAML and keeps the body', () => {
    const d = parseDigest('---\ntitle: [unclosed\n---\n## Kept\n\ntext', 'x.md');
    expect(d.title).toBe('x');
    expect(d.warnings).toHaveLength(1);
    expect(d.warnings[0]).toMatch(/^front matter is not valid YAML \(line \d+, column \d+: .+\); ignored$/);
    expect(d.sections.map((s) => [s.heading, s.text])).toEqual([['Kept', 'text']]);
  });
});

describe('parseDigest: body structure', () => {
  it('handles an empty file and a front-matter-only file', () => {
    const empty = parseDigest('', 'weekly/2026-02-06.md');
    expect(empty).toEqual({
      title: '2026-02-06',
      date: '2026-02-06',
      dateSource: 'file-name',
      datePrecision: 'day',
      dateOrder: null,
      dateAlternative: null,
      number: null,
      tags: [],
      description: null,
      meta: {},
      body: '',
      sections: [],
      links: [],
      mentions: [],
      warnings: [],
    });
    const fmOnly = parseDigest('---\ntitle: T\n---\n', 'x.md');
    expect(fmOnly.title).toBe('T');
    expect(fmOnly.body).toBe('');
    expect(fmOnly.sections).toEqual([]);
  });

  it('omits a whitespace-only lead but keeps the body tiled', () => {
    const d = parseDigest('---\ntitle: T\n---\n\n\n## First\n\ntext\n', 'x.md');
    expect(d.sections.map((s) => s.heading)).toEqual(['First']);
    expect(d.sections[0]!.start).toBe(0);
    expectTiling(d);
  });

  it('keeps a lead with text as section 0 at level 0', () => {
    const d = parseDigest('Intro line.\n\n# Title\n\nBody.\n', 'x.md');
    expect(d.sections.map((s) => [s.level, s.heading, s.text])).toEqual([
      [0, '', 'Intro line.'],
      [1, 'Title', 'Body.'],
    ]);
    expect(slices(d)).toEqual(['Intro line.\n\n', '# Title\n\nBody.\n']);
  });

  it('makes a headingless body one lead section', () => {
    const d = parseDigest('Just text,\nno headings.', 'x.md');
    expect(d.sections).toEqual([
      { ordinal: 0, heading: '', level: 0, headingPath: [], text: 'Just text,\nno headings.', start: 0, end: 23, date: null, datePrecision: null },
    ]);
  });

  it('splits at setext headings and indented ATX headings', () => {
    const body = 'Top\n===\n\ntext a\n\nSub part\n--------\n\ntext b\n\n   ### Indented\ntext c\n';
    const d = parseDigest(body, 'x.md');
    expect(d.sections.map((s) => [s.level, s.heading, s.headingPath, s.text])).toEqual([
      [1, 'Top', ['Top'], 'text a'],
      [2, 'Sub part', ['Top', 'Sub part'], 'text b'],
      [3, 'Indented', ['Top', 'Sub part', 'Indented'], 'text c'],
    ]);
    expect(slices(d)).toEqual(['Top\n===\n\ntext a\n\n', 'Sub part\n--------\n\ntext b\n\n', '   ### Indented\ntext c\n']);
  });

  it('does not split at headings in block quotes, lists, code or at level 4+', () => {
    const body = [
      '## Outer',
      '',
      '> ## Quoted heading',
      '> quoted text',
      '',
      '- item',
      '  ## List heading',
      '',
      '```md',
      '## Not a heading',
      '```',
      '',
      '#### Deep',
      '',
      'deep text',
      '',
    ].join('\n');
    const d = parseDigest(body, 'x.md');
    expect(d.sections).toHaveLength(1);
    expect(d.sections[0]!.text).toBe(
      'Quoted heading\nquoted text\nitem\nList heading\n## Not a heading\nDeep\ndeep text',
    );
  });

  it('rebuilds heading paths when levels go back up', () => {
    const d = parseDigest('# A\n### A1\n## B\n### B1\n# C\n### C1\n', 'x.md');
    expect(d.sections.map((s) => s.headingPath)).toEqual([['A'], ['A', 'A1'], ['A', 'B'], ['A', 'B', 'B1'], ['C'], ['C', 'C1']]);
  });

  it('collects text from tables, code, images, link text and HTML', () => {
    const body = [
      '## Mixed 混合',
      '',
      '| 模型 | Vendor |',
      '|---|---|',
      '| Claude Opus 4.6 | Anthropic |',
      '',
      '```js',
      'const x = "GPT-5.3-Codex";',
      '```',
      '',
      '![示意图 diagram](d.png) see [官方 blog](https://x.example) and `inline()`<br>next',
      '',
      '<div class="note"><p>HTML 块 text</p></div>',
      '',
      '<script>var hidden = 1;</script>',
      '',
      '<!-- a comment -->',
      '',
    ].join('\n');
    const d = parseDigest(body, 'x.md');
    expect(d.sections[0]!.text).toBe(
      [
        '模型\tVendor',
        'Claude Opus 4.6\tAnthropic',
        'const x = "GPT-5.3-Codex";',
        '示意图 diagram see 官方 blog and inline()next',
        'HTML 块 text',
      ].join('\n'),
    );
  });

  it('counts offsets in UTF-16 units with emoji and CJK', () => {
    const body = '😀 表情 emoji 文字\n\n## 第二节 🚀\n\n内容 content\n';
    const d = parseDigest(body, 'x.md');
    expect(slices(d)).toEqual(['😀 表情 emoji 文字\n\n', '## 第二节 🚀\n\n内容 content\n']);
    expect(d.sections[1]!.heading).toBe('第二节 🚀');
  });

  it('normalises CRLF and a byte-order mark before computing offsets', () => {
    const d = parseDigest('\uFEFF---\r\ntitle: T\r\n---\r\n## A\r\n\r\ntext\r\n', 'x.md');
    expect(d.title).toBe('T');
    expect(d.body).toBe('## A\n\ntext\n');
    expect(d.sections.map((s) => [s.heading, s.text])).toEqual([['A', 'text']]);
    expectTiling(d);
  });

  it('survives deeply nested block quotes', () => {
    const body = `## Deep\n\n${'>'.repeat(3000)} bottom text\n`;
    const d = parseDigest(body, 'x.md');
    expect(d.sections[0]!.text).toBe('bottom text');
  });
});

describe('parseDigest: generated documents', () => {
  // A small deterministic PRNG (mulberry32), so a failure reproduces.
  function rng(seed: number): () => number {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const FRAGMENTS = [
    '# 标题 One\n',
    '## Section 二\n',
    '### Sub 3\n',
    '#### Deep 4\n',
    '  ## Indented\n',
    'Setext 标题\n===\n',
    'Setext two\n---\n',
    '---\n',
    '\n',
    '\n\n',
    '本周 OpenAI 发布 GPT-5.3-Codex。\n',
    'Plain English [link](../x.md) text.\n',
    '- item\n  ## in list\n',
    '> ## quoted\n> text\n',
    '```\n## in code\n',
    '```\n',
    '| a | b |\n|---|---|\n| 1 | 2 |\n',
    '<div>\n## in html\n</div>\n',
    '[ref]: https://example.com\n',
    '😀 emoji line\n',
    '   ',
  ];

  it('always tiles the body and starts each section at its heading', () => {
    const next = rng(20260206);
    for (let doc = 0; doc < 300; doc++) {
      let body = '';
      const n = 1 + Math.floor(next() * 14);
      for (let i = 0; i < n; i++) body += FRAGMENTS[Math.floor(next() * FRAGMENTS.length)];
      const d = parseDigest(body, 'x.md');
      expectTiling(d);
      d.sections.forEach((s, i) => {
        expect(s.level).toBeLessThanOrEqual(3);
        if (s.level === 0) {
          expect(i).toBe(0);
          expect(s.headingPath).toEqual([]);
          return;
        }
        expect(s.headingPath[s.headingPath.length - 1]).toBe(s.heading);
        // Section 0 may begin with the omitted lead's whitespace.
        const slice = d.body.slice(s.start, s.end);
        const fromHeading = i === 0 ? slice.replace(/^\s*\n/, '') : slice;
        const startsAtHeading = /^ {0,3}#/.test(fromHeading) || /\n {0,3}(?:=+|-+)[ \t]*(?:\n|$)/.test(fromHeading);
        expect(startsAtHeading, JSON.stringify({ body, slice })).toBe(true);
      });
    }
  });
});

describe('plainTextDigest', () => {
  it('keeps front matter and makes the body one lead section', () => {
    const text = '---\ntitle: Slow\ntags: [a]\n---\n## Not split\n\n[not](collected.md)\n';
    const d = plainTextDigest(text, 'weekly/2026-02-06.md', 'Markdown parse took longer than 10000 ms; indexed as plain text');
    expect(d).toEqual({
      title: 'Slow',
      date: '2026-02-06',
      dateSource: 'file-name',
      datePrecision: 'day',
      dateOrder: null,
      dateAlternative: null,
      number: null,
      tags: ['a'],
      description: null,
      meta: {},
      body: '## Not split\n\n[not](collected.md)\n',
      sections: [
        {
          ordinal: 0,
          heading: '',
          level: 0,
          headingPath: [],
          text: '## Not split\n\n[not](collected.md)\n',
          start: 0,
          end: 34,
          date: null,
          datePrecision: null,
        },
      ],
      links: [],
      mentions: [],
      warnings: ['Markdown parse took longer than 10000 ms; indexed as plain text'],
    });
  });

  it('puts front matter warnings before the reason', () => {
    const d = plainTextDigest('---js\nx\n---\nbody', 'x.md', 'too slow');
    expect(d.title).toBe('x');
    expect(d.warnings).toEqual(["front matter language 'js' is not supported; ignored", 'too slow']);
  });
});
