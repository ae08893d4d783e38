/**
 * Per-file date sources: file names and folders (shared/date-names.ts), the
 * chain that picks the first (parse/date-chain.ts), heading dates and dated
 * sections (parse/heading-dates.ts), and whole digests shaped like real archives.
 */
import { describe, expect, it } from 'vitest';
import { FILE_DATE_STEPS, runDateChain, type DateFacts } from '../../src/core/parse/date-chain.js';
import { dateSections, headingDate } from '../../src/core/parse/heading-dates.js';
import { parseDigest } from '../../src/core/parse/parse.js';
import type { ParsedSection } from '../../src/core/types.js';
import { readFileNameDate, readPathDate, type DatePrecision } from '../../src/shared/dates.js';

type Expect = [string, string, DatePrecision] | [string, null];

function reading(expected: Expect): unknown {
  return expected[1] === null ? null : { date: expected[1], precision: expected[2] };
}

describe('file-name source', () => {
  it.each<Expect>([
    ['weekly/2024-03-08.md', '2024-03-08', 'day'],
    ['weekly/20240308.md', '2024-03-08', 'day'],
    ['weekly/2024_03_08.md', '2024-03-08', 'day'],
    ['weekly_news/news_2026_06.md', '2026-02-02', 'week'],
    ['weekly/2026-W06.md', '2026-02-02', 'week'],
    ['docs/AIToBoxWeeklyNews_20240222.md', '2024-02-22', 'day'],
    ['news/this-month-251231.md', '2025-12-31', 'day'],
    ['news/merch-2024-06.md', '2024-06-01', 'month'],
    ['docs/2024年4月5日.md', '2024-04-05', 'day'],
    ['zettel/202401051230 Weekly notes.md', '2024-01-05', 'day'],
    ['zettel/20240105123059.md', '2024-01-05', 'day'],
    ['zettel/202401052460.md', null],
    ['dendron/weekly.2024.w05.md', '2024-01-29', 'week'],
    ['notes/2024 W05.md', '2024-01-29', 'week'],
    ['notes/Week 6 2024.md', '2024-02-05', 'week'],
    ['notes/week-06-2024.md', '2024-02-05', 'week'],
    ['notes/2024 Week 6 review.md', '2024-02-05', 'week'],
    ['notes/2024年第6周周报.md', '2024-02-05', 'week'],
    ['notes/第6周（2024）.md', '2024-02-05', 'week'],
    ['notes/Week 54 2024.md', null],
    ['notes/weekly-notes-2024.md', null],
    ['docs/issue-300.md', null],
    ['news/issue-123456.md', null],
    ['weekly/2021-02-29.md', null],
    // A page bundle is named by its folder; a date partition folder is the path source's.
    ['blog/2024-01-12-launch/index.mdx', '2024-01-12', 'day'],
    ['content/posts/weekly-2024_07/_index.md', '2024-02-12', 'week'],
    ['blog/launch/index.md', null],
    ['2024-06/index.md', null],
    ['news/2024-03-08/README.md', null],
  ])('%s', (path, ...rest) => {
    expect(readFileNameDate(path)).toEqual(reading([path, ...rest] as Expect));
  });
});

describe('path source', () => {
  it.each<[string, string | null, DatePrecision | null, boolean]>([
    ['content/cn/2025-06/11.md', '2025-06-11', 'day', true],
    ['contents/2022/Aug/01.md', '2022-08-01', 'day', true],
    ['contents/2023/Jan/02/3-new-plugins/01-treesj.md', '2023-01-02', 'day', false],
    ['posts/2021/9/slug.md', '2021-03-01', 'week', false],
    ['posts/2021/23/slug.md', '2021-06-07', 'week', false],
    ['posts/2024/03/slug.md', '2024-03-01', 'month', false],
    ['notes/2024/W05/notes.md', '2024-01-29', 'week', false],
    ['notes/2024/week-05/notes.md', '2024-01-29', 'week', false],
    ['notes/2024/w5/index.md', '2024-01-29', 'week', false],
    ['notes/2024/W54/notes.md', '2024-01-01', 'year', false],
    ['notes/2024/W05.md', '2024-01-29', 'week', true],
    ['notes/2024/week-5.md', '2024-01-29', 'week', true],
    ['notes/2024-W05/notes.md', '2024-01-29', 'week', false],
    ['notes/2020W53/a.md', '2020-12-28', 'week', false],
    ['notes/2021-W53/a.md', null, null, false],
    ['posts/2024/10/05.md', '2024-10-05', 'day', true],
    ['posts/2024/10/05/index.md', '2024-10-05', 'day', false],
    ['data/newsletter/2019/issue-172.markdown', '2019-01-01', 'year', false],
    ['content/2024-06/index.md', '2024-06-01', 'month', false],
    ['content/2024-03-08/index.md', '2024-03-08', 'day', false],
    ['content/2025-13/x.md', null, null, false],
    ['posts/2021/99/slug.md', '2021-01-01', 'year', false],
    ['newsletter/219/index.mdx', null, null, false],
    ['a/1024/b.md', null, null, false],
  ])('%s', (path, date, precision, usesFileName) => {
    expect(readPathDate(path)).toEqual(date === null ? null : { reading: { date, precision }, usesFileName });
  });
});

