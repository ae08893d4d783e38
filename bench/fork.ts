/**
 * One measurement in a fresh Node process (a fork of the bench bundle), so
 * that its memory, event loop and caches belong to that measurement alone.
 * The parent sends one request over IPC; the child (child.ts) answers once
 * and exits. Kept apart from child.ts, which imports every task, so that a
 * task can start a process of its own (the serving child starts its HTTP
 * client) without an import cycle.
 */
import { fork } from 'node:child_process';

export const CHILD_FLAG = '--bench-child';

export interface ChildRequest {
  task: string;
  params: unknown;
}

export type ChildReply = { ok: true; result: unknown } | { ok: false; error: string };

/** Runs `task` in a fresh process of `bundlePath` and returns its result. */
export function forkTask(bundlePath: string, task: string, params: unknown, timeoutMs: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = fork(bundlePath, [CHILD_FLAG], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(() => reject(new Error(`bench: ${task} did not finish within ${Math.round(timeoutMs / 1000)} s`)));
    }, timeoutMs);
    child.on('message', (message) => {
      const reply = message as ChildReply;
      finish(() => (reply.ok ? resolve(reply.result) : reject(new Error(`bench: ${task} failed: ${reply.error}`))));
    });
    child.on('error', (err) => finish(() => reject(err)));
    child.on('exit', (code, signal) => {
      finish(() => reject(new Error(`bench: ${task} exited (${signal ?? `code ${String(code)}`}) without a result`)));
    });
    child.send({ task, params } satisfies ChildRequest);
  });
}
