/**
 * Export worker entry (bundled to out/node/export-worker.js by
 * scripts/build-node.mjs): builds one export job sent by buildExportOffThread
 * (off-thread.ts), which enforces the time and memory budget from outside.
 */
import { parentPort } from 'node:worker_threads';
import { buildExport, type ExportJob } from './build.js';
import type { ExportWorkerMessage } from './off-thread.js';

const port = parentPort;
if (!port) throw new Error('export-worker must run in a worker thread (started by buildExportOffThread)');

function post(message: ExportWorkerMessage): void {
  port?.postMessage(message);
}

port.on('message', (job: ExportJob) => {
  try {
    post({ type: 'result', result: buildExport(job) });
  } catch (err) {
    post({ type: 'failure', message: err instanceof Error ? err.message : String(err) });
  }
});

// Announced once the builder (remark, rehype) is loaded, so its load time never counts against the budget.
post({ type: 'ready' });
