/** The series step as pure functions: shapes from paths, membership, topic folders and order (series/series-*.ts). */
import { describe, expect, it } from 'vitest';
import { assignSeries, orderSeries, type SeriesItem } from '../../src/core/series/series-order.js';
import { isLanguageFolder, isPartitionFolder, namePattern, seriesKey, seriesShape } from '../../src/core/series/series-shape.js';

describe('seriesShape: root and naming pattern of a path', () => {
  it.each<[string, string | null, string]>([
    // [path, series key (null: not an issue), why]
    ['docs/issue-300.md', 'docs/issue-#', 'a marker and a number'],
    ['data/newsletter/2019/issue-172.markdown', 'data/newsletter/issue-#', 'a year folder does not cut the series'],
    ['content/cn/2025-06/2025-06-30.md', 'content/cn/#', 'year-month folders do not cut it either'],
    ['content/cn/2025-07/2025-07-07.md', 'content/cn/#', '... so June and July are one series'],
    ['content/en/2025-07/2025-07-07.md', 'content/en/#', 'a language folder is a series of its own'],
    ['2021/9/some-slug.md', '*', 'year / ISO week folders, a slug name'],
    ['contents/2022/Aug/01.md', 'contents/#', 'year / month name folders, the day in the name'],
    ['contents/2023/Jan/02/3-new-plugins/01-treesj.md', 'contents/#', 'a part of the issue kept in the day folder 2023/Jan/02'],
    ['2024-03-08/notes.md', '#', 'a part of the issue of a day folder'],
    ['2024-06/index.md', '#', 'a page bundle is named by its folder'],
    ['website/newsletter/219/index.mdx', 'website/newsletter/#', 'N/index.mdx bundles'],
    ['website/newsletter/110.mdx', 'website/newsletter/#', '... in the same series as the flat N.mdx issues'],
    ['website/newsletter/109-and-previous.mdx', 'website/newsletter/#*', 'a number with words is another pattern'],
    ['content/posts/my-first-post/index.md', 'content/posts/*', 'a Hugo bundle named by a slug'],
    ['content/HelloGitHub09.md', 'content/HelloGitHub#', 'a number ending the name keeps the name around it'],
    ['src/pages/posts/239-山顶咖啡.md', 'src/pages/posts/#*', 'a leading number, then the title'],
    ['weekly/2026-02-06-ai-weekly.md', 'weekly/#-ai-weekly', 'a leading date, then words it keeps'],
    ['docs/2024-07-10-sweekly.md', 'docs/#-sweekly', '... so season collections are not the weekly'],
    ['第300期.md', '第#期', 'CJK markers around the number'],
    ['i18n/fr/blog/2024-01-01-post.md', 'i18n/fr/blog/#-post', 'i18n/<lang>/ folders stay apart'],
    ['README.md', null, 'a README'],
    ['docs/readme.md', null, 'in any folder and letter case'],
    ['content/posts/_index.md', null, "Hugo's section list page"],
    ['index.md', null, "the vault's own index page"],
    ['LICENSE.md', null, 'a licence'],
    ['CHANGELOG.md', null, 'a changelog'],
    ['CONTRIBUTING.md', null, 'contribution notes'],
    ['SUMMARY.md', null, "a GitBook table of contents"],
    ['website/newsletter/_support.mdx', null, 'a file starting with _'],
    ['website/newsletter/_template/index.mdx', null, 'a _template folder'],
    ['templates/weekly.md', null, 'a templates folder'],
    ['archetypes/default.md', null, "Hugo's archetypes"],
  ])('%s -> %s (%s)', (path, expected) => {
    const shape = seriesShape(path);
    expect(shape === null ? null : seriesKey(shape)).toBe(expected);
  });
});

describe('the rules behind the shapes', () => {
  it.each([
    ['2019', true],
    ['2025-06', true],
    ['2024-03-08', true],
    ['2026-W06', true],
    ['9', true],
    ['219', true],
    ['Aug', true],
    ['january', true],
    ['2024年', true],
    ['四月', true],
    ['news', false],
    ['cn', false],
    ['3-new-plugins', false],
  ])('isPartitionFolder(%s) = %s', (segment, expected) => {
    expect(isPartitionFolder(segment)).toBe(expected);
  });

  it.each([
    ['en', true],
    ['cn', true],
    ['zh-CN', true],
    ['pt_BR', true],
    ['i18n', true],
    ['SQL', false],
    ['算法', false],
    ['newsletter', false],
  ])('isLanguageFolder(%s) = %s', (segment, expected) => {
    expect(isLanguageFolder(segment)).toBe(expected);
  });

  it.each([
    ['issue-9', 'issue-#'],
    ['this-month-250731', 'this-month-#'],
    ['rsoc-ion-ux-4-5', 'rsoc-ion-ux-#'],
    ['109-and-previous', '#*'],
    ['239-山顶咖啡', '#*'],
    ['110', '#'],
    ['2024-06-30', '#'],
    ['20240630', '#'],
    ['2023-05-13-weekly', '#-weekly'],
    ['2026-W06-notes', '#-notes'],
    ['eevdf', '*'],
    ['Ｗｅｅｋｌｙ １２', 'Weekly #'],
  ])('namePattern(%s) = %s', (name, expected) => {
    expect(namePattern(name)).toBe(expected);
  });
});

