/**
 * The repeats step through real index runs (index/repeats-step.ts): a small
 * weekly with a masthead, a footer and an event listed for three weeks is
 * indexed; the masthead sinks below content and is never a hit's preview
 * when other sections match, the event folds into its first week with the
 * others listed, nothing is recomputed when nothing changed, and an edit
 * recomputes its series. Real Markdown, real SQLite, the real search engine.
 */
import { describe, expect, it } from 'vitest';
import { exportSections } from '../../src/core/export/index.js';
import { indexVault, type IndexSettings } from '../../src/core/index/indexer.js';
import { FtsWriter } from '../../src/core/store/fts-write.js';
import { SearchEngine } from '../../src/core/search/engine.js';
import { marksVersion, storedMarks } from '../../src/core/store/section-marks.js';
import type { SearchResponse } from '../../src/shared/api.js';
import { dumpIndex } from '../helpers/db-dump.js';
import { useIndexFixture } from '../helpers/index-fixture.js';
import { digest } from '../helpers/temp-vault.js';

const fx = useIndexFixture('almanac-repeats');
const SETTINGS: IndexSettings = { exclude: [], maxFileBytes: 1 << 20, gitDates: false };

const MASTHEAD = '这里记录每周值得分享的科技内容，周五发布。\n\n本杂志开源，欢迎投稿或推荐科技内容。';
const NEWS = [
  '一家芯片公司发布了新的推理加速卡，功耗降低一半，云厂商已经开始测试。',
  '研究人员发现手机充电器可以被远程篡改，厂商正在推送固件更新。',
  '某地试点无人驾驶公交车，乘客可以用手机预约上车地点和时间。',
  '一个浏览器插件可以把网页变成朗读的有声书，支持十几种语言。',
  '天文学家拍到了一颗彗星分裂成三块的照片，碎片正在远离太阳。',
  '电动汽车的电池回收工厂开工，预计每年处理十万吨旧电池。',
  '读者来信：欢迎投稿介绍你做的开源工具，我们会挑选有趣的刊登。',
  '一本讲编译器原理的电子书免费开放下载，附带完整的示例代码。',
];
/** A line of each issue's own in its lead, unlike the others. */
const COVERS = [
  '本期封面是断桥，冬天的西湖结了一层薄冰。',
  '香山红叶在十月底最好看，游客比叶子还多。',
  '鼓浪屿上没有汽车，只有手推车和自行车。',
  '本期封面：宽窄巷子里一家开了三十年的茶馆。',
  '古城墙上可以骑自行车，一圈大约十四公里。',
  '栈桥边的海鸥不怕人，会从手里抢面包吃。',
  '洱海的早晨雾气很重，对岸的苍山看不清楚。',
  '黄山的日出要凌晨四点起床去排队等候。',
];
const EVENT = (date: string): string => `- ${date} | 上海 | WebAssembly 与 Rust 线下交流会，欢迎报名参加`;

function issueText(n: number, withEvent: boolean): string {
  const date = new Date(Date.UTC(2024, 2, 1 + 7 * (n - 1))).toISOString().slice(0, 10);
  return digest(
    { title: `科技周刊第 ${n} 期`, date },
    [
      MASTHEAD,
      '',
      COVERS[n - 1]!,
      '',
      '## 新闻',
      '',
      NEWS[n - 1]!,
      '',
      ...(withEvent ? ['## 活动', '', EVENT(`2024-03-${String(10 + n).padStart(2, '0')}`), ''] : []),
      '## 订阅',
      '',
      '这个周刊每周五发布，同步更新在网络日志和微信公众号，微信搜索即可订阅。',
      '',
    ].join('\n'),
  );
}

function writeWeekly(eventIn: readonly number[]): void {
  for (let n = 1; n <= 8; n++) fx.vault.write(`weekly/issue-${n}.md`, issueText(n, eventIn.includes(n)));
}

async function run(): Promise<void> {
  await indexVault({ vaultPath: fx.vault.root, store: fx.store, pool: fx.pool, settings: SETTINGS });
}

const search = (query: string): SearchResponse => new SearchEngine(fx.store.db).search({ query: `${query} `, limit: 0 });

