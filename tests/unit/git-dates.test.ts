/**
 * The git date source (index/git-dates.ts, index/vault-wide.ts) on real
 * repositories made in temp folders, with commit dates set through
 * GIT_AUTHOR_DATE / GIT_COMMITTER_DATE. A wrapper script in front of git
 * records every call, to show that a run with nothing new asks only
 * `rev-parse`, and a fake git shows how failures are reported.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseFirstCommitDays } from '../../src/core/index/git-dates.js';
import { indexVault, type IndexSettings } from '../../src/core/index/indexer.js';
import type { IndexSummary } from '../../src/shared/api.js';
import { useIndexFixture } from '../helpers/index-fixture.js';
import { digest, tempDir, type TempDir } from '../helpers/temp-vault.js';

const realGit = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim();
const hasGit = realGit !== '' && spawnSync(realGit, ['--version']).status === 0;

describe('parseFirstCommitDays', () => {
  it('keeps the oldest commit of each Markdown path (the log runs newest first)', () => {
    const out = [
      '\x012026-01-05T10:00:00+00:00\0\nweekly/b.md\0weekly/a.md\0img/x.png\0',
      '\x012025-12-31T23:30:00-08:00\0\nweekly/a.md\0名字 有空格.md\0',
      '\x01not a date\0\nweekly/c.md\0',
    ].join('');
    expect(Object.fromEntries(parseFirstCommitDays(out))).toEqual({
      'weekly/b.md': '2026-01-05',
      'weekly/a.md': '2025-12-31',
      '名字 有空格.md': '2025-12-31',
    });
    expect(parseFirstCommitDays('').size).toBe(0);
  });
});

describe.skipIf(!hasGit)('git dates on a real repository', () => {
  const fx = useIndexFixture('almanac-git');
  let repo: TempDir;
  let bin: TempDir;
  let savedPath: string | undefined;
  const calls = (): string[] => readFileSync(path.join(bin.root, 'calls.log'), 'utf8').split('\n').filter(Boolean);

  function git(args: string[], date?: string): void {
    const env = { ...process.env, GIT_AUTHOR_NAME: 'A', GIT_AUTHOR_EMAIL: 'a@example.com', GIT_COMMITTER_NAME: 'A', GIT_COMMITTER_EMAIL: 'a@example.com' };
    if (date) Object.assign(env, { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
    execFileSync(realGit, ['-C', repo.root, ...args], { env, stdio: 'ignore' });
  }

  function commitAll(message: string, date: string): void {
    git(['add', '-A']);
    git(['commit', '-q', '--no-gpg-sign', '-m', message], date);
  }

  const vaultDir = (): string => path.join(repo.root, 'vault');

  async function run(settings: Partial<IndexSettings> = {}): Promise<IndexSummary> {
    return indexVault({ vaultPath: vaultDir(), store: fx.store, pool: fx.pool, settings: { exclude: [], maxFileBytes: 1 << 20, ...settings } });
  }

  function dateOf(p: string): [string | null, string] {
    const d = fx.store.digestByPath(p)!;
    return [d.date, d.dateSource];
  }

  beforeEach(() => {
    repo = tempDir('almanac-git-repo-');
    bin = tempDir('almanac-git-bin-');
    git(['init', '-q']);
    // Every git call of the indexer goes through this wrapper, which logs its arguments.
    bin.write('git', `#!/bin/sh\necho "$*" >> "${path.join(bin.root, 'calls.log')}"\nexec "${realGit}" "$@"\n`);
    chmodSync(path.join(bin.root, 'git'), 0o755);
    writeFileSync(path.join(bin.root, 'calls.log'), '');
    savedPath = process.env.PATH;
    process.env.PATH = `${bin.root}${path.delimiter}${savedPath ?? ''}`;
  });

  afterEach(() => {
    process.env.PATH = savedPath;
    repo.cleanup();
    bin.cleanup();
  });

  it('dates undated digests by their first commit, from one git log for the vault, and keeps their own dates', async () => {
    repo.write('vault/docs/issue-1.md', '# 第 1 期\n\n正文。\n');
    repo.write('outside.md', '# 不在仓库的 vault 里\n');
    commitAll('one', '2021-03-04T23:30:00-07:00');
    repo.write('vault/docs/issue-2.md', '# 第 2 期\n\n正文。\n');
    repo.write('vault/docs/issue-3.md', digest({ title: '第 3 期', date: '2021-06-01' }, '正文。\n'));
    commitAll('two', '2021-05-06T10:00:00+08:00');
    repo.write('vault/docs/issue-1.md', '# 第 1 期\n\n改过。\n');
    commitAll('edit', '2022-01-01T00:00:00+00:00');

    const summary = await run();
    expect(summary.warnings).toEqual([]);
    // The day as the commit wrote it (no zone conversion); an edit does not move it.
    expect(dateOf('docs/issue-1.md')).toEqual(['2021-03-04', 'git']);
    expect(dateOf('docs/issue-2.md')).toEqual(['2021-05-06', 'git']);
    expect(dateOf('docs/issue-3.md')).toEqual(['2021-06-01', 'front-matter']);
    expect(fx.store.digestByPath('docs/issue-2.md')!.series).toBe('docs/issue-#');
    expect(calls().filter((c) => c.includes(' log '))).toHaveLength(1);
    expect(fx.store.db.prepare('SELECT path FROM git_date ORDER BY path').pluck().all()).toEqual([
      'docs/issue-1.md',
      'docs/issue-2.md',
      'docs/issue-3.md',
    ]);
  });

  it('asks only rev-parse when nothing changed, and git log again after a new commit', async () => {
    repo.write('vault/a.md', '# A\n');
    repo.write('vault/b.md', '# B\n');
    commitAll('one', '2020-01-02T12:00:00+00:00');
    await run();
    writeFileSync(path.join(bin.root, 'calls.log'), '');

    await run();
    const quiet = calls();
    expect(quiet.filter((c) => c.includes(' log '))).toEqual([]);
    expect(quiet.filter((c) => c.includes('rev-parse'))).toHaveLength(1);

    repo.write('notes.txt', 'not Markdown, but a new HEAD');
    commitAll('two', '2020-02-02T12:00:00+00:00');
    await run();
    expect(calls().filter((c) => c.includes(' log '))).toHaveLength(1);
    expect(dateOf('a.md')).toEqual(['2020-01-02', 'git']);
  });

  it('runs no git at all when every digest has a date of its own, or when git dates are off', async () => {
    repo.write('vault/2026-02-06.md', '# W06\n');
    repo.write('vault/undated.md', '# U\n');
    commitAll('one', '2020-01-02T12:00:00+00:00');
    await run({ gitDates: false });
    expect(dateOf('undated.md')).toEqual([null, 'none']);
    expect(calls()).toEqual([]);

    await run({ gitDates: true });
    expect(dateOf('undated.md')).toEqual(['2020-01-02', 'git']);
    await run({ gitDates: false });
    expect(dateOf('undated.md')).toEqual([null, 'none']);

    repo.remove('vault/undated.md');
    writeFileSync(path.join(bin.root, 'calls.log'), '');
    await run({ gitDates: true });
    await run({ gitDates: true });
    expect(calls()).toEqual([]);
  });

  it('a vault outside any repository has no git dates and no warning', async () => {
    const plain = tempDir('almanac-no-repo-');
    try {
      plain.write('a.md', '# A\n');
      const summary = await indexVault({ vaultPath: plain.root, store: fx.store, pool: fx.pool, settings: { exclude: [], maxFileBytes: 1 << 20 } });
      expect(summary.warnings).toEqual([]);
      expect(dateOf('a.md')).toEqual([null, 'none']);
    } finally {
      plain.cleanup();
    }
  });

  it('reports a git that refuses the repository once, as a warning, and indexes on', async () => {
    repo.write('vault/a.md', '# A\n');
    bin.write('git', `#!/bin/sh\necho "fatal: detected dubious ownership in repository at '/somewhere'" >&2\nexit 128\n`);
    const first = await run();
    expect(first.warnings).toEqual([
      { path: '.git', message: expect.stringMatching(/^git dates are not available: git rev-parse failed \(fatal: detected dubious ownership/) },
    ]);
    expect(dateOf('a.md')).toEqual([null, 'none']);
    const again = await run();
    expect(again.warnings).toHaveLength(1);
  });
});
