/**
 * The research tools in the browser (issue 18), each on a server of its own:
 * a trend of two queries (hover values, keyboard, a click that lands on
 * those results), the Mentions facet, and a saved search that shows "1 new"
 * when a matching digest is added to the vault while the app runs.
 */
import type { Page } from '@playwright/test';
import { digest, expect, test } from './helpers/server.js';

const WEEKS = {
  'weekly/2024-01-05.md': digest({ title: 'W01', date: '2024-01-05', tags: ['AI'], body: '## A\n\nagent 框架，**Claude Opus 4.6** 发布。\n\n## B\n\nagent 与 RAG。' }),
  'weekly/2024-01-19.md': digest({ title: 'W03', date: '2024-01-19', tags: ['AI'], body: '## A\n\nRAG 检索，**GPT-5.3-Codex**。' }),
  'weekly/2024-02-02.md': digest({ title: 'W05', date: '2024-02-02', tags: ['AI'], body: '## A\n\nagent 工具，**claude opus 4.6**。\n\n## B\n\nagent 评测。\n\n## C\n\nRAG 管线。' }),
  'weekly/2024-03-01.md': digest({ title: 'W09', date: '2024-03-01', tags: ['AI'], body: '## A\n\nagent 安全与芯片。' }),
};

async function openDesk(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByText(/Index up to date|索引已是最新/)).toBeVisible({ timeout: 90_000 });
}

async function typeQuery(page: Page, query: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search' }).fill(query);
  await expect(page.locator('main#results')).toHaveAttribute('data-answered-query', query);
}

