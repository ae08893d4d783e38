/**
 * The desktop path of the UI, in the browser: a stand-in for the preload bridge
 * (window.almanac) that forwards to the web-mode server and records calls. The
 * UI must pick it over HTTP, hand external links to openExternal, and offer the
 * vault dialog and recent vaults that only the desktop has.
 */
import { expect, resultOptions, search, test } from './desk-fixture.js';
import { bridgeStandIn } from './helpers/page-api.js';

const BRIDGE = bridgeStandIn(`
  const overrides = {
    openExternal: () => Promise.resolve({ ok: true, result: null }),
    recentVaults: () => Promise.resolve({ ok: true, result: [{ path: '/home/me/notes', name: 'notes', openedAt: '2026-01-01T00:00:00Z' }] }),
    openVault: () => post('getStatus', []),
  };
`);

test.beforeEach(async ({ page }) => {
  await page.addInitScript(BRIDGE);
});

test('with the desktop bridge, external links go to openExternal and the vault menu opens folders', async ({ desk: page }) => {
  const calls = () => page.evaluate('window.__calls.map((c) => c[0])') as Promise<string[]>;
  expect(await calls()).toContain('getStatus');

  await search(page, 'Claude Opus');
  await resultOptions(page).filter({ hasText: 'Claude Opus' }).first().click();
  const link = page.getByRole('complementary', { name: 'Reader' }).getByRole('link', { name: 'Release notes' });
  await expect(link).not.toHaveAttribute('target', '_blank');
  let popups = 0;
  page.on('popup', () => popups++);
  await link.click();
  await expect.poll(() => page.evaluate("window.__calls.filter((c) => c[0] === 'openExternal').map((c) => c[1])")).toEqual(['https://www.anthropic.com/news']);
  expect(popups).toBe(0);

  await page.getByRole('banner').getByRole('button', { name: 'vault' }).click();
  const menu = page.getByRole('group', { name: 'Vault menu' });
  await expect(menu.getByRole('button', { name: /notes/ })).toBeVisible();
  await expect(menu.getByText(/Web mode serves one vault/)).toHaveCount(0);
  await menu.getByRole('button', { name: 'Open vault…' }).click();
  await expect.poll(() => page.evaluate("window.__calls.filter((c) => c[0] === 'openVault').length")).toBe(1);
});

test('in web mode, external links open a new tab without an opener', async ({ browser, server }) => {
  const page = await browser.newPage();
  await page.goto(server.url);
  await search(page, 'Claude Opus');
  await resultOptions(page).filter({ hasText: 'Claude Opus' }).first().click();
  const link = page.getByRole('complementary', { name: 'Reader' }).getByRole('link', { name: 'Release notes' });
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  await page.close();
});

test('index progress events show a progress bar that goes away when the run finishes', async ({ desk: page }) => {
  const status = page.getByRole('contentinfo');
  await page.evaluate("window.__emit({ type: 'index-progress', progress: { phase: 'parse', done: 3, total: 10, currentFile: 'weekly/a.md', etaMs: null } })");
  await expect(status.getByText('Indexing parsing 3/10')).toBeVisible();
  const bar = status.getByRole('progressbar', { name: 'Indexing…' });
  await expect(bar).toHaveAttribute('value', '3');
  await expect(bar).toHaveAttribute('max', '10');
  // Reading goes on meanwhile.
  await search(page, '后门检测');
  await expect(resultOptions(page).first()).toBeVisible();
  await page.evaluate(
    "window.__emit({ type: 'index-finished', summary: { files: 1, indexed: 1, unchanged: 0, removed: 0, skipped: [], warnings: [], digests: 1, sections: 1, elapsedMs: 5 } })",
  );
  await expect(status.getByText('Index up to date')).toBeVisible();
  await expect(bar).toHaveCount(0);
  await page.evaluate("window.__emit({ type: 'index-error', message: 'weekly: permission denied' })");
  await expect(status.getByText('Index error: weekly: permission denied')).toBeVisible();
});
