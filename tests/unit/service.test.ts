import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AlmanacService, type AlmanacServiceOptions, type ServiceStateStore } from '../../src/core/service/almanac-service.js';
import { DEFAULT_SETTINGS, type AlmanacEvent, type IndexSummary, type RecentVault, type Settings } from '../../src/shared/api.js';
import { digest, snapshotTree, tempDir, type TempDir } from '../helpers/temp-vault.js';
import { WORKER_URL } from '../helpers/worker.js';

let vault: TempDir;
let cache: TempDir;
const services: AlmanacService[] = [];

function open(over: Partial<AlmanacServiceOptions> = {}): AlmanacService {
  const s = new AlmanacService({
    vaultPath: vault.root,
    dbPath: path.join(cache.root, 'index.db'),
    workerUrl: WORKER_URL,
    poolSize: 0,
    ...over,
  });
  services.push(s);
  return s;
}

function nextEvent(service: AlmanacService, type: AlmanacEvent['type']): Promise<AlmanacEvent> {
  return new Promise((resolve) => {
    const off = service.onEvent((e) => {
      if (e.type === type) {
        off();
        resolve(e);
      }
    });
  });
}

function writeVault(v: TempDir = vault): void {
  v.write('weekly/2026-01-30.md', digest({ title: 'AI 周报 W05', date: '2026-01-30', tags: ['AI', 'Safety'] }, '## 安全\n\n后门检测的新方法。\n'));
  v.write(
    'weekly/2026-02-06.md',
    digest(
      { title: 'AI 周报 W06', date: '2026-02-06', tags: ['ai'], description: '本周要闻' },
      '## 深度报道\n\n### 1. 旗舰模型\n\nGPT-5.3-Codex 发布。\n\n[上一期](2026-01-30)\n',
    ),
  );
  v.write('drafts/todo.md', digest({ title: '草稿' }, '未完成。\n'));
}

beforeEach(() => {
  vault = tempDir('almanac-svc-vault-');
  cache = tempDir('almanac-svc-cache-');
  writeVault();
});

afterEach(async () => {
  for (const s of services.splice(0)) await s.close();
  vault.cleanup();
  cache.cleanup();
});

