/**
 * The warm-up state machine behind AlmanacService.warmUp(): gets ready for the
 * user once the index is open. Starts a parse worker ahead of the first
 * change, so that the first edit is not delayed by a worker loading the
 * parser; reads the typo vocabulary in the background, so that the first
 * English query does not wait for it; then runs the warming searches
 * (search/warm-up.ts), one per turn of the event loop, so that V8 has compiled
 * the search path before the user's first searches.
 *
 * Waits until no index run is going, so that it does not compete with the
 * first one; a run that starts meanwhile stops the warming searches, which
 * start again when it ends (the owner calls resume()). Those waiting are told
 * when the searches have run, or at close.
 */
import type { SearchRequest } from '../../shared/api.js';
import type { SearchEngine } from '../search/engine.js';

/**
 * Times the warming searches run. Measured at 10k digests: see
 * docs/PERFORMANCE.md, "Warming searches".
 */
export const WARM_UP_ROUNDS = 3;

/**
 * Most milliseconds the warming searches may spend searching, all rounds
 * together (the waits between them not counted). At 10k digests all of them
 * take a fraction of this; whatever an index holds, warming must never keep
 * the process busy for long on its own.
 */
export const WARM_UP_BUDGET_MS = 5_000;

/** The time the warming searches may take and the clock that measures it (tests pass their own). */
export interface WarmUpBudget {
  ms: number;
  now(): number;
}

/** What the warmer uses of the search engine. */
export type WarmableEngine = Pick<SearchEngine, 'warm' | 'vocabularySettled' | 'warmUpRequests' | 'search'>;

/** The owner's parts the warmer looks at; read on each use, since the owner replaces them (another vault). */
export interface WarmerParts {
  /** An index run is going or queued. */
  busy(): boolean;
  /** Starts a parse worker, so that the first change does not wait for one. */
  warmParsePool(): void;
  /** The search engine, created if there is none yet. */
  engine(): WarmableEngine;
  /** The search engine in use now, without creating one: the warming searches stop once it is replaced. */
  currentEngine(): WarmableEngine | null;
}

function yieldTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export class Warmer {
  /** Warming was asked for and has not started yet (or was interrupted by a run). */
  private wanted = false;
  /** Resolvers of request() calls, settled when the warming searches have run (or at close). */
  private readonly waiters: (() => void)[] = [];
  private searching = false;
  private closed = false;

  constructor(
    private readonly parts: WarmerParts,
    private readonly rounds: number = WARM_UP_ROUNDS,
    private readonly budget: WarmUpBudget = { ms: WARM_UP_BUDGET_MS, now: () => performance.now() },
  ) {}

  /** Warms once no run is going; resolves when the warming searches have run, or at close. */
  request(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.wanted = true;
    const done = new Promise<void>((resolve) => this.waiters.push(resolve));
    setImmediate(() => this.resume());
    return done;
  }

  /** Starts the warming asked for, unless a run is going (its end calls this again). */
  resume(): void {
    if (this.closed || !this.wanted || this.parts.busy() || this.searching) return;
    this.wanted = false;
    this.parts.warmParsePool();
    const engine = this.parts.engine();
    engine.warm();
    const waiters = this.waiters.splice(0);
    this.searching = true;
    void this.runSearches(engine).finally(() => {
      this.searching = false;
      if (this.wanted && !this.closed) {
        // Interrupted by a run (which calls resume when it ends): those waiting wait for the repeat.
        this.waiters.unshift(...waiters);
        this.resume();
      } else {
        for (const resolve of waiters) resolve();
      }
    });
  }

  /** Stops warming for good and lets everyone waiting go. */
  close(): void {
    this.closed = true;
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  private async runSearches(engine: WarmableEngine): Promise<void> {
    await engine.vocabularySettled();
    await yieldTurn();
    if (this.stale(engine)) return;
    let requests: SearchRequest[];
    try {
      requests = engine.warmUpRequests();
    } catch {
      return; // a damaged index: the user's searches will say so
    }
    let spent = 0;
    for (let round = 0; round < this.rounds; round++) {
      for (const request of requests) {
        await yieldTurn();
        if (this.stale(engine) || spent > this.budget.ms) return;
        if (this.parts.busy()) {
          this.wanted = true;
          return;
        }
        const started = this.budget.now();
        try {
          engine.search(request);
        } catch {
          return;
        } finally {
          spent += this.budget.now() - started;
        }
      }
    }
  }

  /** Closed, or the engine was replaced (another vault): its searches would warm nothing in use. */
  private stale(engine: WarmableEngine): boolean {
    return this.closed || this.parts.currentEngine() !== engine;
  }
}
