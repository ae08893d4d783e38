import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheDir, defaultIndexPath } from '../../src/core/paths/index-location.js';
import { progressLine } from '../../src/cli/progress.js';
import { runCli } from '../helpers/cli.js';
import { digest, snapshotTree, tempDir, type TempDir } from '../helpers/temp-vault.js';

let vault: TempDir;
let cache: TempDir;
let env: NodeJS.ProcessEnv;

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

beforeEach(() => {
  vault = tempDir('almanac-cli-vault-');
  cache = tempDir('almanac-cli-cache-');
  env = { ALMANAC_CACHE_DIR: cache.root };
  vault.write('weekly/2026-01-30.md', digest({ title: 'AI 周报 W05', date: '2026-01-30', tags: ['AI'] }, '## 模型\n\nKimi K2.5 开源。\n'));
  vault.write(
    'weekly/2026-02-06.md',
    digest(
      { title: 'AI 周报 W06', date: '2026-02-06', tags: ['AI', '安全'], description: '本周要闻' },
      '本周概览。\n\n## 深度报道\n\n### 1. 旗舰模型\n\nGPT-5.3-Codex 与 Claude Opus 4.6。\n\n[AI 周报 — 2026-W05](../weekly/2026-01-30) [OpenAI](https://openai.com)\n',
    ),
  );
  vault.write('weekly/broken.md', '---\ntitle: [坏的\n---\n## 正文\n内容。\n');
  vault.write('bin/blob.md', Buffer.from([1, 0, 2]));
});

afterEach(() => {
  vault.cleanup();
  cache.cleanup();
});

