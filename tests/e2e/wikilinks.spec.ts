/**
 * An Obsidian-style vault in the browser: weekly notes linked by wikilinks
 * (`[[2026-W06|下周]]`, a name in another folder, a name with spaces), a
 * Markdown link to a file with a Chinese name, and an image pasted into the
 * vault's attachments folder and embedded as `![[chart.png]]`. The links open
 * their digests in the reader, the backlinks list the week that links by
 * name, a missing name is marked broken, and the embed is drawn.
 */
import { pngImage } from '../helpers/images.js';
import { digest, expect, test } from './helpers/server.js';

test.use({
  vaultFiles: {
    'weekly/2026-W05.md': digest({
      title: '第五周',
      date: '2026-01-30',
      body: [
        '## 本周',
        '',
        'wkmarker 本周要闻，见 [[2026-W06|下周]]、[[Claude Opus 4.6]]、[中文名的笔记](<读书 笔记.md>) 与 [[不存在的一周]]。',
        '',
        '![[chart.png]]',
      ].join('\n'),
    }),
    'weekly/2026-W06.md': digest({ title: '第六周', date: '2026-02-06', body: '## 本周\n\n第六周的内容。\n' }),
    'models/Claude Opus 4.6.md': digest({ title: 'Claude Opus 4.6 笔记', date: '2026-02-01', body: '## 模型\n\n模型笔记。\n' }),
    'weekly/读书 笔记.md': digest({ title: '读书笔记', date: '2026-01-20', body: '## 书\n\n读书。\n' }),
    'attachments/chart.png': pngImage(200, 120),
  },
});

test('wikilinks and Chinese-named links open their digests, backlinks find names, and an embedded image shows', async ({ page, almanac }) => {
  await page.goto(almanac.url);
  await expect(page.getByText(/Index up to date/)).toBeVisible({ timeout: 60_000 });
  await page.locator('input[type="search"]').fill('wkmarker');
  await page.getByRole('option', { name: /第五周/ }).first().click();
  const reader = page.getByRole('complementary', { name: 'Reader' });
  const title = reader.getByRole('heading', { level: 1 });
  await expect(title).toHaveText('第五周');

  // The embed found in attachments/ is drawn.
  const img = reader.locator('img[alt="chart.png"]');
  await img.scrollIntoViewIfNeeded();
  await expect.poll(() => img.evaluate((i) => (i as { naturalWidth: number }).naturalWidth)).toBe(200);

  // A name that is nowhere in the vault is a broken link.
  await expect(reader.getByRole('link', { name: /不存在的一周/ })).toHaveAttribute('title', 'Broken link');

  // The link to a file with a Chinese name and a space opens it.
  await reader.getByRole('link', { name: '中文名的笔记' }).click();
  await expect(title).toHaveText('读书笔记');
  const backlinks = reader.getByRole('list', { name: 'Weeks linking here' });
  await backlinks.getByRole('button', { name: /第五周/ }).click();
  await expect(title).toHaveText('第五周');

  // A name in another folder, with spaces.
  await reader.getByRole('link', { name: 'Claude Opus 4.6', exact: true }).click();
  await expect(title).toHaveText('Claude Opus 4.6 笔记');
  await expect(backlinks.getByRole('button', { name: /第五周/ })).toBeVisible();
  await backlinks.getByRole('button', { name: /第五周/ }).click();
  await expect(title).toHaveText('第五周');

  // The alias opens the next week.
  await reader.getByRole('link', { name: '下周' }).click();
  await expect(title).toHaveText('第六周');
  await expect(page).toHaveURL(/127\.0\.0\.1/);
});
