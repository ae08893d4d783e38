/** Journeys: filter by tag, by a quick date range, and by the histogram (click and drag). */
import { expect, resultOptions, search, test } from './desk-fixture.js';

test('a tag filter narrows the results and shows a removable chip', async ({ desk: page, server }) => {
  const { weeks } = server.vault;
  await search(page, '模型');
  // Newest first, so weeks[0] is the first row of the (virtualised) list whenever it matches.
  await page.getByRole('combobox', { name: 'Sort' }).selectOption('newest');
  const results = page.getByRole('listbox', { name: 'Results' });
  await expect(results.getByRole('button', { name: weeks[0]!.title })).toBeVisible();
  const filters = page.getByRole('navigation', { name: 'Filters' });
  await filters.getByRole('checkbox', { name: /^security/ }).check();
  const chips = page.getByRole('group', { name: 'Active filters' });
  await expect(chips.getByText('Tag: security')).toBeVisible();
  // weeks[0] is tagged ai/周刊 only; weeks[1] is tagged security.
  await expect(results.getByRole('button', { name: weeks[1]!.title })).toBeVisible();
  await expect(results.getByRole('button', { name: weeks[0]!.title })).toHaveCount(0);
  await chips.getByRole('button', { name: 'Remove filter Tag: security' }).click();
  await expect(results.getByRole('button', { name: weeks[0]!.title })).toBeVisible();
  await expect(filters.getByRole('checkbox', { name: /^security/ })).not.toBeChecked();
});

test('the last-4-weeks quick range keeps only recent digests', async ({ desk: page, server }) => {
  const { weeks, old } = server.vault;
  await search(page, '模型');
  const results = page.getByRole('listbox', { name: 'Results' });
  await page.getByRole('combobox', { name: 'Sort' }).selectOption('oldest');
  await expect(results.getByRole('button', { name: old.title })).toBeVisible();
  const quick = page.getByRole('navigation', { name: 'Filters' }).getByRole('button', { name: 'Last 4 weeks' });
  await quick.click();
  await expect(quick).toHaveAttribute('aria-pressed', 'true');
  await expect(results.getByRole('button', { name: weeks[0]!.title })).toBeVisible();
  await expect(results.getByRole('button', { name: weeks[5]!.title })).toHaveCount(0);
  await expect(results.getByRole('button', { name: old.title })).toHaveCount(0);
  await expect(page.getByRole('group', { name: 'Active filters' }).getByText(/^\d{4}-\d{2}-\d{2} – \d{4}-\d{2}-\d{2}$/)).toBeVisible();
  await page.getByRole('button', { name: 'Any time' }).click();
  await expect(results.getByRole('button', { name: old.title })).toBeVisible();
});

test('clicking a histogram bar sets its period; dragging across bars sets a span', async ({ desk: page, server }) => {
  const { weeks, old } = server.vault;
  await search(page, '模型');
  await page.getByRole('combobox', { name: 'Sort' }).selectOption('newest');
  const results = page.getByRole('listbox', { name: 'Results' });
  await expect(results.getByRole('button', { name: weeks[0]!.title })).toBeVisible();
  const count = page.getByRole('main').getByText(/^\d+ digests? · \d+ sections?$/);
  const allCount = await count.textContent();
  const histogram = page.getByRole('group', { name: 'Matches over time' });
  const bars = histogram.getByRole('button');
  // 500 days of matches: one bar per month. The first bar is the old digest's month.
  const oldMonth = old.date.slice(0, 7);
  const first = histogram.getByRole('button', { name: new RegExp(`^${oldMonth}: 1 match$`) });
  await first.click();
  await expect(results.getByRole('button', { name: old.title })).toBeVisible();
  await expect(results.getByRole('button', { name: weeks[0]!.title })).toHaveCount(0);
  await expect(count).toHaveText('1 digest · 1 section');
  await expect(page.getByRole('group', { name: 'Active filters' }).getByText(`${oldMonth}-01 – `, { exact: false })).toBeVisible();

  // Drag from the first bar to the last: the range covers every match again.
  await page.getByRole('button', { name: 'Any time' }).click();
  await expect(results.getByRole('button', { name: weeks[0]!.title })).toBeVisible();
  const a = (await bars.first().boundingBox())!;
  const b = (await bars.last().boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, a.y + a.height / 2, { steps: 4 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 4 });
  await page.mouse.up();
  await expect(page.getByRole('group', { name: 'Active filters' }).getByText(new RegExp(`^${oldMonth}-01 – \\d{4}-\\d{2}-\\d{2}$`))).toBeVisible();
  await expect(results.getByRole('button', { name: weeks[0]!.title })).toBeVisible();
  await expect(count).toHaveText(allCount ?? '');
  await expect(resultOptions(page).first()).toBeVisible();
});
