/**
 * A serving process: open the indexed vault, answer one query cold, get
 * ready as the app and `almanac serve` do once idle after opening
 * (AlmanacService.warmUp: typo vocabulary, warming searches built from the
 * index's own newest digest - never from this query set), run the fixed
 * query set (first page, as the UI asks), then idle and read the resident
 * memory at rest. Then web mode: the `almanac serve` server over the same
 * service, the typed-prefix workload sent to it by a client process (server
 * `tookMs` and HTTP round trip), and the memory at rest after it.
 */
import { openAlmanac, type AlmanacPaths, type AlmanacService } from '../almanac.js';
import { toRequest, type BenchQuery, type QueryKind } from '../queries.js';
import { cpuMsSince, now, restMemory, round, summarize, type LatencySummary, type RestMemory } from '../measure.js';
import type { TypedSearch } from '../typed.js';
import { startWebServer, summarizeTyped, typeAgainst, type TypedSummary } from '../web/serving.js';
import type { AlmanacServer } from '../../src/server/server.js';

export interface ServeParams extends AlmanacPaths {
  /** Timed queries in all (the fixed set repeated and cut to this count). */
  queries: number;
  /** The fixed query set (bench/queries.ts, or the real corpus's own). */
  set: BenchQuery[];
  /** The typed-prefix workload (bench/typed.ts). */
  typed: TypedSearch[];
  restMs: number;
  /** This bundle, which the typing client forks. */
  bundlePath: string;
  /** An empty folder for the web server's static files. */
  staticDir: string;
}

export interface QueryStat {
  query: string;
  kind: QueryKind;
  sort: string;
  facets: boolean;
  medianMs: number;
  maxMs: number;
  total: number;
  totalSections: number;
  notices: string[];
}

export interface ServeResult {
  latency: LatencySummary;
  /**
   * CPU time per query (this process, all threads). On a machine shared with
   * other work, wall time includes waiting for a core; CPU time does not.
   */
  cpuLatency: LatencySummary;
  byKind: Record<string, LatencySummary>;
  /** The first timed run of each query only (no earlier run of it in this process). */
  firstPass: LatencySummary;
  /** The first (cold) run of the first query, before the warm-up; not counted in the latency. */
  firstQueryMs: number;
  /** AlmanacService.warmUp() after that first query, until its warming searches had run. */
  warmUpMs: number;
  queries: QueryStat[];
  rest: RestMemory;
  /** The typed-prefix workload through web mode, and the memory at rest after it. */
  typed: (TypedSummary & { rest: RestMemory }) | null;
}

type FixedSetResult = Pick<ServeResult, 'latency' | 'cpuLatency' | 'byKind' | 'firstPass' | 'queries'>;

/** The fixed set cycled to `count` timed searches, in process. */
async function timeFixedSet(service: AlmanacService, set: readonly BenchQuery[], count: number): Promise<FixedSetResult> {
  const samples: number[] = [];
  const cpuSamples: number[] = [];
  const perQuery = new Map<number, { ms: number[]; total: number; totalSections: number; notices: string[] }>();
  const byKind = new Map<string, number[]>();
  for (let i = 0; i < count; i++) {
    const index = i % set.length;
    const query = set[index] as BenchQuery;
    const cpu = process.cpuUsage();
    const started = now();
    const response = await service.search(toRequest(query));
    const ms = now() - started;
    cpuSamples.push(cpuMsSince(cpu));
    samples.push(ms);
    const stat = perQuery.get(index) ?? { ms: [], total: response.total, totalSections: response.totalSections, notices: response.notices.map((n) => n.message) };
    stat.ms.push(ms);
    perQuery.set(index, stat);
    byKind.set(query.kind, [...(byKind.get(query.kind) ?? []), ms]);
  }
  return {
    latency: summarize(samples),
    cpuLatency: summarize(cpuSamples),
    byKind: Object.fromEntries([...byKind].map(([kind, ms]) => [kind, summarize(ms)])),
    firstPass: summarize(samples.slice(0, set.length)),
    queries: [...perQuery].map(([index, stat]) => {
      const query = set[index] as BenchQuery;
      const s = summarize(stat.ms);
      return { query: query.query, kind: query.kind, sort: query.sort, facets: query.facets, medianMs: s.p50, maxMs: s.max, total: stat.total, totalSections: stat.totalSections, notices: stat.notices };
    }),
  };
}

export async function runServe(params: ServeParams): Promise<ServeResult> {
  const service = await openAlmanac(params);
  let server: AlmanacServer | null = null;
  try {
    const first = params.set[0];
    if (!first) throw new Error('bench: the query set is empty');
    const t0 = now();
    await service.search(toRequest(first));
    const firstQueryMs = now() - t0;
    const t1 = now();
    await service.warmUp();
    const warmUpMs = now() - t1;
    const fixed = await timeFixedSet(service, params.set, params.queries);
    const rest = await restMemory(params.restMs);
    let typed: ServeResult['typed'] = null;
    if (params.typed.length > 0) {
      server = await startWebServer(service, params.staticDir);
      const run = await typeAgainst(server, { bundlePath: params.bundlePath, searches: params.typed, whileIndexing: false, maxPasses: 1, keystrokeMs: 0, timeoutMs: 600_000 });
      typed = { ...summarizeTyped(run.samples), rest: await restMemory(params.restMs) };
    }
    return { ...fixed, firstQueryMs: round(firstQueryMs, 2), warmUpMs: round(warmUpMs, 1), rest, typed };
  } finally {
    await server?.close();
    await service.close();
  }
}
