/** Journeys: open a result on its section; step through weeks; follow links and backlinks; the timeline. */
import { isoWeekOf } from '../../src/shared/dates.js';
import { expect, resultOptions, search, test } from './desk-fixture.js';
import { BULK_COUNT, BULK_WORD } from './desk-vault.js';

test('opening a result lands on its section, with the query highlighted', async ({ desk: page, server }) => {
  await search(page, '后门检测');
  await resultOptions(page).filter({ hasText: '后门检测' }).first().click();
  const reader = page.getByRole('complementary', { name: 'Reader' });
  await expect(reader.getByRole('heading', { level: 1, name: server.vault.backdoor.title })).toBeAttached();
  const section = reader.getByRole('heading', { name: '后门检测', exact: true });
  await expect(section).toBeInViewport();
  // The section lies far below the top: landing on it means the reader scrolled.
  await expect(reader.getByRole('heading', { level: 1 })).not.toBeInViewport();
  const marks = (await reader.locator('mark').allTextContents()).join('');
  expect(marks).toContain('后门');
  // The header shows the date, ISO week and tags; a tag click filters by it.
  await expect(reader.getByText(`Week ${isoWeekOf(server.vault.backdoor.date)}`)).toBeAttached();
  await reader.getByRole('button', { name: '后门', exact: true }).click();
  await expect(page.getByRole('group', { name: 'Active filters' }).getByText('Tag: 后门')).toBeVisible();
});

test('previous/next week buttons, [ and ] keys, links and backlinks', async ({ desk: page, server }) => {
  const { weeks } = server.vault;
  const reader = page.getByRole('complementary', { name: 'Reader' });
  const title = reader.getByRole('heading', { level: 1 });
  await page.getByRole('button', { name: new RegExp(weeks[2]!.title) }).first().click();
  await expect(title).toHaveText(weeks[2]!.title);

  await reader.getByRole('button', { name: 'Next week' }).click();
  await expect(title).toHaveText(weeks[1]!.title);
  await reader.getByRole('button', { name: 'Previous week' }).click();
  await expect(title).toHaveText(weeks[2]!.title);
  await page.keyboard.press('[');
  await expect(title).toHaveText(weeks[3]!.title);
  await page.keyboard.press(']');
  await expect(title).toHaveText(weeks[2]!.title);

  // weeks[1] links here: it is listed under the backlinks, with its date.
  const backlinks = reader.getByRole('list', { name: 'Weeks linking here' });
  await expect(backlinks.getByRole('button', { name: new RegExp(weeks[1]!.title) })).toBeVisible();
  await backlinks.getByRole('button', { name: new RegExp(weeks[1]!.title) }).click();
  await expect(title).toHaveText(weeks[1]!.title);

  // weeks[1] links to weeks[2] (twice: listed once) and to a missing file.
  const outgoing = reader.getByRole('list', { name: 'This week links to' });
  await expect(outgoing.getByRole('button')).toHaveCount(1);
  await expect(outgoing.getByRole('button', { name: new RegExp(weeks[2]!.title) })).toBeVisible();
  const broken = reader.getByRole('link', { name: /旧文/ });
  await expect(broken).toHaveAttribute('title', 'Broken link');
  // It is marked aria-disabled; a click must neither navigate nor change the digest.
  await broken.dispatchEvent('click');
  await expect(title).toHaveText(weeks[1]!.title);
  // A link in the text to another digest opens it in the reader.
  await reader.getByRole('link', { name: '后门检测专题' }).click();
  await expect(title).toHaveText(weeks[2]!.title);
  await expect(page).toHaveURL(/127\.0\.0\.1/);

  // The oldest digest has no previous week.
  // Wait for the answer to this query: the list may still show the last one.
  await search(page, '旧刊');
  await resultOptions(page).filter({ hasText: '旧刊' }).first().click();
  await expect(title).toHaveText(server.vault.old.title);
  await expect(reader.getByRole('button', { name: 'Previous week' })).toBeDisabled();
});

test('the timeline shades weeks by matches and opens a week', async ({ desk: page, server }) => {
  await search(page, '后门检测');
  await expect(resultOptions(page).first()).toBeVisible();
  await page.getByRole('button', { name: 'Timeline' }).click();
  const week = isoWeekOf(server.vault.backdoor.date);
  const timeline = page.getByRole('main');
  const cell = timeline.getByRole('button', { name: new RegExp(`^${week}: [1-9]\\d* match(es)?$`) });
  await expect(cell).toBeVisible();
  const otherWeek = isoWeekOf(server.vault.weeks[5]!.date);
  await expect(timeline.getByRole('button', { name: `${otherWeek}: 0 matches` })).toBeVisible();
  await cell.click();
  await expect(page.getByRole('complementary', { name: 'Reader' }).getByRole('heading', { level: 1 })).toHaveText(server.vault.backdoor.title);
});

test('hundreds of results page in as the list scrolls, without rendering them all', async ({ desk: page }) => {
  await search(page, BULK_WORD);
  await page.getByRole('combobox', { name: 'Sort' }).selectOption('newest');
  const count = page.getByRole('main').getByText(/^\d+ digests? · \d+ sections?$/);
  await expect(count).toHaveText(`${BULK_COUNT} digests · ${BULK_COUNT} sections`);
  const results = page.getByRole('listbox', { name: 'Results' });
  await expect(results.getByRole('button', { name: 'Bulk 000' })).toBeVisible();
  // Only a window of rows is in the DOM.
  expect(await results.getByRole('option').count()).toBeLessThan(60);
  // End jumps to the last loaded hit; more pages load until the oldest digest is reached.
  await results.focus();
  const last = results.getByRole('button', { name: `Bulk ${String(BULK_COUNT - 1).padStart(3, '0')}` });
  for (let i = 0; i < 30 && !(await last.isVisible()); i++) {
    await page.keyboard.press('End');
    await page.waitForTimeout(150);
  }
  await expect(last).toBeVisible();
  expect(await results.getByRole('option').count()).toBeLessThan(60);
  await expect(results.getByRole('option', { selected: true })).toHaveAccessibleName(new RegExp(`^Open Bulk ${BULK_COUNT - 1}`));
});
