/** Journey: the whole search -> read -> step-through-weeks path by keyboard alone. */
import { expect, test } from './desk-fixture.js';

test('search, move through results, open, and step through weeks with the keyboard only', async ({ desk: page, server }) => {
  const { weeks } = server.vault;
  // The first Tab reaches the skip link.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to results' })).toBeFocused();

  // Search answers arrive late on purpose, as on a busy machine: the journey must not depend on their timing.
  await page.route('**/api/search', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 400));
    await route.continue();
  });
  await page.keyboard.press('Control+k');
  const box = page.getByRole('searchbox', { name: 'Search' });
  await expect(box).toBeFocused();
  await page.keyboard.type('后门检测');
  // While the answer is on its way the list still shows the previous results (those of the empty
  // query: the newest digests), and the answer then replaces them and starts again at its first hit.
  // Moving through the list before that would move through rows about to go: wait for the answer.
  await expect(page.locator('main#results')).toHaveAttribute('data-answered-query', '后门检测');
  const results = page.getByRole('listbox', { name: 'Results' });
  await expect(results.getByRole('option').first()).toBeVisible();

  await page.keyboard.press('ArrowDown');
  await expect(results).toBeFocused();
  const active = results.getByRole('option', { selected: true });
  await expect(active).toHaveCount(1);
  const firstName = await active.getAttribute('aria-label');
  if ((await results.getByRole('option').count()) > 1) {
    await page.keyboard.press('ArrowDown');
    await expect(active).not.toHaveAttribute('aria-label', firstName ?? '');
    await page.keyboard.press('ArrowUp');
    await expect(active).toHaveAttribute('aria-label', firstName ?? '');
  }
  // Move onto the 后门检测 hit of the backdoor digest, then open it.
  const target = results.getByRole('option', { name: new RegExp(`^Open ${weeks[2]!.title} — .*后门检测`) });
  for (let i = 0; i < 10 && (await target.getAttribute('aria-selected')) !== 'true'; i++) await page.keyboard.press('ArrowDown');
  await expect(target).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  const reader = page.getByRole('complementary', { name: 'Reader' });
  await expect(reader.getByRole('heading', { name: '后门检测', exact: true })).toBeInViewport();

  await page.keyboard.press(']');
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText(weeks[1]!.title);
  await page.keyboard.press('[');
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText(weeks[2]!.title);

  // Back to the search box; Escape empties it; the start page lists recent weeks.
  await page.keyboard.press('Control+k');
  await expect(box).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(box).toHaveValue('');
  // Typing [ in the search box types it, it does not change the week.
  await page.keyboard.type('[');
  await expect(box).toHaveValue('[');
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText(weeks[2]!.title);
});

test('the problems dialog opens from the keyboard, keeps focus inside, and closes with Escape', async ({ desk: page }) => {
  const button = page.getByRole('button', { name: /problems?$/ });
  await button.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Problem files' });
  await expect(dialog).toBeVisible();
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    const inside = await page.evaluate(
      "(() => { const d = document.querySelector('dialog[open]'); return !!d && (d.contains(document.activeElement) || document.activeElement === document.body); })()",
    );
    expect(inside).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(button).toBeFocused();
});
