/**
 * Errors and search notices reach the page as codes with parameters and are
 * shown in the page's language (issue 15, point 3): the Chinese UI shows a
 * Chinese notice for a query with an unclosed quote, a Chinese error for a
 * page opened without its token and a Chinese index error for an index
 * another process keeps locked, never the core's English sentences alone;
 * and the Problems dialog gives a skipped file's reason in Chinese.
 */
import BetterSqlite3 from 'better-sqlite3';
import { digest, expect, test } from './helpers/server.js';

test.use({
  locale: 'zh-CN',
  vaultFiles: {
    'weekly/2026-02-06.md': digest({ title: 'AI 周报 2026-02-06', date: '2026-02-06', body: '## 模型发布\n\n未闭合的引号也能搜索：OpenAI 发布 GPT-5.3-Codex。' }),
    'broken/binary.md': new Uint8Array([0x23, 0x20, 0x00, 0x01, 0x0a]),
  },
});
test.describe.configure({ timeout: 120_000 });

test('a search notice is shown in Chinese, from its code', async ({ page, almanac }) => {
  await page.goto(almanac.url);
  await expect(page.getByText('索引已是最新')).toBeVisible({ timeout: 60_000 });
  await page.getByRole('searchbox', { name: '搜索' }).fill('"未闭合');
  const notices = page.getByRole('list', { name: '查询解析说明' });
  await expect(notices).toContainText('引号未闭合：其后的文字已按单独的词语搜索');
  await expect(notices).not.toContainText('unbalanced quote');
  await page.getByRole('searchbox', { name: '搜索' }).fill('foo: 模型');
  await expect(notices).toContainText('“foo:”不是运算符，已按普通文字搜索');
});

test('an error is shown in Chinese, from its code: a page opened without its token', async ({ page, almanac }) => {
  await page.goto(`${almanac.origin}/`);
  await expect(page.getByText(/此页面没有有效的访问令牌：请打开 `almanac serve` 输出的地址。/).first()).toBeVisible();
  await expect(page.getByText(/access token/)).toHaveCount(0);
});

test('an index error is shown in Chinese, from its code: the index is busy', async ({ page, almanac }) => {
  await page.goto(almanac.url);
  await expect(page.getByText('索引已是最新')).toBeVisible({ timeout: 60_000 });
  const busy = '索引出错：索引正忙：另一个 Almanac 进程正在使用它。请稍后再试。';
  const state = page.locator('.statusbar-state');
  // Another process holds the write lock beyond busy_timeout while the watcher re-indexes a new digest.
  const holder = new BetterSqlite3(almanac.dbPath);
  holder.exec('BEGIN IMMEDIATE');
  try {
    almanac.writeDigest('weekly/2026-02-13.md', digest({ title: 'AI 周报 2026-02-13', date: '2026-02-13', body: '## 安全\n\n新的一周。' }));
    // From the index-error event's typed error.
    await expect(state).toContainText(busy, { timeout: 30_000 });
    // From the status's typed error, as a page opened after the failure reads it.
    await page.reload();
    await expect(state).toContainText(busy, { timeout: 30_000 });
  } finally {
    holder.exec('ROLLBACK');
    holder.close();
  }
});

test('a skipped file\'s reason is shown in Chinese, from its code', async ({ page, almanac }) => {
  await page.goto(almanac.url);
  await expect(page.getByText('索引已是最新')).toBeVisible({ timeout: 60_000 });
  await page.getByRole('contentinfo').getByRole('button', { name: /^⚠ 1 个问题$/ }).click();
  const dialog = page.getByRole('dialog', { name: '有问题的文件' });
  const item = dialog.getByRole('listitem').filter({ hasText: 'broken/binary.md' });
  await expect(item).toContainText('已跳过');
  await expect(item).toContainText('二进制文件（含 NUL 字节）');
  await expect(item).not.toContainText('binary file');
});
