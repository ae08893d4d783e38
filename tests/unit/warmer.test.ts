import { describe, expect, it } from 'vitest';
import type { SearchRequest, SearchResponse } from '../../src/shared/api.js';
import { WARM_UP_ROUNDS, Warmer, type WarmableEngine, type WarmerParts } from '../../src/core/service/warmer.js';

/** An engine that records what the warmer asks of it, into a log shared with the test. */
class RecordingEngine implements WarmableEngine {
  warmed = 0;
  searches: string[] = [];
  failWarmUpRequests = false;
  failSearchAt = -1;
  onSearch: (() => void) | null = null;

  constructor(
    private readonly log: string[],
    private readonly requests: string[] = ['a', 'b', 'c'],
  ) {}

  warm(): void {
    this.warmed++;
  }

  vocabularySettled(): Promise<void> {
    return Promise.resolve();
  }

  warmUpRequests(): SearchRequest[] {
    if (this.failWarmUpRequests) throw new Error('database disk image is malformed');
    return this.requests.map((query) => ({ query }));
  }

  search(request: SearchRequest): SearchResponse {
    if (this.searches.length === this.failSearchAt) throw new Error('search failed');
    this.searches.push(request.query);
    this.log.push(`search ${request.query}`);
    this.onSearch?.();
    return {} as SearchResponse;
  }
}

interface Setup {
  warmer: Warmer;
  engine: RecordingEngine;
  log: string[];
  /** The owner's side: a run flag, a parse pool counter and a replaceable engine. */
  state: { busy: boolean; pools: number; engine: RecordingEngine | null };
}

function setup(requests?: string[]): Setup {
  const log: string[] = [];
  const engine = new RecordingEngine(log, requests);
  const state = { busy: false, pools: 0, engine: engine as RecordingEngine | null };
  const parts: WarmerParts = {
    busy: () => state.busy,
    warmParsePool: () => {
      state.pools++;
    },
    engine: () => (state.engine ??= new RecordingEngine(log, requests)),
    currentEngine: () => state.engine,
  };
  return { warmer: new Warmer(parts), engine, log, state };
}

/** Resolves after `turns` turns of the event loop. */
async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
}

function tracked(p: Promise<void>): { done: boolean } {
  const t = { done: false };
  void p.then(() => (t.done = true));
  return t;
}

describe('Warmer', () => {
  it('warms the parse pool and the vocabulary, then runs the warming searches for every round', async () => {
    const { warmer, engine, state } = setup();
    await warmer.request();
    expect(state.pools).toBe(1);
    expect(engine.warmed).toBe(1);
    expect(WARM_UP_ROUNDS).toBe(3);
    expect(engine.searches).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'a', 'b', 'c']);
  });

  it('stops once the searches have used up their time budget, whatever the index holds', async () => {
    const { engine, state } = setup(['a', 'b', 'c']);
    const clock = { t: 0 };
    engine.onSearch = () => (clock.t += 400); // each search "takes" 400 ms
    const parts: WarmerParts = { busy: () => false, warmParsePool: () => undefined, engine: () => engine, currentEngine: () => state.engine };
    await new Warmer(parts, WARM_UP_ROUNDS, { ms: 1000, now: () => clock.t }).request();
    // 400, 800, 1200 ms: the third search passes the budget, and nothing runs after it.
    expect(engine.searches).toEqual(['a', 'b', 'c']);
  });

  it('runs one search per turn of the event loop', async () => {
    const { warmer, log } = setup(['a', 'b', 'c', 'd']);
    let ticking = true;
    const tick = (): void => {
      if (!ticking) return;
      log.push('tick');
      setImmediate(tick);
    };
    setImmediate(tick);
    await warmer.request();
    ticking = false;
    const searches = log.map((entry, i) => (entry.startsWith('search') ? i : -1)).filter((i) => i >= 0);
    expect(searches).toHaveLength(12);
    for (let k = 1; k < searches.length; k++) expect(searches[k]! - searches[k - 1]!, log.join(', ')).toBeGreaterThan(1);
  });

  it('waits while a run is going, and starts when the owner resumes it after the run', async () => {
    const { warmer, engine, state } = setup();
    state.busy = true;
    const warmed = tracked(warmer.request());
    await turns(5);
    expect(state.pools).toBe(0);
    expect(engine.searches).toEqual([]);
    state.busy = false;
    warmer.resume();
    await turns(20);
    expect(warmed.done).toBe(true);
    expect(engine.searches).toHaveLength(9);
  });

  it('stops when a run starts, and starts over after it; those waiting are told only at the end', async () => {
    const { warmer, engine, state } = setup();
    engine.onSearch = () => {
      if (engine.searches.length === 2) state.busy = true; // a run starts after the second search
    };
    const warmed = tracked(warmer.request());
    await turns(10);
    expect(engine.searches).toEqual(['a', 'b']);
    expect(warmed.done).toBe(false);
    engine.onSearch = null;
    state.busy = false;
    warmer.resume();
    await turns(20);
    expect(warmed.done).toBe(true);
    expect(engine.searches).toEqual(['a', 'b', 'a', 'b', 'c', 'a', 'b', 'c', 'a', 'b', 'c']);
    expect(state.pools).toBe(2);
  });

  it('stops at close and lets every waiter go, also one that asked while the searches ran', async () => {
    const { warmer, engine } = setup();
    const first = tracked(warmer.request());
    let second: { done: boolean } | null = null;
    engine.onSearch = () => {
      if (engine.searches.length === 1) second = tracked(warmer.request());
      if (engine.searches.length === 2) warmer.close();
    };
    await turns(20);
    expect(engine.searches).toEqual(['a', 'b']);
    expect(first.done).toBe(true);
    expect(second).toEqual({ done: true });
    // After close a request resolves at once and warms nothing.
    await warmer.request();
    expect(engine.searches).toHaveLength(2);
  });

  it('stops when the owner replaces its engine (another vault)', async () => {
    const { warmer, engine, state } = setup();
    engine.onSearch = () => {
      if (engine.searches.length === 1) state.engine = null;
    };
    await warmer.request();
    expect(engine.searches).toEqual(['a']);
    expect(state.engine).toBeNull(); // the warmer does not create an engine just to compare
  });

  it('gives up quietly on a damaged index: warmUpRequests or a search throws', async () => {
    const damaged = setup();
    damaged.engine.failWarmUpRequests = true;
    await damaged.warmer.request();
    expect(damaged.engine.searches).toEqual([]);

    const failing = setup();
    failing.engine.failSearchAt = 4;
    await failing.warmer.request();
    expect(failing.engine.searches).toEqual(['a', 'b', 'c', 'a']);
  });

  it('creates the engine when there is none yet', async () => {
    const { warmer, state } = setup();
    state.engine = null;
    await warmer.request();
    const created = state.engine as RecordingEngine | null; // set by the warmer
    expect(created?.searches).toHaveLength(9);
  });
});
