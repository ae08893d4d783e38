/** Journey: switching the interface to Simplified Chinese (and following the browser language). */
import { expect, resetSettings, resultOptions, search, test } from './desk-fixture.js';

test('switching the language relabels the interface and is remembered', async ({ desk: page }) => {
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  await expect(page.getByRole('searchbox', { name: '搜索' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: '语言' })).toHaveValue('zh-CN');
  await expect(page.getByRole('navigation', { name: '筛选' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

  await search(page, '后门检测');
  await resultOptions(page).first().click();
  const reader = page.getByRole('complementary', { name: '阅读' });
  await expect(reader.getByRole('button', { name: '上一周' })).toBeVisible();
  await expect(reader.getByRole('button', { name: '下一周' })).toBeVisible();
  await expect(page.getByRole('main').getByText(/^\d+ 期 · \d+ 个段落$/)).toBeVisible();

  await page.reload();
  await expect(page.getByRole('searchbox', { name: '搜索' })).toBeVisible();
  await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  await expect(page.getByRole('searchbox', { name: 'Search' })).toBeVisible();
});

test('a language and theme chosen before the app settings arrive are kept', async ({ page, server }) => {
  // The app's settings (language and theme 'system') are answered only after the choice is made.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let delivered!: () => void;
  const answered = new Promise<void>((resolve) => (delivered = resolve));
  await page.route('**/api/getSettings', async (route) => {
    const response = await route.fetch();
    await released;
    await route.fulfill({ response });
    delivered();
  });
  await page.goto(server.url);
  await expect(page.getByText(/Index up to date|索引已是最新/)).toBeVisible({ timeout: 90_000 });
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  await page.getByRole('combobox', { name: '主题' }).selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  release();
  await answered;
  await page.waitForTimeout(500); // the page applies (or ignores) the late answer
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('combobox', { name: '语言' })).toHaveValue('zh-CN');
  await resetSettings(page);
});

test.describe('with a Chinese browser', () => {
  test.use({ locale: 'zh-CN' });

  test('follows navigator.language by default', async ({ desk: page }) => {
    await expect(page.getByRole('searchbox', { name: '搜索' })).toBeVisible();
    await expect(page.getByRole('combobox', { name: '语言' })).toHaveValue('system');
    await expect(page.getByRole('link', { name: '跳到搜索结果' })).toBeAttached();
  });
});
