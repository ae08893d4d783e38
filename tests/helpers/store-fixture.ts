/** Stores on real index files in a temporary folder per test, closed and removed after each test. */
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { OpenDatabaseOptions } from '../../src/core/store/open-database.js';
import { Store, type DigestRecord } from '../../src/core/store/store.js';
import { parsedDigest } from './parsed.js';
import { tempDir, type TempDir } from './temp-vault.js';

export interface StoreFixture {
  /** The current test's temporary folder. */
  readonly dir: TempDir;
  /** `cache/index.db` in it: where open() opens by default. */
  readonly dbPath: string;
  /** Opens a store, closed after the test. */
  open(dbPath?: string, options?: OpenDatabaseOptions): Store;
}

/** Registers the fixture's beforeEach and afterEach hooks; its fields are for use inside tests. */
export function useStoreFixture(prefix: string): StoreFixture {
  let dir: TempDir | null = null;
  const stores: Store[] = [];
  beforeEach(() => {
    dir = tempDir(prefix);
  });
  afterEach(() => {
    for (const s of stores.splice(0)) s.close();
    dir?.cleanup();
    dir = null;
  });
  const current = (): TempDir => {
    if (dir === null) throw new Error('the store fixture is used outside a test');
    return dir;
  };
  return {
    get dir() {
      return current();
    },
    get dbPath() {
      return path.join(current().root, 'cache', 'index.db');
    },
    open(dbPath = path.join(current().root, 'cache', 'index.db'), options = {}) {
      const s = Store.open(dbPath, options);
      stores.push(s);
      return s;
    },
  };
}

/** What the indexer would store for a file at `p`: parsedDigest() unless `over` says otherwise. */
export function digestRecord(p: string, over: Partial<DigestRecord> = {}): DigestRecord {
  return { path: p, size: 10, mtimeMs: 1000, hash: `hash-of-${p}`, encoding: 'utf-8', parsed: parsedDigest(), links: [], warnings: [], ...over };
}
