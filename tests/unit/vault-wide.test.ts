/**
 * The vault-wide step through real index runs (index/vault-wide.ts): dates
 * from index pages, ambiguous numeric dates read in the vault's order,
 * series written to the digest rows, and how little a run writes.
 */
import { describe, expect, it } from 'vitest';
import { indexVault, type IndexSettings } from '../../src/core/index/indexer.js';
import { neighbours } from '../../src/core/series/series.js';
import { VaultWideStep } from '../../src/core/index/vault-wide.js';
import { indexGeneration } from '../../src/core/store/generation.js';
import { Store } from '../../src/core/store/store.js';
import { listDigests } from '../../src/core/store/digest-list.js';
import { digestView } from '../../src/core/service/digest-view.js';
import { digest } from '../helpers/temp-vault.js';
import { useIndexFixture } from '../helpers/index-fixture.js';
import { countingParser } from '../helpers/worker.js';

const fx = useIndexFixture('almanac-vault-wide');
const SETTINGS: IndexSettings = { exclude: [], maxFileBytes: 1 << 20, gitDates: false };

async function run(settings: IndexSettings = SETTINGS): Promise<string[]> {
  const parser = countingParser(fx.pool);
  await indexVault({ vaultPath: fx.vault.root, store: fx.store, pool: parser, settings });
  return parser.calls;
}

function row(path: string) {
  const r = fx.store.digestByPath(path);
  if (!r) throw new Error(`not indexed: ${path}`);
  return r;
}

function dateOf(path: string): [string | null, string, string | null, string | null] {
  const r = row(path);
  return [r.date, r.dateSource, r.datePrecision, r.week];
}

function nav(path: string): [string | null, string | null] {
  const { prev, next } = neighbours(fx.store.db, row(path));
  return [prev?.path ?? null, next?.path ?? null];
}

const README = (months: { april: string[]; march: string[] }): string =>
  [
    '# 科技爱好者周刊',
    '',
    '## 2024',
    '',
    '**四月**',
    '',
    ...months.april.map((n) => `- [第 ${n} 期](docs/issue-${n}.md)`),
    '',
    '**三月**',
    '',
    ...months.march.map((n) => `- [第 ${n} 期](docs/issue-${n}.md)`),
    '',
    '## 2023',
    '',
    '- [不存在的一期](docs/issue-1.md)',
    '- [越界](../../outside/issue-2.md)',
    '- [外站](https://example.com/issue-3.md)',
    '',
  ].join('\n');

function writeRuanyfVault(): void {
  for (const n of ['9', '10', '299', '300']) fx.vault.write(`docs/issue-${n}.md`, `# 第 ${n} 期\n\n正文 ${n}。\n`);
  fx.vault.write('README.md', README({ april: ['300', '299'], march: ['10', '9'] }));
}

describe('the index-page date source', () => {
  it('dates undated digests from the README that lists them under a year and bold month lines', async () => {
    writeRuanyfVault();
    await run();
    expect(dateOf('docs/issue-300.md')).toEqual(['2024-04-01', 'index-page', 'month', null]);
    expect(dateOf('docs/issue-9.md')).toEqual(['2024-03-01', 'index-page', 'month', null]);
    expect(dateOf('README.md')).toEqual([null, 'none', null, null]);
    // One series, by date, then number: issue-9 before issue-10 in March.
    expect(nav('docs/issue-9.md')).toEqual([null, 'docs/issue-10.md']);
    expect(nav('docs/issue-10.md')).toEqual(['docs/issue-9.md', 'docs/issue-299.md']);
    expect(nav('docs/issue-300.md')).toEqual(['docs/issue-299.md', null]);
    expect(row('README.md').series).toBeNull();
    expect(row('docs/issue-300.md').series).toBe('docs/issue-#');
  });

  it('follows an edited index page without parsing the digests again, and forgets its dates when it is gone', async () => {
    writeRuanyfVault();
    await run();
    fx.vault.write('README.md', README({ april: ['300'], march: ['299', '10', '9'] }));
    expect(await run()).toEqual(['README.md']);
    expect(dateOf('docs/issue-299.md')).toEqual(['2024-03-01', 'index-page', 'month', null]);
    expect(nav('docs/issue-299.md')).toEqual(['docs/issue-10.md', 'docs/issue-300.md']);

    fx.vault.remove('README.md');
    expect(await run()).toEqual([]);
    expect(dateOf('docs/issue-300.md')).toEqual([null, 'none', null, null]);
    // Undated numbered issues keep their neighbours, by number.
    expect(nav('docs/issue-299.md')).toEqual(['docs/issue-10.md', 'docs/issue-300.md']);
  });

  it("never overrides a digest's own date, and a page linking to fewer than three digests is no index page", async () => {
    writeRuanyfVault();
    fx.vault.write('docs/issue-299.md', digest({ title: '第 299 期', date: '2024-04-19' }, '正文。\n'));
    fx.vault.write('notes/links.md', '# Links\n\n## 2020\n\n- [a](../docs/issue-10.md)\n- [b](../docs/nope.md)\n- [c](../../../etc/passwd.md)\n');
    fx.vault.remove('README.md');
    await run();
    expect(dateOf('docs/issue-299.md')).toEqual(['2024-04-19', 'front-matter', 'day', '2024-W16']);
    expect(dateOf('docs/issue-10.md')).toEqual([null, 'none', null, null]);
  });

  it('writes nothing on a run with no change, and only the rows whose place changed when an issue is added', async () => {
    writeRuanyfVault();
    await run();
    const generation = indexGeneration(fx.store.db);
    expect(await run()).toEqual([]);
    expect(indexGeneration(fx.store.db)).toBe(generation);

    fx.store.db.exec(`CREATE TEMP TABLE moved (path TEXT);
      CREATE TEMP TRIGGER log_moves AFTER UPDATE OF series, series_pos, date ON digest BEGIN INSERT INTO moved VALUES (new.path); END;`);
    fx.vault.write('docs/issue-301.md', digest({ title: '第 301 期', date: '2024-05-03' }, '正文。\n'));
    await run();
    expect(fx.store.db.prepare('SELECT path FROM moved').pluck().all()).toEqual(['docs/issue-301.md']);
    expect(nav('docs/issue-301.md')).toEqual(['docs/issue-300.md', null]);
  });
});

