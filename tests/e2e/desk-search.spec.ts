/** Journey: search in Chinese and English and see highlighted, grouped results. */
import { QUERY_HELP } from '../../src/shared/query-help.js';
import { expect, resultOptions, search, test } from './desk-fixture.js';

test('searching 后门检测 shows the digest with the matching section highlighted', async ({ desk: page, server }) => {
  await search(page, '后门检测');
  const results = page.getByRole('listbox', { name: 'Results' });
  await expect(results.getByRole('button', { name: server.vault.backdoor.title })).toBeVisible();
  const marks = results.locator('mark');
  await expect(marks.first()).toBeVisible();
  const marked = (await marks.allTextContents()).join('');
  expect(marked).toContain('后门');
  expect(marked).toContain('检测');
  await expect(page.getByRole('main').getByText(/^\d+ digests? · \d+ sections?$/)).toBeVisible();
});

test('searching Claude Opus highlights both words, whatever their case', async ({ desk: page, server }) => {
  await search(page, 'claude opus');
  const results = page.getByRole('listbox', { name: 'Results' });
  await expect(results.getByRole('button', { name: server.vault.claude.title })).toBeVisible();
  const marked = (await results.locator('mark').allTextContents()).map((t) => t.toLowerCase());
  expect(marked.some((t) => t.includes('claude'))).toBe(true);
  expect(marked.some((t) => t.includes('opus'))).toBe(true);
});

test('typing quickly shows the answer to the last query only', async ({ desk: page, server }) => {
  const box = page.getByRole('searchbox', { name: 'Search' });
  await box.pressSequentially('Claude', { delay: 15 });
  await box.fill('后门检测');
  await expect(page.getByRole('listbox', { name: 'Results' }).getByRole('button', { name: server.vault.backdoor.title })).toBeVisible();
  await expect(page.getByRole('listbox', { name: 'Results' }).getByRole('button', { name: server.vault.claude.title })).toHaveCount(0);
});

test('a query with no match explains what to try', async ({ desk: page }) => {
  await search(page, 'zzqxjv');
  await expect(page.getByRole('heading', { name: 'No results for “zzqxjv”' })).toBeVisible();
  await expect(resultOptions(page)).toHaveCount(0);
});

test('sorting by newest puts the latest digest first', async ({ desk: page, server }) => {
  await search(page, '模型');
  await page.getByRole('combobox', { name: 'Sort' }).selectOption('newest');
  await expect(resultOptions(page).first()).toHaveAccessibleName(new RegExp(`^Open ${server.vault.weeks[0]!.title}`));
  await page.getByRole('combobox', { name: 'Sort' }).selectOption('oldest');
  await expect(resultOptions(page).first()).toHaveAccessibleName(new RegExp(`^Open ${server.vault.old.title}`));
});

test('recent searches are remembered and offered in the search box', async ({ desk: page }) => {
  const box = page.getByRole('searchbox', { name: 'Search' });
  await box.fill('后门检测');
  await box.press('Enter');
  await box.fill('');
  await box.press('ArrowDown');
  const recent = page.getByRole('listbox', { name: 'Recent searches' });
  await expect(recent.getByRole('option', { name: '后门检测' })).toBeVisible();
  await box.press('Enter');
  await expect(box).toHaveValue('后门检测');
  await page.reload();
  await page.getByRole('searchbox', { name: 'Search' }).focus();
  await expect(page.getByRole('listbox', { name: 'Recent searches' }).getByRole('option', { name: '后门检测' })).toBeVisible();
});

test('the syntax help lists every operator of the query language and inserts an example', async ({ desk: page }) => {
  await page.getByRole('button', { name: 'Search syntax' }).click();
  const help = page.getByRole('dialog', { name: 'Search syntax' });
  await expect(help).toBeVisible();
  await expect(help.locator('dt')).toHaveCount(QUERY_HELP.length);
  for (const entry of QUERY_HELP) {
    await expect(help.locator('dt', { hasText: entry.syntax.split(/\s+/)[0]! })).not.toHaveCount(0);
    await expect(help.getByText(entry.description.en)).toBeVisible();
  }
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await expect(page.getByRole('button', { name: 'Search syntax' })).toBeFocused();

  await page.getByRole('button', { name: 'Search syntax' }).click();
  const phrase = QUERY_HELP.find((e) => e.syntax === '"phrase"')!;
  await help.getByRole('button', { name: `Try ${phrase.example}` }).click();
  await expect(help).toBeHidden();
  await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue(phrase.example);
  await expect(page.getByRole('searchbox', { name: 'Search' })).toBeFocused();
});
