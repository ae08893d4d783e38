/**
 * The research tools at the corpus size (issue 18): a 6-query monthly trend
 * through the service (first after open, then warm), and what the mentions
 * facet adds to a search: reading the mention index once per index
 * generation, and counting the names over each bench query's matching
 * digests (the work countFacets adds to every first page).
 */
import BetterSqlite3 from 'better-sqlite3';
import { DigestCatalog } from '../../src/core/search/catalog.js';
import { SearchEngine } from '../../src/core/search/engine.js';
import { openAlmanac, type AlmanacPaths } from '../almanac.js';
import { now, round, summarize, type LatencySummary } from '../measure.js';
import type { BenchQuery } from '../queries.js';

export interface TrendsBenchParams extends AlmanacPaths {
  queries: BenchQuery[];
  /** Warm trends measured. */
  runs: number;
}

export interface TrendsBenchResult {
  /** The trend's queries: the first six distinct bench queries. */
  queries: string[];
  periods: number;
  firstMs: number;
  warm: LatencySummary;
  mentions: {
    /** Reading the mention tables into the index (once per index generation). */
    loadMs: number;
    /** Distinct names (by key) in the index. */
    names: number;
    /** Counting the top names over each bench query's matching digests. */
    count: LatencySummary;
  };
}

async function timeTrends(params: TrendsBenchParams, queries: string[]): Promise<Pick<TrendsBenchResult, 'periods' | 'firstMs' | 'warm'>> {
  const service = await openAlmanac(params);
  try {
    const request = { queries, by: 'month' as const };
    let started = now();
    const first = await service.trends(request);
    const firstMs = now() - started;
    const samples: number[] = [];
    for (let i = 0; i < params.runs; i++) {
      started = now();
      await service.trends(request);
      samples.push(now() - started);
    }
    return { periods: first.periods.length, firstMs: round(firstMs, 2), warm: summarize(samples) };
  } finally {
    await service.close();
  }
}

function timeMentions(params: TrendsBenchParams): TrendsBenchResult['mentions'] {
  const db = new BetterSqlite3(params.dbPath, { readonly: true });
  try {
    const catalog = DigestCatalog.load(db);
    let started = now();
    const index = catalog.mentions();
    const loadMs = now() - started;
    const positionOf = new Map(Array.from({ length: catalog.size }, (_, i) => [catalog.pathOf(i), i] as const));
    const engine = new SearchEngine(db);
    const matching = params.queries.map((q) => Int32Array.from(engine.matchingPaths({ query: q.query }), (p) => positionOf.get(p) ?? 0));
    const samples: number[] = [];
    for (let pass = 0; pass < 3; pass++) {
      for (const positions of matching) {
        started = now();
        index.count(positions);
        samples.push(now() - started);
      }
    }
    return { loadMs: round(loadMs, 2), names: index.keyCount, count: summarize(samples) };
  } finally {
    db.close();
  }
}

export async function runTrendsBench(params: TrendsBenchParams): Promise<TrendsBenchResult> {
  const queries = [...new Set(params.queries.map((q) => q.query))].slice(0, 6);
  const trends = await timeTrends(params, queries);
  return { queries, ...trends, mentions: timeMentions(params) };
}
