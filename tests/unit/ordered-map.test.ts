import { describe, expect, it } from 'vitest';
import { orderedMap, type OrderedMapOptions } from '../../src/core/index/ordered-map.js';
import { seededRandom } from '../helpers/reliability-tools.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A promise resolved from outside. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** Counts the calls running at once, and which items were started. */
function tracker() {
  const t = { running: 0, maxRunning: 0, started: [] as number[] };
  const track = async <R>(i: number, work: () => Promise<R>): Promise<R> => {
    t.started.push(i);
    t.running++;
    t.maxRunning = Math.max(t.maxRunning, t.running);
    try {
      return await work();
    } finally {
      t.running--;
    }
  };
  return { t, track };
}

async function collect<R>(source: AsyncIterable<R>): Promise<R[]> {
  const out: R[] = [];
  for await (const r of source) out.push(r);
  return out;
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('orderedMap', () => {
  it('delivers every result in input order under random delays, with at most `concurrency` calls running', async () => {
    const random = seededRandom(7);
    const delays = range(120).map(() => Math.floor(random() * 8));
    const { t, track } = tracker();
    const results = await collect(orderedMap(range(120), (i) => track(i, async () => (await sleep(delays[i]!), `r${i}`)), { concurrency: 5, window: 16 }));
    expect(results).toEqual(range(120).map((i) => `r${i}`));
    expect(t.maxRunning).toBe(5);
    expect(t.started).toHaveLength(120);
  });

  it('keeps working while the consumer is slow, and loses no result that finished meanwhile', async () => {
    const { t, track } = tracker();
    const delivered: number[] = [];
    for await (const r of orderedMap(range(30), (i) => track(i, async () => (await sleep(i % 3), i)), { concurrency: 4, window: 8 })) {
      delivered.push(r);
      // Everything still running finishes while the consumer waits (as a batch waits for the previous write).
      await sleep(20);
      expect(t.running).toBe(0);
      expect(t.started).toHaveLength(Math.min(30, delivered.length + 8)); // the window filled meanwhile
    }
    expect(delivered).toEqual(range(30));
  });

  it('starts at most `window` items ahead of the first one not yet delivered', async () => {
    const slow = gate();
    const { t, track } = tracker();
    const options: OrderedMapOptions = { concurrency: 4, window: 10 };
    const run = collect(orderedMap(range(50), (i) => track(i, () => (i === 0 ? slow.promise.then(() => i) : Promise.resolve(i))), options));
    await sleep(30);
    // Item 0 is still running: items 1-9 are finished and wait behind it, item 10 has not started.
    expect(t.started).toEqual(range(10));
    expect(t.running).toBe(1);
    slow.open();
    expect(await run).toEqual(range(50));
  });

  it('stops at the first failure: nothing more starts or is delivered, and the running calls settle before it throws', async () => {
    const { t, track } = tracker();
    const delivered: number[] = [];
    const settled: number[] = [];
    const source = orderedMap(
      range(100),
      (i) =>
        track(i, async () => {
          await sleep(i === 12 ? 1 : 15);
          settled.push(i);
          if (i === 12) throw new Error('item 12 failed');
          return i;
        }),
      { concurrency: 4, window: 64 },
    );
    await expect(
      (async () => {
        for await (const r of source) delivered.push(r);
      })(),
    ).rejects.toThrow('item 12 failed');
    expect(t.running).toBe(0);
    expect(settled.sort((a, b) => a - b)).toEqual(t.started.slice().sort((a, b) => a - b));
    expect(Math.max(...t.started)).toBeLessThan(20);
    expect(delivered.every((r, k) => r === k && r < 12)).toBe(true);
  });

  it('treats a call that throws synchronously as a failure', async () => {
    const fn = (i: number): Promise<number> => {
      if (i === 2) throw new Error('sync failure of item 2');
      return Promise.resolve(i);
    };
    await expect(collect(orderedMap(range(5), fn, { concurrency: 1, window: 1 }))).rejects.toThrow('sync failure of item 2');
  });

  it('stops on abort and throws the signal reason once the running calls have settled', async () => {
    const controller = new AbortController();
    const { t, track } = tracker();
    const delivered: number[] = [];
    let startedAtAbort = 0;
    const source = orderedMap(range(100), (i) => track(i, async () => (await sleep(5), i)), { concurrency: 3, window: 10, signal: controller.signal });
    const consumed = (async () => {
      for await (const r of source) {
        delivered.push(r);
        if (r === 6) {
          startedAtAbort = t.started.length;
          controller.abort(new Error('stop here'));
        }
      }
    })();
    await expect(consumed).rejects.toThrow('stop here');
    expect(t.running).toBe(0);
    expect(delivered).toEqual(range(7));
    expect(t.started).toHaveLength(startedAtAbort);
  });

  it('starts nothing when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('aborted before'));
    const { t, track } = tracker();
    await expect(collect(orderedMap(range(3), (i) => track(i, () => Promise.resolve(i)), { concurrency: 2, window: 2, signal: controller.signal }))).rejects.toThrow(
      'aborted before',
    );
    expect(t.started).toEqual([]);
  });

  it('completes normally when the signal aborts after the last result', async () => {
    const controller = new AbortController();
    const out: number[] = [];
    for await (const r of orderedMap(range(3), (i) => Promise.resolve(i), { concurrency: 2, window: 2, signal: controller.signal })) {
      out.push(r);
      if (r === 2) controller.abort();
    }
    expect(out).toEqual([0, 1, 2]);
  });

  it('a consumer that stops early stops new calls, and its loop exits once the running ones settle', async () => {
    const { t, track } = tracker();
    let startedAtBreak = 0;
    for await (const r of orderedMap(range(100), (i) => track(i, async () => (await sleep(3), i)), { concurrency: 4, window: 8 })) {
      startedAtBreak = t.started.length;
      if (r === 3) break;
    }
    expect(t.running).toBe(0);
    expect(t.started).toHaveLength(startedAtBreak);
  });

  it('handles no items, and results that are undefined', async () => {
    expect(await collect(orderedMap([], () => Promise.resolve(1), { concurrency: 1, window: 1 }))).toEqual([]);
    expect(await collect(orderedMap([1, 2], () => Promise.resolve(undefined), { concurrency: 2, window: 1 }))).toEqual([undefined, undefined]);
  });

  it.each([
    [{ concurrency: 0, window: 4 }, 'orderedMap: concurrency must be a positive integer (got 0)'],
    [{ concurrency: 2, window: 1.5 }, 'orderedMap: window must be a positive integer (got 1.5)'],
    [{ concurrency: Number.NaN, window: 4 }, 'orderedMap: concurrency must be a positive integer (got NaN)'],
  ])('rejects the limits %j', async (options, message) => {
    await expect(collect(orderedMap([1], () => Promise.resolve(1), options))).rejects.toThrow(new RangeError(message));
  });
});
