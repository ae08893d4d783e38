/**
 * Writer thread entry (bundled to out/node/store-writer.js by
 * scripts/build-node.mjs; the CLI, web mode and Electron all start that file).
 * Owns its own connection to the index (WAL: the main thread's connection
 * keeps reading and searching meanwhile, and sees each committed transaction
 * whole) and applies the indexer's outcomes in large transactions, which
 * block nobody here. Requests are handled in arrival order.
 *
 * After a transaction fails as a whole (disk full, SQLITE_BUSY beyond
 * busy_timeout...), later batches are refused with the same failure rather
 * than applied out of order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Store } from '../store/store.js';
import { applyTransaction, type ApplyStatus, type Outcome } from './outcome.js';
import { failureOf, type WriterConfig, type WriterFailure, type WriterReply, type WriterRequest } from './write-protocol.js';

const port = parentPort;
if (!port) throw new Error('store-writer must run in a worker thread (started by StoreWriter)');
const config = workerData as WriterConfig;

/**
 * WAL checkpoints every 16,000 pages (64 MB) instead of SQLite's 1,000: a
 * checkpoint copies the WAL into the database and syncs it, once per 4 MB
 * written before (a 10k-digest index is 151 MB, plus FTS merges). Storing 5,000 bench digests took 4-6%
 * less time (5.7-5.8 s against 6.0-6.3 s, interleaved runs). The WAL is cut
 * back to 4 MB after each checkpoint, as large as it grew before, so no
 * bigger file is left next to the index.
 */
function tuneForBulkWrites(s: Store): void {
  s.db.pragma('wal_autocheckpoint = 16000');
  s.db.pragma(`journal_size_limit = ${4 * 1024 * 1024}`);
}

function post(reply: WriterReply): void {
  port?.postMessage(reply);
}

let store: Store | null = null;
let failure: WriterFailure | null = null;
try {
  store = Store.open(config.dbPath, { nativeBinding: config.nativeBinding, busyTimeoutMs: config.busyTimeoutMs, role: 'writer' });
  tuneForBulkWrites(store);
  post({ type: 'ready' });
} catch (err) {
  failure = failureOf(config.dbPath, 'could not be opened for writing', err);
  post({ type: 'unusable', failure });
}

function applyAll(s: Store, outcomes: readonly Outcome[]): ApplyStatus[] {
  const limits = { maxFiles: config.maxTransactionFiles, maxMs: config.maxTransactionMs };
  const statuses: ApplyStatus[] = [];
  while (statuses.length < outcomes.length) statuses.push(...applyTransaction(s, outcomes, statuses.length, limits));
  return statuses;
}

/** The chunks received so far of batches whose last chunk has not arrived. */
const arriving = new Map<number, Outcome[]>();

port.on('message', (request: WriterRequest) => {
  if (request.type === 'close') {
    let closeFailure: WriterFailure | undefined;
    try {
      store?.close();
    } catch (err) {
      closeFailure = failureOf(config.dbPath, 'could not be closed', err);
    }
    store = null;
    post(closeFailure ? { type: 'closed', failure: closeFailure } : { type: 'closed' });
    port.close(); // nothing else keeps the thread alive: it exits
    return;
  }
  const outcomes = arriving.get(request.id) ?? [];
  outcomes.push(...request.outcomes);
  if (!request.last) {
    arriving.set(request.id, outcomes);
    return;
  }
  arriving.delete(request.id);
  if (failure !== null || store === null) {
    post({ type: 'failed', id: request.id, failure: failure ?? { message: `the index writer for ${config.dbPath} is closed` } });
    return;
  }
  try {
    post({ type: 'applied', id: request.id, statuses: applyAll(store, outcomes) });
  } catch (err) {
    failure = failureOf(config.dbPath, 'could not be written', err);
    post({ type: 'failed', id: request.id, failure });
  }
});
