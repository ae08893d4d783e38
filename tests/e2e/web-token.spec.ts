/**
 * The web-mode token stays with Almanac's own origin (hardening finding 2).
 * Cookies are not port-scoped: a token in a cookie went with every request to
 * any other service on 127.0.0.1, a page on another port could plant a cookie
 * that shadowed it, and a second `almanac serve` overwrote the first one's.
 * Here another local service records what the browser sends it after
 * Almanac was opened, and two servers share one browser.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { digest, expect, startAlmanacServe, test, type AlmanacServe } from './helpers/server.js';

test.use({
  vaultFiles: {
    'weekly/2026-02-06.md': digest({ title: 'AI 周报 2026-02-06', date: '2026-02-06', body: '## 模型发布\n\nOpenAI 发布 GPT-5.3-Codex。' }),
  },
});
test.describe.configure({ timeout: 120_000 });

interface Recorder {
  origin: string;
  /** Every request's raw header lines, in order. */
  requests: { url: string; headers: string[] }[];
  close(): Promise<void>;
}

/** Another local service on 127.0.0.1: records what it is sent; `/plant` tries to plant a shadowing token cookie. */
async function otherLocalService(): Promise<Recorder> {
  const requests: Recorder['requests'] = [];
  const server = http.createServer((req, res) => {
    requests.push({ url: req.url ?? '', headers: req.rawHeaders });
    const headers: Record<string, string> = { 'content-type': 'text/html', 'access-control-allow-origin': '*' };
    if (req.url === '/plant') headers['set-cookie'] = 'almanac_token=planted-by-another-port; Path=/';
    res.writeHead(200, headers);
    res.end('<!doctype html><title>another local service</title><p>hello</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const searchBox = (page: Page) => page.getByRole('searchbox', { name: /^(Search|搜索)$/ });
const results = (page: Page) => page.getByRole('listbox', { name: /^(Results|搜索结果)$/ });

async function expectSearchWorks(page: Page, title: string): Promise<void> {
  await searchBox(page).fill('Codex');
  await expect(results(page).getByRole('button', { name: title })).toBeVisible({ timeout: 30_000 });
}

test('after opening Almanac, nothing the browser sends to another local port carries the token', async ({ page, almanac }) => {
  const other = await otherLocalService();
  try {
    await page.goto(almanac.url);
    await expect(page).toHaveURL(`${almanac.origin}/`);
    await expectSearchWorks(page, 'AI 周报 2026-02-06');
    // A link on the page (as in a digest: new tab, no opener; the CSP keeps the page's own requests home),
    // and the other service's address typed into a new tab.
    const popup = page.waitForEvent('popup');
    await page.evaluate((url) => {
      interface Link { href: string; target: string; rel: string; textContent: string; click(): void; remove(): void }
      const dom = globalThis as unknown as { document: { createElement(tag: 'a'): Link; body: { append(node: Link): void } } };
      const link = Object.assign(dom.document.createElement('a'), { href: url, target: '_blank', rel: 'noopener noreferrer', textContent: 'x' });
      dom.document.body.append(link);
      link.click();
      link.remove();
    }, `${other.origin}/from-page`);
    await (await popup).waitForLoadState();
    const tab = await page.context().newPage();
    await tab.goto(`${other.origin}/typed`);
    await tab.close();
    expect(other.requests.map((r) => r.url).filter((u) => u !== '/favicon.ico')).toEqual(['/from-page', '/typed']);
    for (const request of other.requests) {
      expect(request.headers.join('\n'), request.url).not.toContain(almanac.token);
      expect(request.headers.map((h) => h.toLowerCase()), request.url).not.toContain('authorization');
    }
    expect(await page.context().cookies()).toEqual([]);
  } finally {
    await other.close();
  }
});

test('a cookie planted by another port changes nothing, and a reload keeps working', async ({ page, almanac }) => {
  const other = await otherLocalService();
  try {
    await page.goto(almanac.url);
    await expectSearchWorks(page, 'AI 周报 2026-02-06');
    const tab = await page.context().newPage();
    await tab.goto(`${other.origin}/plant`);
    await tab.close();
    expect((await page.context().cookies()).map((c) => c.name)).toEqual(['almanac_token']);
    // The token came from the address once; a reload reads it back from sessionStorage.
    await page.reload();
    await expect(page.getByText(/Index up to date|索引已是最新/)).toBeVisible({ timeout: 30_000 });
    await expectSearchWorks(page, 'AI 周报 2026-02-06');
  } finally {
    await other.close();
  }
});

test('two `almanac serve` instances in one browser both keep working', async ({ page, almanac }) => {
  let second: AlmanacServe | null = null;
  try {
    second = await startAlmanacServe({
      vaultFiles: { 'notes/2026-03-06.md': digest({ title: 'Second vault 2026-03-06', date: '2026-03-06', body: '## Tools\n\nCodex in the second vault.' }) },
    });
    await page.goto(almanac.url);
    await expectSearchWorks(page, 'AI 周报 2026-02-06');
    const secondPage = await page.context().newPage();
    await secondPage.goto(second.url);
    await expectSearchWorks(secondPage, 'Second vault 2026-03-06');
    // The first one still answers after the second was opened, also after a reload of each.
    await searchBox(page).fill('');
    await expectSearchWorks(page, 'AI 周报 2026-02-06');
    await page.reload();
    await secondPage.reload();
    await expectSearchWorks(page, 'AI 周报 2026-02-06');
    await expectSearchWorks(secondPage, 'Second vault 2026-03-06');
    await expect(results(page).getByRole('button', { name: 'Second vault 2026-03-06' })).toHaveCount(0);
  } finally {
    await second?.stop();
  }
});