describe('the repeats step', () => {
  it('sinks the masthead below content and never shows it for a digest with other hits', async () => {
    writeWeekly([3, 4, 5]);
    await run();
    const r = search('投稿');
    // Issue 7 holds 投稿 in its news; every issue's masthead holds it too.
    expect(r.results[0]!.path).toBe('weekly/issue-7.md');
    expect(r.results[0]!.sections.map((s) => [s.heading, s.boilerplate ?? false])).toEqual([['新闻', false]]);
    const rest = r.results.slice(1);
    expect(rest).toHaveLength(7);
    for (const h of rest) expect(h.sections.every((s) => s.boilerplate === true && s.heading === '')).toBe(true);
    // The masthead's snippet is its repeated lines; the cover line of the lead stays content.
    expect(rest[0]!.sections[0]!.snippet).toContain('欢迎投稿');
    for (const h of rest) expect(h.sections[0]!.snippet).not.toContain(COVERS[Number(/issue-(\d+)/.exec(h.path)![1]) - 1]!.slice(0, 6));
    expect(search('宽窄巷子').results[0]!.sections[0]).toMatchObject({ heading: '', snippet: COVERS[3] });
    expect(search('宽窄巷子').results[0]!.sections[0]!.boilerplate).toBeUndefined();
  });

  it('folds an event listed for three weeks into its first week, listing the others', async () => {
    writeWeekly([3, 4, 5]);
    await run();
    const r = search('WebAssembly');
    expect(r.results.map((h) => h.path)).toEqual(['weekly/issue-3.md']);
    expect([r.total, r.totalSections]).toEqual([1, 1]);
    const hit = r.results[0]!.sections[0]!;
    expect(hit.heading).toBe('活动');
    expect(hit.repeats?.map((x) => x.path)).toEqual(['weekly/issue-4.md', 'weekly/issue-5.md']);
    expect(hit.repeats?.every((x) => x.sectionId !== hit.id && x.week !== null)).toBe(true);
  });

  it('lets export fold the same event the same way, by its repeat cluster in the index', async () => {
    writeWeekly([3, 4, 5]);
    await run();
    const hit = search('WebAssembly').results[0]!.sections[0]!;
    const ids = [hit.id, ...hit.repeats!.map((r) => r.sectionId)].reverse();
    const folded = exportSections(fx.store.db, { sectionIds: ids, format: 'md', foldRepeats: true });
    expect(folded.sectionCount).toBe(1);
    expect(folded.content.match(/WebAssembly/g)).toHaveLength(1);
    expect(folded.content).toContain('Same item also in: 科技周刊第 4 期');
    const all = exportSections(fx.store.db, { sectionIds: ids, format: 'md' });
    expect(all.sectionCount).toBe(3);
  });

  it('leaves postings equal to a rebuild from the stored texts and marks after splitting rows and back', async () => {
    writeWeekly([3, 4, 5]);
    await run();
    // Issue 1 leaves the series: its lead's rows are joined again.
    fx.vault.remove('weekly/issue-1.md');
    fx.vault.write('misc/one-off.md', issueText(1, false));
    await run();
    expect(storedMarks(fx.store.db).some((m) => Array.isArray(m.boiler))).toBe(true);
    const incremental = dumpIndex(fx.store.db);
    fx.store.batch(() => new FtsWriter(fx.store.db).rebuildAll());
    expect(dumpIndex(fx.store.db)).toEqual(incremental);
  });

  it('does nothing on a run without changes, and recomputes the series an edit changed', async () => {
    writeWeekly([3, 4, 5]);
    await run();
    const stamp = marksVersion(fx.store.db);
    const marks = storedMarks(fx.store.db);
    expect(marks.length).toBeGreaterThan(8);
    await run();
    expect(marksVersion(fx.store.db)).toBe(stamp);
    expect(storedMarks(fx.store.db)).toEqual(marks);

    fx.vault.write('weekly/issue-8.md', issueText(8, true));
    await run();
    expect(marksVersion(fx.store.db)).toBeGreaterThan(stamp);
    expect(search('WebAssembly').results[0]!.sections[0]!.repeats?.map((x) => x.path)).toEqual([
      'weekly/issue-4.md',
      'weekly/issue-5.md',
      'weekly/issue-8.md',
    ]);
  });

  it('marks nothing in another series that quotes the masthead once, and clears marks of a digest that leaves its series', async () => {
    writeWeekly([]);
    for (let n = 1; n <= 4; n++) {
      fx.vault.write(`notes/note-${n}.md`, digest({ title: `随笔 ${n}`, date: `2024-05-0${n}` }, `${n === 2 ? `${MASTHEAD}\n\n` : ''}第 ${n} 篇随笔，讲${['山', '水', '风', '云'][n - 1]}的故事。\n`));
    }
    await run();
    const r = search('投稿');
    const order = r.results.map((h) => h.path);
    const note = r.results.find((h) => h.path === 'notes/note-2.md');
    expect(note?.sections[0]?.boilerplate).toBeUndefined();
    // Content of its own series: before every weekly issue whose only hit is the masthead.
    expect(order.indexOf('notes/note-2.md')).toBeLessThan(order.indexOf('weekly/issue-1.md'));

    // Issue 1 moves out of the series' naming pattern: its marks go.
    const before = storedMarks(fx.store.db).length;
    fx.vault.remove('weekly/issue-1.md');
    fx.vault.write('misc/one-off.md', issueText(1, false));
    await run();
    expect(storedMarks(fx.store.db).length).toBeLessThan(before);
    const oneOff = search('断桥').results.find((h) => h.path === 'misc/one-off.md');
    expect(oneOff?.sections[0]?.boilerplate).toBeUndefined();
  });
});
