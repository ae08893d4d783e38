/**
 * The measurement tasks a bench child process runs (fork.ts starts it): each
 * task with its parameters and result type, and the child's side of the IPC
 * exchange (one request, one answer, exit).
 */
import { runFts5Trigram, type Fts5TrigramResult } from './baselines/fts5-trigram.js';
import { runParseFloor, type ParseFloorResult } from './baselines/parse-floor.js';
import { CHILD_FLAG, forkTask, type ChildReply, type ChildRequest } from './fork.js';
import type { BenchQuery } from './queries.js';
import { runColdIndex, type ColdIndexParams, type ColdIndexResult } from './tasks/cold-index.js';
import { runIncremental, type IncrementalParams, type IncrementalResult } from './tasks/incremental.js';
import { runReopen, type ReopenParams, type ReopenResult } from './tasks/reopen.js';
import { runServe, type ServeParams, type ServeResult } from './tasks/serve.js';
import { runTrendsBench, type TrendsBenchParams, type TrendsBenchResult } from './tasks/trends.js';
import { runTypingWhileIndexing, type TypingWhileIndexingParams, type TypingWhileIndexingResult } from './tasks/typing-while-indexing.js';
import { runTypedClient, type TypedClientParams, type TypedClientResult } from './web/client.js';

export { CHILD_FLAG };

export interface Fts5Params {
  indexDbPath: string;
  trigramDbPath: string;
  queries: BenchQuery[];
  passes: number;
}

/** Each task with its parameters and result type. */
export interface ChildTasks {
  'cold-index': [ColdIndexParams, ColdIndexResult];
  reopen: [ReopenParams, ReopenResult];
  serve: [ServeParams, ServeResult];
  'typing-while-indexing': [TypingWhileIndexingParams, TypingWhileIndexingResult];
  'typed-client': [TypedClientParams, TypedClientResult];
  incremental: [IncrementalParams, IncrementalResult];
  trends: [TrendsBenchParams, TrendsBenchResult];
  'parse-floor': [{ vaultPath: string }, ParseFloorResult];
  'fts5-trigram': [Fts5Params, Fts5TrigramResult];
}

export type TaskName = keyof ChildTasks;

async function dispatch(request: ChildRequest): Promise<unknown> {
  const task = request.task as TaskName;
  switch (task) {
    case 'cold-index':
      return runColdIndex(request.params as ColdIndexParams);
    case 'reopen':
      return runReopen(request.params as ReopenParams);
    case 'serve':
      return runServe(request.params as ServeParams);
    case 'typing-while-indexing':
      return runTypingWhileIndexing(request.params as TypingWhileIndexingParams);
    case 'typed-client':
      return runTypedClient(request.params as TypedClientParams);
    case 'incremental':
      return runIncremental(request.params as IncrementalParams);
    case 'trends':
      return runTrendsBench(request.params as TrendsBenchParams);
    case 'parse-floor':
      return runParseFloor((request.params as { vaultPath: string }).vaultPath);
    case 'fts5-trigram': {
      const p = request.params as Fts5Params;
      return runFts5Trigram(p.indexDbPath, p.trigramDbPath, p.queries, p.passes);
    }
    default:
      throw new Error(`bench: unknown child task ${JSON.stringify(request.task)}`);
  }
}

/** The child side: answer one request, then exit. */
export function serveChildRequest(): void {
  process.once('message', (message) => {
    dispatch(message as ChildRequest).then(
      (result) => send({ ok: true, result }),
      (err: unknown) => send({ ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
    );
  });
}

function send(reply: ChildReply): void {
  if (!process.send) throw new Error('bench: a child task must run with an IPC channel');
  process.send(reply, () => process.exit(reply.ok ? 0 : 1));
}

/** The parent side: run one task in a fresh process of `bundlePath` and return its result. */
export function runInChild<T extends TaskName>(bundlePath: string, task: T, params: ChildTasks[T][0], timeoutMs: number): Promise<ChildTasks[T][1]> {
  return forkTask(bundlePath, task, params, timeoutMs) as Promise<ChildTasks[T][1]>;
}
