/**
 * Playwright fixture for the search-desk specs: the desk vault served by
 * `almanac serve` through the shared e2e helper (helpers/server.ts), one
 * server per worker. Needs `npm run build` (out/node and out/renderer) first.
 */
import { expect, type Page } from '@playwright/test';
import { resultFromPage } from './helpers/page-api.js';
import { startAlmanacServe, test as base } from './helpers/server.js';
import { deskVaultFiles, type DeskVault } from './desk-vault.js';

export interface DeskServer {
  url: string;
  vault: DeskVault;
}

export const test = base.extend<{ desk: Page }, { server: DeskServer }>({
  // One server per worker: the specs only read, so they can share it (and its index).
  server: [
    async ({}, use) => {
      const { files, vault } = deskVaultFiles();
      const almanac = await startAlmanacServe({ vaultFiles: files });
      try {
        await use({ url: almanac.url, vault });
      } finally {
        await almanac.stop();
      }
    },
    { scope: 'worker' },
  ],
  /** A page showing the desk once the vault is indexed, with English UI. */
  desk: async ({ page, server }, use) => {
    await page.goto(server.url);
    await expect(page.getByText(/Index up to date|索引已是最新/)).toBeVisible({ timeout: 90_000 });
    await use(page);
    // Language and theme are saved in the app settings, which every test of this server shares.
    await resetSettings(page);
  },
});

export { expect };

/** Puts the app settings back to following the system (through the page, with its token). */
export async function resetSettings(page: Page): Promise<void> {
  await resultFromPage(page, 'updateSettings', [{ language: 'system', theme: 'system' }]);
}

/** The results listbox and its section hits. */
export function resultOptions(page: Page) {
  return page.getByRole('listbox', { name: /^(Results|搜索结果)$/ }).getByRole('option');
}

/** Types a query and waits until the results shown are the answer to it (not the previous list). */
export async function search(page: Page, query: string): Promise<void> {
  await page.getByRole('searchbox', { name: /^(Search|搜索)$/ }).fill(query);
  const results = page.locator('main#results');
  if ((await results.count()) > 0) await expect(results).toHaveAttribute('data-answered-query', query);
}
