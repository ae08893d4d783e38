/** `almanac list` and `--no-git-dates` through the built CLI (out/node/cli.js; run `npm run build:node` first). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DigestListEntry } from '../../src/shared/api.js';
import { formatList, listSummary, periodLabel } from '../../src/cli/commands/list.js';
import { runCli } from '../helpers/cli.js';
import { digest, tempDir, type TempDir } from '../helpers/temp-vault.js';

let vault: TempDir;
let cache: TempDir;
let env: NodeJS.ProcessEnv;

beforeEach(() => {
  vault = tempDir('almanac-list-vault-');
  cache = tempDir('almanac-list-cache-');
  env = { ALMANAC_CACHE_DIR: cache.root };
  vault.write('README.md', '# 周刊\n\n## 2024\n\n**四月**\n\n- [第 300 期](docs/issue-300.md)\n- [第 299 期](docs/issue-299.md)\n\n**三月**\n\n- [第 298 期](docs/issue-298.md)\n');
  for (const n of [298, 299, 300]) vault.write(`docs/issue-${n}.md`, `# 第 ${n} 期\n\n正文。\n`);
  vault.write('weekly/2026-02-06.md', digest({ title: 'AI 周报 W06', date: '2026-02-06', tags: ['AI'] }, '## 模型\n\n正文。\n'));
  vault.write('weekly/2026-02-13.md', digest({ title: 'AI 周报 W07', tags: ['AI', '安全'] }, '## 模型\n\n正文。\n'));
  vault.write('notes/无日期.md', '# 无日期的札记\n\n正文。\n');
});

afterEach(() => {
  vault.cleanup();
  cache.cleanup();
});

describe('almanac list', () => {
  it('prints a summary line, then one row per digest', async () => {
    const r = await runCli(['list', '--vault', vault.root, '--no-git-dates'], { env });
    expect(r.code).toBe(1); // list has no --no-git-dates: index and serve do
    const out = await runCli(['list', '--vault', vault.root], { env });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const lines = out.stdout.split('\n');
    expect(lines[0]).toBe('7 digests: 5 dated (3 index page, 1 file name, 1 front matter), 2 undated; 2 series');
    expect(lines[2]).toMatch(/^DATE\s+SOURCE\s+SERIES\s+#\s+PATH\s+TITLE$/);
    const row = lines.find((l) => l.includes('docs/issue-300.md'))!;
    expect(row.split(/\s{2,}/)).toEqual(['2024-04', 'index page', 'docs/issue-#', '300', 'docs/issue-300.md', '第 300 期']);
    expect(lines.find((l) => l.includes('无日期'))!.split(/\s{2,}/)).toEqual(['undated', '-', '-', '-', 'notes/无日期.md', '无日期的札记']);
  });

  it('--json lists every digest with its date source, series and neighbours', async () => {
    const out = await runCli(['list', '--vault', vault.root, '--json'], { env });
    expect(out.code).toBe(0);
    const entries = JSON.parse(out.stdout) as DigestListEntry[];
    expect(entries.map((e) => e.path)).toEqual([
      'README.md',
      'docs/issue-298.md',
      'docs/issue-299.md',
      'docs/issue-300.md',
      'notes/无日期.md',
      'weekly/2026-02-06.md',
      'weekly/2026-02-13.md',
    ]);
    expect(entries.find((e) => e.path === 'docs/issue-299.md')).toEqual({
      path: 'docs/issue-299.md',
      title: '第 299 期',
      date: '2024-04-01',
      dateSource: 'index-page',
      datePrecision: 'month',
      week: null,
      series: 'docs/issue-#',
      number: 299,
      prev: 'docs/issue-298.md',
      next: 'docs/issue-300.md',
      tags: [],
    });
    expect(entries.find((e) => e.path === 'weekly/2026-02-13.md')).toMatchObject({
      date: '2026-02-13',
      dateSource: 'file-name',
      datePrecision: 'day',
      week: '2026-W07',
      series: 'weekly/#',
      prev: 'weekly/2026-02-06.md',
      next: null,
      tags: ['AI', '安全'],
    });
  });

  it('show places a digest in its series, across folders, as list does', async () => {
    vault.write('2025-06/this-week-528.md', 'Title: This Week 528\nDate: 2025-06-30\n\nBody.\n');
    vault.write('2025-07/this-week-529.md', 'Title: This Week 529\nDate: 2025-07-07\n\nBody.\n');
    vault.write('2025-07/this-week-530.md', 'Title: This Week 530\nDate: 2025-07-14\n\nBody.\n');
    const card = async (p: string): Promise<string> => {
      const r = await runCli(['show', p, '--vault', vault.root], { env });
      expect(r.code, r.stderr).toBe(0);
      return r.stdout.split('\n').find((l) => l.startsWith('Series:'))!;
    };
    expect(await card('2025-07/this-week-529.md')).toBe('Series:  2 of 3 in this-week-#');
    // Dated by the index page's month: no ISO week, yet placed by its number.
    expect(await card('docs/issue-299.md')).toBe('Series:  2 of 3 in docs/issue-#');
    expect(await card('README.md')).toBe('Series:  in no series');
  });

  it('refuses a missing --vault and stray arguments', async () => {
    const missing = await runCli(['list'], { env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('list: missing --vault <vault>');
    const stray = await runCli(['list', vault.root], { env });
    expect(stray.code).toBe(1);
    expect(stray.stderr).toContain('list: unexpected argument');
  });

  it('index --no-git-dates and --git-dates are accepted, not together', async () => {
    expect((await runCli(['index', vault.root, '--no-git-dates'], { env })).code).toBe(0);
    expect((await runCli(['index', vault.root, '--git-dates'], { env })).code).toBe(0);
    const both = await runCli(['index', vault.root, '--git-dates', '--no-git-dates'], { env });
    expect(both.code).toBe(1);
    expect(both.stderr).toContain('--git-dates and --no-git-dates cannot be used together');
  });
});

describe('the list formatting', () => {
  it.each<[string | null, DigestListEntry['datePrecision'], string | null, string]>([
    ['2024-04-05', 'day', '2024-W14', '2024-04-05'],
    ['2024-04-01', 'week', '2024-W14', '2024-W14'],
    ['2024-04-01', 'month', null, '2024-04'],
    ['2024-01-01', 'year', null, '2024'],
    [null, null, null, 'undated'],
  ])('periodLabel(%s, %s, %s) = %s', (date, precision, week, expected) => {
    expect(periodLabel(date, precision, week)).toBe(expected);
  });

  const entry = (over: Partial<DigestListEntry>): DigestListEntry => ({
    path: 'a.md',
    title: 'A',
    date: null,
    dateSource: 'none',
    datePrecision: null,
    week: null,
    series: null,
    number: null,
    prev: null,
    next: null,
    tags: [],
    ...over,
  });

  it('summarises sources by count, and singular words for one', () => {
    expect(listSummary([entry({ date: '2024-01-01', dateSource: 'git', datePrecision: 'day', series: 's' })])).toBe('1 digest: 1 dated (1 git), 0 undated; 1 series');
    expect(listSummary([])).toBe('0 digests: 0 dated, 0 undated; 0 series');
  });

  it('aligns CJK paths by their width on a terminal and cuts titles to fit', () => {
    const text = formatList([entry({ path: '周报.md', title: '很长的标题'.repeat(20) }), entry({ path: 'ab.md', title: 'B' })], 60);
    const [header, first, second] = text.split('\n');
    // "周报.md" takes 7 columns, like "ab.md  ": the titles start in one column.
    expect(first!.indexOf('很') + 2).toBe(second!.indexOf('B'));
    expect(header!.indexOf('TITLE')).toBe(second!.indexOf('B'));
    expect(first!.endsWith('…')).toBe(true);
  });
});
