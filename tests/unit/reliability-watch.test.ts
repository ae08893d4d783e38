/**
 * Watcher storms on a live service (AlmanacService + startAutoReindex, as the
 * desktop app and `almanac serve` run them): 1,000 files created, 1,000
 * modified, a folder renamed, and the vault folder removed while open and then
 * restored. The index follows every storm (counts and search right), the
 * removal is reported (state 'missing' and an index-error event naming the
 * vault), and after the restore the app recovers by itself. Waits poll with a
 * bounded timeout.
 */
import { cpSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlmanacService } from '../../src/core/service/almanac-service.js';
import { startAutoReindex, type AutoReindex } from '../../src/core/watch/auto-reindex.js';
import type { AlmanacEvent } from '../../src/shared/api.js';
import { tempDir, type TempDir } from '../helpers/temp-vault.js';
import { WORKER_URL } from '../helpers/worker.js';

const STORM = 1000;

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const started = Date.now();
  let last: unknown = null;
  for (;;) {
    try {
      if (await check()) return;
    } catch (err) {
      last = err;
    }
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function stormFile(i: number, extra = ''): string {
  const day = String((i % 28) + 1).padStart(2, '0');
  return `---\ntitle: 风暴 ${i}\ndate: 2026-0${(i % 9) + 1}-${day}\ntags: [storm]\n---\n\n## 第 ${i} 篇\n\nstormword${i} 模型发布。${extra}\n`;
}

describe('watcher storms on a live service', () => {
  let data: TempDir;
  let vault: string;
  let service: AlmanacService;
  let auto: AutoReindex;
  const events: AlmanacEvent[] = [];

  beforeAll(async () => {
    data = tempDir('almanac-storm-');
    vault = path.join(data.root, 'vault');
    mkdirSync(path.join(vault, 'weekly'), { recursive: true });
    for (let i = 0; i < 10; i++) writeFileSync(path.join(vault, 'weekly', `base-${i}.md`), stormFile(10_000 + i));
    service = await AlmanacService.open({ vaultPath: vault, dbPath: path.join(data.root, 'index.db'), workerUrl: WORKER_URL, poolSize: 2 });
    service.onEvent((e) => events.push(e));
    await service.reindex();
    auto = await startAutoReindex({ api: service, debounceMs: 200, maxWaitMs: 2000 });
  }, 60_000);

  afterAll(async () => {
    await auto?.close();
    await service?.close();
    data?.cleanup();
  });

  const total = async (query: string): Promise<number> => (await service.search({ query, limit: 0, facets: false })).total;

  it('indexes 1,000 files created at once', async () => {
    mkdirSync(path.join(vault, 'storm'));
    for (let i = 0; i < STORM; i++) writeFileSync(path.join(vault, 'storm', `s-${String(i).padStart(4, '0')}.md`), stormFile(i));
    // Wait for the run to end, not only for the count: while a run writes,
    // search may answer from a catalog up to CATALOG_LAG_MS old (engine.ts),
    // and the count reaches 1,010 before the run's vault-wide step is done.
    await waitFor('1,010 digests, indexing done', async () => {
      const status = await service.getStatus();
      return status.state === 'idle' && status.digests === STORM + 10;
    });
    expect(await total('tag:storm')).toBe(STORM + 10);
    expect(await total('stormword777')).toBe(1);
  }, 120_000);

  it('re-indexes 1,000 files modified at once', async () => {
    for (let i = 0; i < STORM; i++) writeFileSync(path.join(vault, 'storm', `s-${String(i).padStart(4, '0')}.md`), stormFile(i, ' 修改 stormedited'));
    await waitFor('1,000 edited digests', async () => (await total('stormedited')) === STORM);
    expect((await service.getStatus()).digests).toBe(STORM + 10);
  }, 120_000);

  it('follows a folder rename', async () => {
    renameSync(path.join(vault, 'storm'), path.join(vault, 'storm-renamed'));
    await waitFor('paths under storm-renamed/', async () => (await total('in:storm-renamed')) === STORM && (await total('in:storm')) === 0);
    expect((await service.getStatus()).digests).toBe(STORM + 10);
    const digest = await service.getDigest('storm-renamed/s-0042.md');
    expect(digest.markdown).toContain('stormword42');
  }, 120_000);

  it('reports the vault folder removed while open, and recovers when it is restored', async () => {
    const backup = path.join(data.root, 'backup');
    cpSync(vault, backup, { recursive: true });
    const before = events.length;
    rmSync(vault, { recursive: true, force: true });

    await waitFor('the missing vault to be reported', async () => (await service.getStatus()).state === 'missing', 60_000);
    const errors = events.slice(before).filter((e): e is Extract<AlmanacEvent, { type: 'index-error' }> => e.type === 'index-error');
    expect(errors.map((e) => e.message).join('\n')).toContain(vault);
    // Searching still answers while the vault is gone (from the index, or empty): it never throws.
    await expect(service.search({ query: '模型' })).resolves.toBeDefined();

    cpSync(backup, vault, { recursive: true });
    await waitFor(
      'recovery after the vault was restored',
      async () => {
        const status = await service.getStatus();
        return status.state === 'idle' && status.digests === STORM + 10;
      },
      60_000,
    );
    expect(await total('stormedited')).toBe(STORM);
    expect(await total('tag:storm')).toBe(STORM + 10);

    // And it keeps watching the restored folder.
    writeFileSync(path.join(vault, 'weekly', 'after-restore.md'), stormFile(99_999, ' afterrestore'));
    await waitFor('a file added after the restore', async () => (await total('afterrestore')) === 1, 60_000);
  }, 200_000);
});