describe('the date chain', () => {
  const facts = (over: Partial<DateFacts>): DateFacts => ({ path: 'x.md', metadataDate: null, statedTitle: null, firstHeading: null, ...over });

  it('takes the first source that answers, in order', () => {
    const all = facts({
      path: '2023/2023-01-02.md',
      metadataDate: { date: '2024-01-01', precision: 'day' },
      statedTitle: 'April 5, 2024',
    });
    expect(runDateChain(all)).toEqual({ reading: { date: '2024-01-01', precision: 'day' }, source: 'front-matter' });
    expect(runDateChain({ ...all, metadataDate: null }).source).toBe('file-name');
    expect(runDateChain({ ...all, metadataDate: null, path: '2023/x.md' })).toEqual({ reading: { date: '2023-01-01', precision: 'year' }, source: 'path' });
    expect(runDateChain({ ...all, metadataDate: null, path: 'x.md' })).toEqual({ reading: { date: '2024-04-05', precision: 'day' }, source: 'heading' });
    expect(runDateChain(facts({}))).toEqual({ reading: null, source: 'none' });
  });

  it('reads the heading source from the title, else the first heading', () => {
    expect(runDateChain(facts({ firstHeading: 'Top ML Papers of the Week (June 23 - June 29) - 2025' }))).toEqual({
      reading: { date: '2025-06-23', precision: 'week' },
      source: 'heading',
    });
    expect(runDateChain(facts({ statedTitle: 'Weekly', firstHeading: '2024年4月5日' })).reading?.date).toBe('2024-04-05');
  });

  it('takes vault-wide steps appended after the per-file ones', () => {
    const git = { source: 'git' as const, read: () => ({ date: '2020-05-05', precision: 'day' as const }) };
    expect(runDateChain(facts({}), [...FILE_DATE_STEPS, git]).source).toBe('git');
    expect(runDateChain(facts({ path: '2024-01-02.md' }), [...FILE_DATE_STEPS, git]).source).toBe('file-name');
  });
});

function section(heading: string, level: number): ParsedSection {
  return { ordinal: 0, heading, level, headingPath: [heading], text: '', start: 0, end: 0 };
}

describe('dated headings', () => {
  it.each<[string, string | null, DatePrecision | null]>([
    ['2024-03-08', '2024-03-08', 'day'],
    ['2023', '2023-01-01', 'year'],
    ['Top ML Papers of the Week (June 23 - June 29) - 2025', '2025-06-23', 'week'],
    ['v2024.1.2 released', null, null],
    ['Quote of the Week', null, null],
    ['2000 stars and counting', null, null],
  ])('%s', (heading, date, precision) => {
    expect(headingDate(heading)).toEqual(date === null ? null : { date, precision });
  });

  it('dates each section by its own heading, the year from an enclosing one', () => {
    const sections = [
      section('', 0),
      section('2023', 2),
      section('3月8日', 3),
      section('Papers', 3),
      section('2024', 2),
      section('四月', 3),
      section('Top ML Papers of the Week (Jan 1-8)', 3),
      section('Unrelated', 1),
      section('May 5', 2),
    ];
    dateSections(sections, null);
    expect(sections.map((s) => [s.heading, s.date, s.datePrecision])).toEqual([
      ['', null, null],
      ['2023', '2023-01-01', 'year'],
      ['3月8日', '2023-03-08', 'day'],
      ['Papers', null, null],
      ['2024', '2024-01-01', 'year'],
      ['四月', '2024-04-01', 'month'],
      ['Top ML Papers of the Week (Jan 1-8)', '2024-01-01', 'week'],
      ['Unrelated', null, null],
      // No enclosing year and no digest date: a day without a year is no date.
      ['May 5', null, null],
    ]);
  });

  it("takes a missing year from the digest's date, the nearest year", () => {
    const sections = [section('12月30日', 2), section('1月2日', 2)];
    dateSections(sections, '2025-01-03');
    expect(sections.map((s) => s.date)).toEqual(['2024-12-30', '2025-01-02']);
  });
});

