/** Messages between ParsePool (pool.ts) and its worker threads (worker.ts). */
import type { ParseOptions, ParsedDigest } from '../types.js';

export interface ParseRequest {
  id: number;
  text: string;
  path: string;
  options: ParseOptions | undefined;
}

/** Why a parse failed inside the worker: a stack overflow gets its own fallback reason. */
export type ParseFailureKind = 'stack-overflow' | 'error';

export type WorkerMessage =
  | { type: 'ready' }
  /** The digest comes prepared for the store (digest.prepared, core/store/prepare.ts). */
  | { type: 'result'; id: number; digest: ParsedDigest }
  | { type: 'failure'; id: number; kind: ParseFailureKind; message: string };

/** V8's RangeError for a blown stack ("Maximum call stack size exceeded"). */
export function isStackOverflow(err: unknown): boolean {
  return err instanceof RangeError && /call stack/i.test(err.message);
}
