/**
 * Export journey in web mode: pick sections from the results and from the
 * reader, order them in the selection tray, download a Markdown export and
 * check its content; the selection survives a reload and drops sections that
 * leave the index.
 */
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { bridgeStandIn, resultFromPage } from './helpers/page-api.js';
import { screenshotPath } from './helpers/screenshots.js';
import { digest, expect, test } from './helpers/server.js';

const W05 = 'weekly/2026-01-30.md';
const W06 = 'weekly/2026-02-06.md';
const W07 = 'weekly/2026-02-13.md';

test.use({
  vaultFiles: {
    [W05]: digest({
      title: 'AI 周报 · 第 5 周',
      date: '2026-01-30',
      tags: ['ai'],
      body: '## 模型发布\n\n### GPT-5.3-Codex\n\nOpenAI 发布 GPT-5.3-Codex，编码能力提升。\n\n## 开源\n\n本周开源项目 Lumen 发布。',
    }),
    [W06]: digest({
      title: 'AI 周报 · 第 6 周',
      date: '2026-02-06',
      tags: ['ai', 'security'],
      body: '## 后门检测\n\n综述。\n\n### 方法\n\n研究者提出 Sleeper 后门检测方法，召回率 93%。\n\n## 杂谈\n\n本周无大事。',
    }),
    [W07]: digest({
      title: 'AI 周报 · 第 7 周',
      date: '2026-02-13',
      tags: ['ai'],
      body: '## 工具\n\nClaude Opus 4.6 支持更长的上下文，见 [上周](./2026-02-06.md)。\n\n## 结语\n\n下周见。',
    }),
  },
});

function searchFor(page: Page, query: string) {
  return page.getByRole('searchbox', { name: 'Search' }).fill(query);
}

const results = (page: Page) => page.getByRole('listbox', { name: 'Results' });
const reader = (page: Page) => page.getByRole('complementary', { name: 'Reader' });
const tray = (page: Page) => page.getByRole('region', { name: 'Selected sections' });
const trayItems = (page: Page) => tray(page).getByRole('list', { name: 'Selected sections' }).getByRole('listitem');

/** Picks 方法 (W06) in the results and 工具 (W07) in the reader. */
async function selectTwoSections(page: Page): Promise<void> {
  await searchFor(page, '后门检测');
  const pick = results(page).getByRole('checkbox', { name: 'Select section 方法' });
  await pick.check();
  await expect(pick).toBeChecked();
  // Ticking the box selects; it does not open the section.
  await expect(reader(page).getByRole('heading', { level: 1 })).toHaveCount(0);

  await searchFor(page, 'Claude Opus');
  await expect(results(page).getByRole('checkbox', { name: 'Select section 方法' })).toHaveCount(0);
  await results(page).getByRole('option').first().click();
  await expect(reader(page).getByRole('heading', { level: 1 })).toHaveText('AI 周报 · 第 7 周');
  await reader(page).getByRole('checkbox', { name: 'Select section 工具' }).check();
  await expect(page.getByRole('button', { name: 'Selection (2)' })).toBeVisible();
}

