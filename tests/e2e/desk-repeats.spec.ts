/**
 * What a hit shows (issues 21 and 16.5), in the browser against `almanac
 * serve`: a match late in a long section is highlighted within the three
 * lines the results list shows; an event listed for three weeks is one hit
 * whose "also in 2 more weeks" expands to those weeks and opens them; a
 * masthead repeated in every issue sinks below content, is labelled, and is
 * dimmed (and can be hidden) in the reader.
 */
import type { Page } from '@playwright/test';
import { digest, expect, test } from './helpers/server.js';

const MASTHEAD = '这里记录每周值得分享的科技内容，周五发布。\n\n本杂志开源，欢迎投稿或推荐科技内容。';
const NEWS = [
  '一家芯片公司发布了新的推理加速卡，功耗降低一半，云厂商已经开始测试。',
  '研究人员发现手机充电器可以被远程篡改，厂商正在推送固件更新。',
  '某地试点无人驾驶公交车，乘客可以用手机预约上车地点和时间。',
  '一个浏览器插件可以把网页变成朗读的有声书，支持十几种语言。',
  '天文学家拍到了一颗彗星分裂成三块的照片，碎片正在远离太阳。',
  '读者来信：欢迎投稿介绍你做的开源工具，我们会挑选有趣的刊登。',
];
/** A line of each issue's own in its lead, unlike the others. */
const COVERS = [
  '本期封面是断桥，冬天的西湖结了一层薄冰。',
  '香山红叶在十月底最好看，游客比叶子还多。',
  '鼓浪屿上没有汽车，只有手推车和自行车。',
  '本期封面：宽窄巷子里一家开了三十年的茶馆。',
  '古城墙上可以骑自行车，一圈大约十四公里。',
  '栈桥边的海鸥不怕人，会从手里抢面包吃。',
];
/** Sentences without the query, to make a section far longer than a snippet. */
const FILLER = '这一段讲的是城市里的公园、河流和桥梁，以及周末去哪里散步比较舒服。';

function issue(n: number): string {
  const date = new Date(Date.UTC(2024, 2, 1 + 7 * (n - 1))).toISOString().slice(0, 10);
  const event = n >= 3 && n <= 5 ? `## 活动\n\n- 2024-03-${10 + n} | 上海 | WebAssembly 与 Rust 线下交流会，欢迎报名参加\n\n` : '';
  const long = n === 2 ? `## 长文\n\n${FILLER.repeat(14)}最后提到了量子计算的新进展。\n\n` : '';
  return digest({
    title: `科技周刊第 ${n} 期`,
    date,
    body: `${MASTHEAD}\n\n${COVERS[n - 1]}\n\n## 新闻\n\n${NEWS[n - 1]}\n\n${event}${long}## 订阅\n\n这个周刊每周五发布，同步更新在网络日志和微信公众号，微信搜索即可订阅。\n`,
  });
}

test.use({ vaultFiles: Object.fromEntries([1, 2, 3, 4, 5, 6].map((n) => [`weekly/issue-${n}.md`, issue(n)])) });

async function openDesk(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByText(/Index up to date|索引已是最新/)).toBeVisible({ timeout: 90_000 });
}

async function search(page: Page, query: string): Promise<void> {
  await page.getByRole('searchbox', { name: /^(Search|搜索)$/ }).fill(query);
  await expect(page.locator('main#results')).toHaveAttribute('data-answered-query', query);
}

const results = (page: Page) => page.getByRole('listbox', { name: 'Results' });

test('a match late in a long section is highlighted in the lines the results list shows', async ({ page, almanac }) => {
  await page.setViewportSize({ width: 1100, height: 800 });
  await openDesk(page, almanac.url);
  await search(page, '量子计算');
  const snippet = results(page).locator('.result-snippet').first();
  const mark = snippet.locator('mark').first();
  await expect(mark).toHaveText('量子计算');
  const box = (await snippet.boundingBox())!;
  const marked = (await mark.boundingBox())!;
  // The snippet is clamped to three lines: the highlight lies wholly inside what is shown.
  expect(marked.y).toBeGreaterThanOrEqual(box.y - 1);
  expect(marked.y + marked.height).toBeLessThanOrEqual(box.y + box.height + 1);
  expect(marked.height).toBeGreaterThan(0);
});

test('an event listed for three weeks is one hit that expands to its other weeks and opens them', async ({ page, almanac }) => {
  await openDesk(page, almanac.url);
  await search(page, 'WebAssembly');
  await expect(results(page).getByRole('button', { name: '科技周刊第 3 期' })).toBeVisible();
  await expect(results(page).getByRole('button', { name: /科技周刊第 [45] 期/ })).toHaveCount(0);
  const toggle = results(page).getByRole('button', { name: /also in 2 more weeks/ });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const weeks = results(page).getByRole('list', { name: 'The same item in other weeks' }).getByRole('button');
  await expect(weeks).toHaveCount(2);
  await expect(weeks.nth(0)).toContainText('科技周刊第 4 期');
  await expect(weeks.nth(1)).toContainText('科技周刊第 5 期');
  await weeks.nth(1).click();
  const reader = page.getByRole('complementary', { name: 'Reader' });
  await expect(reader.locator('.reader-toolbar-title')).toContainText('科技周刊第 5 期');
  await expect(reader.getByRole('heading', { name: '活动' })).toBeVisible();
});

test('a masthead every issue repeats sinks below content, is labelled, and is dimmed in the reader', async ({ page, almanac }) => {
  await openDesk(page, almanac.url);
  await search(page, '投稿');
  const first = results(page).getByRole('option').first();
  await expect(first).toHaveAccessibleName(/^Open 科技周刊第 6 期/);
  await expect(first.locator('.result-kind')).toHaveCount(0);
  const repeated = results(page).locator('.result-section.boilerplate');
  await expect(repeated).toHaveCount(5);
  await expect(repeated.first().locator('.result-kind')).toHaveText('Repeated in most issues');

  await results(page).getByRole('button', { name: '科技周刊第 6 期' }).click();
  const reader = page.getByRole('complementary', { name: 'Reader' });
  const masthead = reader.locator('.md p', { hasText: '本杂志开源' });
  await expect(masthead).toHaveAttribute('data-boilerplate', '');
  await expect(masthead).toHaveCSS('opacity', '0.5');
  await expect(reader.locator('.md p', { hasText: '海鸥' })).not.toHaveAttribute('data-boilerplate', '');
  await reader.getByRole('button', { name: 'Hide it' }).click();
  await expect(masthead).toBeHidden();
  await reader.getByRole('button', { name: 'Show it' }).click();
  await expect(masthead).toBeVisible();
});
