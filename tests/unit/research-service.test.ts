/**
 * The research tools through the real service over real vaults: the
 * mentions facet follows the query and filters by `mention:` and the
 * request's `mentions`; saved searches count the new matching digests after
 * every index run (a whole run and a watcher's targeted one), opening one
 * marks them seen, and they are kept beside the index (the desktop: in its
 * settings file), never in the vault.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AlmanacService, type AlmanacServiceOptions } from '../../src/core/service/almanac-service.js';
import { DesktopStateStore } from '../../src/main/desktop-state.js';
import { digest, snapshotTree, tempDir, type TempDir } from '../helpers/temp-vault.js';
import { WORKER_URL } from '../helpers/worker.js';

let vault: TempDir;
let cache: TempDir;
const services: AlmanacService[] = [];

function open(over: Partial<AlmanacServiceOptions> = {}): AlmanacService {
  const s = new AlmanacService({ vaultPath: vault.root, dbPath: path.join(cache.root, 'index.db'), workerUrl: WORKER_URL, poolSize: 0, ...over });
  services.push(s);
  return s;
}

beforeEach(() => {
  vault = tempDir();
  cache = tempDir();
});

afterEach(async () => {
  for (const s of services.splice(0)) await s.close();
  vault.cleanup();
  cache.cleanup();
});

function writeWeeks(): void {
  vault.write(
    'weekly/2026-01-23.md',
    digest({ title: 'W04', date: '2026-01-23', tags: ['AI'] }, '## 芯片\n\n**NVIDIA**发布新芯片，**台积电**产能紧张。\n\n## 模型\n\nAnthropic推出了**Claude Opus 4.6**。\n'),
  );
  vault.write(
    'weekly/2026-01-30.md',
    digest({ title: 'W05', date: '2026-01-30', tags: ['AI'] }, '## 芯片\n\n[NVIDIA](https://nvidia.example) 与 **ＡＭＤ** 的芯片之争。\n\n## Agents\n\nagent frameworks: **LangGraph**, [原文](https://x.example)\n'),
  );
  vault.write(
    'weekly/2026-02-06.md',
    digest({ title: 'W06', date: '2026-02-06', tags: ['tech'] }, '## 模型\n\nOpenAI发布了**GPT-5.3-Codex**，Anthropic推出了**claude opus 4.6**。\n\n## 芯片\n\n**nvidia** 再创新高。\n'),
  );
}

describe('the mentions facet', () => {
  it('counts the weeks mentioning each name among the hits, in the most used spelling, and follows the query', async () => {
    writeWeeks();
    const s = open();
    await s.reindex();
    const chips = await s.search({ query: '芯片' });
    expect(chips.total).toBe(3);
    expect(chips.facets.mentions).toEqual({ NVIDIA: 3, 'Claude Opus 4.6': 2, AMD: 1, 'GPT-5.3-Codex': 1, LangGraph: 1, 台积电: 1 });
    const agents = await s.search({ query: 'agent' });
    expect(agents.facets.mentions).toEqual({ AMD: 1, LangGraph: 1, NVIDIA: 1 });
    const filtered = await s.search({ query: '芯片 tag:AI' });
    expect(filtered.facets.mentions).toMatchObject({ NVIDIA: 2, 'Claude Opus 4.6': 1 });
  });

  it('filters by mention: (any spelling, repeat for all, - to exclude) and by the request\'s mentions', async () => {
    writeWeeks();
    const s = open();
    await s.reindex();
    const paths = async (query: string, mentions?: string[]) => (await s.search({ query, mentions })).results.map((h) => h.path).sort();
    expect(await paths('mention:"Claude Opus 4.6"')).toEqual(['weekly/2026-01-23.md', 'weekly/2026-02-06.md']);
    expect(await paths('mention:"**CLAUDE OPUS 4.6**。"')).toEqual(['weekly/2026-01-23.md', 'weekly/2026-02-06.md']);
    expect(await paths('mention:nvidia mention:amd')).toEqual(['weekly/2026-01-30.md']);
    expect(await paths('芯片 -mention:"Claude Opus 4.6"')).toEqual(['weekly/2026-01-30.md']);
    expect(await paths('', ['台积电'])).toEqual(['weekly/2026-01-23.md']);
    expect(await paths('mention:nobody')).toEqual([]);
    const r = await s.search({ query: 'mention:LangGraph' });
    expect(r.facets.mentions).toEqual({ AMD: 1, LangGraph: 1, NVIDIA: 1 });
  });

  it('lists at most 30 names', async () => {
    const names = Array.from({ length: 40 }, (_, i) => `**Name${String(i).padStart(2, '0')}**`).join(' ');
    vault.write('a.md', digest({ title: 'A', date: '2026-01-02' }, `## 芯片\n\n${names}\n`));
    const s = open();
    await s.reindex();
    const mentions = (await s.search({ query: '芯片' })).facets.mentions!;
    expect(Object.keys(mentions)).toHaveLength(30);
    expect(Object.keys(mentions)[0]).toBe('Name00');
  });
});

describe('saved searches', () => {
  it('count the digests that arrive after saving, on every run (the watcher\'s too), until opened', async () => {
    writeWeeks();
    const before = snapshotTree(vault.root);
    const s = open();
    await s.reindex();
    expect((await s.saveSearch({ name: '芯片周', query: '芯片', tags: ['AI', 'tech'] })).map((x) => [x.name, x.newCount])).toEqual([['芯片周', 0]]);
    expect(snapshotTree(vault.root)).toEqual(before);
    expect(existsSync(path.join(cache.root, 'index.db.saved-searches.json'))).toBe(true);

    vault.write('weekly/2026-02-13.md', digest({ title: 'W07', date: '2026-02-13', tags: ['AI'] }, '## 芯片\n\n新一代芯片。\n'));
    vault.write('weekly/2026-02-20.md', digest({ title: 'W08', date: '2026-02-20', tags: ['AI'] }, '## 其他\n\n无关内容。\n'));
    // As the vault watcher asks: only the changed paths.
    await s.reindex({ paths: ['weekly/2026-02-13.md', 'weekly/2026-02-20.md'] });
    expect((await s.savedSearches())[0]).toMatchObject({ name: '芯片周', query: '芯片', newCount: 1 });

    // An edit of a digest that was seen does not make it new.
    vault.write('weekly/2026-01-23.md', digest({ title: 'W04', date: '2026-01-23', tags: ['AI'] }, '## 芯片\n\n改写后的芯片新闻。\n'));
    await s.reindex();
    expect((await s.savedSearches())[0]!.newCount).toBe(1);

    expect((await s.openSavedSearch('芯片周')).newCount).toBe(0);
    expect((await s.savedSearches())[0]!.newCount).toBe(0);
    await s.close();

    // Another process (the CLI, web mode) reads them from beside the index.
    const again = open();
    expect((await again.savedSearches()).map((x) => [x.name, x.newCount, x.tags])).toEqual([['芯片周', 0, ['AI', 'tech']]]);
    await expect(again.openSavedSearch('nope')).rejects.toMatchObject({ code: 'not-found' });
    expect(await again.removeSavedSearch('芯片周')).toEqual([]);
  });

  it('are kept in the desktop settings file by vault when the service has a state store', async () => {
    writeWeeks();
    const state = new DesktopStateStore(path.join(cache.root, 'settings.json'));
    const s = open({ settingsStore: state });
    await s.reindex();
    await s.saveSearch({ name: 'models', query: '模型' });
    const file = JSON.parse(readFileSync(path.join(cache.root, 'settings.json'), 'utf8')) as { savedSearches: Record<string, { name: string }[]> };
    expect(Object.keys(file.savedSearches)).toEqual([vault.root]);
    expect(file.savedSearches[vault.root]!.map((x) => x.name)).toEqual(['models']);
    expect(existsSync(path.join(cache.root, 'index.db.saved-searches.json'))).toBe(false);
  });
});
