/**
 * A real archive's shape in the browser (issue 14): Pelican header lines
 * (`Title:` / `Date:` / `Category:`, no `---`) in month folders, each issue
 * with a `#` heading deep in its body, beside one README that keeps a weekly
 * list under dated `##` headings. Titles come from the headers, the reader's
 * next week crosses from the June folder to the July folder, the README's
 * hits show their own weeks, and the timeline opens the README at a week.
 */
import { isoWeekOf } from '../../src/shared/dates.js';
import { expect, test } from './helpers/server.js';
import { screenshotPath } from './helpers/screenshots.js';

interface Issue {
  file: string;
  number: number;
  date: string;
}

const ISSUES: Issue[] = [
  { file: '2025-06/this-week-527.md', number: 527, date: '2025-06-23' },
  { file: '2025-06/this-week-528.md', number: 528, date: '2025-06-30' },
  { file: '2025-07/this-week-529.md', number: 529, date: '2025-07-07' },
  { file: '2025-07/this-week-530.md', number: 530, date: '2025-07-14' },
];
const titleOf = (issue: Issue): string => `This Week in Ferris ${issue.number}`;

function pelicanIssue(issue: Issue): string {
  return [
    `Title: ${titleOf(issue)}`,
    `Date: ${issue.date}`,
    'Category: This Week in Ferris',
    '',
    `Hello and welcome to issue ${issue.number}.`,
    '',
    '## Updates from the Community',
    '',
    `Crates and compilers this week, issue ${issue.number}: borrowcheck improvements.`,
    '',
    '# Quote of the Week',
    '',
    '> Fearless concurrency, every week.',
    '',
  ].join('\n');
}

/** The README's weeks: Mondays, each a "## Top ML Papers of the Week (June 23 - June 29) - 2025" section. */
const README_WEEKS = ['2025-05-26', '2025-06-02', '2025-06-23', '2025-06-30'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function weekHeading(monday: string): string {
  const day = (ymd: string): string => `${MONTHS[Number(ymd.slice(5, 7)) - 1]} ${Number(ymd.slice(8, 10))}`;
  const sunday = new Date(Date.parse(`${monday}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
  return `Top ML Papers of the Week (${day(monday)} - ${day(sunday)}) - 2025`;
}

function readme(): string {
  const weeks = README_WEEKS.map((monday, k) => `## ${weekHeading(monday)}\n\nAgents that plan, paper ${k + 1}: tool use and evaluation.\n`);
  return `# ML Papers of the Week\n\nA weekly list of papers.\n\n${weeks.join('\n')}`;
}

const files: Record<string, string> = { 'ml-papers/README.md': readme() };
for (const issue of ISSUES) files[issue.file] = pelicanIssue(issue);

test.use({ vaultFiles: files });
test.describe.configure({ timeout: 120_000 });

test('Pelican headers in month folders: titles, the next week across folders, and dated README sections with their weeks', async ({ page, almanac }) => {
  await page.goto(almanac.url);
  await expect(page.getByText('Index up to date')).toBeVisible({ timeout: 60_000 });
  const searchbox = page.getByRole('searchbox', { name: 'Search' });
  const results = page.getByRole('listbox', { name: 'Results' });
  const reader = page.getByRole('complementary', { name: 'Reader' });
  // The digest's title (the body's own "# Quote of the Week" is a level-1 heading too, as written).
  const title = reader.locator('#reader-title');

  // Titles come from the Title: header, not the "# Quote of the Week" deep in the body; the header lines are no text.
  await searchbox.fill('borrowcheck');
  for (const issue of ISSUES) await expect(results.getByRole('button', { name: titleOf(issue), exact: true })).toBeVisible();
  await expect(results.getByText('Quote of the Week')).toHaveCount(0);
  await searchbox.fill('Category');
  await expect(page.locator('main#results')).toHaveAttribute('data-answered-query', 'Category');
  await expect(results.getByRole('option')).toHaveCount(0);

  // The reader's next week goes from the last June issue (2025-06/) to the first July one (2025-07/).
  await searchbox.fill('borrowcheck');
  await results.getByRole('button', { name: titleOf(ISSUES[1]!), exact: true }).click();
  await expect(title).toHaveText(titleOf(ISSUES[1]!));
  await reader.getByRole('button', { name: 'Next week' }).click();
  await expect(title).toHaveText(titleOf(ISSUES[2]!));
  await reader.getByRole('button', { name: 'Previous week' }).click();
  await expect(title).toHaveText(titleOf(ISSUES[1]!));

  // The README's hits show their own weeks under the README, which has no date of its own.
  await searchbox.fill('agents');
  await expect(page.locator('main#results')).toHaveAttribute('data-answered-query', 'agents');
  const readmeHits = results.getByRole('option').filter({ hasText: 'Top ML Papers of the Week' });
  await expect(readmeHits).toHaveCount(3); // three sections per digest are listed, "1 more section" says the rest
  for (const option of await readmeHits.all()) {
    const heading = (await option.locator('.result-heading').textContent()) ?? '';
    const monday = README_WEEKS.find((m) => heading.includes(weekHeading(m)))!;
    await expect(option.locator('.result-section-date .result-week')).toHaveText(isoWeekOf(monday));
  }
  // week: keeps the README's section of that week and the issue dated in it.
  await searchbox.fill('week:2025-W27');
  await expect(page.locator('main#results')).toHaveAttribute('data-answered-query', 'week:2025-W27');
  await expect(results.getByRole('option')).toHaveCount(2);
  await expect(results.getByRole('option').filter({ hasText: weekHeading('2025-06-30') })).toHaveCount(1);
  await expect(results.getByRole('button', { name: titleOf(ISSUES[1]!), exact: true })).toBeVisible();
  await searchbox.fill('agents');
  await expect(page.locator('main#results')).toHaveAttribute('data-answered-query', 'agents');
  await page.screenshot({ path: screenshotPath('pelican-archive-results.png') });

  // The timeline lists the README in each of its weeks; a week only it holds opens it at that section.
  await searchbox.fill('');
  await page.getByRole('button', { name: 'Timeline' }).click();
  const onlyReadme = isoWeekOf(README_WEEKS[0]!);
  await page.getByRole('main').getByRole('button', { name: new RegExp(`^${onlyReadme}: \\d+ match`) }).click();
  await expect(title).toHaveText('ML Papers of the Week');
  await expect(reader.getByRole('heading', { name: weekHeading(README_WEEKS[0]!) })).toBeInViewport();
  await page.screenshot({ path: screenshotPath('pelican-archive-timeline.png') });
});
