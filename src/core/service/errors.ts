/**
 * The errors AlmanacService throws, as AlmanacErrors with the codes callers
 * switch on (src/shared/errors.ts): a closed service is 'cancelled', a
 * missing vault or digest 'not-found', an index locked by another process
 * 'busy'. One place, so every adapter gets the same code for the same fault.
 */
import { AlmanacError, isAlmanacError } from '../../shared/errors.js';
import { isBusyError } from '../store/errors.js';
import type { OpenDatabaseOptions } from '../store/open-database.js';
import { Store } from '../store/store.js';

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function serviceClosed(): AlmanacError {
  return new AlmanacError('cancelled', 'the Almanac service is closed');
}

export function vaultNotFound(vaultPath: string): AlmanacError {
  return new AlmanacError('not-found', `vault not found: ${vaultPath}`, { path: vaultPath });
}

export function digestNotFound(relPath: string): AlmanacError {
  return new AlmanacError('not-found', `digest not found: ${relPath}`, { path: relPath });
}

function busyIndex(dbPath: string, cause: unknown): AlmanacError {
  return new AlmanacError(
    'busy',
    `the index ${dbPath} is busy: another Almanac process is writing to it; try again when it has finished`,
    { path: dbPath },
    { cause },
  );
}

/** An index locked by another connection beyond busy_timeout becomes 'busy'; anything else is returned as it is. */
export function typedIndexError(err: unknown, dbPath: string): unknown {
  return !isAlmanacError(err) && isBusyError(err) ? busyIndex(dbPath, err) : err;
}

/**
 * Store.open for the service: a busy index is 'busy', a file that is not ours
 * keeps its 'not-found' refusal, and an index that cannot be opened or
 * created (permissions, a missing drive) is 'not-found' naming the file.
 */
export function openStore(dbPath: string, options: OpenDatabaseOptions): Store {
  try {
    return Store.open(dbPath, options);
  } catch (err) {
    if (isAlmanacError(err)) throw err;
    if (isBusyError(err)) throw busyIndex(dbPath, err);
    throw new AlmanacError('not-found', `cannot open the index ${dbPath}: ${errorText(err)}`, { path: dbPath }, { cause: err });
  }
}
