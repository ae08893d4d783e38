// The archive bench's own rules (bench/archives): the literal readers its truth
// is written with, two archives' rules on small vaults of our own, and the
// scoring of Almanac's answers against a truth.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Understood } from '../../bench/archives/almanac.js';
import { scoreArchive, truthNeighbours } from '../../bench/archives/compare.js';
import { extractTruth } from '../../bench/archives/truth/index.js';
import { neovim } from '../../bench/archives/truth/neovim.js';
import { atxHeadings, frontMatter, soleTopH1, writtenDay } from '../../bench/archives/truth/text.js';
import { tw93 } from '../../bench/archives/truth/tw93.js';
import type { TruthEntry } from '../../bench/archives/truth/types.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A corpus folder holding one archive `folder` with `files`. */
function corpus(folder: string, files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'almanac-bench-archives-'));
  dirs.push(root);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, folder, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, folder, rel), text);
  }
  return root;
}

describe('truth readers', () => {
  it('reads YAML and TOML front matter lines with their quoting', () => {
    expect(frontMatter("---\ntitle: 'It''s #2'\npubDate: 2023-05-20\n---\nbody").fields).toEqual({ title: "It's #2", pubDate: '2023-05-20' });
    const toml = frontMatter('+++\ntitle = "Say \\"hi\\""\ndate = "2024-01-31"\n+++\n\n# H');
    expect(toml).toEqual({ style: 'toml', fields: { title: 'Say "hi"', date: '2024-01-31' }, body: '\n# H' });
    expect(frontMatter('---\ntitle: never closed\n').style).toBeNull();
  });

  it('skips headings inside code fences and cleans heading text', () => {
    const body = '# [Core updates](#core) {#core}\n\n```sh\n# not a heading\n```\n\n## Python\\\'s part';
    expect(atxHeadings(body)).toEqual([
      { level: 1, text: 'Core updates' },
      { level: 2, text: "Python's part" },
    ]);
    expect(soleTopH1(body)).toBe('Core updates');
    expect(soleTopH1('# 1 引言\n\n# 2 精读')).toBeNull();
    expect(soleTopH1('## a\n\n# b')).toBeNull();
  });

  it('reads the day as written, zone and time left alone, and refuses days that do not exist', () => {
    expect(writtenDay('2016-12-31T14:49:00-07:00', 'front matter')).toEqual({ date: '2016-12-31', precision: 'day', from: 'front matter' });
    expect(writtenDay('2023/10/23', 'front matter')?.date).toBe('2023-10-23');
    expect(writtenDay('2021-02-29', 'front matter')).toBeNull();
  });
});

