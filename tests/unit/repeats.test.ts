/**
 * What a series repeats (series/repeats.ts) from the signatures of its
 * sections (text/near-dup.ts): boilerplate lines of a lead and whole
 * sections, exact and near-duplicate, a repeated listing folded as a repeat,
 * and never anything decided across unrelated series. Pure: no index.
 */
import { describe, expect, it } from 'vitest';
import { REPEAT_THRESHOLDS, seriesRepeats, type RepeatDigest } from '../../src/core/series/repeats.js';
import { lineTokens, sectionTokens, sectionTokensOfLines } from '../../src/core/store/fts-write.js';
import { comparedTokens, sectionSignatures, signatureOf, signatureOfTokenString, similarAtLeast, similarity } from '../../src/core/text/near-dup.js';
import { indexTokenString } from '../../src/core/text/tokenize.js';

interface Sec {
  heading?: string;
  text: string;
}

/** Digests laid out at rowids 100, 200, ... with their sections' signatures, as the store would give them. */
function series(digests: readonly Sec[][], firstRowid = 100): RepeatDigest[] {
  return digests.map((sections, i) => ({
    firstSection: firstRowid + i * 100,
    sigs: sectionSignatures(sections.map((s) => ({ level: s.heading ? 2 : 0, ...sectionTokens(s.heading ?? '', s.text), lineTokens: s.heading ? null : lineTokens(s.text) }))),
  }));
}

const MASTHEAD = ['这里记录每周值得分享的科技内容，周五发布。', '本杂志开源（GitHub: ruanyf/weekly），欢迎提交 issue，投稿或推荐科技内容。'];
const NEWS = [
  '一家芯片公司发布了新的推理加速卡，功耗降低一半，云厂商已经开始测试。',
  '开源社区发起了一个新的数据库项目，用 Rust 写成，主打嵌入式场景。',
  '研究人员发现手机充电器可以被远程篡改，厂商正在推送固件更新。',
  '某地试点无人驾驶公交车，乘客可以用手机预约上车地点和时间。',
  '一个浏览器插件可以把网页变成朗读的有声书，支持十几种语言。',
  '天文学家拍到了一颗彗星分裂成三块的照片，碎片正在远离太阳。',
  '电动汽车的电池回收工厂开工，预计每年处理十万吨旧电池。',
  '一本讲编译器原理的电子书免费开放下载，附带完整的示例代码。',
];
const FOOTER = { heading: '订阅', text: '这个周刊每周五发布，同步更新在网络日志和微信公众号。微信搜索即可订阅。' };

/** Issue n of a weekly: the masthead lines, a line of its own, its news, the footer. */
function issue(n: number, extra: Sec[] = []): Sec[] {
  return [
    { text: [...MASTHEAD, `本期封面：${['杭州西湖的断桥', '北京香山的红叶', '厦门鼓浪屿的钢琴博物馆', '成都宽窄巷子的茶馆', '西安城墙上的自行车道', '青岛栈桥边的海鸥'][n % 6]}，摄于清晨。`].join('\n') },
    { heading: '新闻', text: NEWS[n % NEWS.length]! },
    ...extra,
    FOOTER,
  ];
}

describe('near-duplicate signatures', () => {
  it('compare a text by its index tokens: numbers, dates, versions and link schemes aside', () => {
    expect(comparedTokens(indexTokenString('Issue #512 (2023-10-03): see https://example.com, WebAssembly 2.0!'))).toEqual(['issue', 'see', 'example.com', 'webassembly']);
    expect(comparedTokens(indexTokenString('第 150 期：开源'))).toEqual(['第', '期', '开源', '源']);
  });

  it('are equal for texts that differ only in numbers, dates and links, near for a changed word, far for other texts', () => {
    const listing = (date: string, where: string): string =>
      `Asia: ${date} | Taipei, TW | WebAssembly and Rust Meetup at the ${where} hall, with talks on wasm-bindgen, component model tooling and embedded runtimes; bring a laptop, https://example.com/wasm`;
    const a = signatureOf(listing('2023-10-03', 'community'))!;
    const b = signatureOf(listing('2023-10-17', 'community'))!;
    const c = signatureOf(listing('2023-10-17', 'city'))!;
    const d = signatureOf('Europe: 2023-10-05 | Berlin, DE | Rust Hack and Learn in the old library building, bring your own project and questions about async')!;
    expect(a.exact).toBe(b.exact);
    expect(similarity(a.sketch, b.sketch)).toBe(1);
    expect(c.exact).not.toBe(a.exact);
    expect(similarity(a.sketch, c.sketch)).toBeGreaterThanOrEqual(REPEAT_THRESHOLDS.near);
    expect(similarity(a.sketch, d.sketch)).toBeLessThan(0.4);
    // The early-stopping test agrees with the estimate.
    for (const [x, y] of [[a, b], [a, c], [a, d], [c, d]] as const) {
      for (const th of [0.3, 0.5, 0.68, 0.9]) expect(similarAtLeast(x.sketch, y.sketch, th)).toBe(similarity(x.sketch, y.sketch) >= th);
    }
  });

  it('hash a token string as the compared tokens would be hashed one by one', () => {
    const text = 'Issue 512: WebAssembly and Rust meetup, https://example.com — 后门检测与开源模型的评测，第 3 期';
    expect(signatureOfTokenString(indexTokenString(text))).toEqual(signatureOf(text));
  });

  it('tokenize a lead line by line into the same row as the whole text', () => {
    const text = `${MASTHEAD.join('\n')}\n\n（完）\nGPT-5.3-Codex 发布。`;
    expect(sectionTokensOfLines('', lineTokens(text))).toEqual(sectionTokens('', text));
  });

  it('leave out texts too short to tell, and sign each line of a lead with several', () => {
    expect(signatureOf('（完）')).toBeNull();
    const sigs = sectionSignatures([{ level: 0, ...sectionTokens('', MASTHEAD.join('\n')), lineTokens: lineTokens(MASTHEAD.join('\n')) }]);
    expect(sigs.map((s) => [s.ordinal, s.line])).toEqual([
      [0, -1],
      [0, 0],
      [0, 1],
    ]);
  });
});

