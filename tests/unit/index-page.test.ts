/** The index-page date source's scanner (index/index-page.ts): which links a page lists under which dated heading. */
import { describe, expect, it } from 'vitest';
import { lineHrefs, MAX_INDEX_ENTRIES, scanIndexPage } from '../../src/core/index/index-page.js';

/** href -> "date precision" of every entry. */
function dated(text: string): Record<string, string> {
  return Object.fromEntries(scanIndexPage(text).map((e) => [e.href, `${e.date} ${e.precision}`]));
}

const RUANYF = `# 科技爱好者周刊

记录每周值得分享的科技内容，周五发布。

## 2024

**四月**

- [第 300 期：为什么不买房](docs/issue-300.md)
- [第 299 期：我们会死于气候灾难吗](docs/issue-299.md)

**三月**

- [第 298 期：轻量级人工智能](docs/issue-298.md)

## 2023

**十二月**

- [第 280 期：AI 的准确性](docs/issue-280.md)
`;

describe('scanIndexPage', () => {
  it("reads ruanyf/weekly's README: a year heading, bold month lines, list items", () => {
    expect(dated(RUANYF)).toEqual({
      'docs/issue-300.md': '2024-04-01 month',
      'docs/issue-299.md': '2024-04-01 month',
      'docs/issue-298.md': '2024-03-01 month',
      'docs/issue-280.md': '2023-12-01 month',
    });
  });

  it.each<[string, string, Record<string, string>]>([
    [
      'year-month headings',
      '# Archive\n\n### 2024-04\n\n- [a](a.md)\n- [b](b.md)\n\n### 2024-03\n\n- [c](c.md)\n',
      { 'a.md': '2024-04-01 month', 'b.md': '2024-04-01 month', 'c.md': '2024-03-01 month' },
    ],
    [
      'month names with the year',
      '## April 2024\n\n* [a](w/a)\n* [b](w/b)\n\n## March 2024\n\n* [c](w/c)\n',
      { 'w/a': '2024-04-01 month', 'w/b': '2024-04-01 month', 'w/c': '2024-03-01 month' },
    ],
    [
      'a heading that names a day dates its links to that day; a year alone to the year',
      '## 2024\n\n- [y](y.md)\n\n### 2024-04-05\n\n- [a](a.md) and [b](b.md "title")\n',
      { 'y.md': '2024-01-01 year', 'a.md': '2024-04-05 day', 'b.md': '2024-04-05 day' },
    ],
    [
      'month headings without a year take it from the enclosing heading',
      '## 2023\n\n### 十二月\n\n- [a](a.md)\n- [b](b.md)\n\n## 2024\n\n### 一月\n\n- [c](c.md)\n',
      { 'a.md': '2023-12-01 month', 'b.md': '2023-12-01 month', 'c.md': '2024-01-01 month' },
    ],
    [
      'an undated heading inside a dated one keeps its date; one beside it ends it',
      '## 2024\n\n### Highlights\n\n- [a](a.md)\n- [b](b.md)\n- [c](c.md)\n\n## Contributing\n\n- [guide](CONTRIBUTING.md)\n',
      { 'a.md': '2024-01-01 year', 'b.md': '2024-01-01 year', 'c.md': '2024-01-01 year' },
    ],
    [
      'links in code blocks, external links and anchors are not entries',
      '## 2024\n\n```\n[x](code.md)\n```\n\n- [ext](https://example.com/a.md) [mail](mailto:a@b.c) [top](#top) [net](//host/a.md)\n- [a](a.md) [b](b.md) [c](c.md)\n',
      { 'a.md': '2024-01-01 year', 'b.md': '2024-01-01 year', 'c.md': '2024-01-01 year' },
    ],
  ])('%s', (_why, text, expected) => {
    expect(dated(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ['fewer than three distinct links', '## 2024\n\n- [a](a.md)\n- [b](b.md)\n- [a again](a.md)\n'],
    ['links under no dated heading', '# Notes\n\n## Links\n\n- [a](a.md)\n- [b](b.md)\n- [c](c.md)\n'],
    ['a digest titled with a date that links to older issues (the title heading dates nothing)', '# Weekly 2024-03-08\n\nSee [1](1.md), [2](2.md) and [3](3.md).\n'],
    ['a bold line that is prose, not a date', '**Read these:**\n\n- [a](a.md)\n- [b](b.md)\n- [c](c.md)\n'],
    ['an empty page', ''],
  ])('is not an index page: %s', (_why, text) => {
    expect(scanIndexPage(text)).toEqual([]);
  });

  it('reads a 10,000-line index page in linear time', () => {
    const lines: string[] = ['# Archive'];
    for (let y = 2000; y < 2027; y++) {
      lines.push(`## ${y}`);
      for (let m = 1; m <= 12; m++) {
        lines.push(`**${m}月**`);
        for (let i = 0; i < 31; i++) lines.push(`- [第 ${y}-${m}-${i} 期](docs/issue-${y}-${m}-${i}.md)`);
      }
    }
    expect(lines.length).toBeGreaterThan(10_000);
    const started = performance.now();
    const entries = scanIndexPage(lines.join('\n'));
    const ms = performance.now() - started;
    expect(entries).toHaveLength(27 * 12 * 31);
    expect(entries[0]).toEqual({ href: 'docs/issue-2000-1-0.md', date: '2000-01-01', precision: 'month' });
    expect(entries.at(-1)).toEqual({ href: 'docs/issue-2026-12-30.md', date: '2026-12-01', precision: 'month' });
    // Generous for a loaded 2-core machine: a quadratic scan of this page would take seconds.
    expect(ms).toBeLessThan(1500);
  });

  it('keeps a hostile page bounded: long lines, unclosed brackets, and at most MAX_INDEX_ENTRIES entries', () => {
    const long = `## 2024\n\n${'[x]('.repeat(50_000)}\n${'#'.repeat(3)} ${' '.repeat(100_000)}x\n${'- [a](a.md) '.repeat(MAX_INDEX_ENTRIES + 10)}\n`;
    const started = performance.now();
    const entries = scanIndexPage(long);
    expect(performance.now() - started).toBeLessThan(1500);
    expect(entries.length).toBeLessThanOrEqual(MAX_INDEX_ENTRIES);
  });
});

describe('lineHrefs', () => {
  it.each<[string, string[]]>([
    ['- [a](a.md) and [b](../b.md "t")', ['a.md', '../b.md']],
    ['[](empty) [x]()', ['empty']],
    ['![img](pic.png)', ['pic.png']],
    ['[ext](https://x.org) [rel](r)', ['r']],
    ['no links here', []],
  ])('%s', (line, expected) => {
    expect(lineHrefs(line)).toEqual(expected);
  });
});
