/**
 * Exit statuses per error code through the real CLI, and messages that name
 * the option as it was typed: invalid-argument -> 1, not-found -> 2, busy -> 3,
 * cancelled (Ctrl-C) -> 130. Bad arguments are answered before the index is
 * opened or brought up to date.
 */
import BetterSqlite3 from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/command.js';
import { runCli } from '../helpers/cli.js';
import { digest, tempDir, type TempDir } from '../helpers/temp-vault.js';
import { CLI_PATH } from '../helpers/worker.js';

let vault: TempDir;
let cache: TempDir;
let out: TempDir;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  vault = tempDir('almanac-cli-errors-vault-');
  out = tempDir('almanac-cli-errors-out-');
  vault.write('weekly/2026-01-30.md', digest({ title: 'AI 周报 W05', date: '2026-01-30' }, '## 模型\n\nKimi K2.5 开源。\n'));
  vault.write('weekly/2026-02-06.md', digest({ title: 'AI 周报 W06', date: '2026-02-06' }, '## 安全\n\n后门检测。\n'));
});

beforeEach(() => {
  cache?.cleanup();
  cache = tempDir('almanac-cli-errors-cache-');
  env = { ALMANAC_CACHE_DIR: cache.root };
});

afterAll(() => {
  vault?.cleanup();
  cache?.cleanup();
  out?.cleanup();
});

/** Runs the CLI and checks the exit status and the exact first line of stderr. */
async function expectFailure(args: string[], code: number, firstLine: string): Promise<void> {
  const run = await runCli(args, { env });
  expect(run.code, run.stderr).toBe(code);
  expect(run.stderr.split('\n')[0]).toBe(firstLine);
}

describe('invalid-argument: exit 1, naming the option as typed, before any index is opened', () => {
  const long = 'x'.repeat(10_000);
  it.each([
    { message: 'almanac: search: --limit must be between 0 and 10000, got 10001', args: ['search', 'a', '--vault', '.', '--limit', '10001'] },
    { message: 'almanac: search: --limit must be between 0 and 10000, got -1', args: ['search', 'a', '--vault', '.', '--limit', '-1'] },
    { message: 'almanac: search: --offset must be between 0 and 1000000, got -5', args: ['search', 'a', '--vault', '.', '--offset', '-5'] },
    { message: 'almanac: search: --limit must be a whole number, got "ten"', args: ['search', 'a', '--vault', '.', '--limit', 'ten'] },
    { message: 'almanac: search: the query is too long (10000 characters; at most 2000)', args: ['search', long, '--vault', '.'] },
    { message: 'almanac: search: --tag must not be empty', args: ['search', 'a', '--vault', '.', '--tag', ''] },
    { message: 'almanac: export: --query is too long (10000 characters; at most 2000)', args: ['export', '--vault', '.', '--query', long] },
    { message: 'almanac: export: --section "abc" is not a section id (expected 16 hex digits)', args: ['export', '--vault', '.', '--section', 'abc'] },
    { message: 'almanac: export: --title is too long (501 characters; at most 500)', args: ['export', '--vault', '.', '--section', '0123456789abcdef', '--title', 't'.repeat(501)] },
    { message: 'almanac: index: --exclude must not be empty', args: ['index', '.', '--exclude', ''] },
    { message: 'almanac: index: --db needs a value', args: ['index', '.', '--db'] },
    { message: 'almanac: index: --db needs a value (got the option --json; write --db=--json if that is the value)', args: ['index', '.', '--db', '--json'] },
    { message: 'almanac: index: --json takes no value, got "yes"', args: ['index', '.', '--json=yes'] },
    { message: 'almanac: show: unknown option --colour', args: ['show', 'x.md', '--vault', '.', '--colour'] },
  ])('$message', async ({ args, message }) => {
    const withVault = args.map((a) => (a === '.' ? vault.root : a));
    const run = await runCli(withVault, { env });
    expect(run.code, run.stderr).toBe(EXIT.usage);
    expect(run.stderr).toBe(`${message}\nRun 'almanac ${args[0]} --help' for usage.\n`);
    expect(readdirSync(cache.root), 'no index was opened').toEqual([]);
  });
});