describe('the step writes in slices', () => {
  const placesOf = (): unknown[] =>
    fx.store.db.prepare('SELECT path, date, week, date_source, date_precision, series, series_pos FROM digest ORDER BY path').all();

  it('writes the same rows in slices of two as in one, and records its state only after the last slice', async () => {
    writeRuanyfVault();
    await run();
    const whole = placesOf();
    const clear = (): void => void fx.store.db.exec("UPDATE digest SET series = NULL, series_pos = NULL, date = NULL, week = NULL, date_source = 'none'");
    clear();
    await VaultWideStep.begin(fx.store, { vaultPath: fx.vault.root, gitDates: false, writeSliceRows: 2 }).finish();
    expect(placesOf()).toEqual(whole);
    expect((fx.store.getMetaJson('vault_wide') as { generation: number }).generation).toBe(indexGeneration(fx.store.db));

    // Another writer between two slices: the step stops without recording its state, and the next one computes again.
    clear();
    const step = VaultWideStep.begin(fx.store, { vaultPath: fx.vault.root, gitDates: false, writeSliceRows: 1 }).finish();
    const written = (): number => fx.store.db.prepare('SELECT count(*) FROM digest WHERE series IS NOT NULL').pluck().get() as number;
    while (written() === 0) await new Promise((resolve) => setImmediate(resolve));
    fx.store.db.prepare("UPDATE digest SET title = title || ' ' WHERE path = 'README.md'").run();
    await step;
    expect(placesOf()).not.toEqual(whole);
    expect((fx.store.getMetaJson('vault_wide') as { generation: number }).generation).not.toBe(indexGeneration(fx.store.db));
    await VaultWideStep.begin(fx.store, { vaultPath: fx.vault.root, gitDates: false }).finish();
    expect(placesOf()).toEqual(whole);
  });
});

describe('a run that leaves the inputs as they were', () => {
  it('gives edited digests the places a fresh connection computes, and follows a change of their inputs', async () => {
    writeRuanyfVault();
    fx.vault.write('docs/issue-301.md', digest({ title: '第 301 期', date: '2024-05-03' }, '正文。\n'));
    await run();
    const places = (db = fx.store.db): unknown[] => db.prepare('SELECT path, date, date_source, series, series_pos FROM digest ORDER BY path').all();
    /** The step computed from scratch on a connection of its own (no memo). */
    const computedAfresh = async (): Promise<unknown[]> => {
      const other = Store.open(fx.store.dbPath);
      try {
        other.db.exec(`DELETE FROM meta WHERE key = 'vault_wide'; UPDATE digest SET series = NULL, series_pos = NULL;
          UPDATE digest SET date = NULL, week = NULL WHERE date_source IN ('index-page', 'git', 'none')`);
        await VaultWideStep.begin(other, { vaultPath: fx.vault.root, gitDates: false }).finish();
        return places(other.db);
      } finally {
        other.close();
      }
    };

    // Undated issues dated by the README, and a dated one: new text, same inputs.
    fx.vault.write('docs/issue-299.md', '# 第 299 期\n\n新的正文。\n');
    fx.vault.write('docs/issue-301.md', digest({ title: '第 301 期', date: '2024-05-03' }, '新的正文。\n'));
    expect((await run()).sort()).toEqual(['docs/issue-299.md', 'docs/issue-301.md']);
    const afterEdit = places();
    expect(afterEdit).toContainEqual({ path: 'docs/issue-299.md', date: '2024-04-01', date_source: 'index-page', series: expect.any(String), series_pos: 2 });
    expect(await computedAfresh()).toEqual(afterEdit);

    // A number is an input: the series is ordered again.
    fx.vault.remove('docs/issue-301.md');
    fx.vault.write('docs/issue-5.md', '# 第 5 期\n\n新的正文。\n');
    await run();
    const afterMove = places();
    expect(nav('docs/issue-5.md')).toEqual([null, 'docs/issue-9.md']);
    expect(await computedAfresh()).toEqual(afterMove);
  });
});