describe('AlmanacService', () => {
  it('indexes on reindex() and reports status and events', async () => {
    const service = open();
    expect(await service.getStatus()).toMatchObject({ vaultPath: vault.root, state: 'idle', digests: 0, lastIndexedAt: null });
    const events: AlmanacEvent[] = [];
    service.onEvent((e) => events.push(e));
    const summary = await service.reindex();
    expect(summary).toMatchObject({ files: 3, indexed: 3, digests: 3 });
    const status = await service.getStatus();
    expect(status).toMatchObject({ state: 'idle', digests: 3, tags: 2, progress: null, error: null, isSample: false });
    expect(status.lastIndexedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(events.some((e) => e.type === 'index-progress')).toBe(true);
    expect(events.at(-1)).toEqual({ type: 'index-finished', summary });
  });

  it('coalesces concurrent reindex calls into the running run plus one follow-up', async () => {
    const service = open();
    let finished = 0;
    service.onEvent((e) => {
      if (e.type === 'index-finished') finished++;
    });
    const a = service.reindex();
    const b = service.reindex();
    const c = service.reindex();
    expect(b).toBe(c);
    expect(a).not.toBe(b);
    const [ra, rb] = await Promise.all([a, b, c]);
    expect(ra.indexed).toBe(3);
    expect((rb as IndexSummary).indexed).toBe(0);
    expect(finished).toBe(2);
  });

  it('close() cancels a running index run', async () => {
    const service = open({ poolSize: 1 });
    const run = service.reindex();
    await service.close();
    await expect(run).rejects.toThrow('indexing was cancelled');
    await expect(service.getStatus()).rejects.toThrow('the Almanac service is closed');
    await expect(service.reindex()).rejects.toThrow('the Almanac service is closed');
  });

  it('serves a digest with sections, series neighbours, links and backlinks', async () => {
    const service = open();
    await service.reindex();
    const d = await service.getDigest('weekly/2026-02-06.md');
    expect(d).toMatchObject({
      path: 'weekly/2026-02-06.md',
      title: 'AI 周报 W06',
      date: '2026-02-06',
      week: '2026-W06',
      tags: ['ai'],
      description: '本周要闻',
      prev: { path: 'weekly/2026-01-30.md', title: 'AI 周报 W05', date: '2026-01-30' },
      next: null,
      backlinks: [],
      warnings: [],
    });
    expect(d.markdown).toContain('GPT-5.3-Codex');
    expect(d.sections.map((s) => s.headingPath)).toEqual(['深度报道', '深度报道 › 1. 旗舰模型']);
    expect(d.links).toEqual([
      { href: '2026-01-30', text: '上一期', target: 'weekly/2026-01-30.md', external: false, broken: false, sectionId: d.sections[1]!.id },
    ]);
    const prev = await service.getDigest('weekly/2026-01-30');
    expect(prev.backlinks).toEqual([{ path: 'weekly/2026-02-06.md', title: 'AI 周报 W06', date: '2026-02-06' }]);
    expect((await service.getDigest('./weekly//2026-01-30.md')).path).toBe('weekly/2026-01-30.md');
  });

  it('refuses digest paths that are not vault-relative, and names unknown ones', async () => {
    const service = open();
    await service.reindex();
    await expect(service.getDigest('../outside.md')).rejects.toThrow(/"\.\.\/outside\.md" contains "\.\."/);
    await expect(service.getDigest('/etc/passwd')).rejects.toThrow(/is absolute/);
    await expect(service.getDigest('C:\\x.md')).rejects.toThrow(/is absolute/);
    await expect(service.getDigest('a\0b.md')).rejects.toThrow(/NUL/);
    await expect(service.getDigest(42 as unknown as string)).rejects.toThrow(/must be a string/);
    await expect(service.getDigest('weekly/nope.md')).rejects.toThrow('digest not found: weekly/nope.md');
  });

  it('lists tags with counts (case-folded) and the timeline of dated digests', async () => {
    const service = open();
    await service.reindex();
    expect(await service.tags()).toEqual([
      { tag: 'AI', count: 2 },
      { tag: 'Safety', count: 1 },
    ]);
    expect(await service.timeline()).toEqual([
      { path: 'weekly/2026-01-30.md', title: 'AI 周报 W05', date: '2026-01-30', week: '2026-W05' },
      { path: 'weekly/2026-02-06.md', title: 'AI 周报 W06', date: '2026-02-06', week: '2026-W06' },
    ]);
  });

  it('searches through the search engine, seeing index changes', async () => {
    const service = open();
    await service.reindex();
    const r = await service.search({ query: '后门检测' });
    expect(r.results.map((h) => h.path)).toEqual(['weekly/2026-01-30.md']);
    vault.write('weekly/2026-02-13.md', digest({ title: 'W07', date: '2026-02-13' }, '## 安全\n\n又一种后门检测。\n'));
    await service.reindex();
    expect((await service.search({ query: '后门检测' })).total).toBe(2);
    await expect(service.search({ query: 'x', limit: -1 } as never)).rejects.toThrow('search: request.limit must be between 0 and 10000, got -1');
    await expect(service.search({ query: 'x', evil: 1 } as never)).rejects.toThrow('search: request has an unknown field "evil"');
    await expect(service.related('not-an-id')).rejects.toThrow('related: sectionId "not-an-id" is not a section id (expected 16 hex digits)');
  });

  it('validates settings, persists them and re-indexes when the index settings change', async () => {
    const saved: Settings[] = [];
    const stateStore: ServiceStateStore = {
      loadSettings: () => ({ ...DEFAULT_SETTINGS, theme: 'dark', maxFileBytes: 'huge' }),
      saveSettings: (s) => saved.push(s),
      recentVaults: () => [],
      rememberVault: () => undefined,
    };
    const service = open({ settingsStore: stateStore });
    expect(await service.getSettings()).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' });
    await service.reindex();
    await expect(service.updateSettings({ maxFileBytes: -1 })).rejects.toThrow('updateSettings: patch.maxFileBytes must be between 1 and 1073741824, got -1');
    await expect(service.updateSettings({ colour: 'red' } as never)).rejects.toThrow('updateSettings: patch has an unknown field "colour"');
    await expect(service.updateSettings({ theme: 'neon' as never })).rejects.toThrow('updateSettings: patch.theme must be one of "system", "light", "dark", got "neon"');
    const finished = nextEvent(service, 'index-finished');
    const updated = await service.updateSettings({ exclude: ['drafts'] });
    expect(updated.exclude).toEqual(['drafts']);
    expect(saved.at(-1)).toEqual(updated);
    await finished;
    expect((await service.getStatus()).digests).toBe(2);
  });

  it('keeps the settings an index was built with for the next session without a settings store', async () => {
    const first = open({ settings: { exclude: ['drafts'], maxFileBytes: 4096 } });
    expect((await first.reindex()).digests).toBe(2);
    await first.close();
    const second = open();
    expect(await second.getSettings()).toMatchObject({ exclude: ['drafts'], maxFileBytes: 4096 });
    expect((await second.reindex()).digests).toBe(2);
    await second.close();
    const third = open({ settings: { exclude: [] } });
    expect(await third.getSettings()).toMatchObject({ exclude: [], maxFileBytes: 4096 });
    expect((await third.reindex()).digests).toBe(3);
    expect(() => open({ settings: { maxFileBytes: -1 } })).toThrow('settings.maxFileBytes must be between 1 and 1073741824, got -1');
  });

  it('opens another vault: closes the old index, emits vault-changed, indexes the new one', async () => {
    const other = tempDir('almanac-svc-other-');
    try {
      other.write('a/2026-03-06.md', digest({ title: '另一个库', date: '2026-03-06' }, '## 芯片\n\n推理芯片。\n'));
      const recent: RecentVault[] = [];
      const service = open({
        dbPathForVault: (v) => path.join(cache.root, 'other', `${path.basename(v)}.db`),
        settingsStore: {
          loadSettings: () => null,
          saveSettings: () => undefined,
          recentVaults: () => recent,
          rememberVault: (v) => recent.push(v),
        },
      });
      await service.reindex();
      await expect(service.openVault('relative/path')).rejects.toThrow(/must be absolute/);
      await expect(service.openVault(path.join(other.root, 'missing'))).rejects.toThrow(`vault not found: ${path.join(other.root, 'missing')}`);
      await expect(service.openVault()).rejects.toThrow(/needs a folder path/);
      const changed = nextEvent(service, 'vault-changed');
      const finished = nextEvent(service, 'index-finished');
      const status = await service.openVault(other.root);
      expect(status).toMatchObject({ vaultPath: other.root, vaultName: path.basename(other.root) });
      expect(await changed).toMatchObject({ type: 'vault-changed', status: { vaultPath: other.root } });
      await finished;
      expect((await service.getStatus()).digests).toBe(1);
      expect((await service.recentVaults()).map((r) => r.path)).toEqual([other.root]);
      await expect(service.getDigest('weekly/2026-01-30.md')).rejects.toThrow('digest not found');
    } finally {
      other.cleanup();
    }
  });

  it('uses the injected folder dialog and keeps the vault when it is cancelled', async () => {
    const service = open({ openFolderDialog: async () => null });
    expect((await service.openVault()).vaultPath).toBe(vault.root);
  });

  it('opens only http, https and mailto links, and only when the host can', async () => {
    const opened: string[] = [];
    const service = open({ openExternal: async (u) => void opened.push(u) });
    await service.openExternal('https://openai.com/index');
    await expect(service.openExternal('javascript:alert(1)')).rejects.toThrow('openExternal: url "javascript:alert(1)" uses the scheme "javascript:"; only http:, https: and mailto: links are opened');
    await expect(service.openExternal('file:///etc/passwd')).rejects.toThrow(/uses the scheme "file:"/);
    expect(opened).toEqual(['https://openai.com/index']);
    const cli = open({ dbPath: path.join(cache.root, 'cli.db') });
    await expect(cli.openExternal('https://openai.com')).rejects.toThrow('opening links is not available in this mode');
  });

  it('exports sections through the export module', async () => {
    const service = open();
    await service.reindex();
    const d = await service.getDigest('weekly/2026-02-06.md');
    const result = await service.exportSections({ sectionIds: [d.sections[1]!.id], format: 'md' });
    expect(result.format).toBe('md');
    expect(result.fileName).toMatch(/\.md$/);
    expect(result.content).toContain('GPT-5.3-Codex');
    await expect(service.exportSections({ sectionIds: ['0000000000000000'], format: 'md' })).rejects.toThrow('0000000000000000');
  });

  it('refuses an index inside the vault and reports a missing vault', async () => {
    expect(() => open({ dbPath: path.join(vault.root, '.almanac', 'index.db') })).toThrow(/would be inside the vault/);
    const gone = open({ vaultPath: path.join(vault.root, 'nope') });
    expect((await gone.getStatus()).state).toBe('missing');
    await expect(gone.reindex()).rejects.toThrow(`vault not found: ${path.join(vault.root, 'nope')}`);
  });

  it('never writes into the vault', async () => {
    const before = snapshotTree(vault.root);
    const service = open();
    await service.reindex();
    await service.getDigest('weekly/2026-02-06.md');
    await service.close();
    expect(snapshotTree(vault.root)).toEqual(before);
  });
});