function item(path: string, number: number | null, date: string | null): SeriesItem {
  return { path, number, date };
}

/** path -> [series, position] of every digest placed. */
function places(items: SeriesItem[], notIssues: string[] = []): Record<string, [string, number]> {
  return Object.fromEntries([...assignSeries(items, new Set(notIssues))].map(([p, v]) => [p, [v.series, v.pos]]));
}

describe('orderSeries: date, then issue number, then name', () => {
  it.each<[string, SeriesItem[], string[]]>([
    [
      'by date',
      [item('b', null, '2024-02-01'), item('a', null, '2024-03-01'), item('c', null, '2024-01-01')],
      ['c', 'b', 'a'],
    ],
    [
      'the same date (a month-level date from an index page): by number, issue-9 before issue-10',
      [item('issue-10', 10, '2024-04-01'), item('issue-9', 9, '2024-04-01'), item('issue-11', 11, '2024-04-01')],
      ['issue-9', 'issue-10', 'issue-11'],
    ],
    ['then by name', [item('b', null, '2024-04-01'), item('a', null, '2024-04-01')], ['a', 'b']],
    ['undated numbered issues by number', [item('12', 12, null), item('2', 2, null), item('1', 1, null)], ['1', '2', '12']],
    [
      'undated numbered issues placed by number among dated ones (issues 1-99 undated, later ones dated)',
      [item('100', 100, '2023-01-02'), item('3', 3, null), item('101', 101, '2023-01-09'), item('1', 1, null), item('99', 99, null)],
      ['1', '3', '99', '100', '101'],
    ],
    [
      'a series where every issue states its own number goes by number: a slip in a date does not move an issue',
      [item('n2', 2, '2024-01-01'), item('n1', 1, '2024-02-01'), item('n3', 3, '2024-01-20')],
      ['n1', 'n2', 'n3'],
    ],
    [
      'dates go first where some issues have no number',
      [item('n2', 2, '2024-01-01'), item('x', null, '2024-02-01'), item('n1', 1, '2024-03-01')],
      ['n2', 'x', 'n1'],
    ],
    [
      'the parts of an issue kept in a day folder, in natural order',
      [
        item('c/2022/Dec/05/3-new-plugins/10-ascii.md', null, '2022-12-05'),
        item('c/2022/Dec/12.md', null, '2022-12-12'),
        item('c/2022/Dec/05/3-new-plugins/7-duck.md', null, '2022-12-05'),
        item('c/2022/Dec/05/0-core-updates/0-HEADER.md', null, '2022-12-05'),
      ],
      ['c/2022/Dec/05/0-core-updates/0-HEADER.md', 'c/2022/Dec/05/3-new-plugins/7-duck.md', 'c/2022/Dec/05/3-new-plugins/10-ascii.md', 'c/2022/Dec/12.md'],
    ],
  ])('%s', (_why, items, expected) => {
    expect(orderSeries(items).map((i) => i.path)).toEqual(expected);
  });
});

