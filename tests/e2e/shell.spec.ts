/**
 * Journey through the web mode: open the served vault, see its status,
 * search, then change a file on disk and see the results follow without
 * reloading the page. Plus the web-mode guards as a browser meets them.
 */
import type { Page } from '@playwright/test';
import { TOKEN_STORAGE_KEY } from '../../src/renderer/api/web-token.js';
import { resultFromPage } from './helpers/page-api.js';
import { digest, expect, test } from './helpers/server.js';

test.use({
  vaultFiles: {
    'weekly/2026-02-06.md': digest({
      title: 'AI 周报 2026-02-06',
      date: '2026-02-06',
      tags: ['ai'],
      body: '## 模型发布\n\nOpenAI 发布 GPT-5.3-Codex，主打长任务编程。\n\n## 安全\n\n研究者讨论了模型后门检测。',
    }),
    'weekly/2026-02-13.md': digest({
      title: 'AI 周报 2026-02-13',
      date: '2026-02-13',
      tags: ['ai', 'agents'],
      body: '## 旗舰模型\n\nAnthropic 发布 Claude Opus 4.6。\n\n上周回顾：[AI 周报 2026-02-06](./2026-02-06.md)',
    }),
  },
});

// Each test starts its own server and loads the full UI: generous on busy machines.
test.describe.configure({ timeout: 120_000 });

const results = (page: Page) => page.getByRole('listbox', { name: /^(Results|搜索结果)$/ });

test('open the vault, search, and see an edit on disk without reloading', async ({ page, almanac }) => {
  // The built UI must run under the strict CSP without a single violation.
  const violations: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.goto(almanac.url);
  // The token left the address bar for the page's memory and sessionStorage; no cookie carries it.
  await expect(page).toHaveURL(`${almanac.origin}/`);
  expect(await page.context().cookies()).toEqual([]);

  await expect(page.getByText(/Index up to date|索引已是最新/)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/2 digests · \d+ sections/).first()).toBeVisible();

  const box = page.getByRole('searchbox', { name: /^(Search|搜索)$/ });
  await box.fill('Codex');
  await expect(results(page).getByRole('button', { name: 'AI 周报 2026-02-06' })).toBeVisible();

  // A new digest arrives on disk; the watcher re-indexes and the page re-runs the search.
  await box.fill('量子纠错');
  await expect(results(page).getByRole('button')).toHaveCount(0);
  // A marker on the page's global object survives only if the page is never reloaded.
  await page.evaluate(() => {
    (globalThis as { almanacMarker?: number }).almanacMarker = 42;
  });
  almanac.writeDigest(
    'weekly/2026-02-20.md',
    digest({ title: 'AI 周报 2026-02-20', date: '2026-02-20', body: '## 研究\n\n量子纠错与 GPT-5.3-Codex 的组合实验。' }),
  );
  await expect(results(page).getByRole('button', { name: 'AI 周报 2026-02-20' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText(/3 digests · \d+ sections/).first()).toBeVisible();

  // Editing a file changes what it is found for.
  almanac.writeDigest(
    'weekly/2026-02-20.md',
    digest({ title: 'AI 周报 2026-02-20', date: '2026-02-20', body: '## 研究\n\n只剩下拓扑材料的内容。' }),
  );
  await expect(results(page).getByRole('button', { name: 'AI 周报 2026-02-20' })).toHaveCount(0, { timeout: 20_000 });
  expect(await page.evaluate(() => (globalThis as { almanacMarker?: number }).almanacMarker)).toBe(42);
  expect(page.url()).toBe(`${almanac.origin}/`);
  expect(violations).toEqual([]);
});

test('the API and event stream answer the page, over the same contract, with the token as a header', async ({ page, almanac }) => {
  await page.goto(almanac.url);
  await expect(page).toHaveURL(`${almanac.origin}/`);
  expect(await resultFromPage<{ vaultName: string }>(page, 'getStatus', [])).toMatchObject({ vaultName: 'vault' });
  // Without the header the same call is refused, as a typed error naming the token.
  const bare = await page.evaluate(async () => {
    const res = await fetch('/api/getStatus', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"args":[]}' });
    return { status: res.status, body: (await res.json()) as unknown };
  });
  expect(bare).toMatchObject({ status: 401, body: { ok: false, error: { code: 'invalid-argument', params: { argument: 'token' } } } });

  // An index-finished event reaches a streaming fetch of the event stream after a file changes.
  const finished = page.evaluate(
    (key) =>
      new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no index-finished event within 20 s')), 20_000);
        const controller = new AbortController();
        const storage = (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage;
        const headers = { authorization: `Bearer ${storage.getItem(key) ?? ''}` };
        void (async () => {
          const res = await fetch('/api/events', { headers, signal: controller.signal });
          const reader = (res.body as ReadableStream<Uint8Array>).pipeThrough(new TextDecoderStream()).getReader();
          let buffer = '';
          for (;;) {
            const { done, value } = await reader.read();
            if (done) return;
            buffer += value;
            const frames = buffer.split('\n\n');
            buffer = frames.pop() ?? '';
            for (const frame of frames) {
              if (!frame.startsWith('data: ')) continue;
              const event = JSON.parse(frame.slice(6)) as { type: string; summary?: { digests: number } };
              if (event.type === 'index-finished' && event.summary?.digests === 3) {
                clearTimeout(timer);
                controller.abort();
                resolve(event.type);
              }
            }
          }
        })().catch(() => undefined);
      }),
    TOKEN_STORAGE_KEY,
  );
  await page.waitForTimeout(300); // let the stream open before the change
  almanac.writeDigest('weekly/2026-02-27.md', digest({ title: 'AI 周报 2026-02-27', date: '2026-02-27', body: '## 新闻\n\n事件流测试。' }));
  await expect(finished).resolves.toBe('index-finished');
});

