/**
 * Parse worker entry (bundled to out/node/parse-worker.js by
 * scripts/build-node.mjs). Runs parseDigest for each request from ParsePool and
 * posts back the digest, prepared for the store (FTS tokens and packed texts:
 * core/store/prepare.ts, which also drops the texts the packed form carries),
 * so that the main thread neither tokenises nor compresses; or a failure the pool turns into the plain-text fallback. The
 * pool enforces the time and memory budget from outside.
 */
import { parentPort, type TransferListItem } from 'node:worker_threads';
import { attachPrepared } from '../store/prepare.js';
import { parseDigest } from './parse.js';
import { isStackOverflow, type ParseRequest, type WorkerMessage } from './pool-protocol.js';

const port = parentPort;
if (!port) throw new Error('parse-worker must run in a worker thread (started by ParsePool)');

function post(message: WorkerMessage, transfer: readonly TransferListItem[] = []): void {
  port?.postMessage(message, transfer);
}

/** The buffer of bytes that own it whole (stored-text.ts packs them so): moved to the main thread, not copied. */
function ownBuffer(bytes: Uint8Array): ArrayBuffer[] {
  const b = bytes.buffer;
  return b instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === b.byteLength ? [b] : [];
}

port.on('message', (request: ParseRequest) => {
  try {
    const digest = attachPrepared(parseDigest(request.text, request.path, request.options));
    post({ type: 'result', id: request.id, digest }, ownBuffer(digest.prepared!.text));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    post({ type: 'failure', id: request.id, kind: isStackOverflow(err) ? 'stack-overflow' : 'error', message });
  }
});

// Announced once the parser is loaded, so its load time never counts against a file's budget.
post({ type: 'ready' });