test('select from results and reader, reorder in the tray, download Markdown, survive a reload', async ({ page, almanac }) => {
  await page.goto(almanac.url);
  await selectTwoSections(page);

  await page.getByRole('button', { name: 'Selection (2)' }).click();
  await expect(tray(page)).toBeVisible();
  await expect(trayItems(page)).toHaveCount(2);
  await expect(trayItems(page).nth(0)).toContainText('AI 周报 · 第 6 周');
  await expect(trayItems(page).nth(0)).toContainText('2026-W06');
  await expect(trayItems(page).nth(0)).toContainText('方法');
  await expect(trayItems(page).nth(1)).toContainText('2026-W07');
  await expect(trayItems(page).nth(1)).toContainText('工具');
  // By hand: 工具 first.
  await tray(page).getByRole('button', { name: 'Move “工具” up' }).click();
  await expect(trayItems(page).nth(0)).toContainText('工具');
  await expect(trayItems(page).nth(1)).toContainText('方法');

  await tray(page).getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export 2 sections' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('radio', { name: 'Markdown' })).toBeChecked();
  const preview = dialog.locator('pre.export-preview');
  await expect(preview).toContainText('### 工具');
  await expect(preview).toContainText('研究者提出 Sleeper 后门检测方法');
  await dialog.getByRole('textbox', { name: 'Title' }).fill('后门与工具');
  await expect(preview).toContainText('# 后门与工具');

  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export…' }).click()]);
  expect(download.suggestedFilename()).toBe('almanac-export-2026-W06-to-2026-W07.md');
  await expect(dialog.getByRole('status')).toHaveText('Downloaded almanac-export-2026-W06-to-2026-W07.md');
  const file = await download.path();
  const text = fs.readFileSync(file, 'utf8');
  expect(text.startsWith('# 后门与工具\n')).toBe(true);
  // Both sections' text, in the tray's order.
  expect(text).toContain('Claude Opus 4.6 支持更长的上下文');
  expect(text).toContain('研究者提出 Sleeper 后门检测方法，召回率 93%。');
  expect(text.indexOf('Claude Opus 4.6')).toBeLessThan(text.indexOf('Sleeper'));
  // Source notes cite title, date, ISO week and path.
  expect(text).toContain('*Source: AI 周报 · 第 7 周 · 2026-02-13 · 2026-W07 · `weekly/2026-02-13.md`*');
  expect(text).toContain('*Source: AI 周报 · 第 6 周 · 2026-02-06 · 2026-W06 · `weekly/2026-02-06.md`*');
  // Headings rebased: the source's "## 工具" sits under the week's H2 as an H3; a link to a vault file is unlinked.
  expect(text).toMatch(/^## 2026-W07 · AI 周报 · 第 7 周$/m);
  expect(text).toMatch(/^### 工具$/m);
  expect(text).not.toMatch(/^## 工具$/m);
  expect(text).toContain('上周 (vault: `weekly/2026-02-06.md`)');
  // Only what was selected.
  expect(text).not.toContain('本周无大事');
  expect(text).not.toContain('GPT-5.3-Codex');

  // Copy as Markdown, with a visible confirmation.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: almanac.origin });
  await dialog.getByRole('button', { name: 'Copy as Markdown' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Copied to the clipboard.');
  expect(await page.evaluate('navigator.clipboard.readText()')).toContain('Claude Opus 4.6');

  // A reload keeps the selection and its order.
  await page.reload();
  await page.getByRole('button', { name: 'Selection (2)' }).click();
  await expect(trayItems(page).nth(0)).toContainText('工具');
  await expect(trayItems(page).nth(1)).toContainText('方法');
  // By drag: 方法 onto the first place.
  await trayItems(page).nth(1).dragTo(trayItems(page).nth(0));
  await expect(trayItems(page).nth(0)).toContainText('方法');
  await tray(page).getByRole('button', { name: 'Move “方法” down' }).click();
  await expect(trayItems(page).nth(0)).toContainText('工具');
  // By date in one click: W06 before W07.
  await tray(page).getByRole('button', { name: 'Sort by date' }).click();
  await expect(trayItems(page).nth(0)).toContainText('方法');
  await expect(trayItems(page).nth(1)).toContainText('工具');
  await tray(page).getByRole('button', { name: 'Remove “方法”' }).click();
  await expect(trayItems(page)).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Selection (1)' })).toBeVisible();
});

test('"select all hits" picks every hit of one digest; sections that leave the index are dropped with a notice', async ({ page, almanac }) => {
  await page.goto(almanac.url);
  await searchFor(page, 'GPT OR Lumen');
  await expect(results(page).getByRole('option')).toHaveCount(2);
  await results(page).getByRole('checkbox', { name: 'Select all hits in this digest' }).check();
  await expect(page.getByRole('button', { name: 'Selection (2)' })).toBeVisible();
  await expect(results(page).getByRole('checkbox', { name: 'Select section GPT-5.3-Codex' })).toBeChecked();
  // From the keyboard: Space on the active hit toggles it.
  await results(page).focus();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Selection (1)' })).toBeVisible();
  await expect(results(page).getByRole('option').first()).toHaveAttribute('aria-checked', 'false');
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Selection (2)' })).toBeVisible();

  // The digest is deleted; after the re-index the tray drops its sections and says so.
  almanac.removeDigest(W05);
  await expect(page.getByRole('status').filter({ hasText: '2 selected sections are no longer in the index and were removed.' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Selection (0)' })).toBeVisible();
});

test('in the browser, HTML downloads as one file and PDF opens the export in a tab to print', async ({ page, almanac }) => {
  await page.goto(almanac.url);
  await selectTwoSections(page);
  await page.getByRole('button', { name: 'Selection (2)' }).click();
  await tray(page).getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export 2 sections' });
  await dialog.getByRole('radio', { name: 'HTML' }).check();
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export…' }).click()]);
  expect(download.suggestedFilename()).toBe('almanac-export-2026-W06-to-2026-W07.html');
  const html = fs.readFileSync(await download.path(), 'utf8');
  expect(html).toContain('<meta http-equiv="Content-Security-Policy"');
  expect(html).toContain('Claude Opus 4.6');
  expect(html).not.toContain('<script');

  await dialog.getByRole('radio', { name: 'PDF' }).check();
  const [tab] = await Promise.all([page.waitForEvent('popup'), dialog.getByRole('button', { name: 'Export…' }).click()]);
  await expect(tab.getByRole('heading', { name: '工具' })).toBeVisible();
  await expect(tab.getByText('研究者提出 Sleeper 后门检测方法')).toBeVisible();
  await expect(dialog.getByRole('status')).toHaveText('The export opens in a new tab: choose “Save as PDF” in its print dialog.');
});

test('screenshot: the tray and the export dialog (English, light)', async ({ page, almanac }) => {
  // Wide enough that the tray stays visible beside the dialog.
  await page.setViewportSize({ width: 1600, height: 900 });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(almanac.url);
  await selectTwoSections(page);
  await page.getByRole('button', { name: 'Selection (2)' }).click();
  await tray(page).getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export 2 sections' });
  await expect(dialog.locator('pre.export-preview')).toContainText('### 工具');
  await page.screenshot({ path: screenshotPath('export-en-light.png') });
});

/** The preload bridge, stood in for in the browser: the real server answers, saveExport is recorded. */
const DESKTOP_BRIDGE = bridgeStandIn(
  `
  window.__saved = [];
  const overrides = {
    openVault: () => post('getStatus', []),
    openExternal: () => Promise.resolve({ ok: true, result: null }),
    saveExport: (request) => {
      window.__saved.push(request);
      return Promise.resolve({ ok: true, result: window.__saved.length === 1 ? { cancelled: true } : { path: '/home/me/Documents/后门.pdf' } });
    },
  };
`,
  false,
);

test('on the desktop, Export… hands the request to saveExport (native dialog) and shows where the file went', async ({ page, almanac }) => {
  await page.addInitScript(DESKTOP_BRIDGE);
  await page.goto(almanac.url);
  // `almanac serve` indexes in the background, and this bridge has no event stream to tell the
  // page when the first run is done: wait for it before searching.
  await expect
    .poll(
      async () => {
        const status = await resultFromPage<{ state: string; digests: number }>(page, 'getStatus', []);
        return `${status.state}:${status.digests}`;
      },
      { timeout: 30_000 },
    )
    .toBe('idle:3');
  await selectTwoSections(page);
  await page.getByRole('button', { name: 'Selection (2)' }).click();
  await tray(page).getByRole('button', { name: 'Move “工具” up' }).click();
  await tray(page).getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export 2 sections' });
  await dialog.getByRole('radio', { name: 'PDF' }).check();
  await expect(dialog.getByRole('checkbox', { name: 'YAML front matter (Markdown only)' })).toBeDisabled();
  await dialog.getByRole('combobox', { name: 'Group by' }).selectOption('heading');
  await dialog.getByRole('checkbox', { name: /Include source notes/ }).uncheck();

  // Cancelled in the native dialog: nothing to report.
  await dialog.getByRole('button', { name: 'Export…' }).click();
  await expect.poll(() => page.evaluate('window.__saved.length')).toBe(1);
  await expect(dialog.getByRole('status')).toHaveText('');
  await dialog.getByRole('button', { name: 'Export…' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Saved to /home/me/Documents/后门.pdf');

  const saved = (await page.evaluate('window.__saved')) as Record<string, unknown>[];
  const ids = await page.evaluate('window.__saved[0].sectionIds');
  expect(saved[1]).toEqual({ sectionIds: ids, format: 'pdf', order: 'given', groupBy: 'heading', sourceNotes: false, dedupe: true, foldRepeats: false, frontMatter: false, title: 'Almanac export' });
  expect(saved[1]?.sectionIds).toHaveLength(2);
  // The ids are in the tray's order: 工具 (W07) first.
  const [first] = saved[1]?.sectionIds as string[];
  const digest = await resultFromPage<{ sections: { id: string; heading: string }[] }>(page, 'getDigest', [W07]);
  expect(digest.sections.find((s) => s.id === first)?.heading).toBe('工具');
});

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('the selection controls and the tray speak Chinese', async ({ page, almanac }) => {
    await page.goto(almanac.url);
    await page.getByRole('searchbox', { name: '搜索' }).fill('Claude Opus');
    await page.getByRole('listbox', { name: '搜索结果' }).getByRole('checkbox', { name: '选择段落 工具' }).check();
    await page.getByRole('button', { name: '已选 (1)' }).click();
    const panel = page.getByRole('region', { name: '已选段落' });
    await expect(panel.getByRole('button', { name: '按日期排序' })).toBeVisible();
    await panel.getByRole('button', { name: '导出…' }).click();
    const dialog = page.getByRole('dialog', { name: '导出 1 个段落' });
    await expect(dialog.getByRole('button', { name: '复制为 Markdown' })).toBeVisible();
    await expect(dialog.locator('pre.export-preview')).toContainText('# Almanac 导出');
  });
});