describe('assignSeries', () => {
  it('runs across date partition folders and keeps language folders apart', () => {
    expect(
      places([
        item('content/cn/2025-06/2025-06-30.md', null, '2025-06-30'),
        item('content/cn/2025-07/2025-07-07.md', null, '2025-07-07'),
        item('content/cn/2025-06/2025-06-23.md', null, '2025-06-23'),
        item('content/en/2025-06/2025-06-30.md', null, '2025-06-30'),
        item('content/en/2025-07/2025-07-07.md', null, '2025-07-07'),
      ]),
    ).toEqual({
      'content/cn/2025-06/2025-06-23.md': ['content/cn/#', 0],
      'content/cn/2025-06/2025-06-30.md': ['content/cn/#', 1],
      'content/cn/2025-07/2025-07-07.md': ['content/cn/#', 2],
      'content/en/2025-06/2025-06-30.md': ['content/en/#', 0],
      'content/en/2025-07/2025-07-07.md': ['content/en/#', 1],
    });
  });

  it('leaves out pages that are not issues, index pages, lone digests and digests with neither date nor number', () => {
    expect(
      places(
        [
          item('docs/issue-1.md', 1, null),
          item('docs/issue-2.md', 2, null),
          item('docs/issue-3.md', null, null),
          item('README.md', null, '2024-01-01'),
          item('docs/all-issues.md', null, '2024-01-01'),
          item('notes/lonely.md', null, '2024-01-01'),
        ],
        ['docs/all-issues.md'],
      ),
    ).toEqual({ 'docs/issue-1.md': ['docs/issue-#', 0], 'docs/issue-2.md': ['docs/issue-#', 1] });
  });

  it('keeps separate naming patterns of one folder apart', () => {
    const got = places([
      item('news/this-week-in-redox-1.md', 1, '2016-01-01'),
      item('news/this-week-in-redox-2.md', 2, '2016-01-08'),
      item('news/kernel-8.md', 8, '2024-01-01'),
      item('news/kernel-9.md', 9, '2024-02-01'),
      item('news/move-to-gitlab.md', null, '2019-01-01'),
      item('news/eevdf.md', null, '2024-03-01'),
    ]);
    expect(new Set(Object.values(got).map(([s]) => s))).toEqual(new Set(['news/this-week-in-redox-#', 'news/kernel-#', 'news/*']));
    expect(got['news/eevdf.md']).toEqual(['news/*', 1]);
  });

  it('keeps words after a date as a pattern when several files share them, and titles when one file has them', () => {
    expect(
      places([
        item('docs/2024-01-06-weekly.md', null, '2024-01-06'),
        item('docs/2024-01-13-weekly.md', null, '2024-01-13'),
        item('docs/2024-01-10-sweekly.md', null, '2024-01-10'),
        item('docs/2024-01-11-sweekly.md', null, '2024-01-11'),
        item('docs/2024-01-07-my-first-post.md', null, '2024-01-07'),
        item('docs/2024-01-08-another-post.md', null, '2024-01-08'),
      ]),
    ).toEqual({
      'docs/2024-01-06-weekly.md': ['docs/#-weekly', 0],
      'docs/2024-01-13-weekly.md': ['docs/#-weekly', 1],
      'docs/2024-01-10-sweekly.md': ['docs/#-sweekly', 0],
      'docs/2024-01-11-sweekly.md': ['docs/#-sweekly', 1],
      'docs/2024-01-07-my-first-post.md': ['docs/#*', 0],
      'docs/2024-01-08-another-post.md': ['docs/#*', 1],
    });
  });

  it('merges topic folders of one numbered run, ordered by number across them', () => {
    expect(
      places([
        item('SQL/231.SQL 入门.md', 231, null),
        item('源码解读/48.源码.md', 48, null),
        item('源码解读/241.源码.md', 241, null),
        item('前沿技术/1.精读.md', 1, null),
        item('前沿技术/54.精读.md', 54, null),
      ]),
    ).toEqual({
      '前沿技术/1.精读.md': ['#*', 0],
      '源码解读/48.源码.md': ['#*', 1],
      '前沿技术/54.精读.md': ['#*', 2],
      'SQL/231.SQL 入门.md': ['#*', 3],
      '源码解读/241.源码.md': ['#*', 4],
    });
  });

  it.each<[string, SeriesItem[]]>([
    ['a number repeats (a translation)', [item('zh-notes/1.md', 1, null), item('zh-notes/2.md', 2, null), item('en-notes/1.md', 1, null), item('en-notes/2.md', 2, null)]],
    ['language folders', [item('cn/1.md', 1, null), item('cn/3.md', 3, null), item('en/2.md', 2, null), item('en/4.md', 4, null)]],
    ['two publications side by side (their numbers do not mix)', [item('data/issue-171.md', 171, null), item('data/issue-172.md', 172, null), item('docs/issue-298.md', 298, null), item('docs/issue-300.md', 300, null)]],
    [
      'some digests are not numbered',
      [item('a/1-x.md', 1, null), item('a/2-y.md', 2, null), item('b/2024-01-01-z.md', null, '2024-01-01'), item('b/2024-01-08-w.md', null, '2024-01-08')],
    ],
  ])('does not merge sibling folders when %s', (_why, items) => {
    const series = new Set(Object.values(places(items)).map(([s]) => s));
    expect(series.size).toBeGreaterThan(1);
  });
});
