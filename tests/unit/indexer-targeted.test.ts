import { symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indexVault, skippedEntries, type DigestParser, type IndexSettings } from '../../src/core/index/indexer.js';
import type { ParsePool } from '../../src/core/parse/pool.js';
import { Store } from '../../src/core/store/store.js';
import { digest, tempDir, type TempDir } from '../helpers/temp-vault.js';
import { countingParser, inProcessPool } from '../helpers/worker.js';

const SETTINGS: IndexSettings = { exclude: ['drafts'], maxFileBytes: 1024 * 1024 };

let vault: TempDir;
let cache: TempDir;
let outside: TempDir;
let store: Store;
let pool: ParsePool;
let parser: DigestParser & { calls: string[] };

function week(title: string, date: string, body: string): string {
  return digest({ title, date, tags: ['AI'] }, body);
}

function run(paths?: readonly string[]) {
  parser.calls.length = 0;
  return indexVault({ vaultPath: vault.root, store, pool: parser, settings: SETTINGS, paths });
}

function indexedPaths(): string[] {
  return store.files().map((f) => f.path);
}

beforeEach(async () => {
  vault = tempDir('almanac-targeted-vault-');
  cache = tempDir('almanac-targeted-cache-');
  outside = tempDir('almanac-targeted-outside-');
  store = Store.open(path.join(cache.root, 'index.db'));
  pool = inProcessPool();
  parser = countingParser(pool);
  vault.write('weekly/2026-01-30.md', week('AI 周报 W05', '2026-01-30', '## 模型\n\nKimi K2.5 开源。\n'));
  vault.write('weekly/2026-02-06.md', week('AI 周报 W06', '2026-02-06', '## 模型\n\nGPT-5.3-Codex 发布。\n'));
  vault.write('research/agents.md', week('智能代理综述', '2026-02-03', '## 综述\n\n智能代理的记忆与规划。\n'));
  await run(); // the whole scan that targeted runs build on
});

afterEach(async () => {
  store.close();
  await pool.close();
  vault.cleanup();
  cache.cleanup();
  outside.cleanup();
});