describe('ambiguous numeric dates follow the vault', () => {
  it('reads a guessed "03-05-2024" day first when the series writes its days first, and leaves a US series alone', async () => {
    fx.vault.write('eu/issue-1.md', digest({ title: 'EU 1', date: '25-04-2024' }, 'x\n'));
    fx.vault.write('eu/issue-2.md', digest({ title: 'EU 2', date: '28-04-2024' }, 'x\n'));
    fx.vault.write('eu/issue-3.md', digest({ title: 'EU 3', date: '03-05-2024' }, 'x\n'));
    fx.vault.write('us/issue-1.md', digest({ title: 'US 1', date: '04-19-2024' }, 'x\n'));
    fx.vault.write('us/issue-2.md', digest({ title: 'US 2', date: '04-26-2024' }, 'x\n'));
    fx.vault.write('us/issue-3.md', digest({ title: 'US 3', date: '05-03-2024' }, 'x\n'));
    await run();
    expect(dateOf('eu/issue-3.md')).toEqual(['2024-05-03', 'front-matter', 'day', '2024-W18']);
    expect(dateOf('us/issue-3.md')).toEqual(['2024-05-03', 'front-matter', 'day', '2024-W18']);
    expect(nav('eu/issue-3.md')).toEqual(['eu/issue-2.md', null]);

    // Without the unambiguous spellings, the parser's guess (month first) stands again.
    fx.vault.remove('eu/issue-1.md');
    fx.vault.remove('eu/issue-2.md');
    fx.vault.remove('us');
    await run();
    expect(dateOf('eu/issue-3.md')).toEqual(['2024-03-05', 'front-matter', 'day', '2024-W10']);
  });
});

describe('what the index keeps for the reader and the list', () => {
  it('serves date source and precision, issue numbers, series and section dates', async () => {
    writeRuanyfVault();
    fx.vault.write('changes.md', '# Log\n\n## 2024-03-08\n\nA.\n\n## 2024-03-15\n\nB.\n\n## Notes\n\nC.\n');
    await run();
    const view = digestView(fx.store, 'docs/issue-300.md');
    expect(view).toMatchObject({ date: '2024-04-01', week: null, dateSource: 'index-page', datePrecision: 'month', number: 300, series: 'docs/issue-#' });
    expect(view.prev?.path).toBe('docs/issue-299.md');
    const log = digestView(fx.store, 'changes.md');
    expect(log.sections.map((s) => [s.heading, s.date ?? null, s.datePrecision ?? null])).toEqual([
      ['Log', null, null],
      ['2024-03-08', '2024-03-08', 'day'],
      ['2024-03-15', '2024-03-15', 'day'],
      ['Notes', null, null],
    ]);
    // A row per dated section only: these two, and the README's "## 2024" and "## 2023".
    expect(fx.store.db.prepare('SELECT count(*) FROM section_date').pluck().get()).toBe(4);

    const list = listDigests(fx.store.db);
    expect(list.map((e) => e.path)).toEqual(['README.md', 'changes.md', 'docs/issue-10.md', 'docs/issue-299.md', 'docs/issue-300.md', 'docs/issue-9.md']);
    expect(list.find((e) => e.path === 'docs/issue-10.md')).toEqual({
      path: 'docs/issue-10.md',
      title: '第 10 期',
      date: '2024-03-01',
      dateSource: 'index-page',
      datePrecision: 'month',
      week: null,
      series: 'docs/issue-#',
      number: 10,
      prev: 'docs/issue-9.md',
      next: 'docs/issue-299.md',
      tags: [],
    });
  });

  it('stores no section dates for a vault without dated headings', async () => {
    fx.vault.write('weekly/2026-02-06.md', digest({ title: 'W06', date: '2026-02-06' }, '## 模型\n\n正文。\n\n## 安全\n\n正文。\n'));
    await run();
    expect(fx.store.db.prepare('SELECT count(*) FROM section_date').pluck().get()).toBe(0);
    expect(fx.store.db.prepare('SELECT count(*) FROM index_entry').pluck().get()).toBe(0);
  });
});
