/** What indexer tests start from: a temp vault, an index in a temp folder and an in-process parse pool. */
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { ParsePool } from '../../src/core/parse/pool.js';
import { Store } from '../../src/core/store/store.js';
import { tempDir, type TempDir } from './temp-vault.js';
import { inProcessPool } from './worker.js';

export interface IndexFixture {
  vault: TempDir;
  cache: TempDir;
  store: Store;
  pool: ParsePool;
}

/** A fresh fixture for each test of the calling file (its fields are set in beforeEach, released in afterEach). */
export function useIndexFixture(prefix: string): IndexFixture {
  const f = {} as IndexFixture;
  beforeEach(() => {
    f.vault = tempDir(`${prefix}-vault-`);
    f.cache = tempDir(`${prefix}-cache-`);
    f.store = Store.open(path.join(f.cache.root, 'index.db'));
    f.pool = inProcessPool();
  });
  afterEach(async () => {
    f.store.close();
    await f.pool.close();
    f.vault.cleanup();
    f.cache.cleanup();
  });
  return f;
}
