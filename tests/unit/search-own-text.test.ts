/**
 * A hit shows its match (issue 21): a section is listed only where its own
 * heading or text holds the query (titles are indexed once per digest), a
 * digest matched by its title alone is listed with its title highlighted and
 * a preview, section counts count own-text matches, and title matches still
 * boost the digest. Real index, real store writes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DigestHit, SearchResponse } from '../../src/shared/api.js';
import { SearchEngine } from '../../src/core/search/engine.js';
import { SearchFixture, type FixtureDigest } from './search-fixtures.js';

const DIGESTS: FixtureDigest[] = [
  {
    // The title names 开源; of its sections only 工具 does.
    path: 'w/150.md',
    title: '周刊第 150 期：国家为什么需要开源软件',
    date: '2021-03-19',
    sections: [
      { text: '这里记录每周值得分享的内容。' },
      { heading: '封面图', text: '上海浦江郊野公园的溪边咖啡馆。' },
      { heading: '工具', text: '一个开源的数据库，用 Rust 写成。' },
      { heading: '文章', text: '如何写好一篇文章，以及咖啡的做法。' },
      { heading: '资源', text: '一本关于编译器的电子书。' },
    ],
  },
  {
    // Same body as 150's 工具, no title match: ranks below 150.
    path: 'w/151.md',
    title: '周刊第 151 期：睡眠与健康',
    date: '2021-03-26',
    sections: [
      { heading: '封面图', text: '北京的秋天。' },
      { heading: '工具', text: '一个开源的数据库，用 Rust 写成。' },
    ],
  },
  {
    // Only the title: a title-only hit.
    path: 'w/152.md',
    title: '周刊第 152 期：开源的代价',
    date: '2021-04-02',
    sections: [
      { text: '本期讨论维护者的负担。' },
      { heading: '封面图', text: '杭州西湖。' },
    ],
  },
  {
    // A heading holds the word, its text does not.
    path: 'w/153.md',
    title: '周刊第 153 期',
    date: '2021-04-09',
    sections: [{ heading: '开源项目', text: '本周推荐三个项目：甲、乙、丙。' }],
  },
];

let fx: SearchFixture;
let engine: SearchEngine;

beforeEach(() => {
  fx = SearchFixture.create(DIGESTS);
  engine = new SearchEngine(fx.db);
});
afterEach(() => fx.close());

const search = (query: string): SearchResponse => engine.search({ query, limit: 0 });
const hit = (r: SearchResponse, path: string): DigestHit => {
  const h = r.results.find((x) => x.path === path);
  if (!h) throw new Error(`no hit for ${path} in ${r.results.map((x) => x.path).join(', ')}`);
  return h;
};
const marked = (text: string, ranges: readonly [number, number][] | undefined): string[] => (ranges ?? []).map(([a, b]) => text.slice(a, b));

describe('a hit shows its match', () => {
  it('lists only the sections whose own text holds the term, and counts only those', () => {
    const r = search('开源 ');
    const h = hit(r, 'w/150.md');
    expect(h.sections.map((s) => s.heading)).toEqual(['工具']);
    expect(h.sectionCount).toBe(1);
    expect(marked(h.title, h.titleRanges)).toEqual(['开源']);
    // 150 (工具 + title) + 151 (工具) + 153 (its heading); 152 matched by its title alone.
    expect(r.totalSections).toBe(3);
    expect(r.total).toBe(4);
  });

  it('lists a digest matched by its title alone with its title highlighted and its first section as a preview', () => {
    const h = hit(search('开源 '), 'w/152.md');
    expect(h.titleOnly).toBe(true);
    expect(h.sectionCount).toBe(0);
    expect(marked(h.title, h.titleRanges)).toEqual(['开源']);
    expect(h.sections).toHaveLength(1);
    expect(h.sections[0]).toMatchObject({ heading: '', preview: true, ranges: [], snippet: '本期讨论维护者的负担。' });
  });

  it('never lists a section without a visible highlight in its snippet or heading', () => {
    for (const q of ['开源 ', '咖啡 ', '开源 咖啡 ', '项目 ', '封面图 ']) {
      for (const h of search(q).results) {
        for (const s of h.sections) {
          if (s.preview) continue;
          expect(s.ranges.length + (s.headingRanges?.length ?? 0), `${q} ${h.path} ${s.heading}`).toBeGreaterThan(0);
        }
      }
    }
    const heading = hit(search('开源 '), 'w/153.md').sections[0]!;
    expect(marked(heading.headingPath, heading.headingRanges)).toEqual(['开源']);
  });

  it('lists, for terms split between title and text, the sections that hold the text part', () => {
    // 开源 is in 150's title, 咖啡 in two of its sections: the digest matches through them.
    const r = search('开源 咖啡 ');
    expect(r.results.map((x) => x.path)).toEqual(['w/150.md']);
    const h = r.results[0]!;
    expect(h.sections.map((s) => s.heading).sort()).toEqual(['封面图', '文章']);
    expect(h.sectionCount).toBe(2);
    expect(h.titleOnly).toBeUndefined();
    // Each listed section highlights the part it holds.
    for (const s of h.sections) expect(marked(s.snippet, s.ranges)).toEqual(['咖啡']);
  });

  it('still boosts a digest whose title holds the term', () => {
    const r = search('开源 ');
    const order = r.results.map((x) => x.path);
    expect(order.indexOf('w/150.md')).toBeLessThan(order.indexOf('w/151.md'));
    expect(hit(r, 'w/150.md').score).toBeGreaterThan(hit(r, 'w/151.md').score);
  });

  it('leaves out a digest whose title holds an excluded term', () => {
    expect(search('数据库 -国家 ').results.map((x) => x.path)).toEqual(['w/151.md']);
    expect(search('-开源 ').results.map((x) => x.path)).toEqual([]);
    expect(search('-国家 ').results.map((x) => x.path).sort()).toEqual(['w/151.md', 'w/152.md', 'w/153.md']);
  });

  it('matches title: terms against the title only and heading: terms against a section heading only', () => {
    expect(search('title:开源 ').results.map((x) => [x.path, x.titleOnly ?? false]).sort()).toEqual([
      ['w/150.md', true],
      ['w/152.md', true],
    ]);
    expect(search('heading:开源 ').results.map((x) => x.path)).toEqual(['w/153.md']);
    // title:开源 with a word of a section: the section holding the word is listed.
    const split = search('title:开源 数据库 ');
    expect(split.results.map((x) => x.path)).toEqual(['w/150.md']);
    expect(split.results[0]!.sections.map((s) => s.heading)).toEqual(['工具']);
  });

  it('pages date orders the same way: title-only hits have no sections to count', () => {
    const r = engine.search({ query: '开源 ', sort: 'newest', limit: 0 });
    expect(r.results.map((x) => x.path)).toEqual(['w/153.md', 'w/152.md', 'w/151.md', 'w/150.md']);
    expect(r.results.map((x) => x.sectionCount)).toEqual([1, 0, 1, 1]);
  });
});
