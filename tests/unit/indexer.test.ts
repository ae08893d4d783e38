import { symlinkSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indexVault, type DigestParser, type IndexSettings } from '../../src/core/index/indexer.js';
import { ParsePool } from '../../src/core/parse/pool.js';
import { sectionIds } from '../../src/core/store/section-id.js';
import { Store } from '../../src/core/store/store.js';
import type { IndexProgress } from '../../src/shared/api.js';
import { dumpIndex } from '../helpers/db-dump.js';
import { digest, snapshotTree, tempDir, type TempDir } from '../helpers/temp-vault.js';
import { countingParser, inProcessPool, WORKER_URL } from '../helpers/worker.js';


const SETTINGS: IndexSettings = { exclude: [], maxFileBytes: 1024 * 1024 };

let vault: TempDir;
let cache: TempDir;
let store: Store;
let pool: ParsePool;
let parser: DigestParser & { calls: string[] };

function week(title: string, date: string, body: string, tags = ['AI']): string {
  return digest({ title, date, tags, layout: 'layouts/post.njk' }, body);
}

function run(settings: IndexSettings = SETTINGS, onProgress?: (p: IndexProgress) => void) {
  parser.calls.length = 0;
  return indexVault({ vaultPath: vault.root, store, pool: parser, settings, onProgress });
}

function writeBasicVault(): void {
  vault.write('weekly/2026-01-30.md', week('AI 周报 W05', '2026-01-30', '## 模型\n\nKimi K2.5 开源。\n\n## 安全\n\n后门检测新方法。\n'));
  vault.write(
    'weekly/2026-02-06.md',
    week('AI 周报 W06', '2026-02-06', '## 模型\n\nGPT-5.3-Codex 与 Claude Opus 4.6。\n\n- [上一期](../weekly/2026-01-30)\n'),
  );
  vault.write('research/agents.md', week('智能代理综述', '2026-02-03', '## 综述\n\n智能代理的记忆与规划。\n', ['Agents']));
}

beforeEach(() => {
  vault = tempDir('almanac-vault-');
  cache = tempDir('almanac-cache-');
  store = Store.open(path.join(cache.root, 'index.db'));
  pool = inProcessPool();
  parser = countingParser(pool);
});

afterEach(async () => {
  store.close();
  await pool.close();
  vault.cleanup();
  cache.cleanup();
});

describe('indexVault: incremental runs', () => {
  it('indexes every file once, then nothing on an unchanged second run', async () => {
    writeBasicVault();
    const first = await run();
    expect(first).toMatchObject({ files: 3, indexed: 3, unchanged: 0, removed: 0, skipped: [], warnings: [], digests: 3 });
    expect(first.sections).toBe(store.counts().sections);
    expect(parser.calls.sort()).toEqual(['research/agents.md', 'weekly/2026-01-30.md', 'weekly/2026-02-06.md']);

    const second = await run();
    expect(second).toMatchObject({ files: 3, indexed: 0, unchanged: 3, removed: 0, digests: 3, sections: first.sections });
    expect(parser.calls).toEqual([]);
  });

  it('confirms a new mtime with the content hash: same bytes are not parsed again', async () => {
    writeBasicVault();
    await run();
    const abs = path.join(vault.root, 'weekly/2026-01-30.md');
    utimesSync(abs, new Date('2026-03-01T00:00:00Z'), new Date('2026-03-01T00:00:00Z'));
    const s = await run();
    expect(s).toMatchObject({ indexed: 0, unchanged: 3 });
    expect(parser.calls).toEqual([]);
    expect(store.files().find((f) => f.path === 'weekly/2026-01-30.md')!.mtimeMs).toBe(Date.parse('2026-03-01T00:00:00Z'));
  });

  it('re-parses only a changed file and replaces its rows', async () => {
    writeBasicVault();
    await run();
    vault.write('weekly/2026-01-30.md', week('AI 周报 W05（修订）', '2026-01-30', '## 芯片\n\n新的推理芯片。\n'));
    const s = await run();
    expect(s).toMatchObject({ files: 3, indexed: 1, unchanged: 2, removed: 0 });
    expect(parser.calls).toEqual(['weekly/2026-01-30.md']);
    const d = store.digestByPath('weekly/2026-01-30.md')!;
    expect(d.title).toBe('AI 周报 W05（修订）');
    expect(store.sectionsOf(d.id).map((x) => x.heading)).toEqual(['芯片']);
  });

  it('removes files deleted from the vault', async () => {
    writeBasicVault();
    await run();
    vault.remove('research/agents.md');
    const s = await run();
    expect(s).toMatchObject({ files: 2, indexed: 0, unchanged: 2, removed: 1, digests: 2 });
    expect(store.digestByPath('research/agents.md')).toBeNull();
    expect(store.files().map((f) => f.path)).toEqual(['weekly/2026-01-30.md', 'weekly/2026-02-06.md']);
  });

  it('moves a renamed file (same content, new folder) without parsing it again', async () => {
    writeBasicVault();
    await run();
    const text = week('智能代理综述', '2026-02-03', '## 综述\n\n智能代理的记忆与规划。\n', ['Agents']);
    vault.remove('research/agents.md');
    vault.write('archive/agents.md', text);
    const s = await run();
    expect(s).toMatchObject({ files: 3, indexed: 0, unchanged: 2, moved: 1, removed: 0, digests: 3 });
    expect(parser.calls).toEqual([]);
    const d = store.digestByPath('archive/agents.md')!;
    expect(d).toMatchObject({ folder: 'archive', pathKey: 'archive/agents', title: '智能代理综述' });
    expect(store.sectionsOf(d.id).map((x) => x.id)).toEqual(sectionIds('archive/agents.md', [['综述']]));
  });

  it('parses a renamed file again when its title came from the old file name', async () => {
    vault.write('notes/old-name.md', '本周没有标题的笔记。\n');
    await run();
    expect(store.digestByPath('notes/old-name.md')!.title).toBe('old-name');
    vault.remove('notes/old-name.md');
    vault.write('notes/new-name.md', '本周没有标题的笔记。\n');
    const s = await run();
    expect(parser.calls).toEqual(['notes/new-name.md']);
    expect(s).toMatchObject({ indexed: 1, removed: 1 });
    expect(store.digestByPath('notes/new-name.md')!.title).toBe('new-name');
  });

  it('reports progress from scan to done', async () => {
    writeBasicVault();
    const events: IndexProgress[] = [];
    await run(SETTINGS, (p) => events.push(p));
    expect(events[0]).toMatchObject({ phase: 'scan' });
    expect(events.at(-1)).toEqual({ phase: 'done', done: 3, total: 3, currentFile: null, etaMs: 0 });
    expect(events.some((e) => e.phase === 'parse')).toBe(true);
  });
});

