/**
 * What the indexer decided for one file, and how it is written to the store.
 *
 * Each outcome is written in its own savepoint: one file whose rows cannot be
 * stored (a constraint, a bad value) rolls back alone and is recorded as a
 * skipped file with the reason, never stopping or rolling back the others.
 * Failures of the database itself (busy, disk full, I/O, read-only, corrupt)
 * are not about the file: they are rethrown, so the caller's transaction and
 * run stop instead of marking every following file as skipped.
 *
 * Used on the main thread (InProcessWriter) and in the writer thread
 * (write-worker.ts), so both write exactly the same rows.
 */
import { fileProblem, type FileProblem } from '../../shared/file-problems.js';
import { isBusyError } from '../store/errors.js';
import type { DigestRecord, LinkTarget, Store } from '../store/store.js';
import type { ScannedFile } from '../types.js';

export type Outcome =
  | { kind: 'unchanged'; file: ScannedFile }
  | { kind: 'digest'; record: DigestRecord }
  | { kind: 'skipped'; file: ScannedFile; hash: string | null; problem: FileProblem }
  | { kind: 'moved'; from: string; file: ScannedFile; links: LinkTarget[] }
  /** A stored path that is no longer an indexable file (the end of a run; removing postings is write work too). */
  | { kind: 'removed'; path: string };

/**
 * What writing an outcome did: its kind when stored as decided ('digest' ->
 * 'indexed'), or 'failed' when it could not be stored and was recorded as a
 * skipped file instead (a failed move leaves `from` in the index; a failed
 * removal leaves the row, to be removed by a later run).
 */
export type ApplyStatus = 'indexed' | 'unchanged' | 'moved' | 'skipped' | 'removed' | 'failed';

/** Limits of one write transaction. */
export interface TransactionLimits {
  /** Outcomes per transaction at most. */
  maxFiles: number;
  /** The transaction takes no further outcome after this many milliseconds. */
  maxMs: number;
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

const DATABASE_FAILURE_PREFIXES = ['SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_READONLY', 'SQLITE_CORRUPT', 'SQLITE_NOMEM', 'SQLITE_CANTOPEN', 'SQLITE_NOTADB'];

/** An error of the database as a whole, which no single file's content causes. */
export function isDatabaseFailure(err: unknown): boolean {
  if (isBusyError(err)) return true;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && DATABASE_FAILURE_PREFIXES.some((p) => code.startsWith(p));
}

function write(store: Store, o: Outcome): void {
  switch (o.kind) {
    case 'unchanged':
      return store.touchFile(o.file.path, o.file.size, o.file.mtimeMs);
    case 'moved':
      return store.moveFile(o.from, o.file.path, o.file.size, o.file.mtimeMs, o.links);
    case 'skipped':
      return store.putSkipped({ path: o.file.path, size: o.file.size, mtimeMs: o.file.mtimeMs, hash: o.hash }, o.problem);
    case 'digest':
      return store.putDigest(o.record);
    case 'removed':
      return store.removeFile(o.path);
  }
}

const STORED: Record<Outcome['kind'], ApplyStatus> = { unchanged: 'unchanged', digest: 'indexed', skipped: 'skipped', moved: 'moved', removed: 'removed' };

/** Writes one outcome in its own savepoint; on failure records the file as skipped with the reason. */
export function applyOutcome(store: Store, o: Outcome): ApplyStatus {
  try {
    store.batch(() => write(store, o));
    return STORED[o.kind];
  } catch (err) {
    if (isDatabaseFailure(err)) throw err;
    if (o.kind === 'removed') return 'failed'; // the file is gone: nothing to record it as
    const file = o.kind === 'digest' ? o.record : o.file;
    store.putSkipped({ path: file.path, size: file.size, mtimeMs: file.mtimeMs, hash: null }, fileProblem('could-not-be-stored', { error: errorText(err) }));
    return 'failed';
  }
}

/**
 * Writes outcomes[from...] in one transaction until the limits are reached;
 * returns their statuses (valid once it returns: the transaction committed).
 * Throws when the transaction fails as a whole (nothing of it is stored).
 */
export function applyTransaction(store: Store, outcomes: readonly Outcome[], from: number, limits: TransactionLimits): ApplyStatus[] {
  const started = performance.now();
  return store.batch(() => {
    const statuses: ApplyStatus[] = [];
    for (let i = from; i < outcomes.length; i++) {
      statuses.push(applyOutcome(store, outcomes[i]!));
      if (statuses.length >= limits.maxFiles || performance.now() - started >= limits.maxMs) break;
    }
    return statuses;
  });
}
