/**
 * Runs one measurement in a fresh Node process (a fork of the bench bundle),
 * so that its memory, event loop and caches belong to that measurement alone.
 * The parent sends one request over IPC; the child answers once and exits.
 */
import { fork } from 'node:child_process';
import { runFts5Trigram, type Fts5TrigramResult } from './baselines/fts5-trigram.js';
import { runParseFloor, type ParseFloorResult } from './baselines/parse-floor.js';
import { BENCH_QUERIES } from './queries.js';
import { runColdIndex, type ColdIndexParams, type ColdIndexResult } from './tasks/cold-index.js';
import { runIncremental, type IncrementalParams, type IncrementalResult } from './tasks/incremental.js';
import { runReopen, type ReopenParams, type ReopenResult } from './tasks/reopen.js';
import { runServe, type ServeParams, type ServeResult } from './tasks/serve.js';

export interface Fts5Params {
  indexDbPath: string;
  trigramDbPath: string;
  passes: number;
}

/** Each task with its parameters and result type. */
export interface ChildTasks {
  'cold-index': [ColdIndexParams, ColdIndexResult];
  reopen: [ReopenParams, ReopenResult];
  serve: [ServeParams, ServeResult];
  incremental: [IncrementalParams, IncrementalResult];
  'parse-floor': [{ vaultPath: string }, ParseFloorResult];
  'fts5-trigram': [Fts5Params, Fts5TrigramResult];
}

export type TaskName = keyof ChildTasks;

interface Request {
  task: TaskName;
  params: unknown;
}

type Reply = { ok: true; result: unknown } | { ok: false; error: string };

export const CHILD_FLAG = '--bench-child';

async function dispatch(request: Request): Promise<unknown> {
  switch (request.task) {
    case 'cold-index':
      return runColdIndex(request.params as ColdIndexParams);
    case 'reopen':
      return runReopen(request.params as ReopenParams);
    case 'serve':
      return runServe(request.params as ServeParams);
    case 'incremental':
      return runIncremental(request.params as IncrementalParams);
    case 'parse-floor':
      return runParseFloor((request.params as { vaultPath: string }).vaultPath);
    case 'fts5-trigram': {
      const p = request.params as Fts5Params;
      return runFts5Trigram(p.indexDbPath, p.trigramDbPath, BENCH_QUERIES, p.passes);
    }
  }
}

/** The child side: answer one request, then exit. */
export function serveChildRequest(): void {
  process.once('message', (message) => {
    const request = message as Request;
    dispatch(request).then(
      (result) => send({ ok: true, result }),
      (err: unknown) => send({ ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
    );
  });
}

function send(reply: Reply): void {
  if (!process.send) throw new Error('bench: a child task must run with an IPC channel');
  process.send(reply, () => process.exit(reply.ok ? 0 : 1));
}

/** The parent side: run one task in a fresh process of `bundlePath` and return its result. */
export function runInChild<T extends TaskName>(bundlePath: string, task: T, params: ChildTasks[T][0], timeoutMs: number): Promise<ChildTasks[T][1]> {
  return new Promise((resolve, reject) => {
    const child = fork(bundlePath, [CHILD_FLAG], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(() => reject(new Error(`bench: ${task} did not finish within ${Math.round(timeoutMs / 1000)} s`)));
    }, timeoutMs);
    child.on('message', (message) => {
      const reply = message as Reply;
      finish(() => (reply.ok ? resolve(reply.result as ChildTasks[T][1]) : reject(new Error(`bench: ${task} failed: ${reply.error}`))));
    });
    child.on('error', (err) => finish(() => reject(err)));
    child.on('exit', (code, signal) => {
      finish(() => reject(new Error(`bench: ${task} exited (${signal ?? `code ${String(code)}`}) without a result`)));
    });
    child.send({ task, params } satisfies Request);
  });
}
