/**
 * Web mode inside a bench serving process: the real `almanac serve` server
 * (src/server) over the process's AlmanacService, and the typed-prefix
 * workload sent to it by a client process (client.ts), summarised as server
 * time (`tookMs`) and HTTP round trip.
 */
import fs from 'node:fs';
import type { AlmanacApi } from '../../src/shared/api.js';
import { createServer, type AlmanacServer } from '../../src/server/server.js';
import { forkTask } from '../fork.js';
import { summarize, type LatencySummary } from '../measure.js';
import type { TypedSearch } from '../typed.js';
import type { TypedClientParams, TypedClientResult, TypedSample } from './client.js';

export interface TypedSummary {
  searches: number;
  /** Typed queries (each a run of keystrokes). */
  sequences: number;
  server: LatencySummary;
  roundTrip: LatencySummary;
  /** Server time of the keystrokes without and with filters. */
  plain: LatencySummary;
  filtered: LatencySummary;
  /** The five slowest keystrokes by server time, with what they matched. */
  slowest: { query: string; tookMs: number; roundTripMs: number; total: number; totalSections: number }[];
}

/**
 * The web-mode server over `api`. The static folder is an empty one of the
 * bench's own: the bench calls the API only, and the server must not serve
 * anything else from this machine.
 */
export async function startWebServer(api: AlmanacApi, staticDir: string): Promise<AlmanacServer> {
  fs.mkdirSync(staticDir, { recursive: true });
  return createServer({ api, staticDir, port: 0 });
}

export interface TypedRun {
  bundlePath: string;
  searches: TypedSearch[];
  whileIndexing: boolean;
  maxPasses: number;
  /** Least time between keystrokes (0: back to back). */
  keystrokeMs: number;
  timeoutMs: number;
}

/** Runs the client process against `server` until it has sent its workload (or, while indexing, until the index is done). */
export async function typeAgainst(server: AlmanacServer, run: TypedRun): Promise<TypedClientResult> {
  const params: TypedClientParams = { origin: server.origin, token: server.token, searches: run.searches, whileIndexing: run.whileIndexing, maxPasses: run.maxPasses, keystrokeMs: run.keystrokeMs };
  return (await forkTask(run.bundlePath, 'typed-client', params, run.timeoutMs)) as TypedClientResult;
}

export function summarizeTyped(samples: readonly TypedSample[]): TypedSummary {
  const slowest = [...samples]
    .sort((a, b) => b.tookMs - a.tookMs)
    .slice(0, 5)
    .map((s) => ({ query: s.query, tookMs: s.tookMs, roundTripMs: s.roundTripMs, total: s.total, totalSections: s.totalSections }));
  return {
    searches: samples.length,
    sequences: new Set(samples.map((s) => s.sequence)).size,
    server: summarize(samples.map((s) => s.tookMs)),
    roundTrip: summarize(samples.map((s) => s.roundTripMs)),
    plain: summarize(samples.filter((s) => !s.filtered).map((s) => s.tookMs)),
    filtered: summarize(samples.filter((s) => s.filtered).map((s) => s.tookMs)),
    slowest,
  };
}
