/**
 * The real CLI's JSON output gives search notices as codes with parameters
 * and their English message (issue 15, item 3), so a script acts on the code
 * instead of matching the sentence: `search --json` and `saved run --json`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NOTICE_CODES } from '../../src/shared/notices.js';
import { runCli } from '../helpers/cli.js';
import { digest, tempDir, type TempDir } from '../helpers/temp-vault.js';

let vault: TempDir;
let cache: TempDir;
let env: NodeJS.ProcessEnv;

beforeEach(() => {
  vault = tempDir('almanac-cli-notices-vault-');
  cache = tempDir('almanac-cli-notices-cache-');
  env = { ALMANAC_CACHE_DIR: cache.root };
  vault.write('weekly/2026-02-06.md', digest({ title: 'AI 周报 W06', date: '2026-02-06' }, '## 模型\n\nGPT-5.3-Codex 发布。\n'));
});

afterEach(() => {
  vault.cleanup();
  cache.cleanup();
});

interface JsonNotice {
  code: string;
  params: Record<string, unknown>;
  message: string;
}

async function jsonOf(args: string[]): Promise<{ notices: JsonNotice[] }> {
  const run = await runCli(args, { env });
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as { notices: JsonNotice[] };
}

describe('CLI notices in --json', () => {
  it('search --json prints each notice as { code, params, message }', async () => {
    const { notices } = await jsonOf(['search', 'foo:', '模型', '"未闭合', '--vault', vault.root, '--json']);
    expect(notices).toEqual([
      { code: 'not-an-operator', params: { op: 'foo' }, message: "'foo:' is not an operator; searched as text" },
      { code: 'unbalanced-quote', params: {}, message: 'unbalanced quote: the text after it was searched as separate words' },
    ]);
    for (const n of notices) expect(NOTICE_CODES).toContain(n.code);
  }, 60_000);

  it('saved run --json prints the same notice objects', async () => {
    const added = await runCli(['saved', 'add', 'odd', 'foo: 模型', '--vault', vault.root], { env });
    expect(added.code, added.stderr).toBe(0);
    const { notices } = await jsonOf(['saved', 'run', 'odd', '--vault', vault.root, '--json']);
    expect(notices).toEqual([{ code: 'not-an-operator', params: { op: 'foo' }, message: "'foo:' is not an operator; searched as text" }]);
  }, 60_000);
});
