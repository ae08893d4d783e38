/**
 * Runs an async function over items with bounded concurrency, and hands the
 * results on in input order: the indexer reads and parses many files at once
 * but must write them in scan order, so a fresh index is the same whatever
 * the timing.
 *
 * - At most `concurrency` calls run at once.
 * - At most `window` items are started but not yet delivered: one slow item
 *   holds at most `window - 1` finished results behind it (bounds memory).
 * - Work goes on while the consumer is busy with a result (up to the window);
 *   a result that finishes meanwhile waits for it, it is never lost.
 * - The first call that fails (in time) is fatal: no further item starts, no
 *   further result is delivered, and once the running calls have settled the
 *   sequence throws that error. An abort before the last result does the
 *   same and throws the signal's reason. A consumer that stops early stops
 *   it the same way (the running calls settle before its loop exits).
 */

export interface OrderedMapOptions {
  /** Calls running at once, at most (a positive integer). */
  concurrency: number;
  /** Items started but not yet delivered, at most (a positive integer). */
  window: number;
  /** Stops the run: see the module comment. */
  signal?: AbortSignal;
}

function checkLimit(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`orderedMap: ${name} must be a positive integer (got ${value})`);
}

/** The results of `fn` over `items`, in the order of `items`. */
export async function* orderedMap<T, R>(
  items: readonly T[],
  fn: (item: T, index: number) => Promise<R>,
  options: OrderedMapOptions,
): AsyncGenerator<R, void, undefined> {
  checkLimit('concurrency', options.concurrency);
  checkLimit('window', options.window);
  const { signal } = options;
  const finished = new Map<number, R>();
  let started = 0;
  let delivered = 0;
  let running = 0;
  let failure = null as { error: unknown } | null; // set in callbacks: the cast keeps TypeScript from narrowing it to null
  let closing = false;
  let wake: (() => void) | null = null;
  const notify = (): void => {
    const w = wake;
    wake = null;
    w?.();
  };
  const sleep = (): Promise<void> => new Promise<void>((resolve) => (wake = resolve));
  const stopped = (): boolean => closing || failure !== null || signal?.aborted === true;
  const startMore = (): void => {
    while (!stopped() && started < items.length && running < options.concurrency && started - delivered < options.window) {
      const i = started++;
      running++;
      void (async () => fn(items[i]!, i))()
        .then(
          (result) => void finished.set(i, result),
          (error: unknown) => void (failure ??= { error }),
        )
        .finally(() => {
          running--;
          startMore();
          notify();
        });
    }
  };

  signal?.addEventListener('abort', notify);
  try {
    startMore();
    while (delivered < items.length && !stopped()) {
      if (!finished.has(delivered)) {
        await sleep(); // a call settles (or the signal aborts): look again
        continue;
      }
      const result = finished.get(delivered)!;
      finished.delete(delivered);
      delivered++;
      startMore();
      yield result;
    }
  } finally {
    closing = true; // also when the consumer stopped early
    signal?.removeEventListener('abort', notify);
    while (running > 0) await sleep();
  }
  if (delivered === items.length) return;
  if (failure) throw failure.error;
  throw signal?.reason;
}