describe('indexVault: hostile and broken files', () => {
  it('skips or warns per file, names the file, and indexes everything else (real worker pool)', async () => {
    const workerPool = new ParsePool({ workerUrl: WORKER_URL, size: 1 });
    parser = countingParser(workerPool);
    try {
      writeBasicVault();
      vault.write('bad/binary.md', Buffer.from([0x23, 0x20, 0x41, 0x00, 0x01, 0x02]));
      vault.write('bad/huge.md', `# 大文件\n\n${'很长的内容。'.repeat(3000)}`);
      vault.write('bad/gbk.md', gb18030Digest());
      vault.write('bad/js.md', "---js\n{ title: (globalThis.__almanacPwned = 'yes') }\n---\n# JS 前言\n正文。\n");
      vault.write('bad/yaml.md', '---\ntitle: [未闭合\ndate: 2026-02-06\n---\n## 正文\n内容。\n');
      vault.write('bad/date.md', '---\ntitle: 坏日期\ndate: 2026-13-45\n---\n## 正文\n内容。\n');
      symlinkSync(path.join(vault.root, 'nowhere.md'), path.join(vault.root, 'dangling.md'));

      const s = await run({ exclude: [], maxFileBytes: 16 * 1024 });
      expect((globalThis as { __almanacPwned?: string }).__almanacPwned).toBeUndefined();
      const skipped = Object.fromEntries(s.skipped.map((k) => [k.path, k.reason]));
      expect(skipped['bad/binary.md']).toMatch(/binary/);
      expect(skipped['bad/huge.md']).toMatch(/too large/);
      expect(skipped['dangling.md']).toBeDefined();
      const warned = s.warnings.map((w) => w.path);
      expect(warned).toContain('bad/gbk.md');
      expect(warned).toContain('bad/yaml.md');
      expect(warned).toContain('bad/date.md');
      expect(s.warnings.find((w) => w.path === 'bad/gbk.md')!.message).toMatch(/GB18030/);
      expect(s.warnings.find((w) => w.path === 'bad/date.md')!.message).toMatch(/2026-13-45/);
      // Every other file is indexed, the GB18030 one decoded correctly.
      expect(store.digestByPath('weekly/2026-02-06.md')).not.toBeNull();
      expect(store.digestByPath('bad/gbk.md')!.title).toBe('中文编码周报');
      expect(store.digestByPath('bad/date.md')!.date).toBeNull();
      expect(s.files).toBe(s.indexed + s.unchanged + store.skippedFiles().length);

      // Skipped files are reported again by an unchanged re-run, and not parsed.
      const again = await run({ exclude: [], maxFileBytes: 16 * 1024 });
      expect(again.skipped).toEqual(s.skipped);
      expect(again.warnings).toEqual(s.warnings);
      expect(parser.calls).toEqual([]);

      // A larger cap lets the big file in.
      const bigger = await run({ exclude: [], maxFileBytes: 1024 * 1024 });
      expect(bigger.skipped.map((k) => k.path)).not.toContain('bad/huge.md');
      expect(parser.calls).toEqual(['bad/huge.md']);
    } finally {
      await workerPool.close();
    }
  });

  it('one file that cannot be stored becomes a skipped entry; the others are stored', async () => {
    writeBasicVault();
    const inner = parser;
    parser = {
      calls: inner.calls,
      async parse(text, p) {
        const d = await inner.parse(text, p);
        // A section without heading cannot be stored (its FTS row is made from it; the column is NOT NULL): the write of this file fails.
        if (p === 'weekly/2026-01-30.md') (d.sections[0] as { heading: unknown }).heading = null;
        return d;
      },
    };
    const s = await run();
    expect(s.indexed).toBe(2);
    expect(s.skipped).toEqual([
      { path: 'weekly/2026-01-30.md', code: 'could-not-be-stored', params: { error: expect.any(String) }, reason: expect.stringMatching(/^could not be stored \(.*(NOT NULL|null)/) },
    ]);
    expect(store.digestByPath('weekly/2026-02-06.md')).not.toBeNull();
    expect(store.digestByPath('research/agents.md')).not.toBeNull();
  });

  it('stops the run when the parse pool itself fails, keeping the index as it was', async () => {
    writeBasicVault();
    await run();
    vault.write('weekly/2026-01-30.md', week('改', '2026-01-30', '## 改\n\n改了。\n'));
    parser = { calls: [], parse: () => Promise.reject(new Error('worker script missing')) };
    await expect(run()).rejects.toThrow(/parser stopped working while reading weekly\/2026-01-30\.md: worker script missing/);
    expect(store.digestByPath('weekly/2026-01-30.md')!.title).toBe('AI 周报 W05');
  });
});

describe('indexVault: reproducibility and read-only vault', () => {
  it('a rebuilt index equals the incrementally maintained one', async () => {
    writeBasicVault();
    vault.write('weekly/2026-02-13.md', week('AI 周报 W07', '2026-02-13', '## 总结\n\n[上一期](2026-02-06.md)\n\n## 总结\n\n重复标题。\n'));
    await run();
    vault.write('weekly/2026-01-30.md', week('AI 周报 W05 修订', '2026-01-30', '## 模型\n\n修订。\n'));
    vault.write('research/linked.md', week('带链接的札记', '2026-02-04', '## 链接\n\n[周报](../weekly/2026-01-30) [图](../img/a.png) [同目录](agents.md)\n'));
    vault.write('img/a.png', Buffer.from([1, 2, 3]));
    await run();
    // A move to a deeper folder: its relative links now point elsewhere and must be resolved again.
    const linked = week('带链接的札记', '2026-02-04', '## 链接\n\n[周报](../weekly/2026-01-30) [图](../img/a.png) [同目录](agents.md)\n');
    vault.remove('research/linked.md');
    vault.write('archive/notes/linked.md', linked);
    await run();
    expect(parser.calls).toEqual([]);
    const incremental = dumpIndex(store.db);

    const fresh = Store.open(path.join(cache.root, 'fresh', 'index.db'));
    try {
      await indexVault({ vaultPath: vault.root, store: fresh, pool: parser, settings: SETTINGS });
      expect(dumpIndex(fresh.db)).toEqual(incremental);
      expect(incremental.fts!.length).toBeGreaterThan(10);
    } finally {
      fresh.close();
    }
  });

  it('never writes to the vault', async () => {
    writeBasicVault();
    vault.write('bad/binary.md', Buffer.from([0, 1, 2]));
    const before = snapshotTree(vault.root);
    await run();
    vault.write('weekly/2026-01-30.md', week('x', '2026-01-30', '## y\n'));
    const middle = snapshotTree(vault.root);
    await run();
    await run();
    expect(snapshotTree(vault.root)).toEqual(middle);
    expect([...before.keys()].sort()).toEqual([...middle.keys()].sort());
  });
});

/** A digest encoded as GB18030 (bytes that are not valid UTF-8). */
function gb18030Digest(): Buffer {
  // "---\ntitle: 中文编码周报\n---\n## 正文\n后门检测。\n" encoded by hand: GB18030 bytes of the Chinese text.
  const gb: Record<string, number[]> = {
    中: [0xd6, 0xd0], 文: [0xce, 0xc4], 编: [0xb1, 0xe0], 码: [0xc2, 0xeb], 周: [0xd6, 0xdc], 报: [0xb1, 0xa8],
    正: [0xd5, 0xfd], 后: [0xba, 0xf3], 门: [0xc3, 0xc5], 检: [0xbc, 0xec], 测: [0xb2, 0xe2], '。': [0xa1, 0xa3],
  };
  const text = '---\ntitle: 中文编码周报\n---\n## 正文\n后门检测。\n';
  const bytes: number[] = [];
  for (const ch of text) bytes.push(...(gb[ch] ?? [...Buffer.from(ch, 'latin1')]));
  return Buffer.from(bytes);
}

describe('indexVault: format changes', () => {
  it('parses every file again when the stored index format is older', async () => {
    writeBasicVault();
    await run();
    store.setMeta('index_format', '0');
    const s = await run();
    expect(s).toMatchObject({ indexed: 3, unchanged: 0, removed: 0 });
    expect(parser.calls.sort()).toEqual(['research/agents.md', 'weekly/2026-01-30.md', 'weekly/2026-02-06.md']);
    expect((await run()).indexed).toBe(0);
  });
});
