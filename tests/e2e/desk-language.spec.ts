/** Journey: switching the interface to Simplified Chinese (and following the browser language). */
import { expect, resultOptions, search, test } from './desk-fixture.js';

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

test.describe('with a Chinese browser', () => {
  test.use({ locale: 'zh-CN' });

  test('follows navigator.language by default', async ({ desk: page }) => {
    await expect(page.getByRole('searchbox', { name: '搜索' })).toBeVisible();
    await expect(page.getByRole('combobox', { name: '语言' })).toHaveValue('system');
    await expect(page.getByRole('link', { name: '跳到搜索结果' })).toBeAttached();
  });
});
