/**
 * Cold full index in a fresh process: from opening an empty index to the
 * first answered query, with peak memory and the event-loop delay of the
 * process that runs the indexer (the one that also serves the UI).
 */
import type { IndexSummary } from '../../src/shared/api.js';
import { openAlmanac, type AlmanacPaths } from '../almanac.js';
import { cpuMsSince, LoopBlockTracker, LoopDelayMonitor, MemorySampler, now, round, type LoopDelay, type MemoryPeak } from '../measure.js';

export interface ColdIndexParams extends AlmanacPaths {
  firstQuery: string;
}

export interface ColdIndexResult {
  /** open + reindex() */
  indexMs: number;
  /** open + reindex() + the first answered query: files to searchable. */
  toSearchableMs: number;
  firstQueryHits: number;
  summary: Pick<IndexSummary, 'files' | 'indexed' | 'unchanged' | 'removed' | 'digests' | 'sections'> & { skipped: number; warnings: number };
  /** CPU time of the process and its worker threads during reindex() (less sensitive to a busy machine than wall time). */
  cpuMs: number;
  memory: MemoryPeak;
  /** Event-loop delay during reindex() only (the first query is not indexing). */
  loopDelay: LoopDelay;
  /** Ticks more than 50 ms late during reindex(), by indexer phase. */
  loopBlocks: ReturnType<LoopBlockTracker['stop']>;
}

export async function runColdIndex(params: ColdIndexParams): Promise<ColdIndexResult> {
  const sampler = new MemorySampler();
  const loop = new LoopDelayMonitor();
  let phase = 'open';
  const blocks = new LoopBlockTracker(() => phase);
  const cpu = process.cpuUsage();
  const started = now();
  const service = await openAlmanac(params);
  try {
    const off = service.onEvent((event) => {
      if (event.type === 'index-progress') phase = event.progress.phase;
    });
    phase = 'reindex';
    const summary = await service.reindex();
    const indexMs = now() - started;
    const cpuMs = cpuMsSince(cpu);
    const loopDelay = loop.stop();
    const loopBlocks = blocks.stop();
    off();
    const response = await service.search({ query: params.firstQuery, limit: 20 });
    const toSearchableMs = now() - started;
    const memory = sampler.stop();
    return {
      indexMs: round(indexMs),
      toSearchableMs: round(toSearchableMs),
      firstQueryHits: response.total,
      summary: {
        files: summary.files,
        indexed: summary.indexed,
        unchanged: summary.unchanged,
        removed: summary.removed,
        digests: summary.digests,
        sections: summary.sections,
        skipped: summary.skipped.length,
        warnings: summary.warnings.length,
      },
      cpuMs,
      memory,
      loopDelay,
      loopBlocks,
    };
  } finally {
    await service.close();
  }
}
