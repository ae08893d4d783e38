/**
 * Crash safety: `almanac index` killed with SIGKILL at random moments (seeded)
 * while the vault keeps changing. After every kill the index passes SQLite's
 * and FTS5's integrity checks and is opened again as is (never moved aside as
 * corrupt); a final run then produces exactly the index a clean run produces
 * (rows, postings and search answers).
 */
import { appendFileSync, existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeVault } from '../../bench/generate.js';
import { checkIntegrity, firstDifference, indexSnapshot, movedAsideFiles, runCli, seededRandom } from '../helpers/reliability-tools.js';
import { tempDir } from '../helpers/temp-vault.js';

/** Small enough that 50 kills fit the suite's time on a busy 2-core machine. */
const VAULT_SIZE = 80;
const KILLS = 50;
/** The loop stops early (after fewer kills) when the machine is too slow to fit them in this. */
const LOOP_BUDGET_MS = 60_000;
const QUERIES = ['模型', 'GPT', 'OpenAI 发布', 'tag:AI', '"开源 模型"', 'Claude OR Gemini'];

function vaultFiles(root: string): string[] {
  return (readdirSync(root, { recursive: true }) as string[]).filter((p) => p.endsWith('.md')).sort();
}

describe('index killed with SIGKILL at random moments', () => {
  const data = tempDir('almanac-crash-');
  afterAll(() => data.cleanup());

  it('stays intact after every kill and ends identical to a clean index', async () => {
    const vault = path.join(data.root, 'vault');
    writeVault(vault, VAULT_SIZE, 42);
    const crashDb = path.join(data.root, 'crash', 'index.db');
    const random = seededRandom(20260206);

    // How long a full run takes here: the kill moments are spread over it.
    const started = performance.now();
    const reference = await runCli(['index', vault, '--db', path.join(data.root, 'measure', 'index.db'), '--json']);
    const fullRunMs = performance.now() - started;
    expect(reference.code, reference.stderr).toBe(0);

    let interrupted = 0;
    let completed = 0;
    const loopStart = performance.now();
    for (let i = 0; i < KILLS && performance.now() - loopStart < LOOP_BUDGET_MS; i++) {
      // Keep giving the indexer work: edit some digests, and now and then add and remove one.
      const files = vaultFiles(vault);
      for (let k = 0; k < 8; k++) {
        const f = files[Math.floor(random() * files.length)]!;
        appendFileSync(path.join(vault, f), `\n\n## 修订 ${i}.${k}\n\n第 ${i} 轮修改 edit round ${i} GPT 模型。\n`);
      }
      if (i % 7 === 3) {
        rmSync(path.join(vault, files[Math.floor(random() * files.length)]!));
        writeFileSync(path.join(vault, `added-${i}.md`), `---\ntitle: 新增 ${i}\ndate: 2026-03-0${(i % 9) + 1}\ntags: [AI]\n---\n\n## 新增\n\n新增的周报 ${i} OpenAI 发布。\n`);
      }
      // Every few rounds start from nothing, so that kills also land in the first, longest run.
      if (i % 10 === 0) rmSync(path.dirname(crashDb), { recursive: true, force: true });

      const killAfterMs = Math.floor(random() * fullRunMs);
      const run = await runCli(['index', vault, '--db', crashDb, '--json'], { killAfterMs });
      if (run.signal === 'SIGKILL') interrupted++;
      else {
        expect(run.code, `round ${i}: ${run.stderr}`).toBe(0);
        completed++;
      }
      expect(run.stderr, `round ${i}`).not.toMatch(/could not be used|moved to/);
      // Killed before it created the index (right after a fresh start): nothing to check yet.
      if (!existsSync(crashDb)) continue;
      expect(checkIntegrity(crashDb), `round ${i}, killed after ${killAfterMs} ms`).toBe('ok');
      expect(movedAsideFiles(path.dirname(crashDb)), `round ${i}`).toEqual([]);
    }
    // The test means something only if kills really interrupted runs.
    expect(interrupted, `${interrupted} interrupted, ${completed} completed; full run ${Math.round(fullRunMs)} ms`).toBeGreaterThan(0);

    const finish = await runCli(['index', vault, '--db', crashDb, '--json']);
    expect(finish.code, finish.stderr).toBe(0);
    const clean = await runCli(['index', vault, '--db', path.join(data.root, 'clean', 'index.db'), '--json']);
    expect(clean.code, clean.stderr).toBe(0);
    expect(JSON.parse(finish.stdout).digests).toBe(JSON.parse(clean.stdout).digests);

    const crashed = indexSnapshot(crashDb, QUERIES);
    const fresh = indexSnapshot(path.join(data.root, 'clean', 'index.db'), QUERIES);
    expect(firstDifference(crashed, fresh)).toBeNull();
    expect((fresh.search[0] as { total: number }).total).toBeGreaterThan(0);
  }, 300_000);
});