describe('almanac CLI: dispatcher', () => {
  it('prints the version and the help', async () => {
    expect(await runCli(['--version'])).toMatchObject({ code: 0, stdout: `${VERSION}\n` });
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const c of ['index', 'search', 'show', 'serve', 'export']) expect(help.stdout).toContain(`  ${c}`);
    const indexHelp = await runCli(['index', '--help']);
    expect(indexHelp.code).toBe(0);
    expect(indexHelp.stdout).toContain('Usage: almanac index <vault>');
    expect((await runCli(['show', '-h'])).stdout).toContain('Usage: almanac show <path> --vault <vault>');
    expect((await runCli(['export', '--help'])).stdout).toContain('Usage: almanac export');
  });

  it('exits 1 for usage errors with a message naming the problem', async () => {
    const unknown = await runCli(['frobnicate']);
    expect(unknown).toMatchObject({ code: 1 });
    expect(unknown.stderr).toContain('almanac: unknown command "frobnicate"');
    const missing = await runCli(['index'], { env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('almanac: index: missing the vault folder');
    const badOption = await runCli(['index', vault.root, '--colour'], { env });
    expect(badOption.code).toBe(1);
    expect(badOption.stderr).toContain('almanac: index: unknown option --colour\n');
    const badSize = await runCli(['index', vault.root, '--max-file-size', 'lots'], { env });
    expect(badSize.code).toBe(1);
    expect(badSize.stderr).toContain('--max-file-size must be a size of at least 1024 bytes (e.g. 8388608 or 8M), got "lots"');
    const badExclude = await runCli(['index', vault.root, '--exclude', ''], { env });
    expect(badExclude.code).toBe(1);
    expect(badExclude.stderr).toContain('almanac: index: --exclude must not be empty\n');
  });
});

describe('almanac index', () => {
  it('prints the summary as JSON, keeps the index in the cache folder, and re-runs incrementally', async () => {
    const before = snapshotTree(vault.root);
    const first = await runCli(['index', vault.root, '--json'], { env });
    expect(first.code).toBe(0);
    const s = JSON.parse(first.stdout) as Record<string, unknown>;
    expect(Object.keys(s)).toEqual(['files', 'indexed', 'unchanged', 'moved', 'skippedThisRun', 'removed', 'skipped', 'warnings', 'digests', 'sections', 'elapsedMs']);
    expect(s).toMatchObject({ files: 4, indexed: 3, unchanged: 0, moved: 0, skippedThisRun: 1, removed: 0, digests: 3 });
    // The English reason as before, then its code and parameters (the UI's key to its own language).
    expect(s.skipped).toEqual([{ path: 'bin/blob.md', reason: 'binary file (NUL bytes)', code: 'binary', params: {} }]);
    expect(s.warnings).toEqual([{ path: 'weekly/broken.md', message: expect.any(String) }]);
    expect(typeof s.elapsedMs).toBe('number');
    expect(first.stderr).toBe('');

    const folders = readdirSync(cache.root);
    expect(folders).toHaveLength(1);
    expect(folders[0]).toMatch(/^[0-9a-f]{16}$/);
    expect(existsSync(path.join(cache.root, folders[0]!, 'index.db'))).toBe(true);
    expect(path.join(cache.root, folders[0]!, 'index.db')).toBe(defaultIndexPath(vault.root, { env }));

    const second = JSON.parse((await runCli(['index', vault.root, '--json'], { env })).stdout) as Record<string, unknown>;
    expect(second).toMatchObject({ files: 4, indexed: 0, unchanged: 3, removed: 0, digests: 3 });
    expect(snapshotTree(vault.root)).toEqual(before); // the vault is never written
  });

  it('prints a human summary naming skipped files and warnings', async () => {
    const r = await runCli(['index', vault.root], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Indexed ${vault.root}`);
    expect(r.stdout).toContain('4 files: 3 indexed, 0 unchanged, 0 moved, 1 skipped; 0 removed');
    expect(r.stdout).toMatch(/Skipped:\n {2}bin\/blob\.md: binary/);
    expect(r.stdout).toMatch(/Warnings:\n {2}weekly\/broken\.md: /);
  });

  it('honours --db, --exclude and --max-file-size, relative to the working folder', async () => {
    const work = tempDir('almanac-cli-work-');
    try {
      const r = await runCli(['index', vault.root, '--db', 'my.db', '--exclude', 'bin', '--max-file-size', '1K', '--json'], {
        env,
        cwd: work.root,
      });
      expect(r.code).toBe(0);
      const s = JSON.parse(r.stdout) as { files: number; skipped: { path: string; reason: string }[] };
      expect(s.files).toBe(3);
      expect(s.skipped.map((k) => k.path)).toEqual([]);
      expect(existsSync(path.join(work.root, 'my.db'))).toBe(true);
      expect(readdirSync(cache.root)).toEqual([]);
      // The index remembers --exclude for later commands, until --no-exclude.
      const again = JSON.parse((await runCli(['index', vault.root, '--db', 'my.db', '--json'], { env, cwd: work.root })).stdout) as { files: number };
      expect(again.files).toBe(3);
      const cleared = JSON.parse((await runCli(['index', vault.root, '--db', 'my.db', '--no-exclude', '--max-file-size', '1M', '--json'], { env, cwd: work.root })).stdout) as { files: number };
      expect(cleared.files).toBe(4);
    } finally {
      work.cleanup();
    }
  });

  it('moves a corrupt index of ours aside, says so on stderr, and rebuilds it; refuses a file that is not ours', async () => {
    const db = path.join(cache.root, 'broken', 'index.db');
    expect((await runCli(['index', vault.root, '--db', db], { env })).code).toBe(0);
    writeFileSync(db, Buffer.concat([readFileSync(db).subarray(0, 100), Buffer.from('garbage, not SQLite '.repeat(100))]));
    const r = await runCli(['index', vault.root, '--db', db, '--json'], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^almanac: The index .*index\.db could not be used because it is not a readable SQLite database .* It was moved to .*index\.db\.corrupt-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d and a new index was created\.\n$/);
    expect(JSON.parse(r.stdout)).toMatchObject({ indexed: 3, digests: 3 });
    expect(readdirSync(path.dirname(db)).filter((n) => n.includes('.corrupt-'))).toHaveLength(1);

    const notOurs = path.join(cache.root, 'notes.txt');
    writeFileSync(notOurs, 'garbage, not SQLite '.repeat(100));
    const refused = await runCli(['index', vault.root, '--db', notOurs], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`almanac: the index file ${notOurs} is not an Almanac index: it is not an SQLite database`);
    expect(readFileSync(notOurs, 'utf8')).toBe('garbage, not SQLite '.repeat(100));
  });

  it('exits 2 for a missing vault and 1 for an index inside the vault', async () => {
    const missing = path.join(vault.root, 'no-such-folder');
    const r = await runCli(['index', missing], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`almanac: vault not found: ${missing}\n`);
    const file = await runCli(['index', path.join(vault.root, 'weekly', '2026-01-30.md')], { env });
    expect(file.code).toBe(2);
    expect(file.stderr).toContain('almanac: vault is not a folder:');
    const inside = await runCli(['index', vault.root, '--db', path.join(vault.root, 'index.db')], { env });
    expect(inside.code).toBe(1);
    expect(inside.stderr).toContain(`the index ${path.join(vault.root, 'index.db')} would be inside the vault`);
    expect(existsSync(path.join(vault.root, 'index.db'))).toBe(false);
  });
});

describe('almanac show', () => {
  it('prints a digest as JSON with series neighbours, links and backlinks', async () => {
    const before = snapshotTree(vault.root);
    const r = await runCli(['show', 'weekly/2026-02-06.md', '--vault', vault.root, '--json'], { env });
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(d)).toEqual(['path', 'title', 'date', 'week', 'tags', 'description', 'sections', 'prev', 'next', 'links', 'backlinks']);
    expect(d).toMatchObject({
      path: 'weekly/2026-02-06.md',
      title: 'AI 周报 W06',
      date: '2026-02-06',
      week: '2026-W06',
      tags: ['AI', '安全'],
      description: '本周要闻',
      prev: { path: 'weekly/2026-01-30.md', title: 'AI 周报 W05', date: '2026-01-30' },
      next: null,
      backlinks: [],
      links: [
        { href: '../weekly/2026-01-30', text: 'AI 周报 — 2026-W05', target: 'weekly/2026-01-30.md', external: false },
        { href: 'https://openai.com', text: 'OpenAI', target: null, external: true },
      ],
    });
    const sections = d.sections as { id: string; heading: string; level: number; headingPath: string }[];
    expect(sections.map(({ heading, level, headingPath }) => ({ heading, level, headingPath }))).toEqual([
      { heading: '', level: 0, headingPath: '' },
      { heading: '深度报道', level: 2, headingPath: '深度报道' },
      { heading: '1. 旗舰模型', level: 3, headingPath: '深度报道 › 1. 旗舰模型' },
    ]);
    for (const s of sections) expect(s.id).toMatch(/^[0-9a-f]{16}$/);
    expect(Object.keys(sections[0]!)).toEqual(['id', 'heading', 'level', 'headingPath']);

    const prev = JSON.parse((await runCli(['show', 'weekly/2026-01-30', '--vault', vault.root, '--json'], { env })).stdout) as Record<string, unknown>;
    expect(prev).toMatchObject({ next: { path: 'weekly/2026-02-06.md' }, backlinks: [{ path: 'weekly/2026-02-06.md', title: 'AI 周报 W06', date: '2026-02-06' }] });
    expect(snapshotTree(vault.root)).toEqual(before); // the vault is never written
  });

  it('prints a readable card with the series position', async () => {
    const r = await runCli(['show', 'weekly/2026-02-06.md', '--vault', vault.root], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('AI 周报 W06');
    expect(r.stdout).toContain('Date:    2026-02-06  (2026-W06)');
    expect(r.stdout).toContain('Series:  2 of 2 in weekly/');
    expect(r.stdout).toContain('← prev: AI 周报 W05 (2026-01-30) — weekly/2026-01-30.md');
    expect(r.stdout).toContain('1. 旗舰模型');
  });

  it('exits 2 for an unknown digest and 1 for a missing --vault or a path leaving the vault', async () => {
    const unknown = await runCli(['show', 'weekly/nope.md', '--vault', vault.root], { env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('almanac: digest not found: weekly/nope.md');
    const noVault = await runCli(['show', 'weekly/2026-02-06.md'], { env });
    expect(noVault.code).toBe(1);
    expect(noVault.stderr).toContain('show: missing --vault <vault>');
    const escape = await runCli(['show', '../etc/passwd', '--vault', vault.root], { env });
    expect(escape.code).toBe(1);
    expect(escape.stderr).toContain('contains ".."');
    const gone = await runCli(['show', 'x.md', '--vault', path.join(vault.root, 'gone')], { env });
    expect(gone.code).toBe(2);
    expect(gone.stderr).toContain('almanac: vault not found:');
  });
});

describe('index location', () => {
  it('follows each platform convention and the ALMANAC_CACHE_DIR override', () => {
    expect(cacheDir({ env: {}, platform: 'linux', homedir: '/home/u' })).toBe('/home/u/.cache/almanac');
    expect(cacheDir({ env: { XDG_CACHE_HOME: '/xdg' }, platform: 'linux', homedir: '/home/u' })).toBe('/xdg/almanac');
    expect(cacheDir({ env: { XDG_CACHE_HOME: 'relative' }, platform: 'linux', homedir: '/home/u' })).toBe('/home/u/.cache/almanac');
    expect(cacheDir({ env: {}, platform: 'darwin', homedir: '/Users/u' })).toBe('/Users/u/Library/Caches/Almanac');
    expect(cacheDir({ env: { LOCALAPPDATA: '/appdata' }, platform: 'win32', homedir: '/h' })).toBe(path.join('/appdata', 'Almanac', 'Cache'));
    expect(cacheDir({ env: { ALMANAC_CACHE_DIR: '/tmp/x', XDG_CACHE_HOME: '/xdg' }, platform: 'linux', homedir: '/h' })).toBe('/tmp/x');
  });
});

describe('progress line', () => {
  it('shows counts, phase, time left and the current file within the terminal width', () => {
    const line = progressLine({ phase: 'parse', done: 50, total: 200, currentFile: 'weekly/2026-02-06.md', etaMs: 3000 }, 120);
    expect(line).toBe('[######..................] 50/200 parse 3.0 s left weekly/2026-02-06.md');
    expect(progressLine({ phase: 'parse', done: 50, total: 200, currentFile: 'weekly/2026-02-06.md', etaMs: null }, 30)).toHaveLength(30);
    expect(progressLine({ phase: 'scan', done: 0, total: 0, currentFile: null, etaMs: null }, 80)).toBe('Scanning the vault…');
  });
});