test('a page without the token gets the app but no data, and says how to get in; another origin gets nothing', async ({ page, browser, almanac }) => {
  // No token: the public app bundle loads, every call is refused, and the page says why.
  const bare = await page.goto(almanac.origin + '/');
  expect(bare?.status()).toBe(200);
  await expect(page.getByText(/no valid access token: open the address that `almanac serve` printed/).first()).toBeVisible();
  await expect(page.getByText(/2 digests/)).toHaveCount(0);

  // A page on another localhost port cannot read the API, even in the same browser after Almanac was opened.
  const context = await browser.newContext();
  const victim = await context.newPage();
  await victim.goto(almanac.url);
  const other = await context.newPage();
  await other.route('http://localhost:1/**', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>evil</title>' }));
  await other.goto('http://localhost:1/');
  const stolen = await other.evaluate(async (origin) => {
    try {
      const res = await fetch(`${origin}/api/getStatus`, { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: '{"args":[]}' });
      return `status ${res.status}`;
    } catch (err) {
      return `blocked: ${(err as Error).message}`;
    }
  }, almanac.origin);
  expect(stolen).not.toBe('status 200');
  await context.close();
});

test.describe('a page opened while the vault is indexing', () => {
  // Enough digests that the run is still going when the page asks for the status.
  const files: Record<string, string> = {};
  for (let i = 0; i < 1500; i++) {
    const day = new Date(Date.UTC(2020, 0, 3) + i * 86_400_000).toISOString().slice(0, 10);
    files[`daily/${day}.md`] = digest({ title: `Note ${day}`, date: day, body: `## 正文\n\n第 ${i} 篇：模型与芯片。\n\n## English\n\nEntry ${i}.` });
  }
  test.use({ vaultFiles: files });

  test('learns that the run ended even when its status answer and the event stream come late', async ({ page, almanac }) => {
    const statusOf = async (): Promise<string> => {
      const res = await fetch(`${almanac.origin}/api/getStatus`, {
        method: 'POST',
        headers: { authorization: `Bearer ${almanac.token}`, 'content-type': 'application/json' },
        body: '{"args":[]}',
      });
      return ((await res.json()) as { result: { state: string } }).result.state;
    };
    let runEnded!: () => void;
    const ended = new Promise<void>((resolve) => (runEnded = resolve));
    // The event stream connects only after the run has ended: its events are gone for this page.
    await page.route('**/api/events', async (route) => {
      await ended;
      await route.continue();
    });
    // The page's first status answer is read at once (mid-run) and delivered only after the stream told the
    // page that the run ended: the page must not go back to the older answer.
    let held = false;
    let firstAnswer: string | null = null;
    let releaseAnswer!: () => void;
    const answerReleased = new Promise<void>((resolve) => (releaseAnswer = resolve));
    let answerDelivered!: () => void;
    const delivered = new Promise<void>((resolve) => (answerDelivered = resolve));
    await page.route('**/api/getStatus', async (route) => {
      if (held) return route.continue();
      held = true;
      const response = await route.fetch();
      firstAnswer = ((await response.json()) as { result: { state: string } }).result.state;
      await answerReleased;
      await route.fulfill({ response });
      answerDelivered();
    });
    await page.goto(almanac.url);
    await expect.poll(() => firstAnswer, { timeout: 30_000 }).not.toBeNull();
    expect(firstAnswer, 'the page asked while the run was going').toBe('indexing');
    await expect.poll(statusOf, { timeout: 90_000, intervals: [200] }).toBe('idle');
    runEnded();
    // The stream opens with the current status.
    const upToDate = page.getByText(/Index up to date|索引已是最新/);
    await expect(upToDate).toBeVisible({ timeout: 15_000 });
    await expect(page.getByText(/1,500 digests/).first()).toBeVisible();
    releaseAnswer();
    await delivered;
    await page.waitForTimeout(1000); // the page reads and applies (or drops) the late answer
    await expect(upToDate).toBeVisible();
    await expect(page.getByText(/1,500 digests/).first()).toBeVisible();
  });
});