test.describe('trends', () => {
  test.use({ vaultFiles: WEEKS });

  test('a trend of two queries: hover values, arrow keys, and a click that lands on those results', async ({ page, almanac }) => {
    await openDesk(page, almanac.url);
    await typeQuery(page, 'agent');
    await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Trends' }).click();
    await expect(page.getByRole('searchbox', { name: 'Query 1' })).toHaveValue('agent');
    await page.getByRole('button', { name: 'Add query' }).click();
    await page.getByRole('searchbox', { name: 'Query 2' }).fill('RAG');

    const chart = page.getByRole('group', { name: 'Trend chart' });
    const agentFeb = chart.getByRole('button', { name: 'agent, 2024-02: 2' });
    await expect(agentFeb).toBeVisible();
    await expect(chart.getByRole('button', { name: 'RAG, 2024-01: 2' })).toBeVisible();
    await expect(chart.getByRole('button', { name: 'RAG, 2024-03: 0' })).toBeVisible();

    await agentFeb.hover();
    const tooltip = page.getByRole('tooltip');
    await expect(tooltip).toContainText('2024-02 · 3 in all');
    await expect(tooltip.locator('.trend-tooltip-row')).toHaveText(['agent2', 'RAG1']);

    // Keyboard: the points are one tab stop; arrows move between periods and queries.
    await agentFeb.focus();
    await page.keyboard.press('ArrowRight');
    await expect(chart.getByRole('button', { name: 'agent, 2024-03: 1' })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(chart.getByRole('button', { name: 'RAG, 2024-03: 0' })).toBeFocused();
    await page.keyboard.press('ArrowLeft');
    await expect(tooltip).toContainText('2024-02');

    // Normalised: each count as a share of the period's sections (2 of 3 in February).
    await page.getByRole('group', { name: 'Scale' }).getByRole('button', { name: 'Share of period' }).click();
    await expect(chart.getByRole('button', { name: 'agent, 2024-02: 66.7% (2)' })).toBeVisible();
    await page.getByRole('group', { name: 'Scale' }).getByRole('button', { name: 'Absolute' }).click();

    await chart.getByRole('button', { name: 'agent, 2024-02: 2' }).click();
    await expect(page.locator('main#results')).toHaveAttribute('data-answered-query', 'agent');
    await expect(page.getByRole('group', { name: 'Active filters' }).getByText('2024-02-01 – 2024-02-29')).toBeVisible();
    await expect(page.getByRole('main').getByText(/^\d+ digests? · \d+ sections?$/)).toHaveText('1 digest · 2 sections');
    await expect(page.getByRole('listbox', { name: 'Results' }).getByRole('button', { name: 'W05' })).toBeVisible();
  });

  test('the numbers download as CSV, the chart as SVG and PNG; the view speaks Chinese', async ({ page, almanac }) => {
    await openDesk(page, almanac.url);
    await typeQuery(page, 'agent');
    await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Trends' }).click();
    await expect(page.getByRole('group', { name: 'Trend chart' }).getByRole('button', { name: 'agent, 2024-01: 2' })).toBeVisible();
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Numbers (CSV)' }).click()]);
    expect(csv.suggestedFilename()).toBe('almanac-trends-month.csv');
    const text = (await (await csv.createReadStream()).toArray()).join('');
    expect(text).toContain('period,from,to,total sections,agent\r\n2024-01,2024-01-01,2024-01-31,3,2\r\n');
    const [svg] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Chart (SVG)' }).click()]);
    const drawing = (await (await svg.createReadStream()).toArray()).join('');
    expect(drawing).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(drawing).not.toMatch(/<script|@import|url\(/);
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Chart (PNG)' }).click()]);
    expect(png.suggestedFilename()).toBe('almanac-trends-month.png');
    const image = Buffer.concat((await (await png.createReadStream()).toArray()) as Buffer[]);
    expect(image.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(image.length).toBeGreaterThan(5_000);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await expect(page.getByRole('group', { name: '视图' }).getByRole('button', { name: '趋势' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('group', { name: '趋势图' }).getByRole('button', { name: 'agent，2024-01：2' })).toBeVisible();
    await page.getByRole('combobox', { name: '语言' }).selectOption('system');
  });

  test('the Mentions facet lists the names of the hits, and ticking one filters', async ({ page, almanac }) => {
    await openDesk(page, almanac.url);
    await typeQuery(page, 'agent');
    const mentions = page.getByRole('navigation', { name: 'Filters' }).getByRole('group', { name: 'Mentions' });
    await expect(mentions.getByRole('checkbox')).toHaveCount(1);
    await mentions.getByRole('checkbox', { name: /^Claude Opus 4\.6/ }).check();
    await expect(page.getByRole('group', { name: 'Active filters' }).getByText('Mention: Claude Opus 4.6')).toBeVisible();
    await expect(page.getByRole('main').getByText(/^\d+ digests? · \d+ sections?$/)).toHaveText('2 digests · 4 sections');
  });
});

test.describe('saved searches', () => {
  test.use({ vaultFiles: WEEKS });

  test('save a search, add a digest to the vault while the app runs, see "1 new", open it', async ({ page, almanac }) => {
    await openDesk(page, almanac.url);
    await typeQuery(page, 'agent');
    const saved = page.getByRole('region', { name: 'Saved searches' });
    await saved.getByRole('button', { name: 'Save search…' }).click();
    await saved.getByRole('textbox', { name: 'Name of the search' }).fill('智能体');
    await saved.getByRole('button', { name: 'Save' }).click();
    await expect(saved.getByRole('button', { name: 'Open 智能体' })).toBeVisible();

    almanac.writeDigest('weekly/2024-03-08.md', digest({ title: 'W10', date: '2024-03-08', body: '## A\n\n新的 agent 框架。' }));
    await expect(saved.getByRole('button', { name: 'Open 智能体, 1 new' })).toBeVisible({ timeout: 30_000 });
    await expect(saved.getByText('1 new')).toBeVisible();

    await page.getByRole('searchbox', { name: 'Search' }).fill('');
    await saved.getByRole('button', { name: 'Open 智能体, 1 new' }).click();
    await expect(page.locator('main#results')).toHaveAttribute('data-answered-query', 'agent');
    await expect(page.getByRole('listbox', { name: 'Results' }).getByRole('button', { name: 'W10' })).toBeVisible();
    await expect(saved.getByRole('button', { name: 'Open 智能体' })).toBeVisible();
    await expect(saved.getByText('1 new')).toHaveCount(0);
  });
});
