import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createExcludeMatcher,
  isMarkdownPath,
  resolveInVault,
  scanPaths,
  scanVault,
  toVaultPath,
} from '../../src/core/vault/scan.js';

let tmp: string;
let vault: string;

function write(rel: string, content = '# x\n'): void {
  const abs = path.join(vault, ...rel.split('/'));
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, content);
}

function link(rel: string, target: string): void {
  const abs = path.join(vault, ...rel.split('/'));
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.symlinkSync(target, abs);
}

async function paths(options?: Parameters<typeof scanVault>[1]): Promise<string[]> {
  return (await scanVault(vault, options)).files.map((f) => f.path);
}

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'almanac-scan-'));
  vault = path.join(tmp, 'vault');
  fs.mkdirSync(vault);
});

afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('scanVault', () => {
  it('finds .md and .markdown files in nested folders, in code-unit order, with real absolute paths', async () => {
    write('weekly/2026/02/news.md');
    write('weekly/b.MARKDOWN');
    write('README.Md');
    write('a-b.md');
    write('a/b.md');
    write('notes.txt');
    write('weekly/image.png');
    const result = await scanVault(vault);
    expect(result.files.map((f) => f.path)).toEqual([
      'README.Md',
      'a-b.md',
      'a/b.md',
      'weekly/2026/02/news.md',
      'weekly/b.MARKDOWN',
    ]);
    expect(result.problems).toEqual([]);
    const news = result.files.find((f) => f.path === 'weekly/2026/02/news.md');
    expect(news?.absPath).toBe(path.join(fs.realpathSync(vault), 'weekly', '2026', '02', 'news.md'));
    expect(news?.size).toBe(4);
    expect(news?.mtimeMs).toBeGreaterThan(0);
  });

  it('skips dot-files, dot-folders and node_modules at any depth', async () => {
    write('.hidden.md');
    write('.obsidian/workspace.md');
    write('node_modules/pkg/readme.md');
    write('weekly/.trash/old.md');
    write('weekly/node_modules/x.md');
    write('weekly/keep.md');
    expect(await paths()).toEqual(['weekly/keep.md']);
  });

  it('applies exclude names and globs relative to the vault', async () => {
    write('drafts/a.md');
    write('weekly/drafts/b.md');
    write('archive/2020/c.md');
    write('weekly/archive/d.md');
    write('weekly/e.tmp.md');
    write('weekly/f.md');
    expect(await paths({ exclude: ['drafts', 'archive/**', '*.tmp.md'] })).toEqual([
      'weekly/archive/d.md',
      'weekly/f.md',
    ]);
  });

  it('keeps names with spaces, #, % and Chinese intact', async () => {
    const names = ['my notes/week 1.md', 'c#/issue #5.md', '100%/done 50%.md', '周刊/第 12 期.md'];
    for (const n of names) write(n);
    expect(await paths()).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('returns the same order on every run regardless of creation order', async () => {
    for (const n of ['z.md', 'B.md', 'b.md', 'a/z.md', '中.md', 'A.md', 'a.md']) write(n);
    const first = await paths();
    expect(first).toEqual(['A.md', 'B.md', 'a.md', 'a/z.md', 'b.md', 'z.md', '中.md']);
    expect(await paths()).toEqual(first);
  });

  it('reports a symlink loop and still returns the other files', async () => {
    write('weekly/a.md');
    link('weekly/again', '..');
    link('self.md', 'self.md');
    const result = await scanVault(vault);
    expect(result.files.map((f) => f.path)).toEqual(['weekly/a.md']);
    expect(result.problems).toEqual([
      { path: 'self.md', code: 'symlink-loop', params: {}, reason: 'symlink loop' },
      { path: 'weekly/again', code: 'symlink-loop', params: {}, reason: 'symlink loop' },
    ]);
  });

  it('does not follow a symlink that leaves the vault', async () => {
    fs.mkdirSync(path.join(tmp, 'outside'));
    fs.writeFileSync(path.join(tmp, 'outside', 'secret.md'), '# secret\n');
    link('out', path.join(tmp, 'outside'));
    link('secret.md', path.join(tmp, 'outside', 'secret.md'));
    write('in.md');
    const result = await scanVault(vault);
    expect(result.files.map((f) => f.path)).toEqual(['in.md']);
    expect(result.problems).toEqual([
      { path: 'out', code: 'symlink-outside-vault', params: {}, reason: 'symlink points outside the vault' },
      { path: 'secret.md', code: 'symlink-outside-vault', params: {}, reason: 'symlink points outside the vault' },
    ]);
  });

  it('reports dangling symlinks', async () => {
    link('gone.md', 'nowhere.md');
    link('gone-folder', 'missing');
    write('ok.md');
    const result = await scanVault(vault);
    expect(result.files.map((f) => f.path)).toEqual(['ok.md']);
    expect(result.problems).toEqual([
      { path: 'gone-folder', code: 'dangling-symlink', params: {}, reason: 'dangling symlink' },
      { path: 'gone.md', code: 'dangling-symlink', params: {}, reason: 'dangling symlink' },
    ]);
  });

  it('follows a symlinked folder inside the vault and indexes each real file once, under its real path', async () => {
    write('archive/2025/old.md');
    write('.private/only-linked.md');
    link('weekly/old', '../archive/2025');
    link('weekly/private', '../.private');
    link('weekly/alias.md', '../archive/2025/old.md');
    const result = await scanVault(vault);
    const real = fs.realpathSync(vault);
    expect(result.files.map((f) => [f.path, f.absPath])).toEqual([
      ['archive/2025/old.md', path.join(real, 'archive', '2025', 'old.md')],
      // Only reachable through the link (its real folder is a dot-folder): indexed under the link's path.
      ['weekly/private/only-linked.md', path.join(real, '.private', 'only-linked.md')],
    ]);
    expect(result.problems).toEqual([
      { path: 'weekly/alias.md', code: 'same-file', params: { path: 'archive/2025/old.md' }, reason: 'same file as archive/2025/old.md (reached through a symlink); indexed once' },
      { path: 'weekly/old/old.md', code: 'same-file', params: { path: 'archive/2025/old.md' }, reason: 'same file as archive/2025/old.md (reached through a symlink); indexed once' },
    ]);
  });

  it('scans a vault whose root is itself a symlink', async () => {
    write('a.md');
    const viaLink = path.join(tmp, 'vault-link');
    fs.symlinkSync(vault, viaLink);
    const result = await scanVault(viaLink);
    expect(result.files.map((f) => f.path)).toEqual(['a.md']);
    expect(result.problems).toEqual([]);
  });

  it.skipIf(process.getuid?.() === 0)('reports an unreadable folder and continues', async () => {
    write('locked/a.md');
    write('open/b.md');
    fs.chmodSync(path.join(vault, 'locked'), 0o000);
    try {
      const result = await scanVault(vault);
      expect(result.files.map((f) => f.path)).toEqual(['open/b.md']);
      expect(result.problems).toEqual([{ path: 'locked', code: 'cannot-read-folder', params: { error: 'EACCES' }, reason: 'cannot read folder (EACCES)' }]);
    } finally {
      fs.chmodSync(path.join(vault, 'locked'), 0o755);
    }
  });

  it('throws a clear error for a missing vault', async () => {
    const missing = path.join(tmp, 'nope');
    await expect(scanVault(missing)).rejects.toThrow(`vault folder ${JSON.stringify(missing)} cannot be opened (ENOENT)`);
  });
});

describe('createExcludeMatcher', () => {
  it('matches names at any depth and anchored globs from the root', () => {
    const m = createExcludeMatcher(['drafts', 'archive/**', '*.tmp.md', 'weekly/old/*.md', '**/scratch']);
    expect(m('drafts')).toBe(true);
    expect(m('a/b/drafts/x.md')).toBe(true);
    expect(m('drafts.md')).toBe(false);
    expect(m('archive')).toBe(true);
    expect(m('archive/2020/x.md')).toBe(true);
    expect(m('weekly/archive/x.md')).toBe(false);
    expect(m('x.tmp.md')).toBe(true);
    expect(m('deep/er/x.tmp.md')).toBe(true);
    expect(m('weekly/old/a.md')).toBe(true);
    expect(m('weekly/old/sub/a.md')).toBe(false); // * stays within one segment
    expect(m('weekly/older/a.md')).toBe(false);
    expect(m('a/scratch/b.md')).toBe(true);
  });

  it('rejects patterns that would exclude everything or climb out', () => {
    expect(() => createExcludeMatcher(['**'])).toThrow('exclude pattern "**" would exclude the whole vault');
    expect(() => createExcludeMatcher(['../x'])).toThrow('exclude pattern "../x" must not contain ".."');
  });
});

describe('path helpers', () => {
  it('isMarkdownPath accepts .md, .markdown and .mdx in any case only', () => {
    expect(['a.md', 'a.MD', 'b/c.Markdown', 'd/e.mdx'].map(isMarkdownPath)).toEqual([true, true, true, true]);
    expect(['a.mdxx', 'a.md.txt', 'md', 'a.markdow'].map(isMarkdownPath)).toEqual([false, false, false, false]);
  });

  it('toVaultPath gives POSIX paths and refuses paths outside', () => {
    expect(toVaultPath(vault, path.join(vault, 'weekly', '周刊 1.md'))).toBe('weekly/周刊 1.md');
    expect(() => toVaultPath(vault, tmp)).toThrow('is outside the vault');
  });

  it('resolveInVault accepts vault ids and rejects absolute, .. and NUL', () => {
    expect(resolveInVault(vault, 'weekly/a b#%.md')).toBe(path.join(vault, 'weekly', 'a b#%.md'));
    expect(() => resolveInVault(vault, '/etc/passwd')).toThrow('vault path "/etc/passwd" is absolute');
    expect(() => resolveInVault(vault, 'C:\\x.md')).toThrow('vault path "C:\\\\x.md" is absolute');
    expect(() => resolveInVault(vault, 'a/../../x.md')).toThrow('vault path "a/../../x.md" contains ".."');
    expect(() => resolveInVault(vault, '..\\x.md')).toThrow('contains ".."');
    expect(() => resolveInVault(vault, 'a\0.md')).toThrow('vault path "a\\u0000.md" contains a NUL character');
    expect(() => resolveInVault(vault, '')).toThrow('vault path is empty');
    expect(() => resolveInVault(vault, './')).toThrow('names the vault itself');
  });
});

describe('scanPaths: the scan rules applied to given paths', () => {
  it('decides every path as the whole scan does', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'almanac-scan-outside-'));
    try {
      fs.writeFileSync(path.join(outside, 'secret.md'), '# secret');
      write('weekly/a.md');
      write('weekly/B.MARKDOWN');
      write('weekly/notes.txt');
      write('drafts/todo.md');
      write('weekly/x.tmp.md');
      write('.obsidian/cfg.md');
      write('weekly/.hidden.md');
      write('lib/node_modules/pkg/readme.md');
      write('node_modules.md');
      link('weekly/escape.md', path.join(outside, 'secret.md'));
      link('weekly/dangling.md', path.join(vault, 'nowhere.md'));
      const exclude = ['drafts', '*.tmp.md'];
      const whole = await scanVault(vault, { exclude });
      const given = [
        'weekly/a.md',
        'weekly/B.MARKDOWN',
        'weekly/notes.txt',
        'drafts/todo.md',
        'weekly/x.tmp.md',
        '.obsidian/cfg.md',
        'weekly/.hidden.md',
        'lib/node_modules/pkg/readme.md',
        'node_modules.md',
        'weekly/escape.md',
        'weekly/dangling.md',
        'weekly/gone.md',
        'missing-folder/x.md',
      ];
      const some = await scanPaths(vault, given, { exclude });
      expect(some.undecided).toBeNull();
      expect(some.files).toEqual(whole.files);
      expect(some.problems).toEqual(whole.problems);
      expect(some.absent).toEqual(
        given.filter((p) => !whole.files.some((f) => f.path === p) && !whole.problems.some((x) => x.path === p)).sort(),
      );
      expect(whole.insideLinks).toBe(0);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('cannot decide a folder, a symlink inside the vault or a path through a symlinked folder', async () => {
    write('weekly/a.md');
    link('weekly/alias.md', path.join(vault, 'weekly', 'a.md'));
    link('mirror', path.join(vault, 'weekly'));
    expect((await scanPaths(vault, ['weekly'])).undecided).toBe('weekly is a folder');
    expect((await scanPaths(vault, ['weekly/alias.md'])).undecided).toBe('weekly/alias.md is a symlink to a file inside the vault');
    expect((await scanPaths(vault, ['mirror/a.md'])).undecided).toBe('mirror is reached through a symlink');
    expect((await scanVault(vault)).insideLinks).toBeGreaterThan(0);
  });

  it('normalises the given paths and refuses ids that could leave the vault', async () => {
    write('weekly/a.md');
    const r = await scanPaths(vault, ['./weekly//a.md', 'weekly/a.md']);
    expect(r.files.map((f) => f.path)).toEqual(['weekly/a.md']);
    await expect(scanPaths(vault, ['../x.md'])).rejects.toThrow('vault path "../x.md" contains ".." and could leave the vault');
  });
});
