/** Journey: the status bar counts problem files and lists each with its reason. */
import { expect, test } from './desk-fixture.js';

test('the warnings button lists skipped files and warnings with their reasons', async ({ desk: page }) => {
  const status = page.getByRole('contentinfo');
  await expect(status.getByText(/\d+ digests · \d+ sections/)).toBeVisible();
  const button = status.getByRole('button', { name: /^⚠ \d+ problems?$/ });
  await expect(button).toBeVisible();
  const count = Number(/(\d+)/.exec((await button.textContent()) ?? '')?.[1]);
  expect(count).toBeGreaterThanOrEqual(2);
  await button.click();
  const dialog = page.getByRole('dialog', { name: 'Problem files' });
  await expect(dialog).toBeVisible();
  const items = dialog.getByRole('listitem');
  await expect(items).toHaveCount(count);
  for (const file of ['broken/bad-yaml.md', 'broken/binary.md']) {
    const item = items.filter({ hasText: file });
    await expect(item).toHaveCount(1);
    // Each entry says whether it was skipped or warned about, and why.
    await expect(item.getByText(/^(Skipped|Warning)$/)).toBeVisible();
    expect(((await item.textContent()) ?? '').replace(file, '').replace(/Skipped|Warning/, '').trim().length).toBeGreaterThan(5);
  }
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});

test('the vault menu explains web mode and re-indexes without blocking reading', async ({ desk: page, server }) => {
  const menuButton = page.getByRole('banner').getByRole('button', { name: 'vault' });
  await menuButton.click();
  const menu = page.getByRole('group', { name: 'Vault menu' });
  await expect(menu.getByText(/Web mode serves one vault/)).toBeVisible();
  // Web mode cannot show a folder dialog, so it offers none.
  await expect(menu.getByRole('button', { name: 'Open vault…' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(menuButton).toBeFocused();

  await page.getByRole('button', { name: new RegExp(server.vault.weeks[0]!.title) }).first().click();
  const title = page.getByRole('complementary', { name: 'Reader' }).getByRole('heading', { level: 1 });
  await expect(title).toHaveText(server.vault.weeks[0]!.title);
  await menuButton.click();
  await menu.getByRole('button', { name: /Re-index/ }).click();
  await expect(menu).toBeHidden();
  // The reader stays usable while the index runs, and the status bar returns to idle.
  await expect(title).toHaveText(server.vault.weeks[0]!.title);
  await expect(page.getByRole('contentinfo').getByText('Index up to date')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('contentinfo').getByText(/^\d+ digests · \d+ sections$/)).toBeVisible();
});
