/**
 * Large exports are built in a worker thread with a time and memory budget,
 * so the thread that serves the app (Electron's main process, `almanac serve`)
 * never waits for remark: converting thousands of sections takes seconds even
 * within the per-section limits of markdown-text.ts. The worker is started for
 * the job and ended after it (exports are rare; a resident one would hold the
 * parser's memory for nothing). When it runs over its budget, crashes or fails,
 * the export is built again here in plain mode (no section parsed: linear in
 * the selection) and says so on every part; when it cannot start at all (a
 * build without the worker), the job is built here as usual. Small jobs are
 * built here from the start: starting a worker costs more than they do.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ExportResult } from '../../shared/api.js';
import { buildExport, jobChars, type ExportJob } from './build.js';
import type { PlainReason } from './markdown-text.js';

/** The worker's file name, next to the parse worker in out/node. */
export const EXPORT_WORKER_FILE = 'export-worker.js';
/** Jobs of at most this many sections and characters are built on the calling thread. */
export const IN_THREAD_PARTS = 50;
export const IN_THREAD_CHARS = 50_000;
/** A worker's budget: a base, and more per section (a 10,000-section export converts for tens of seconds). */
const BASE_BUDGET_MS = 20_000;
const PER_PART_BUDGET_MS = 20;
/** V8 limits of the worker: an export of many large sections holds them all, and deep input must not blow its stack. */
const MEMORY_MB = 1024;
const STACK_MB = 4;

/** What the worker posts: once loaded, then the job's result or why it failed. */
export type ExportWorkerMessage = { type: 'ready' } | { type: 'result'; result: ExportResult } | { type: 'failure'; message: string };

export interface OffThreadOptions {
  /** The bundled worker, out/node/export-worker.js (see exportWorkerBeside). */
  workerUrl: URL | string;
  /** Time the worker may take once loaded. Default exportTimeBudgetMs(job). */
  timeBudgetMs?: number;
  /** Build small jobs on the calling thread (see IN_THREAD_PARTS). Default true; tests turn it off to reach the worker. */
  smallInThread?: boolean;
}

/** The export worker in the folder of the parse worker (both are built into out/node). */
export function exportWorkerBeside(parseWorkerUrl: URL | string): URL {
  const base =
    parseWorkerUrl instanceof URL ? parseWorkerUrl : /^file:/i.test(parseWorkerUrl) ? new URL(parseWorkerUrl) : pathToFileURL(path.resolve(parseWorkerUrl));
  return new URL(`./${EXPORT_WORKER_FILE}`, base);
}

export function exportTimeBudgetMs(job: ExportJob): number {
  return BASE_BUDGET_MS + PER_PART_BUDGET_MS * job.parts.length;
}

/** The export of `job`, built as described above; never rejects because of the sections' content. */
export function buildExportOffThread(job: ExportJob, options: OffThreadOptions): Promise<ExportResult> {
  if (options.smallInThread !== false && job.parts.length <= IN_THREAD_PARTS && jobChars(job) <= IN_THREAD_CHARS) {
    return Promise.resolve(buildExport(job));
  }
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(options.workerUrl, { resourceLimits: { maxOldGenerationSizeMb: MEMORY_MB, stackSizeMb: STACK_MB } });
    } catch {
      resolve(buildExport(job));
      return;
    }
    let ready = false;
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    const finish = (result: () => ExportResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(result());
    };
    // Before it is ready the worker could not load (a build without it): build here. After, its failure is the content's.
    const failed = (reason: PlainReason): void => finish(() => (ready ? buildExport(job, reason) : buildExport(job)));
    worker.on('message', (message: ExportWorkerMessage) => {
      if (message.type === 'ready') {
        ready = true;
        timer = setTimeout(() => failed('time'), options.timeBudgetMs ?? exportTimeBudgetMs(job));
        worker.postMessage(job);
      } else if (message.type === 'result') finish(() => message.result);
      else failed('error');
    });
    worker.on('error', () => failed('error'));
    worker.on('exit', () => failed('error'));
  });
}