describe('archive rules', () => {
  it('tw93: the file name is the title, the front matter date is stated, issues order by number', () => {
    const root = corpus(tw93.folder, {
      'src/pages/posts/99-自驾回家.md': 'text',
      'src/pages/posts/100-无忧孩童.md': '---\ndate: 2022/10/17\n---\n\ntext',
      'src/pages/posts/101-1024快乐.md': '---\ndate: 2022/10/24\n---\n',
    });
    const truth = extractTruth(tw93, root);
    expect(truth.map((e) => [e.path.slice(16), e.titles[0], e.date?.date ?? null, e.metadata])).toEqual([
      ['100-无忧孩童.md', '100-无忧孩童', '2022-10-17', true],
      ['101-1024快乐.md', '101-1024快乐', '2022-10-24', true],
      ['99-自驾回家.md', '99-自驾回家', null, false],
    ]);
    expect(truthNeighbours(truth).get('src/pages/posts/100-无忧孩童.md')).toEqual({
      series: 'weekly',
      prev: 'src/pages/posts/99-自驾回家.md',
      next: 'src/pages/posts/101-1024快乐.md',
    });
  });

  it('neovim: the path gives the day, and parts read in their numbered order across issues', () => {
    const root = corpus(neovim.folder, {
      'contents/2022/Nov/28.md': '# Core\n\n# Plugins',
      'contents/2022/Dec/05/3-new-plugins/10-b.md': 'x',
      'contents/2022/Dec/05/3-new-plugins/7-a.md': 'x',
      'contents/2022/Dec/05/0-core-updates/0-HEADER.md': '# [Neovim Core updates](#core) {#core}',
      'contents/README.md': 'about',
    });
    const truth = extractTruth(neovim, root);
    const order = [...truthNeighbours(truth)].filter(([, n]) => n.prev === null).map(([p]) => p);
    expect(order).toEqual(['contents/2022/Nov/28.md']);
    const next = (p: string): string | null => truthNeighbours(truth).get(p)?.next ?? null;
    expect(next('contents/2022/Nov/28.md')).toBe('contents/2022/Dec/05/0-core-updates/0-HEADER.md');
    expect(next('contents/2022/Dec/05/3-new-plugins/7-a.md')).toBe('contents/2022/Dec/05/3-new-plugins/10-b.md');
    const byPath = new Map(truth.map((e) => [e.path, e]));
    expect(byPath.get('contents/2022/Nov/28.md')?.titles).toEqual(['28']);
    expect(byPath.get('contents/2022/Dec/05/0-core-updates/0-HEADER.md')?.titles).toEqual(['Neovim Core updates']);
    expect(byPath.get('contents/2022/Dec/05/3-new-plugins/7-a.md')?.date).toEqual({ date: '2022-12-05', precision: 'day', from: 'path' });
    expect(byPath.get('contents/README.md')?.kind).toBe('other');
  });
});

describe('scoring', () => {
  const issue = (n: number, extra: Partial<TruthEntry> = {}): TruthEntry => ({
    path: `w/${n}.md`,
    kind: 'issue',
    titles: [`Issue ${n}`],
    date: { date: `2024-01-0${n}`, precision: 'day', from: 'front matter' },
    metadata: true,
    series: 'weekly',
    order: [n],
    ...extra,
  });
  const got = (n: number, extra: Partial<Understood> = {}): [string, Understood] => [
    `w/${n}.md`,
    { path: `w/${n}.md`, title: `Issue ${n}`, date: `2024-01-0${n}`, precision: 'day', prev: n > 1 ? `w/${n - 1}.md` : null, next: n < 3 ? `w/${n + 1}.md` : null, warnings: [], ...extra },
  ];

  it('counts every check right when Almanac agrees with the archive', () => {
    const score = scoreArchive('a', [issue(1), issue(2), issue(3)], new Map([got(1), got(2), got(3)]));
    expect([score.title, score.date, score.series, score.silent, score.misses]).toEqual([
      { right: 3, total: 3 },
      { right: 3, total: 3 },
      { right: 3, total: 3 },
      0,
      [],
    ]);
  });

  it('names each miss with its cause, and a metadata miss without a warning as silent', () => {
    const truth = [issue(1), issue(2, { date: null, metadata: false }), issue(3), { ...issue(4), kind: 'page' as const, series: undefined }];
    const digests = new Map([
      got(1, { title: '1', next: 'w/4.md' }),
      got(2, { prev: null }),
      got(3, { precision: 'month', warnings: ['bad front matter'] }),
    ]);
    const score = scoreArchive('a', truth, digests);
    expect(score.misses.map((m) => [m.path, m.check, m.cause])).toEqual([
      ['w/1.md', 'title', 'file name instead of the stated title'],
      ['w/1.md', 'series', 'neighbour outside the series (page, other series or not an issue)'],
      ['w/2.md', 'date', 'date invented where the archive states none'],
      ['w/2.md', 'series', 'another order'],
      ['w/3.md', 'date', 'precision month, not day'],
      ['w/4.md', 'title', 'not indexed'],
      ['w/4.md', 'date', 'not indexed'],
    ]);
    // Only the differing side, neighbours in the same folder by file name.
    expect(score.misses.find((m) => m.path === 'w/2.md' && m.check === 'series')).toMatchObject({ expected: 'prev 1.md', got: 'prev -' });
    expect(score.silent).toBe(1);
    expect(score.warned).toBe(1);
  });
});
