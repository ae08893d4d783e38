/**
 * A serving process: open the indexed vault, answer one query cold, get
 * ready as the app and `almanac serve` do once idle after opening
 * (AlmanacService.warmUp: typo vocabulary, warming searches built from the
 * index's own newest digest - never from this query set), run the fixed
 * query set (first page, as the UI asks), then idle and read the resident
 * memory at rest.
 */
import { openAlmanac, type AlmanacPaths } from '../almanac.js';
import { BENCH_QUERIES, toRequest, type QueryKind } from '../queries.js';
import { cpuMsSince, now, procStatus, round, summarize, toMb, type LatencySummary } from '../measure.js';

export interface ServeParams extends AlmanacPaths {
  /** Timed queries in all (the fixed set repeated and cut to this count). */
  queries: number;
  restMs: number;
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
  rest: {
    rssMb: number | null;
    /** Of the RSS: mapped files (the index, read through SQLite's mmap: shared, reclaimable page cache) and anonymous memory. */
    rssFileMb: number | null;
    rssAnonMb: number | null;
    heapUsedMb: number;
    heapTotalMb: number;
    externalMb: number;
  };
}

export async function runServe(params: ServeParams): Promise<ServeResult> {
  const service = await openAlmanac(params);
  try {
    const set = BENCH_QUERIES;
    const first = set[0];
    if (!first) throw new Error('bench: the query set is empty');
    const t0 = now();
    await service.search(toRequest(first));
    const firstQueryMs = now() - t0;
    const t1 = now();
    await service.warmUp();
    const warmUpMs = now() - t1;
    const samples: number[] = [];
    const cpuSamples: number[] = [];
    const perQuery = new Map<number, { ms: number[]; total: number; totalSections: number; notices: string[] }>();
    const byKind = new Map<string, number[]>();
    for (let i = 0; i < params.queries; i++) {
      const index = i % set.length;
      const query = set[index];
      if (!query) continue;
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
    await new Promise((resolve) => setTimeout(resolve, params.restMs));
    const mem = process.memoryUsage();
    const status = procStatus();
    const rss = status.VmRSS;
    return {
      latency: summarize(samples),
      cpuLatency: summarize(cpuSamples),
      byKind: Object.fromEntries([...byKind].map(([kind, ms]) => [kind, summarize(ms)])),
      firstPass: summarize(samples.slice(0, set.length)),
      firstQueryMs: round(firstQueryMs, 2),
      warmUpMs: round(warmUpMs, 1),
      queries: [...perQuery].map(([index, stat]) => {
        const query = set[index] as (typeof set)[number];
        const s = summarize(stat.ms);
        return {
          query: query.query,
          kind: query.kind,
          sort: query.sort,
          facets: query.facets,
          medianMs: s.p50,
          maxMs: s.max,
          total: stat.total,
          totalSections: stat.totalSections,
          notices: stat.notices,
        };
      }),
      rest: {
        rssMb: toMb(rss ?? mem.rss),
        rssFileMb: status.RssFile === undefined ? null : toMb(status.RssFile),
        rssAnonMb: status.RssAnon === undefined ? null : toMb(status.RssAnon),
        heapUsedMb: toMb(mem.heapUsed),
        heapTotalMb: toMb(mem.heapTotal),
        externalMb: toMb(mem.external),
      },
    };
  } finally {
    await service.close();
  }
}
