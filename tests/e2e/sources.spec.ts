/**
 * Links as data in the browser (issue 16): site: filters the results, the
 * Sources facet follows the query and can be ticked like tags, and the reader
 * lists a digest's links out grouped by site.
 */
import type { Page } from '@playwright/test';
import { digest, expect, test } from './helpers/server.js';

test.use({
  vaultFiles: {
    'weekly/2026-01-02.md': digest({
      title: 'Papers week',
      date: '2026-01-02',
      body: '## Reading\n\nhmksources [A paper](https://arxiv.org/abs/2401.00001), [another](https://export.arxiv.org/abs/2401.00002) and [code](https://github.com/openai/whisper).',
    }),
    'weekly/2026-01-09.md': digest({
      title: 'Code week',
      date: '2026-01-09',
      body: '## Repos\n\nhmksources [cookbook](https://github.com/openai/openai-cookbook) and [gist](https://gist.github.com/x/1) and [blog](https://www.example.com/post?utm_source=x).',
    }),
    'weekly/2026-01-16.md': digest({ title: 'Quiet week', date: '2026-01-16', body: '## Notes\n\nhmksources no links at all here.' }),
  },
});

async function searchFor(page: Page, query: string): Promise<void> {
  await page.locator('input[type="search"]').fill(query);
  await expect(page.locator('main#results')).toHaveAttribute('data-answered-query', query);
}

/** The titles of the digests listed, in any order (they come by relevance). */
async function expectResults(page: Page, titles: string[]): Promise<void> {
  const listed = page.getByRole('listbox', { name: 'Results' }).getByRole('button').filter({ hasText: /week$/ });
  await expect.poll(async () => (await listed.allInnerTexts()).sort()).toEqual([...titles].sort());
}

test('site: filters the results, and the Sources facet follows the query and ticks like tags', async ({ page, almanac }) => {
  await page.goto(almanac.url);
  await expect(page.getByText(/Index up to date/)).toBeVisible({ timeout: 60_000 });
  const sources = page.getByRole('region', { name: 'Sources' });

  await searchFor(page, 'hmksources');
  await expectResults(page, ['Quiet week', 'Code week', 'Papers week']);
  for (const [site, count] of [['github.com', 2], ['arxiv.org', 1], ['export.arxiv.org', 1], ['example.com', 1], ['gist.github.com', 1]] as const) {
    await expect(sources.getByRole('checkbox', { name: `${site} (${count})`, exact: true })).toBeVisible();
  }

  await searchFor(page, 'hmksources site:arxiv.org');
  await expectResults(page, ['Papers week']);
  await expect(sources.getByRole('checkbox', { name: 'example.com (1)', exact: true })).toHaveCount(0);
  await expect(sources.getByRole('checkbox', { name: 'github.com (1)', exact: true })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Active filters' }).getByText('site:arxiv.org')).toBeVisible();

  await searchFor(page, 'hmksources link:github.com/openai/');
  await expectResults(page, ['Code week', 'Papers week']);

  // Ticking a source keeps the digests linking to it, like a tag.
  await searchFor(page, 'hmksources');
  await sources.getByRole('checkbox', { name: 'gist.github.com (1)', exact: true }).check();
  await expectResults(page, ['Code week']);
  await expect(page.getByRole('group', { name: 'Active filters' }).getByText('Source: gist.github.com')).toBeVisible();
});

test("the reader lists a digest's links out, grouped by site", async ({ page, almanac }) => {
  await page.goto(almanac.url);
  await expect(page.getByText(/Index up to date/)).toBeVisible({ timeout: 60_000 });
  await searchFor(page, 'hmksources site:arxiv.org');
  await page.getByRole('option', { name: /Open Papers week/ }).first().click();
  const reader = page.getByRole('complementary', { name: 'Reader' });
  const links = reader.locator('details.reader-links');
  await links.locator('summary').click();
  await expect(links.locator('summary')).toHaveText('Links out: 3 to 3 sites');
  await expect(links.locator('.reader-link-site')).toHaveText(['arxiv.org', 'export.arxiv.org', 'github.com']);
  await expect(links.getByRole('link', { name: 'code' })).toHaveAttribute('href', 'https://github.com/openai/whisper');
});
