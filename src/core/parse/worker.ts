/**
 * Parse worker entry (bundled to out/node/parse-worker.js by
 * scripts/build-node.mjs). Runs parseDigest for each request from ParsePool and
 * posts back the digest, or a failure the pool turns into the plain-text
 * fallback. The pool enforces the time and memory budget from outside.
 */
import { parentPort } from 'node:worker_threads';
import { parseDigest } from './parse.js';
import { isStackOverflow, type ParseRequest, type WorkerMessage } from './pool-protocol.js';

const port = parentPort;
if (!port) throw new Error('parse-worker must run in a worker thread (started by ParsePool)');

function post(message: WorkerMessage): void {
  port?.postMessage(message);
}

port.on('message', (request: ParseRequest) => {
  try {
    const digest = parseDigest(request.text, request.path, request.options);
    post({ type: 'result', id: request.id, digest });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    post({ type: 'failure', id: request.id, kind: isStackOverflow(err) ? 'stack-overflow' : 'error', message });
  }
});

// Announced once the parser is loaded, so its load time never counts against a file's budget.
post({ type: 'ready' });
