/**
 * Contract calls from inside a page, as the page itself would make them: with
 * the token the web client keeps in sessionStorage (src/renderer/api/web-token.ts),
 * sent as `Authorization: Bearer …`. The server reads no cookie.
 */
import type { Page } from '@playwright/test';
import { TOKEN_STORAGE_KEY } from '../../../src/renderer/api/web-token.js';
import { API_METHODS } from '../../../src/shared/api.js';

export interface PageReply<T> {
  ok: boolean;
  result?: T;
  error?: { code: string; message: string; params: Record<string, unknown> };
}

/** POST /api/<method> from the page; resolves with the reply body (ok or not). */
export function callFromPage<T>(page: Page, method: string, args: unknown[]): Promise<PageReply<T>> {
  return page.evaluate(
    async ({ method, args, key }) => {
      const page = globalThis as unknown as { sessionStorage: { getItem(k: string): string | null }; location: { search: string } };
      const token = page.sessionStorage.getItem(key) ?? new URLSearchParams(page.location.search).get('token') ?? '';
      const res = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ args }),
      });
      return (await res.json()) as PageReply<T>;
    },
    { method, args, key: TOKEN_STORAGE_KEY },
  );
}

/** The result of a call from the page; throws with the server's message when it failed. */
export async function resultFromPage<T>(page: Page, method: string, args: unknown[]): Promise<T> {
  const reply = await callFromPage<T>(page, method, args);
  if (!reply.ok) throw new Error(`${method} failed: ${reply.error?.code}: ${reply.error?.message}`);
  return reply.result as T;
}

/**
 * An init script that stands in for the preload bridge (window.almanac) over
 * the web-mode server, answering WireReplies as the real bridge does,
 * recording every call in `window.__calls` and letting the test emit events
 * with `window.__emit(event)`. It reads the token from the
 * address (the desktop client never strips it) and streams events with
 * fetch. `overrides` is script text defining `const overrides = { method:
 * (...args) => Promise<reply> }` for the methods the test fakes; it may use
 * `post(method, args)` (the real server's reply).
 */
export function bridgeStandIn(overrides = 'const overrides = {};', withEvents = true): string {
  return `
    (() => {
      window.__calls = [];
      const token = new URLSearchParams(location.search).get('token') ?? '';
      const headers = { 'content-type': 'application/json', authorization: 'Bearer ' + token };
      const post = (method, args) =>
        fetch('/api/' + method, { method: 'POST', headers, body: JSON.stringify({ args }) }).then((r) => r.json());
      ${overrides}
      const methods = ${JSON.stringify(API_METHODS)};
      const listeners = new Set();
      // Tests emit events as the main process would.
      window.__emit = (event) => [...listeners].forEach((l) => l(event));
      const streamEvents = async () => {
        const res = await fetch('/api/events', { headers });
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          buffer += value;
          let end;
          while ((end = buffer.indexOf('\\n\\n')) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = frame.split('\\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\\n');
            if (data) for (const l of [...listeners]) l(JSON.parse(data));
          }
        }
      };
      if (${withEvents}) void streamEvents();
      const api = {
        onEvent: (listener) => {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
      };
      for (const m of methods) {
        const answer = overrides[m] ?? ((...args) => post(m, args));
        api[m] = (...args) => {
          window.__calls.push([m, ...args]);
          return answer(...args);
        };
      }
      window.almanac = Object.freeze(api);
    })();
  `;
}
