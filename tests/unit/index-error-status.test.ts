/**
 * A failed index run reaches the status and the index-error event as a typed
 * error (issue 15, item 3): code and parameters beside the English message,
 * so the UI can word it in its own language. The failure is real: another
 * connection holds the index's write lock beyond busy_timeout.
 */
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AlmanacService } from '../../src/core/service/almanac-service.js';
import type { AlmanacEvent } from '../../src/shared/api.js';
import { digest, tempDir, type TempDir } from '../helpers/temp-vault.js';
import { WORKER_URL } from '../helpers/worker.js';

let vault: TempDir;
let cache: TempDir;
let service: AlmanacService;

beforeEach(() => {
  vault = tempDir('almanac-index-error-vault-');
  cache = tempDir('almanac-index-error-cache-');
  vault.write('weekly/2026-02-06.md', digest({ title: 'AI 周报 W06', date: '2026-02-06' }, '## 模型\n\nGPT-5.3-Codex 发布。\n'));
  service = new AlmanacService({ vaultPath: vault.root, dbPath: path.join(cache.root, 'index.db'), workerUrl: WORKER_URL, poolSize: 0 });
});

afterEach(async () => {
  await service.close();
  vault.cleanup();
  cache.cleanup();
});

describe('a failed index run', () => {
  it('leaves its typed error in the status and sends it with the index-error event', async () => {
    await service.reindex();
    vault.write('weekly/2026-02-13.md', digest({ title: 'AI 周报 W07', date: '2026-02-13' }, '## 安全\n\n新的一周。\n'));
    const events: AlmanacEvent[] = [];
    service.onEvent((e) => events.push(e));
    const dbPath = service.currentDbPath;
    const holder = new BetterSqlite3(dbPath);
    holder.exec('BEGIN IMMEDIATE');
    try {
      await expect(service.reindex()).rejects.toMatchObject({ code: 'busy', params: { path: dbPath } });
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }

    const status = await service.getStatus();
    expect(status.state).toBe('error');
    expect(status.indexError).toMatchObject({ code: 'busy', params: { path: dbPath } });
    expect(status.indexError?.message).toContain(dbPath);
    // The message stays where scripts read it.
    expect(status.error).toBe(status.indexError?.message);
    const failed = events.filter((e) => e.type === 'index-error');
    expect(failed).toEqual([{ type: 'index-error', message: status.error, error: status.indexError }]);
    // The status survives JSON (HTTP, SSE) with its code and parameters.
    expect(JSON.parse(JSON.stringify(status)).indexError).toEqual(status.indexError);

    await service.reindex();
    expect(await service.getStatus()).toMatchObject({ state: 'idle', error: null, indexError: null });
  }, 30_000);
});