describe('digests shaped like real archives', () => {
  it('This Week in Rust: Pelican headers, a "#" section deep in the body', () => {
    const text = [
      'Title: This Week in Rust 528',
      'Number: 528',
      'Date: 2024-01-03',
      'Category: This Week in Rust',
      '',
      'Hello and welcome to another issue of *This Week in Rust*!',
      '',
      '## Updates from Rust Community',
      '',
      '- [A post](https://example.com)',
      '',
      '# Quote of the Week',
      '',
      '> A quote.',
      '',
    ].join('\n');
    const d = parseDigest(text, 'content/2024-01-03-this-week-in-rust.md');
    expect([d.title, d.date, d.dateSource, d.datePrecision, d.number, d.tags]).toEqual([
      'This Week in Rust 528',
      '2024-01-03',
      'front-matter',
      'day',
      528,
      ['This Week in Rust'],
    ]);
    expect(d.meta).toEqual({ Number: '528' });
    expect(d.sections[0]!.text).not.toMatch(/Title:|Category:/);
    expect(d.warnings).toEqual([]);
  });

  it('a Hugo page bundle: TOML with a native date, titled by its folder when untitled', () => {
    const d = parseDigest('+++\ndate = 2024-06-30\ndraft = false\n+++\n\n## News\n', 'content/cn/2024-06/index.md');
    expect([d.title, d.date, d.dateSource, d.number, d.meta]).toEqual(['2024-06', '2024-06-30', 'front-matter', null, { draft: false }]);
    const undated = parseDigest('+++\ntitle = "June"\n+++\n', 'content/cn/2024-06/index.md');
    expect([undated.date, undated.dateSource, undated.datePrecision]).toEqual(['2024-06-01', 'path', 'month']);
  });

  it('ruanyf/weekly: no front matter, the title from the H1, the number from the name, no date', () => {
    const d = parseDigest('# 科技爱好者周刊（第 300 期）：开源的未来\n\n这里记录每周值得分享的科技内容。\n', 'docs/issue-300.md');
    expect([d.title, d.number, d.date, d.dateSource]).toEqual(['科技爱好者周刊（第 300 期）：开源的未来', 300, null, 'none']);
  });

  it('dair-ai: one README of weekly sections, each with its own date', () => {
    const text = [
      '# ML Papers of the Week',
      '',
      '## Top ML Papers of the Week (June 23 - June 29) - 2025',
      '',
      '1. A paper',
      '',
      '## Top ML Papers of the Week (Dec 30 - Jan 5) - 2025',
      '',
      '1. Another paper',
      '',
    ].join('\n');
    const d = parseDigest(text, 'README.md');
    expect([d.title, d.date, d.dateSource]).toEqual(['ML Papers of the Week', null, 'none']);
    expect(d.sections.map((s) => [s.date, s.datePrecision])).toEqual([
      [null, null],
      ['2025-06-23', 'week'],
      ['2024-12-30', 'week'],
    ]);
  });

  it('a changelog of dated headings under a digest date', () => {
    const d = parseDigest('---\ndate: 2024-03-10\n---\n## 2024-03-08\n\na\n\n### 3月9日\n\nb\n', 'log.md');
    expect(d.sections.map((s) => s.date)).toEqual(['2024-03-08', '2024-03-09']);
  });

  it('an invalid metadata date falls through the chain with a warning naming the source', () => {
    const d = parseDigest('+++\ndate = "2021-02-29"\n+++\n', 'contents/2022/Aug/01.md');
    expect([d.date, d.dateSource]).toEqual(['2022-08-01', 'path']);
    expect(d.warnings).toEqual(["invalid date '2021-02-29' (no such day) in front matter; date taken from path (2022-08-01)"]);
  });

  it('records an ambiguous day-month order with its other reading', () => {
    const d = parseDigest('---\ndate: 03-04-2024\n---\n', 'x.md');
    expect([d.date, d.dateOrder, d.dateAlternative]).toEqual(['2024-03-04', 'month-first', '2024-04-03']);
  });
});
