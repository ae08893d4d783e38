/**
 * Screenshots of the main views (light/dark, English/Chinese), taken while
 * checking that each view shows what it should. They land in the test output
 * folder; `npm run screenshots` writes them to docs/screenshots for the README
 * (helpers/screenshots.ts).
 */
import type { Page } from '@playwright/test';
import { expect, resultOptions, search, test } from './desk-fixture.js';
import { screenshotPath } from './helpers/screenshots.js';

test.use({ viewport: { width: 1440, height: 900 } });

async function shoot(page: Page, name: string): Promise<void> {
  // Let fonts settle and the section flash animation end.
  await page.evaluate('document.fonts.ready.then(() => true)');
  await page.waitForTimeout(1700);
  await page.screenshot({ path: screenshotPath(name) });
}

async function setLook(page: Page, language: 'en' | 'zh-CN', theme: 'light' | 'dark'): Promise<void> {
  await page.getByRole('combobox', { name: /^(Language|语言)$/ }).selectOption(language);
  await page.getByRole('combobox', { name: /^(Theme|主题)$/ }).selectOption(theme);
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

for (const theme of ['light', 'dark'] as const) {
  test(`search desk in English (${theme})`, async ({ desk: page }) => {
    await setLook(page, 'en', theme);
    await search(page, 'Claude Opus');
    await resultOptions(page).filter({ hasText: 'Claude Opus' }).first().click();
    await expect(page.getByRole('complementary', { name: 'Reader' }).getByRole('heading', { name: 'Claude Opus 4.6' })).toBeInViewport();
    await shoot(page, `desk-en-${theme}.png`);
  });

  test(`search desk in Chinese (${theme})`, async ({ desk: page }) => {
    await setLook(page, 'zh-CN', theme);
    await search(page, '后门检测');
    await resultOptions(page).filter({ hasText: '后门检测' }).first().click();
    await expect(page.getByRole('complementary', { name: '阅读' }).getByRole('heading', { name: '后门检测', exact: true })).toBeInViewport();
    await shoot(page, `desk-zh-${theme}.png`);
  });
}

test('start page and timeline (English, light)', async ({ desk: page }) => {
  await setLook(page, 'en', 'light');
  await expect(page.getByRole('heading', { name: 'Search your weekly digests' })).toBeVisible();
  await expect(page.getByRole('button', { name: /AI 周报/ }).first()).toBeVisible();
  await shoot(page, 'start-en-light.png');
  await search(page, '安全');
  await page.getByRole('button', { name: 'Timeline' }).click();
  await expect(page.getByRole('main').getByRole('button', { name: /: [1-9]\d* match/ }).first()).toBeVisible();
  await shoot(page, 'timeline-en-light.png');
});

test('narrow window: the reader replaces the results, with a way back (Chinese, light)', async ({ desk: page }) => {
  await page.setViewportSize({ width: 820, height: 900 });
  await setLook(page, 'zh-CN', 'light');
  await search(page, '后门检测');
  await resultOptions(page).filter({ hasText: '后门检测' }).first().click();
  const reader = page.getByRole('complementary', { name: '阅读' });
  await expect(reader.getByRole('heading', { name: '后门检测', exact: true })).toBeInViewport();
  await expect(page.getByRole('listbox', { name: '搜索结果' })).toHaveCount(0);
  await shoot(page, 'reader-zh-light.png');
  await reader.getByRole('button', { name: /返回结果/ }).click();
  await expect(resultOptions(page).first()).toBeVisible();
});

test('problems dialog (English, dark)', async ({ desk: page }) => {
  await setLook(page, 'en', 'dark');
  await page.getByRole('contentinfo').getByRole('button', { name: /problems?$/ }).click();
  await expect(page.getByRole('dialog', { name: 'Problem files' })).toBeVisible();
  await shoot(page, 'problems-en-dark.png');
});