describe('indexVault with paths (targeted runs)', () => {
  it('indexes an added file and looks at nothing else', async () => {
    vault.write('weekly/2026-02-13.md', week('AI 周报 W07', '2026-02-13', '## 安全\n\n后门检测。\n'));
    vault.write('research/agents.md', week('智能代理综述', '2026-02-03', '## 综述\n\n改过，但不在这批里。\n'));
    const s = await run(['weekly/2026-02-13.md']);
    expect(s).toMatchObject({ files: 1, indexed: 1, unchanged: 0, removed: 0, digests: 4 });
    expect(parser.calls).toEqual(['weekly/2026-02-13.md']);
    // The edit outside the batch waits for a run that names it (or a whole scan).
    const whole = await run();
    expect(parser.calls).toEqual(['research/agents.md']);
    expect(whole).toMatchObject({ files: 4, indexed: 1, unchanged: 3 });
  });

  it('re-parses an edited file and replaces its rows', async () => {
    vault.write('weekly/2026-02-06.md', week('AI 周报 W06', '2026-02-06', '## 模型\n\nClaude Opus 4.6 发布。\n'));
    const s = await run(['weekly/2026-02-06.md']);
    expect(s).toMatchObject({ files: 1, indexed: 1, unchanged: 0, removed: 0, digests: 3 });
    const row = store.digestByPath('weekly/2026-02-06.md');
    expect(store.sectionsOf(row!.id).map((x) => x.text).join(' ')).toContain('Claude Opus 4.6');
  });

  it('counts a path whose content did not change as unchanged, without parsing it', async () => {
    vault.write('weekly/2026-02-06.md', week('AI 周报 W06', '2026-02-06', '## 模型\n\nGPT-5.3-Codex 发布。\n'));
    const s = await run(['weekly/2026-02-06.md']);
    expect(s).toMatchObject({ files: 1, indexed: 0, unchanged: 1, removed: 0 });
    expect(parser.calls).toEqual([]);
  });

  it('removes a deleted file', async () => {
    vault.remove('research/agents.md');
    const s = await run(['research/agents.md']);
    expect(s).toMatchObject({ files: 0, indexed: 0, unchanged: 0, removed: 1, digests: 2 });
    expect(indexedPaths()).toEqual(['weekly/2026-01-30.md', 'weekly/2026-02-06.md']);
  });

  it('moves a file renamed within the batch instead of parsing it again', async () => {
    const before = store.digestByPath('research/agents.md')!;
    vault.write('archive/agents.md', week('智能代理综述', '2026-02-03', '## 综述\n\n智能代理的记忆与规划。\n'));
    vault.remove('research/agents.md');
    const s = await run(['archive/agents.md', 'research/agents.md']);
    expect(s).toMatchObject({ files: 1, indexed: 0, unchanged: 0, moved: 1, removed: 0, digests: 3 });
    expect(parser.calls).toEqual([]);
    expect(store.digestByPath('research/agents.md')).toBeNull();
    expect(store.digestByPath('archive/agents.md')?.id).toBe(before.id);
  });

  it('does not index excluded paths, dot paths or node_modules, and removes them if they were indexed', async () => {
    vault.write('drafts/todo.md', week('草稿', '2026-02-01', '未完成。\n'));
    vault.write('.trash/notes.md', week('设置', '2026-02-01', '隐藏。\n'));
    vault.write('weekly/.hidden.md', week('隐藏', '2026-02-01', '隐藏。\n'));
    vault.write('lib/node_modules/pkg/readme.md', week('包', '2026-02-01', '依赖。\n'));
    const s = await run(['drafts/todo.md', '.trash/notes.md', 'weekly/.hidden.md', 'lib/node_modules/pkg/readme.md']);
    expect(s).toMatchObject({ files: 0, indexed: 0, removed: 0, digests: 3 });
    expect(parser.calls).toEqual([]);
    // The same rules as the whole scan: it finds nothing new either.
    expect(await run()).toMatchObject({ files: 3, indexed: 0, removed: 0 });
  });

  it('records a symlink leaving the vault as a problem, and keeps the problems of other paths', async () => {
    symlinkSync(path.join(vault.root, 'nowhere.md'), path.join(vault.root, 'dangling.md'));
    await run(); // the whole scan records the dangling link
    writeFileSync(path.join(outside.root, 'secret.md'), week('外部', '2026-02-01', '不应被索引。\n'));
    symlinkSync(path.join(outside.root, 'secret.md'), path.join(vault.root, 'weekly/escape.md'));
    const s = await run(['weekly/escape.md']);
    expect(s).toMatchObject({ files: 0, indexed: 0 });
    expect(parser.calls).toEqual([]);
    expect(s.skipped).toEqual([
      { path: 'dangling.md', code: 'dangling-symlink', params: {}, reason: 'dangling symlink' },
      { path: 'weekly/escape.md', code: 'symlink-outside-vault', params: {}, reason: 'symlink points outside the vault' },
    ]);
    // A whole scan reports exactly the same.
    expect((await run()).skipped).toEqual(s.skipped);
    // The link replaced by a real file: its problem goes, the file is indexed.
    vault.remove('weekly/escape.md');
    vault.write('weekly/escape.md', week('回来了', '2026-02-14', '## 正文\n\n现在是普通文件。\n'));
    const fixed = await run(['weekly/escape.md']);
    expect(fixed).toMatchObject({ files: 1, indexed: 1 });
    expect(skippedEntries(store)).toEqual([{ path: 'dangling.md', code: 'dangling-symlink', params: {}, reason: 'dangling symlink' }]);
  });

  it('falls back to the whole scan for a folder path', async () => {
    vault.write('weekly/2026-02-13.md', week('AI 周报 W07', '2026-02-13', '## 安全\n\n后门检测。\n'));
    vault.write('research/new.md', week('新综述', '2026-02-10', '## 综述\n\n新内容。\n'));
    const s = await run(['weekly']);
    expect(s).toMatchObject({ files: 5, indexed: 2, unchanged: 3 });
    expect(parser.calls.sort()).toEqual(['research/new.md', 'weekly/2026-02-13.md']);
  });

  it('falls back to the whole scan for a symlink to a file inside the vault (indexed once, under the real path)', async () => {
    symlinkSync(path.join(vault.root, 'research/agents.md'), path.join(vault.root, 'weekly/agents-link.md'));
    const s = await run(['weekly/agents-link.md']);
    expect(s.files).toBe(3);
    expect(s.skipped).toEqual([{ path: 'weekly/agents-link.md', code: 'same-file', params: { path: 'research/agents.md' }, reason: 'same file as research/agents.md (reached through a symlink); indexed once' }]);
    // From now on the vault links inside itself: every run scans it whole, so the real path keeps winning.
    vault.write('research/more.md', week('更多', '2026-02-11', '## 综述\n\n更多内容。\n'));
    vault.write('weekly/2026-02-13.md', week('AI 周报 W07', '2026-02-13', '## 安全\n\n后门检测。\n'));
    expect(await run(['weekly/2026-02-13.md'])).toMatchObject({ files: 5, indexed: 2 });
  });

  it('falls back to the whole scan for a path under a symlinked folder', async () => {
    symlinkSync(path.join(vault.root, 'research'), path.join(vault.root, 'linked'));
    const s = await run(['linked/agents.md']);
    expect(s.files).toBe(3);
    expect(s.skipped).toEqual([{ path: 'linked/agents.md', code: 'same-file', params: { path: 'research/agents.md' }, reason: 'same file as research/agents.md (reached through a symlink); indexed once' }]);
  });

  it('scans the whole vault when the index has never been built by a whole scan', async () => {
    store.close();
    store = Store.open(path.join(cache.root, 'fresh.db'));
    const s = await run(['weekly/2026-01-30.md']);
    expect(s).toMatchObject({ files: 3, indexed: 3 });
  });

  it('rejects a path that could leave the vault, naming it', async () => {
    await expect(run(['../outside.md'])).rejects.toThrow('vault path "../outside.md" contains ".." and could leave the vault');
    await expect(run([path.join(outside.root, 'x.md')])).rejects.toThrow(/is absolute/);
  });

  it('an empty batch changes nothing', async () => {
    const s = await run([]);
    expect(s).toMatchObject({ files: 0, indexed: 0, unchanged: 0, removed: 0, digests: 3 });
  });
});
