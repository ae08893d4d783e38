/**
 * The hostile-content corpus (tests/helpers/hostile-corpus.ts) in the real
 * browser UI (web mode, Debian Chromium): every digest is opened in the
 * reader, and the HTML export of all of them is loaded as a page. Nothing may
 * run (no dialog, window.__pwned stays undefined) and no request may leave
 * 127.0.0.1 — unless remote images were allowed, and then only https: image
 * requests: every request is recorded, and anything not for 127.0.0.1 is
 * aborted so that a miss cannot reach the network even when the test fails.
 */
import type { Page } from '@playwright/test';
import { EVIL_HOST, HOSTILE_CORPUS } from '../helpers/hostile-corpus.js';
import { resultFromPage } from './helpers/page-api.js';
import { expect, startAlmanacServe, test, type AlmanacServe } from './helpers/server.js';

const INDEXED = HOSTILE_CORPUS.filter((e) => e.indexed);

interface Watch {
  requests: string[];
  dialogs: string[];
  offHost: () => string[];
}

/** Records every request and dialog of the page's context; aborts anything not for 127.0.0.1. */
async function guard(page: Page): Promise<Watch> {
  const requests: string[] = [];
  const dialogs: string[] = [];
  const local = (url: string): boolean => {
    try {
      const u = new URL(url);
      return (u.protocol === 'http:' && u.hostname === '127.0.0.1') || u.protocol === 'data:' || u.protocol === 'about:' || u.protocol === 'blob:';
    } catch {
      return false;
    }
  };
  await page.context().route('**/*', (route) => (local(route.request().url()) ? route.continue() : route.abort('blockedbyclient')));
  page.context().on('request', (r) => requests.push(r.url()));
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  return { requests, dialogs, offHost: () => requests.filter((u) => !local(u)) };
}

