/**
 * Search while indexing: a serving process opens the vault on an empty
 * index, starts web mode and the first, cold index (as the app and
 * `almanac serve` do on first open), and a client process types the
 * typed-prefix workload, pass after pass, until the index is done. Measured:
 * the keystrokes sent before the index finished (server `tookMs`, HTTP round
 * trip), and this process's event loop: its longest blocks, each labelled
 * 'search' when a search ran in it, else with the indexer's phase. A block
 * that is not a search is time a keystroke could have waited on the indexer.
 */
import fs from 'node:fs';
import type { AlmanacServer } from '../../src/server/server.js';
import type { SearchRequest } from '../../src/shared/api.js';
import { openAlmanac, type AlmanacPaths, type AlmanacService } from '../almanac.js';
import { LoopBlockTracker, LoopDelayMonitor, MemorySampler, now, round, type LoopBlock, type LoopDelay, type MemoryPeak } from '../measure.js';
import type { TypedSearch } from '../typed.js';
import { startWebServer, summarizeTyped, typeAgainst, type TypedSummary } from '../web/serving.js';

export interface TypingWhileIndexingParams extends AlmanacPaths {
  typed: TypedSearch[];
  bundlePath: string;
  staticDir: string;
  /** Upper bound of workload passes (the index normally ends the typing first). */
  maxPasses: number;
  /** Least time between keystrokes. */
  keystrokeMs: number;
  timeoutMs: number;
}

export interface TypingWhileIndexingResult extends TypedSummary {
  /** reindex() from start to end, with the typing going on. */
  indexMs: number;
  digests: number;
  passes: number;
  /** Keystrokes answered after the index had finished (not counted above). */
  afterIndex: number;
  loopDelay: LoopDelay;
  /** Blocks over 20 ms: the longest, and by activity ('search' or the indexer's phase). */
  loopBlocks: { count: number; longest: LoopBlock[]; byActivity: Record<string, { count: number; maxMs: number }> };
  /** The longest block in which no search ran (0 when none passed 20 ms). */
  longestOutsideSearchMs: number;
  memory: MemoryPeak;
}

const BLOCK_THRESHOLD_MS = 20;
/** The phase label once reindex() has returned (the client finishes its query; not counted). */
const AFTER = 'over';

/** The service as the server sees it, noting when each search ends (to label the event-loop blocks). */
function watchSearches(service: AlmanacService, onSearchEnd: () => void): AlmanacService {
  return new Proxy(service, {
    get(target, prop, receiver) {
      if (prop === 'search') {
        return async (request: SearchRequest) => {
          try {
            return await target.search(request);
          } finally {
            onSearchEnd();
          }
        };
      }
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export async function runTypingWhileIndexing(params: TypingWhileIndexingParams): Promise<TypingWhileIndexingResult> {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${params.dbPath}${suffix}`, { force: true });
  const service = await openAlmanac(params);
  let server: AlmanacServer | null = null;
  try {
    let phase = 'open';
    let searchEndedAt = -Infinity;
    const off = service.onEvent((event) => {
      if (event.type === 'index-progress') phase = event.progress.phase;
    });
    server = await startWebServer(
      watchSearches(service, () => (searchEndedAt = now())),
      params.staticDir,
    );
    const sampler = new MemorySampler();
    const loop = new LoopDelayMonitor();
    const blocks = new LoopBlockTracker((since) => (searchEndedAt >= since ? 'search' : `index: ${phase}`), BLOCK_THRESHOLD_MS);
    const started = now();
    let indexEndAt = Infinity;
    const indexing = service.reindex().then((summary) => {
      indexEndAt = performance.timeOrigin + now();
      phase = AFTER;
      return { summary, ms: now() - started };
    });
    const [index, typing] = await Promise.all([
      indexing,
      typeAgainst(server, { bundlePath: params.bundlePath, searches: params.typed, whileIndexing: true, maxPasses: params.maxPasses, keystrokeMs: params.keystrokeMs, timeoutMs: params.timeoutMs }),
    ]);
    const loopBlocks = blocks.stop();
    const loopDelay = loop.stop();
    off();
    const during = typing.samples.filter((s) => s.sentAt < indexEndAt);
    const outside = Object.entries(loopBlocks.byActivity).filter(([activity]) => activity !== 'search' && activity !== `index: ${AFTER}`);
    return {
      ...summarizeTyped(during),
      indexMs: round(index.ms),
      digests: index.summary.digests,
      passes: typing.passes,
      afterIndex: typing.samples.length - during.length,
      loopDelay,
      loopBlocks,
      longestOutsideSearchMs: Math.max(0, ...outside.map(([, b]) => b.maxMs)),
      memory: sampler.stop(),
    };
  } finally {
    await server?.close();
    await service.close();
  }
}