describe('seriesRepeats', () => {
  it('marks a lead whose every line says something repeated as boilerplate whole', () => {
    const verdicts = seriesRepeats(series([1, 2, 3, 4].map((n) => [{ text: [...MASTHEAD, '（完）'].join('\n') }, { heading: '新闻', text: NEWS[n]! }])));
    expect([100, 200, 300, 400].map((r) => verdicts.get(r)?.boiler)).toEqual(['all', 'all', 'all', 'all']);
  });

  it('marks the masthead lines of a lead and a footer repeated in every issue as boilerplate, not the lines of each issue', () => {
    const verdicts = seriesRepeats(series([1, 2, 3, 4, 5, 6].map((n) => issue(n))));
    // Each lead: lines 0 and 1 are the masthead, line 2 its own.
    for (let i = 0; i < 6; i++) {
      const lead = 100 + i * 100;
      expect(verdicts.get(lead)?.boiler).toEqual([0, 1]);
      expect(verdicts.get(lead + 1)).toBeUndefined();
      expect(verdicts.get(lead + 2)?.boiler).toBe('all');
    }
  });

  it('finds near-identical boilerplate: a masthead line reworded in a few issues still counts', () => {
    const digests = [1, 2, 3, 4, 5, 6].map((n) => issue(n));
    digests[2]![0] = { text: [MASTHEAD[0], '本杂志开源（GitHub: ruanyf/weekly），欢迎提交 issue，投稿或推荐你的科技内容。', '第三期自己的内容写在这里，和其他期都不一样。'].join('\n') };
    const verdicts = seriesRepeats(series(digests));
    expect(verdicts.get(300)?.boiler).toEqual([0, 1]);
  });

  it('folds an item listed for a few weeks as a repeat (one cluster id), and leaves it alone when it appears once', () => {
    const event = (date: string): Sec => ({ heading: 'Upcoming Events', text: `Asia: ${date} | Taipei, TW | WebAssembly and Rust Meetup at the community hall, all welcome` });
    const digests = Array.from({ length: 12 }, (_, i) => issue(i + 1, i >= 3 && i <= 5 ? [event(`2023-10-0${i}`)] : []));
    digests[9] = issue(10, [{ heading: 'Upcoming Events', text: 'Europe: 2023-11-05 | Berlin, DE | Rust Hack and Learn in the old library building' }]);
    const verdicts = seriesRepeats(series(digests));
    const rows = [402, 502, 602];
    const groups = rows.map((r) => verdicts.get(r)?.group);
    expect(groups.every((g) => g === 402)).toBe(true);
    expect(rows.map((r) => verdicts.get(r)?.boiler ?? null)).toEqual([null, null, null]);
    expect(verdicts.get(1002)).toBeUndefined();
  });

  it('folds only weeks near each other: the same text a year later is another item', () => {
    const zurihac = { heading: 'Events', text: 'ZuriHac will take place as a physical event at the campus in Rapperswil; registration is free of charge' };
    const digests = Array.from({ length: 40 }, (_, i) => issue(i + 1, [0, 1, 30, 31].includes(i) ? [zurihac] : []));
    const v = seriesRepeats(series(digests));
    expect([102, 202].map((r) => v.get(r)?.group)).toEqual([102, 102]);
    expect([3102, 3202].map((r) => v.get(r)?.group)).toEqual([3102, 3102]);
  });

  it('calls a cluster boilerplate by its share of the series or by its count', () => {
    const job = { heading: 'Jobs', text: "Please see the latest Who's Hiring thread on the community forum for open positions" };
    // 10 of 40 issues: a quarter of the series, but many: boilerplate.
    const many = Array.from({ length: 40 }, (_, i) => issue(i + 1, i % 4 === 0 ? [job] : []));
    const v1 = seriesRepeats(series(many));
    expect(v1.get(102)?.boiler).toBe('all');
    // 3 of 40: a repeat.
    const few = Array.from({ length: 40 }, (_, i) => issue(i + 1, i < 3 ? [job] : []));
    const v2 = seriesRepeats(series(few));
    expect([v2.get(102)?.boiler ?? null, v2.get(102)?.group]).toEqual([null, 102]);
  });

  it('decides per series: a text every issue of one series carries is not boilerplate in another that has it once', () => {
    const a = series([1, 2, 3, 4].map((n) => issue(n)));
    // Series B: four issues of other text; one of them quotes A's footer.
    const other = (n: number): Sec[] => [{ heading: '随笔', text: NEWS[(n + 3) % NEWS.length]! }];
    const b = series([other(1), [...other(2), FOOTER], other(3), other(4)], 9000);
    const vb = seriesRepeats(b);
    expect(vb.size).toBe(0);
    // Pooled together (what the step never does), the footer would spread over five digests of eight: boilerplate.
    const pooled = seriesRepeats([...a, ...b]);
    expect(pooled.get(9101)?.boiler).toBe('all');
  });
});
