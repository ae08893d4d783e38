/**
 * Images in the browser (issue 16), in web mode over the real CLI: a vault's
 * local images (relative, root-relative through static/, a page bundle's
 * ./diagram.png) are drawn in the reader and embedded in the HTML export;
 * missing ones are marked with their path; the reader keeps its layout while
 * lazy images load; remote https: images load only after "Load remote images"
 * (routed to a local answer: nothing reaches the network), http: ones never.
 */
import type { Page, Request } from '@playwright/test';
import { pngImage, svgImage } from '../helpers/images.js';
import { resultFromPage } from './helpers/page-api.js';
import { digest, expect, test } from './helpers/server.js';

const REMOTE = 'https://images.example';
const FILLER = Array.from({ length: 60 }, (_, i) => `Filler paragraph ${i} about charts and diagrams in this week.`).join('\n\n');

const BODY = [
  '## Charts',
  '',
  '![relative chart](images/chart.png)',
  '',
  '![root screenshot](/img/shot.png) ![bundle diagram](./diagram.svg)',
  '',
  '![missing one](images/none.png) ![fake png](images/page.png)',
  '',
  '## Remote',
  '',
  `![remote chart](${REMOTE}/chart.png) ![insecure](http://images.example/insecure.png)`,
  '',
  '## Far below',
  '',
  FILLER,
  '',
  '![late chart](images/late.png)',
  '',
  '## After the late chart',
  '',
  'hmklate marker text.',
].join('\n');

test.use({
  vaultFiles: {
    'weekly/2026-w02/index.md': digest({ title: 'Images week', date: '2026-01-09', body: BODY }),
    'weekly/2026-w02/images/chart.png': pngImage(320, 200),
    'weekly/2026-w02/images/late.png': pngImage(300, 150, [90, 160, 60]),
    'weekly/2026-w02/images/page.png': '<!doctype html><script>window.__pwned = 1</script>',
    'weekly/2026-w02/diagram.svg': svgImage(120, 80, '<script>window.parent.__pwned = 1</script>'),
    'static/img/shot.png': pngImage(64, 48, [20, 120, 200]),
  },
});

/** Every request for another host is answered here (a 1 x 1 PNG for images.example over https, an abort otherwise), never by the network. */
async function routeRemote(page: Page): Promise<{ https: Request[]; other: string[] }> {
  const seen = { https: [] as Request[], other: [] as string[] };
  await page.context().route(
    (url) => url.hostname !== '127.0.0.1',
    (route) => {
      const request = route.request();
      if (request.url().startsWith(`${REMOTE}/`)) {
        seen.https.push(request);
        return route.fulfill({ status: 200, contentType: 'image/png', body: pngImage(40, 30) });
      }
      seen.other.push(request.url());
      return route.abort('blockedbyclient');
    },
  );
  return seen;
}

async function openImagesWeek(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByText(/Index up to date/)).toBeVisible({ timeout: 60_000 });
  await page.locator('input[type="search"]').fill('charts');
  await page.getByRole('option', { name: 'Open Images week — Charts' }).click();
  await expect(page.getByRole('complementary', { name: 'Reader' }).getByRole('heading', { level: 1, name: 'Images week' })).toBeVisible();
}

const naturalWidth = (page: Page, alt: string): Promise<number> =>
  page.locator(`aside.reader img[alt="${alt}"]`).evaluate((img) => (img as { naturalWidth: number }).naturalWidth);

test('local images show in the reader, missing ones are marked, and remote ones wait for the button', async ({ page, almanac }) => {
  const remote = await routeRemote(page);
  await openImagesWeek(page, almanac.url);
  const reader = page.getByRole('complementary', { name: 'Reader' });

  for (const alt of ['relative chart', 'root screenshot', 'bundle diagram']) {
    const img = reader.locator(`img[alt="${alt}"]`);
    await img.scrollIntoViewIfNeeded();
    await expect.poll(() => naturalWidth(page, alt), { message: alt }).toBeGreaterThan(0);
    expect(await img.getAttribute('src'), alt).toMatch(/^\/api\/image\/[\w-]{43}\//);
  }
  await expect(reader.locator('img[alt="relative chart"]')).toHaveAttribute('width', '320');
  await expect(reader.locator('img[alt="relative chart"]')).toHaveAttribute('height', '200');
  await expect(reader.getByText('Missing image: images/none.png')).toBeVisible();
  await expect(reader.getByText('Not an image, not shown: images/page.png')).toBeVisible();
  expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');

  // Remote images: none requested before the button.
  await expect(reader.getByText('Remote image (not loaded): remote chart')).toBeVisible();
  await page.waitForTimeout(300);
  expect(remote.https).toEqual([]);
  await reader.getByRole('button', { name: 'Load remote images' }).click();
  // The page reloads asking for a policy that allows https: images, and opens the same digest again.
  await expect(page).toHaveURL(/remote-images=1/);
  await expect(page.getByRole('complementary', { name: 'Reader' }).getByRole('heading', { level: 1, name: 'Images week' })).toBeVisible();
  await expect.poll(() => naturalWidth(page, 'remote chart')).toBeGreaterThan(0);
  expect(remote.https.map((r) => [r.url(), r.resourceType()])).toEqual([[`${REMOTE}/chart.png`, 'image']]);
  // http: is never loaded, and nothing else left 127.0.0.1.
  await expect(page.getByText('Image (not loaded): insecure')).toBeVisible();
  expect(remote.other).toEqual([]);
});

test('a lazy image far below reserves its box: the text after it does not move when it loads', async ({ page, almanac }) => {
  await routeRemote(page);
  await openImagesWeek(page, almanac.url);
  const reader = page.getByRole('complementary', { name: 'Reader' });
  const late = reader.locator('img[alt="late chart"]');
  await expect(late).toHaveAttribute('loading', 'lazy');
  const after = reader.getByRole('heading', { name: 'After the late chart' });
  const before = await after.evaluate((h) => (h as { offsetTop: number }).offsetTop);
  expect(await naturalWidth(page, 'late chart')).toBe(0);
  await after.scrollIntoViewIfNeeded();
  await expect.poll(() => naturalWidth(page, 'late chart')).toBe(300);
  expect(await after.evaluate((h) => (h as { offsetTop: number }).offsetTop)).toBe(before);
});

test('the HTML export embeds the local images, and shows them when opened', async ({ page, almanac }) => {
  const remote = await routeRemote(page);
  await openImagesWeek(page, almanac.url);
  const d = await resultFromPage<{ sections: { id: string }[] }>(page, 'getDigest', ['weekly/2026-w02/index.md']);
  const exported = await resultFromPage<{ content: string }>(page, 'exportSections', [{ sectionIds: d.sections.map((s) => s.id), format: 'html' }]);
  expect(exported.content.match(/<img src="data:image\/(png|svg\+xml);base64,/g)).toHaveLength(4);
  await page.setContent(exported.content, { waitUntil: 'load' });
  for (const alt of ['relative chart', 'root screenshot', 'bundle diagram', 'late chart']) {
    const width = await page.locator(`img[alt="${alt}"]`).evaluate((img) => (img as { naturalWidth: number }).naturalWidth);
    expect(width, alt).toBeGreaterThan(0);
  }
  // The remote image is a link to click, not a load.
  await expect(page.getByRole('link', { name: '[remote chart]' })).toHaveAttribute('href', `${REMOTE}/chart.png`);
  expect(remote.https).toEqual([]);
});