describe('export: bad --out and --query answer clearly', () => {
  const base = (): string[] => ['export', '--vault', vault.root, '--query', '模型'];

  it('refuses a .pdf (PDF needs the desktop app), a folder and a file inside the vault, with exit 1 and nothing written', async () => {
    const pdf = path.join(out.root, 'report.pdf');
    await expectFailure([...base(), '--out', pdf], EXIT.usage, `almanac: export: --out ${JSON.stringify(pdf)}: PDF export needs the desktop app (or write --format html and print it to PDF from a browser)`);
    await expectFailure([...base(), '--format', 'pdf'], EXIT.usage, 'almanac: export: PDF export needs the desktop app (or write --format html and print it to PDF from a browser)');
    const folder = path.join(out.root, 'folder');
    mkdirSync(folder);
    await expectFailure([...base(), '--out', folder, '--force'], EXIT.usage, `almanac: export: --out ${folder} is a folder; give the name of the file to write`);
    const inside = path.join(vault.root, 'export.md');
    await expectFailure([...base(), '--out', inside], EXIT.usage, `almanac: export: --out ${inside} is inside the vault ${vault.root}; Almanac never writes into a vault: choose a file outside it`);
    await expectFailure([...base(), '--format', 'md', '--out', path.join(out.root, 'x.html')], EXIT.usage, `almanac: export: --format md does not match --out ${JSON.stringify(path.join(out.root, 'x.html'))} (a .html file)`);
    expect(existsSync(pdf)).toBe(false);
    expect(existsSync(inside)).toBe(false);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('takes the format from the extension of --out when --format is absent', async () => {
    const html = path.join(out.root, 'picks.html');
    expect((await runCli([...base(), '--out', html], { env })).code).toBe(0);
    expect(readFileSync(html, 'utf8')).toMatch(/^<!doctype html>/i);
    const md = path.join(out.root, 'picks.md');
    expect((await runCli([...base(), '--out', md], { env })).code).toBe(0);
    expect(readFileSync(md, 'utf8')).toMatch(/^# Almanac export/);
  });

  it.each(['!!!', '（）【】', 'tag:', '-'])('refuses --query %j, which holds nothing to search, instead of exporting everything', async (query) => {
    const run = await runCli(['export', '--vault', vault.root, '--query', query], { env });
    expect(run.code, run.stderr).toBe(EXIT.usage);
    expect(run.stderr).toContain(`almanac: export: --query ${JSON.stringify(query)} holds nothing to search`);
    expect(run.stdout).toBe('');
  });
});

describe('not-found: exit 2', () => {
  it('for a missing vault, an unknown digest, an unknown section and an index file that is not Almanac\'s', async () => {
    const missing = path.join(vault.root, 'no-such-folder');
    await expectFailure(['search', 'a', '--vault', missing], EXIT.notFound, `almanac: vault not found: ${missing}`);
    await expectFailure(['show', 'weekly/nope.md', '--vault', vault.root], EXIT.notFound, `almanac: digest not found: weekly/nope.md (in ${vault.root})`);
    await expectFailure(
      ['export', '--vault', vault.root, '--section', 'feedfacefeedface'],
      EXIT.notFound,
      'almanac: export: unknown section id "feedfacefeedface" (not in the index; re-run a search or re-index)',
    );
    const readme = path.join(out.root, 'README.md');
    writeFileSync(readme, '# Notes\n');
    const refused = await runCli(['index', vault.root, '--db', readme], { env });
    expect(refused.code).toBe(EXIT.notFound);
    expect(refused.stderr).toContain(`almanac: the index file ${readme} is not an Almanac index: it is not an SQLite database`);
  });
});

describe('busy: exit 3', () => {
  it('when another process holds the index\'s write lock longer than Almanac waits', async () => {
    const db = path.join(cache.root, 'busy', 'index.db');
    expect((await runCli(['index', vault.root, '--db', db], { env })).code).toBe(0);
    const holder = new BetterSqlite3(db);
    holder.exec('BEGIN IMMEDIATE');
    try {
      const run = await runCli(['index', vault.root, '--db', db], { env });
      expect(run.code, run.stderr).toBe(EXIT.busy);
      expect(run.stderr).toBe(`almanac: the index ${db} is busy: another Almanac process is writing to it; try again when it has finished\n`);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  }, 30_000);
});

describe('cancelled: exit 130', () => {
  it('when Ctrl-C stops an index run', async () => {
    const big = tempDir('almanac-cli-errors-big-');
    try {
      for (let i = 0; i < 1500; i++) big.write(`w/${String(i).padStart(4, '0')}.md`, digest({ title: `第 ${i} 期` }, `## 正文\n\n${'内容 '.repeat(200)}${i}\n`));
      const db = path.join(cache.root, 'big.db');
      const child = spawn(process.execPath, [CLI_PATH, 'index', big.root, '--db', db], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
      // The run is under way once its writer has a WAL beside the index.
      while (!existsSync(`${db}-wal`)) await new Promise((resolve) => setTimeout(resolve, 20));
      child.kill('SIGINT');
      expect(await exited, stderr).toBe(EXIT.cancelled);
      expect(stderr).toBe('almanac: indexing was cancelled\n');
    } finally {
      big.cleanup();
    }
  }, 60_000);
});
