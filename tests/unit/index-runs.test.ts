import { describe, expect, it } from 'vitest';
import { IndexRunQueue, type RunPaths } from '../../src/core/service/index-runs.js';

/** A run function whose runs the test finishes by hand, recording what each was asked to examine. */
class ControlledRuns {
  readonly calls: { paths: RunPaths; signal: AbortSignal; finish: (value: string) => void; fail: (err: Error) => void }[] = [];
  active = 0;
  maxActive = 0;

  readonly run = (paths: RunPaths, signal: AbortSignal): Promise<string> => {
    this.active++;
    this.maxActive = Math.max(this.maxActive, this.active);
    return new Promise<string>((resolve, reject) => {
      const finish = (value: string): void => {
        this.active--;
        resolve(value);
      };
      const fail = (err: Error): void => {
        this.active--;
        reject(err);
      };
      signal.addEventListener('abort', () => fail(new Error(`aborted run ${this.calls.length}`)), { once: true });
      this.calls.push({ paths: paths === undefined ? undefined : [...paths].sort(), signal, finish, fail });
    });
  };

  last(): (typeof this.calls)[number] {
    const call = this.calls.at(-1);
    if (!call) throw new Error('no run started');
    return call;
  }
}

/** Lets the queue's promise chains move on. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

describe('IndexRunQueue', () => {
  it('starts a run at once with the paths asked for, and returns its result', async () => {
    const runs = new ControlledRuns();
    const queue = new IndexRunQueue(runs.run);
    const result = queue.request(['a.md']);
    expect(runs.calls.map((c) => c.paths)).toEqual([['a.md']]);
    expect(queue.busy).toBe(true);
    runs.last().finish('first');
    expect(await result).toBe('first');
    expect(queue.busy).toBe(false);
  });

  it('joins the requests made during a run into one follow-up run over the union of their paths', async () => {
    const runs = new ControlledRuns();
    const queue = new IndexRunQueue(runs.run);
    const first = queue.request(['a.md']);
    const b = queue.request(['b.md', 'c.md']);
    const c = queue.request(['c.md', 'd.md']);
    expect(c).toBe(b);
    await settle();
    expect(runs.calls).toHaveLength(1); // the follow-up waits for the run going
    runs.last().finish('first');
    expect(await first).toBe('first');
    await settle();
    expect(runs.calls.map((call) => call.paths)).toEqual([['a.md'], ['b.md', 'c.md', 'd.md']]);
    runs.last().finish('follow-up');
    expect(await b).toBe('follow-up');
    expect(runs.maxActive).toBe(1);
  });

  it('makes the follow-up a whole-vault run once any request asked for the whole vault', async () => {
    const runs = new ControlledRuns();
    const queue = new IndexRunQueue(runs.run);
    void queue.request(['a.md']);
    const targeted = queue.request(['b.md']);
    const whole = queue.request(undefined);
    const after = queue.request(['c.md']);
    expect(whole).toBe(targeted);
    expect(after).toBe(targeted);
    runs.last().finish('first');
    await settle();
    expect(runs.calls[1]?.paths).toBeUndefined();
    runs.last().finish('whole');
    expect(await after).toBe('whole');
  });

  it('runs the follow-up after a failed run; only the failed run’s callers see its error', async () => {
    const runs = new ControlledRuns();
    const queue = new IndexRunQueue(runs.run);
    const first = queue.request(['a.md']);
    const next = queue.request(['b.md']);
    runs.last().fail(new Error('disk full'));
    await expect(first).rejects.toThrow('disk full');
    await settle();
    expect(runs.calls).toHaveLength(2);
    runs.last().finish('ok');
    expect(await next).toBe('ok');
  });

  it('a run function that throws instead of rejecting fails that request, and the queue goes on', async () => {
    let calls = 0;
    const queue = new IndexRunQueue<string>(() => {
      calls++;
      if (calls === 1) throw new Error('bad vault path "x"');
      return Promise.resolve('fine');
    });
    await expect(queue.request(undefined)).rejects.toThrow('bad vault path "x"');
    expect(queue.busy).toBe(false);
    expect(await queue.request(undefined)).toBe('fine');
  });

  it('calls onIdle when the last run settles, not between a run and its follow-up', async () => {
    const runs = new ControlledRuns();
    const idle: boolean[] = [];
    const queue: IndexRunQueue<string> = new IndexRunQueue(runs.run, () => {
      idle.push(queue.busy);
    });
    void queue.request(['a.md']);
    const next = queue.request(['b.md']);
    runs.last().finish('first');
    await settle();
    expect(idle).toEqual([]);
    runs.last().finish('second');
    await next;
    expect(idle).toEqual([false]);
  });

  it('idle() resolves once neither the run nor the follow-up is left', async () => {
    const runs = new ControlledRuns();
    const queue = new IndexRunQueue(runs.run);
    void queue.request(['a.md']);
    void queue.request(['b.md']);
    let idle = false;
    const waiting = queue.idle().then(() => (idle = true));
    runs.last().finish('first');
    await settle();
    expect(idle).toBe(false);
    runs.last().finish('second');
    await waiting;
    expect(queue.busy).toBe(false);
  });

  it('cancel() aborts the run going, lets the follow-up run, and resolves when nothing runs', async () => {
    const runs = new ControlledRuns();
    const queue = new IndexRunQueue(runs.run);
    const first = queue.request(['a.md']);
    const next = queue.request(['b.md']);
    let cancelled = false;
    const cancelling = queue.cancel().then(() => (cancelled = true));
    expect(runs.calls[0]?.signal.aborted).toBe(true);
    await expect(first).rejects.toThrow('aborted run 1');
    await settle();
    expect(runs.calls).toHaveLength(2);
    expect(runs.last().signal.aborted).toBe(false);
    expect(cancelled).toBe(false);
    runs.last().finish('follow-up');
    await cancelling;
    expect(await next).toBe('follow-up');
    expect(queue.busy).toBe(false);
    // The queue takes new requests after a cancel.
    const again = queue.request(undefined);
    runs.last().finish('again');
    expect(await again).toBe('again');
  });

  it('cancel() with nothing running resolves at once', async () => {
    const runs = new ControlledRuns();
    const queue = new IndexRunQueue(runs.run);
    await queue.cancel();
    expect(runs.calls).toEqual([]);
  });
});
