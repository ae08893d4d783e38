/** Hostile Markdown in a digest is shown as text at most: nothing in it runs. */
import { expect, resultOptions, search, test } from './desk-fixture.js';

test('scripts, event handlers, javascript: links, iframes and svg onload execute nothing', async ({ desk: page, server }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await search(page, 'Hostile marker');
  await resultOptions(page).first().click();
  const reader = page.getByRole('complementary', { name: 'Reader' });
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText(server.vault.hostile.title);
  await expect(reader.getByText('Hostile marker paragraph: payloads end here.')).toBeVisible();

  const article = reader.getByRole('article');
  await expect(article.locator('script, iframe, object, embed, svg[onload], [onerror], [onclick], [onload], [ontoggle]')).toHaveCount(0);
  await expect(article.locator('a[href^="javascript:" i], a[href^="data:" i]')).toHaveCount(0);
  await expect(article.locator('img')).toHaveCount(0);
  // The remote image is a labelled placeholder with its address.
  await expect(article.getByRole('img', { name: 'Image (not loaded): tracker' })).toBeVisible();
  await expect(article.getByRole('link', { name: 'https://tracker.example/pixel.png' })).toBeVisible();

  // Clicking what is left of the javascript: link does nothing either.
  await article.getByText('run me').click();
  await page.waitForTimeout(300);
  expect(dialogs).toEqual([]);
  expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText(server.vault.hostile.title);
});
