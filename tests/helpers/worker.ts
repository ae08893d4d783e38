/** The bundled parse worker (built by vitest's globalSetup) and pools for tests. */
import { fileURLToPath } from 'node:url';
import { ParsePool } from '../../src/core/parse/pool.js';
import type { DigestParser } from '../../src/core/index/indexer.js';
import { unpackBody } from '../../src/core/store/stored-text.js';
import type { ParsedDigest } from '../../src/core/types.js';

export const WORKER_URL = new URL('../../out/node/parse-worker.js', import.meta.url);
export const CLI_PATH = fileURLToPath(new URL('../../bin/almanac.js', import.meta.url));

/** A parser that records the path of every parse it is asked for. */
export function countingParser(pool: DigestParser): DigestParser & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    parse(text, path, options) {
      calls.push(path);
      return pool.parse(text, path, options);
    },
  };
}

/** An in-process pool (size 0): no worker start-up, fine for small trusted fixtures. */
export function inProcessPool(): ParsePool {
  return new ParsePool({ workerUrl: WORKER_URL, size: 0 });
}

/** A parsed digest's body, whether it came from a worker (packed only: store/prepare.ts attachPrepared) or in-process. */
export function bodyOf(d: ParsedDigest): string {
  return d.prepared ? unpackBody(d.prepared.text) : d.body;
}
