/** The plan and classify stages of an index run, and what a run records (index-meta.ts). */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changesSinceLastRun, INDEX_FORMAT_VERSION, recordRun, settingsKey, storedScanProblems } from '../../src/core/index/index-meta.js';
import { classify, planIndexRun, type IndexRunPlan, type IndexSettings } from '../../src/core/index/run-plan.js';
import { Store, type FileState } from '../../src/core/store/store.js';
import type { ScannedFile } from '../../src/core/types.js';
import { digest, tempDir, type TempDir } from '../helpers/temp-vault.js';
import { fileProblem, problemEntry } from '../../src/shared/file-problems.js';

function file(p: string, size = 100, mtimeMs = 1000): ScannedFile {
  return { path: p, absPath: `/vault/${p}`, size, mtimeMs };
}

function row(p: string, status: FileState['status'], size = 100, mtimeMs = 1000): FileState {
  return { path: p, size, mtimeMs, hash: `h-${p}`, status };
}

type ClassifyInput = Pick<IndexRunPlan, 'files' | 'stored' | 'settingsChanged' | 'formatChanged'>;

function plan(files: ScannedFile[], rows: FileState[], changed: Partial<Pick<IndexRunPlan, 'settingsChanged' | 'formatChanged'>> = {}): ClassifyInput {
  return { files, stored: new Map(rows.map((r) => [r.path, r])), settingsChanged: false, formatChanged: false, ...changed };
}

describe('classify', () => {
  it.each([
    // [case, stored row, changes, read?]
    ['a new file', null, {}, true],
    ['an indexed file with the same size and mtime', row('a.md', 'indexed'), {}, false],
    ['an indexed file with another mtime', row('a.md', 'indexed', 100, 999), {}, true],
    ['an indexed file with another size', row('a.md', 'indexed', 99, 1000), {}, true],
    ['a skipped file (its reason may be transient)', row('a.md', 'skipped'), {}, true],
    ['an indexed file when maxFileBytes changed', row('a.md', 'indexed'), { settingsChanged: true }, true],
    ['an indexed file when the index format changed', row('a.md', 'indexed'), { formatChanged: true }, true],
  ] as const)('%s: read = %s', (_case, stored, changes, read) => {
    const c = classify(plan([file('a.md')], stored ? [stored] : [], changes));
    expect(c).toEqual(read ? { unchanged: 0, candidates: [file('a.md')] } : { unchanged: 1, candidates: [] });
  });

  it('keeps the candidates in scan order', () => {
    const files = ['a.md', 'b.md', 'c.md', 'd.md'].map((p) => file(p));
    const c = classify(plan(files, [row('b.md', 'indexed'), row('d.md', 'skipped')]));
    expect(c.unchanged).toBe(1);
    expect(c.candidates.map((f) => f.path)).toEqual(['a.md', 'c.md', 'd.md']);
  });
});

describe('planIndexRun and the run record', () => {
  let vault: TempDir;
  let cache: TempDir;
  let store: Store;
  const settings: IndexSettings = { exclude: [], maxFileBytes: 1024 };

  beforeEach(() => {
    vault = tempDir('almanac-plan-vault-');
    cache = tempDir('almanac-plan-cache-');
    store = Store.open(path.join(cache.root, 'index.db'));
    vault.write('weekly/a.md', digest({ title: 'A' }, '正文\n'));
    vault.write('weekly/b.md', digest({ title: 'B' }, '正文\n'));
  });

  afterEach(() => {
    store.close();
    vault.cleanup();
    cache.cleanup();
  });

  async function recordWholeRun(s: IndexSettings): Promise<void> {
    const p = await planIndexRun({ vaultPath: vault.root, store, settings: s });
    recordRun(store, { settingsKey: p.settingsKey, problems: p.problems, insideLinks: p.insideLinks, vaultPath: vault.root });
  }

  it('a new index has neither settings nor format: both count as changed', async () => {
    const p = await planIndexRun({ vaultPath: vault.root, store, settings, paths: ['weekly/a.md'] });
    expect(p).toMatchObject({ settingsChanged: true, formatChanged: true, settingsKey: '{"maxFileBytes":1024}' });
    expect(p.files.map((f) => f.path)).toEqual(['weekly/a.md', 'weekly/b.md']); // the whole vault, not the paths
  });

  it('after a recorded run nothing changed, and a targeted run looks at its paths only', async () => {
    await recordWholeRun(settings);
    expect(changesSinceLastRun(store, settingsKey(settings))).toEqual({ settingsChanged: false, formatChanged: false });
    const p = await planIndexRun({ vaultPath: vault.root, store, settings, paths: ['weekly/a.md'] });
    expect(p).toMatchObject({ settingsChanged: false, formatChanged: false, insideLinks: null });
    expect(p.files.map((f) => f.path)).toEqual(['weekly/a.md']);
  });

  it('another maxFileBytes or an older format scans the whole vault; the exclusions are not part of the key', async () => {
    await recordWholeRun(settings);
    const excluding: IndexSettings = { ...settings, exclude: ['drafts'] };
    expect(settingsKey(excluding)).toBe(settingsKey(settings));
    const bigger = await planIndexRun({ vaultPath: vault.root, store, settings: { ...settings, maxFileBytes: 2048 }, paths: ['weekly/a.md'] });
    expect(bigger).toMatchObject({ settingsChanged: true, formatChanged: false });
    expect(bigger.files).toHaveLength(2);
    store.setMeta('index_format', String(INDEX_FORMAT_VERSION - 1));
    const older = await planIndexRun({ vaultPath: vault.root, store, settings, paths: ['weekly/a.md'] });
    expect(older).toMatchObject({ settingsChanged: false, formatChanged: true });
    expect(older.files).toHaveLength(2);
  });

  it('records the scan problems, the vault and the time of the run', async () => {
    const problems = [problemEntry('loop', fileProblem('symlink-loop'))];
    recordRun(store, { settingsKey: settingsKey(settings), problems, insideLinks: 0, vaultPath: '/real/vault' });
    expect(storedScanProblems(store)).toEqual(problems);
    expect(store.getMeta('vault_path')).toBe('/real/vault');
    expect(store.getMeta('scan_inside_links')).toBe('0');
    expect(Date.parse(store.getMeta('last_indexed_at')!)).toBeGreaterThan(Date.now() - 60_000);
    // A targeted run (insideLinks null) keeps what the last whole scan found.
    recordRun(store, { settingsKey: settingsKey(settings), problems: [], insideLinks: null, vaultPath: '/real/vault' });
    expect(store.getMeta('scan_inside_links')).toBe('0');
    expect(storedScanProblems(store)).toEqual([]);
  });
});
