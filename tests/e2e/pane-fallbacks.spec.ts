/**
 * One digest cannot blank the UI (hardening finding 4). A digest nested too
 * deeply for react-markdown (10,000 list levels on one line, 10,000 quote
 * markers) or with too many emphasis markers (3,000 nested runs) is shown as
 * plain text with a notice instead of unmounting the app; a digest on which
 * rendering still throws (here: a malformed search answer whose highlight
 * terms are no strings) falls back to plain text through the reader's error
 * boundary; a pane that fails (results, filters) shows a small localised
 * error in its place. The search box keeps working throughout.
 */
import type { Page } from '@playwright/test';
import { digest, expect, test } from './helpers/server.js';

const DEEP_LIST = `${'- '.repeat(10_000)}deeplistmarker`;
const DEEP_QUOTE = `${'>'.repeat(10_000)} deepquotemarker`;
const EMPHASIS = `${'*a '.repeat(3_000)}emphasismarker${' a*'.repeat(3_000)}`;

test.use({
  vaultFiles: {
    'weekly/2026-02-06.md': digest({ title: 'Deep list', date: '2026-02-06', body: `## 深层列表\n\n${DEEP_LIST}\n` }),
    'weekly/2026-02-13.md': digest({ title: 'Deep quote', date: '2026-02-13', body: `## 深层引用\n\n${DEEP_QUOTE}\n` }),
    'weekly/2026-02-20.md': digest({ title: 'Nested emphasis', date: '2026-02-20', body: `## 强调\n\n${EMPHASIS}\n` }),
    'weekly/2026-02-27.md': digest({ title: 'Ordinary week', date: '2026-02-27', body: '## 模型发布\n\nOpenAI 发布 GPT-5.3-Codex。\n\n- 一\n  - 二\n' }),
  },
});
test.describe.configure({ timeout: 180_000 });

const searchBox = (page: Page) => page.getByRole('searchbox', { name: 'Search' });
const results = (page: Page) => page.getByRole('listbox', { name: 'Results' });
const reader = (page: Page) => page.locator('aside.reader');

/** Searches for `marker` and opens its digest in the reader. */
async function open(page: Page, marker: string, title: string): Promise<void> {
  await searchBox(page).fill(marker);
  await results(page).getByRole('button', { name: title }).click();
}

/** The reader's text, read from the DOM (Playwright's accessibility walk can overflow on deep pages). */
async function readerText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const dom = globalThis as unknown as { document: { querySelector(selector: string): { textContent: string | null } | null } };
    return dom.document.querySelector('aside.reader')?.textContent ?? '';
  });
}

test('a digest nested too deeply is shown as plain text with a notice, and the desk keeps working', async ({ page, almanac }) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(almanac.url);
  await expect(page.getByText('Index up to date')).toBeVisible({ timeout: 120_000 });

  for (const [marker, title] of [['deeplistmarker', 'Deep list'], ['deepquotemarker', 'Deep quote']] as const) {
    const started = Date.now();
    await open(page, marker, title);
    await expect.poll(() => readerText(page), { timeout: 30_000 }).toContain(marker);
    expect(Date.now() - started, `${title} opens at once, without parsing 10,000 levels`).toBeLessThan(15_000);
    expect(await readerText(page)).toContain('nests lists or quotes too deeply to format; shown as plain text');
    expect(await reader(page).locator('.md li, .md blockquote').count()).toBe(0);
  }

  // The search box, results and reader still work.
  await open(page, 'Codex', 'Ordinary week');
  await expect(reader(page).getByRole('heading', { name: '模型发布' })).toBeVisible();
  await expect(reader(page).locator('article li')).toHaveCount(2);
  expect(errors).toEqual([]);
});

test('a digest with too many emphasis markers is shown as plain text with a notice', async ({ page, almanac }) => {
  await page.goto(almanac.url);
  await expect(page.getByText('Index up to date')).toBeVisible({ timeout: 120_000 });
  const started = Date.now();
  await open(page, 'emphasismarker', 'Nested emphasis');
  await expect.poll(() => readerText(page), { timeout: 30_000 }).toContain('emphasismarker');
  expect(Date.now() - started).toBeLessThan(15_000);
  expect(await readerText(page)).toContain('This digest has too many emphasis or link markers to format; shown as plain text.');
});

test('a digest on which rendering still throws falls back to plain text through the error boundary, not a blank app', async ({ page, almanac }) => {
  await page.goto(almanac.url);
  await expect(page.getByText('Index up to date')).toBeVisible({ timeout: 120_000 });
  // A malformed answer (a bug elsewhere): highlight terms that are no strings make the Markdown renderer throw.
  await page.route('**/api/search', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { ok: boolean; result: { highlightTerms: unknown[] } };
    body.result.highlightTerms = [42];
    await route.fulfill({ response, json: body });
  });
  await open(page, 'Codex', 'Ordinary week');
  await expect.poll(() => readerText(page), { timeout: 30_000 }).toContain('This digest could not be formatted; shown as plain text.');
  expect(await readerText(page)).toContain('OpenAI 发布 GPT-5.3-Codex');
  await page.unroute('**/api/search');
  // The next answer renders normally again.
  await open(page, 'GPT', 'Ordinary week');
  await expect(reader(page).locator('.md li')).toHaveCount(2);
});

test('a pane that fails to render shows a small error in its place; the rest of the desk stays', async ({ page, almanac }) => {
  await page.goto(almanac.url);
  await expect(page.getByText('Index up to date')).toBeVisible({ timeout: 120_000 });
  // An answer the results list and the filters cannot draw (a hit without sections, tag facets that are no object).
  await page.route('**/api/search', (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({
        ok: true,
        result: { total: 1, totalSections: 1, tookMs: 1, results: [{ path: 'weekly/x.md', title: 'Broken hit' }], facets: { tags: null, weeks: {}, months: {}, years: {} }, notices: [], highlightTerms: [] },
      }),
    }),
  );
  await searchBox(page).fill('Codex');
  const failed = page.getByRole('alert').filter({ hasText: 'This part of the window could not be shown.' });
  await expect(failed.first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Try again' }).first()).toBeVisible();
  // The search box, the status bar and the reader are still there; a new answer brings the results back.
  await expect(page.getByText('Index up to date')).toBeVisible();
  await page.unroute('**/api/search');
  await searchBox(page).fill('GPT');
  await expect(results(page).getByRole('button', { name: 'Ordinary week' })).toBeVisible();
  await expect(failed).toHaveCount(0);
});

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('the fallbacks speak Chinese', async ({ page, almanac }) => {
    await page.goto(almanac.url);
    await expect(page.getByText('索引已是最新')).toBeVisible({ timeout: 120_000 });
    await page.getByRole('searchbox', { name: '搜索' }).fill('deeplistmarker');
    await page.getByRole('listbox', { name: '搜索结果' }).getByRole('button', { name: 'Deep list' }).click();
    await expect.poll(() => readerText(page), { timeout: 30_000 }).toContain('这篇周刊的列表或引用嵌套过深，无法排版，以纯文本显示。');
  });
});
