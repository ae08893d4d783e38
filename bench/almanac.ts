/**
 * Almanac as the bench drives it: the real AlmanacService (store, incremental
 * indexer, worker pool, search engine), exactly as the CLI and web mode use it.
 */
import path from 'node:path';
import { DEFAULT_SETTINGS } from '../src/shared/api.js';
import { AlmanacService } from '../src/core/service/almanac-service.js';

export interface AlmanacPaths {
  vaultPath: string;
  dbPath: string;
  /** out/node/parse-worker.js */
  workerPath: string;
}

export function openAlmanac(paths: AlmanacPaths): Promise<AlmanacService> {
  return AlmanacService.open({
    vaultPath: paths.vaultPath,
    dbPath: paths.dbPath,
    workerUrl: paths.workerPath,
    writerUrl: path.join(path.dirname(paths.workerPath), 'store-writer.js'),
    settings: DEFAULT_SETTINGS,
  });
}

export type { AlmanacService };
