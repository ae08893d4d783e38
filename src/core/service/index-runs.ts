/**
 * The index-run queue: runs never overlap. A request made during a run gets
 * one follow-up run, shared by every caller that asked meanwhile, because the
 * vault may have changed after the current run read it. The follow-up
 * examines the union of the paths of the targeted requests (the vault
 * watcher's batches), or the whole vault once any request asked for it.
 *
 * Generic over what a run does and returns, so that these rules hold (and are
 * tested) apart from the indexer; it knows nothing about search.
 */

/** Vault-relative paths to examine, or undefined for the whole vault. */
export type RunPaths = readonly string[] | undefined;

/** One run: examines `paths` and stops early once `signal` is aborted. */
export type RunFunction<T> = (paths: RunPaths, signal: AbortSignal) => Promise<T>;

/** The run queued behind the current one: the union of the requests made meanwhile. */
interface QueuedRun<T> {
  promise: Promise<T>;
  /** Paths of targeted requests, or 'all' once any request wanted the whole vault. */
  scope: Set<string> | 'all';
}

export class IndexRunQueue<T> {
  private running: Promise<T> | null = null;
  private queued: QueuedRun<T> | null = null;
  private abort: AbortController | null = null;

  /**
   * @param run performs one run.
   * @param onIdle called when a run has settled and none is queued behind it
   *   (work that yields to runs, such as the warmer, resumes then).
   */
  constructor(
    private readonly run: RunFunction<T>,
    private readonly onIdle: () => void = () => undefined,
  ) {}

  /** A run is going or queued. */
  get busy(): boolean {
    return this.running !== null || this.queued !== null;
  }

  /** Starts a run now, or joins the follow-up run when one is going. */
  request(paths: RunPaths): Promise<T> {
    if (!this.running) return this.start(paths);
    if (this.queued) {
      const { scope } = this.queued;
      if (paths === undefined) this.queued.scope = 'all';
      else if (scope !== 'all') for (const p of paths) scope.add(p);
      return this.queued.promise;
    }
    const queued: QueuedRun<T> = {
      scope: paths === undefined ? 'all' : new Set(paths),
      promise: this.running
        .then(
          () => undefined,
          () => undefined,
        )
        .then(() => {
          this.queued = null;
          return this.start(queued.scope === 'all' ? undefined : [...queued.scope]);
        }),
    };
    this.queued = queued;
    return queued.promise;
  }

  /** Resolves when no run is going or queued. */
  async idle(): Promise<void> {
    while (this.busy) await Promise.allSettled([this.running, this.queued?.promise]);
  }

  /**
   * Aborts the run going and waits until no run is left. The follow-up runs
   * (its callers asked after the aborted run had read the vault); one started
   * by a request made meanwhile is aborted in turn.
   */
  async cancel(): Promise<void> {
    while (this.busy) {
      this.abort?.abort();
      await Promise.allSettled([this.running, this.queued?.promise]);
    }
  }

  private start(paths: RunPaths): Promise<T> {
    const abort = new AbortController();
    this.abort = abort;
    const run: Promise<T> = this.invoke(paths, abort.signal).finally(() => {
      if (this.abort === abort) this.abort = null;
      if (this.running !== run) return;
      this.running = null;
      if (!this.queued) this.onIdle();
    });
    this.running = run;
    return run;
  }

  /** A run function that throws instead of rejecting still settles the callers' promise. */
  private invoke(paths: RunPaths, signal: AbortSignal): Promise<T> {
    try {
      return this.run(paths, signal);
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }
}