test.describe('hostile vault in the browser', () => {
  test.describe.configure({ mode: 'serial' });
  let almanac: AlmanacServe;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    almanac = await startAlmanacServe({ vaultFiles: Object.fromEntries(HOSTILE_CORPUS.map((e) => [e.name, e.markdown])) });
  });
  test.afterAll(async () => {
    await almanac?.stop();
  });

  test('opening every hostile digest in the reader runs nothing and loads nothing remote', async ({ page }) => {
    test.setTimeout(600_000);
    const watch = await guard(page);
    await page.goto(almanac.url);
    await expect(page.getByText(/Index up to date|索引已是最新/)).toBeVisible({ timeout: 180_000 });

    // CSS locators, not role ones: after the deep-nesting digest, Playwright's accessible-name walk over the
    // page overflows its own stack (the page itself is fine).
    for (const entry of INDEXED) {
      // A fresh page per digest: a slow render of one (2,000 nested quotes) must not hold up the next.
      await page.goto(almanac.url);
      await expect(page.getByText(/Index up to date|索引已是最新/)).toBeVisible({ timeout: 60_000 });
      await page.locator('input[type="search"]').fill(entry.marker);
      // The hit of this entry (not a stale first row of the previous query).
      const result = page.locator('[role="listbox"] [role="option"]').filter({ hasText: entry.marker }).first();
      await expect(result, entry.name).toBeVisible({ timeout: 30_000 });
      await result.click();
      const reader = page.locator('aside.reader');
      // The 1 MB line and the 1,000-row table too: the reader cuts huge text into short runs and shows digests
      // over 400 KB as plain text, so each opens in seconds (measured ~2-5 s on a loaded 2-core machine).
      // Read the text from the DOM: when a locator assertion is not met at once, Playwright snapshots the page's
      // accessibility tree, and on the deep-nesting digest that walk overflows Playwright's own stack.
      const shown = (text: string): boolean => {
        const dom = globalThis as unknown as { document: { querySelector(selector: string): { textContent: string | null } | null } };
        return dom.document.querySelector('aside.reader')?.textContent?.includes(text) === true;
      };
      await page.waitForFunction(shown, `${entry.marker} text.`, { timeout: 30_000, polling: 100 }).catch((err: unknown) => {
        throw new Error(`${entry.name}: the reader did not show "${entry.marker} text." (${String(err)})`);
      });
      // Hovering what the reader shows must not run anything either.
      await reader.locator('article').hover({ position: { x: 10, y: 10 } }).catch(() => undefined);

      expect(watch.dialogs, entry.name).toEqual([]);
      expect(await page.evaluate('typeof window.__pwned'), entry.name).toBe('undefined');
      const article = reader.locator('article');
      await expect(article.locator('script, iframe, frame, object, embed, form, base, meta, link, style, svg[onload], math'), entry.name).toHaveCount(0);
      await expect(article.locator('[onerror], [onload], [onclick], [onmouseover], [onfocus], [ontoggle], [onbegin], [srcdoc]'), entry.name).toHaveCount(0);
      await expect(article.locator('a[href^="javascript:" i], a[href^="data:" i], a[href^="vbscript:" i], a[href^="file:" i]'), entry.name).toHaveCount(0);
    }
    await page.waitForTimeout(500); // late loads (lazy images, refreshes) would show up here
    expect(watch.offHost()).toEqual([]);
    expect(watch.dialogs).toEqual([]);
    expect(watch.requests.length).toBeGreaterThan(0);
  });

  test('with remote images allowed, only https: images leave 127.0.0.1, and nothing runs', async ({ page }) => {
    test.setTimeout(180_000);
    const watch = await guard(page);
    const types = new Map<string, string>();
    page.context().on('request', (r) => types.set(r.url(), r.resourceType()));
    await page.goto(almanac.url);
    await expect(page.getByText(/Index up to date|索引已是最新/)).toBeVisible({ timeout: 180_000 });
    await resultFromPage(page, 'updateSettings', [{ remoteImages: true }]);
    try {
      for (const name of ['image-paths.md', 'remote-loads.md', 'dangerous-schemes.md', 'autolinks-and-references.md', 'css-loads.md', 'svg-and-math.md']) {
        const entry = INDEXED.find((e) => e.name === name);
        if (!entry) throw new Error(`no hostile entry ${name}`);
        // A fresh page: its policy is decided when it loads (shared/csp.ts), now with the setting on.
        await page.goto(almanac.url);
        await page.locator('input[type="search"]').fill(entry.marker);
        await page.locator('[role="listbox"] [role="option"]').filter({ hasText: entry.marker }).first().click();
        await expect(page.locator('aside.reader article')).toContainText(`${entry.marker} text.`);
        await page.waitForTimeout(300);
      }
    } finally {
      await resultFromPage(page, 'updateSettings', [{ remoteImages: false }]);
    }
    const off = watch.offHost();
    expect(off).toContain(`https://${EVIL_HOST}/https-image.png`);
    expect(off.filter((u) => !u.startsWith('https:') || types.get(u) !== 'image')).toEqual([]);
    expect(watch.dialogs).toEqual([]);
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
  });

  test('the HTML export of every hostile section is inert when opened', async ({ page }) => {
    test.setTimeout(600_000);
    const watch = await guard(page);
    await page.goto(almanac.url);
    await expect(page.getByText(/Index up to date|索引已是最新/)).toBeVisible({ timeout: 180_000 });

    const ids: string[] = [];
    for (const entry of INDEXED) {
      const digest = await resultFromPage<{ sections: { id: string }[] }>(page, 'getDigest', [entry.name]);
      ids.push(...digest.sections.map((s) => s.id));
    }
    const exported = await resultFromPage<{ content: string }>(page, 'exportSections', [{ sectionIds: ids, format: 'html', title: '<script>window.__pwned=1</script>' }]);
    expect(exported.content).toContain('<!doctype html>');

    await page.setContent(exported.content, { waitUntil: 'load', timeout: 120_000 });
    await page.mouse.move(200, 200);
    await page.mouse.move(400, 600);
    await page.waitForTimeout(500);
    expect(watch.dialogs).toEqual([]);
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    expect(await page.locator('script, iframe, object, embed, form, base, link, [onerror], [onload], [onclick], [onmouseover]').count()).toBe(0);
    expect(watch.offHost()).toEqual([]);
    for (const entry of INDEXED) await expect(page.getByText(entry.marker).first(), entry.name).toBeAttached();
  });
});
