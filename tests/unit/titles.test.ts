/** Titles (title.ts) and issue numbers (issue-number.ts), rule by rule, and as parseDigest applies them. */
import { describe, expect, it } from 'vitest';
import { issueNumber } from '../../src/core/parse/issue-number.js';
import { parseDigest } from '../../src/core/parse/parse.js';
import { fileTitle } from '../../src/core/parse/title.js';
import { readPathDate } from '../../src/shared/dates.js';

describe('title', () => {
  it.each<[string, string, string]>([
    ['metadata title', '---\ntitle: Meta\n---\n# H1\n', 'Meta'],
    ['linkTitle when there is no title', '+++\nlinkTitle = "Link"\n+++\n# H1\n', 'Link'],
    ['Pelican Title', 'Title: This Week in Rust 528\nDate: 2024-01-03\n\n## Updates\n\n# Quote of the Week\n', 'This Week in Rust 528'],
    ['a level-1 first heading', 'lead\n\n# 科技爱好者周刊（第 300 期）：标题\n\n## Part\n', '科技爱好者周刊（第 300 期）：标题'],
    ['a first heading with its {#id} dropped', '# [Did you know?](#tips) {#tips}\n', 'Did you know?'],
  ])('%s', (_name, text, title) => {
    expect(parseDigest(text, 'posts/x.md').title).toBe(title);
  });

  it.each<[string, string]>([
    ['a level-1 heading after a level-2 one', '## Only h2\n\n# Later H1\n'],
    ['a heading inside a quote', '> # Quoted\n'],
    ['level-1 headings used as sections', '# 1 引言\n\ntext\n\n# 2 精读\n\ntext\n'],
    ['no heading', 'just text'],
  ])('falls back to the file name for %s', (_name, text) => {
    expect(parseDigest(text, 'posts/239-山顶咖啡.md').title).toBe('239-山顶咖啡');
  });

  it('counts section headings (levels 1-3) only: a level-4 heading before the H1 is content', () => {
    expect(parseDigest('#### Deep\n\n# Later\n', 'x.md').title).toBe('Later');
  });

  it.each<[string, string]>([
    ['weekly/2026-02-06.md', '2026-02-06'],
    ['posts/239-山顶咖啡.md', '239-山顶咖啡'],
    ['docs/issue-300.md', 'issue-300'],
    ['content/2024-06/index.md', '2024-06'],
    ['content/posts/my-post/_index.md', 'my-post'],
    ['newsletter/219/index.mdx', '219'],
    ['topic/README.md', 'topic'],
    ['README.md', 'README'],
    ['notes/周报.markdown', '周报'],
  ])('file title of %s is %s', (path, title) => {
    expect(fileTitle(path)).toBe(title);
  });
});

describe('issue numbers', () => {
  it.each<[string, string | null, number | null]>([
    // Markers in the name.
    ['docs/issue-9.md', null, 9],
    ['data/newsletter/2019/issue-172.markdown', null, 172],
    ['weekly/第300期.md', null, 300],
    ['x/No.12.md', null, 12],
    ['x/vol-5.md', null, 5],
    // Names that are, start or end with a number.
    ['website/newsletter/116.mdx', null, 116],
    ['website/newsletter/219/index.mdx', null, 219],
    ['src/pages/posts/239-山顶咖啡.md', null, 239],
    ['TS 类型体操/248.精读《MinusOne, PickByType》.md', null, 248],
    ['content/HelloGitHub09.md', null, 9],
    ['news/kernel-10.md', null, 10],
    // Markers in the title when the name has none.
    ['docs/2025-01-18-weekly.md', 'Python 潮流周刊#86：Jupyter', 86],
    ['docs/AIToBoxWeeklyNews_20240222.md', 'AIToBox周刊：第 2 期', 2],
    ['docs/a.md', '《HelloGitHub》第 100 期', 100],
    ['docs/a.md', 'Issue #42 — news', 42],
    ['docs/a.md', 'Haskell Weekly No. 7', 7],
    ['content/2024-01-03-this-week-in-rust.md', 'This Week in Rust 528', 528],
    ['docs/en/2024-03-02-weekly.md', 'Python Trending Weekly 40 (2024-03-02)', 40],
    // None: dates, years, items inside a dated issue, nothing numeric.
    ['docs/AIToBoxWeeklyNews_20240222.md', 'AIToBox周刊：20260629', null],
    ['news/this-month-250731.md', 'This Month in Redox - July 2025', null],
    ['news/finances-2020.md', null, null],
    ['contents/2022/Aug/01.md', 'Neovim Core updates', null],
    ['contents/2023/Jan/02/3-new-plugins/01-treesj.md', null, null],
    ['content/2024-06/index.md', null, null],
    ['website/newsletter/_template/index.mdx', 'This Week In React #ISSUENUMBER: ...', null],
    ['piano-notes.md', 'Notes on C#', null],
    ['news/release-0.5.0.md', 'Redox OS 0.5.0', null],
    ['weekly/2026-02-06.md', null, null],
    // A date after a marker is a date ("issue" dated, not numbered), in the name or the title.
    ['weekly/issue-2026-01-30.md', null, null],
    ['weekly/issue_2026_01_30.md', null, null],
    ['weekly/issue-2026-W05.md', null, null],
    ['docs/a.md', 'Issue 2024-03-08', null],
    ['weekly/issue-2026.md', null, 2026],
  ])('%s (title %j) -> %s', (path, title, expected) => {
    expect(issueNumber(path, title, readPathDate(path))).toBe(expected);
  });

  it('is set by parseDigest from the name or the stated title, not from a file-name title', () => {
    expect(parseDigest('# 《HelloGitHub》第 100 期\n', 'content/HelloGitHub100.md').number).toBe(100);
    expect(parseDigest('## Two\n\ntext', 'weekly/notes.md').number).toBeNull();
    expect(parseDigest('---\ntitle: "This Week In React #219"\n---\n', 'n/x.mdx').number).toBe(219);
  });
});
