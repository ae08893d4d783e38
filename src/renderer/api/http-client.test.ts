import { describe, expect, it } from 'vitest';
import type { AlmanacEvent } from '../../shared/api.js';
import { AlmanacError } from '../../shared/errors.js';
import { takeFrames } from './event-stream.js';
import { createHttpClient } from './http-client.js';

type Call = { url: string; init: RequestInit };

function fakeFetch(reply: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetch = async (url: string, init: RequestInit) => {
    const call = { url, init };
    calls.push(call);
    return reply(call);
  };
  return { fetch, calls };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const headersOf = (call: Call) => new Headers(call.init.headers);

describe('createHttpClient', () => {
  it('POSTs /api/<method> with positional args and the token as a Bearer header, returning the result', async () => {
    const { fetch, calls } = fakeFetch(() => json({ ok: true, result: { total: 3 } }));
    const api = createHttpClient({ fetch, token: 'tok-123' });
    await expect(api.search({ query: '后门检测', limit: 5 })).resolves.toEqual({ total: 3 });
    expect(calls[0]!.url).toBe('/api/search');
    expect(calls[0]!.init.method).toBe('POST');
    expect(headersOf(calls[0]!).get('authorization')).toBe('Bearer tok-123');
    expect(calls[0]!.init.credentials).toBeUndefined();
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ args: [{ query: '后门检测', limit: 5 }] });
  });

  it('sends no Authorization header when the page has no token', async () => {
    const { fetch, calls } = fakeFetch(() => json({ ok: true, result: [] }));
    await createHttpClient({ fetch, token: null }).tags();
    expect(headersOf(calls[0]!).has('authorization')).toBe(false);
  });

  it('drops trailing undefined arguments so optional parameters stay optional', async () => {
    const { fetch, calls } = fakeFetch(() => json({ ok: true, result: [] }));
    const api = createHttpClient({ fetch });
    await api.related('s1', undefined);
    await api.openVault(undefined);
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ args: ['s1'] });
    expect(JSON.parse(String(calls[1]!.init.body))).toEqual({ args: [] });
  });

  it("throws the server's error as an AlmanacError with its code and parameters", async () => {
    const wire = { code: 'not-found', message: 'getDigest: no digest at weekly/x.md', params: { path: 'weekly/x.md' } };
    const { fetch } = fakeFetch(() => json({ ok: false, error: wire }, 404));
    const err = await createHttpClient({ fetch }).getDigest('weekly/x.md').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AlmanacError);
    expect(err).toMatchObject(wire);
  });

  it("names the method and status when the answer is not JSON, and when the server is unreachable ('internal')", async () => {
    const { fetch } = fakeFetch(() => new Response('<html>', { status: 502, statusText: 'Bad Gateway' }));
    await expect(createHttpClient({ fetch }).tags()).rejects.toMatchObject({ code: 'internal', message: 'tags: HTTP 502 Bad Gateway' });
    const down = createHttpClient({
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    await expect(down.getStatus()).rejects.toMatchObject({ code: 'internal', message: 'getStatus: the Almanac server is not reachable (Failed to fetch)' });
  });
});

/** A streaming response whose chunks the test pushes, like the server's event stream. */
function streamingResponse() {
  let push!: (text: string) => void;
  let end!: () => void;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const encoder = new TextEncoder();
      push = (text) => controller.enqueue(encoder.encode(text));
      end = () => {
        try {
          controller.close();
        } catch {
          // already closed, or cancelled by the reader
        }
      };
    },
  });
  return { response: new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } }), push: (t: string) => push(t), end: () => end() };
}

const tick = (ms = 10) => new Promise((r) => setTimeout(r, ms));

describe('event stream over fetch', () => {
  it('cuts frames at blank lines, joins data lines, keeps an unfinished frame for later', () => {
    expect(takeFrames('retry: 2000\n\n: ping\n\ndata: {"a":1}\n\ndata: x\ndata: y\n\ndata: {"b"')).toEqual({ data: ['{"a":1}', 'x\ny'], rest: 'data: {"b"' });
    expect(takeFrames('data: 1\r\n\r\ndata: 2\r')).toEqual({ data: ['1'], rest: 'data: 2\r' });
  });

  it('sends the token, shares one connection, reads frames split across chunks, ignores malformed lines and reconnects', async () => {
    const streams: ReturnType<typeof streamingResponse>[] = [];
    const { fetch, calls } = fakeFetch((call) => {
      if (!call.url.endsWith('/api/events')) return json({ ok: true, result: null });
      const s = streamingResponse();
      streams.push(s);
      call.init.signal?.addEventListener('abort', () => s.end());
      return s.response;
    });
    const api = createHttpClient({ fetch, token: 'tok-9', events: true, reconnectMs: 1 });
    const a: AlmanacEvent[] = [];
    const b: AlmanacEvent[] = [];
    const offA = api.onEvent((e) => a.push(e));
    const offB = api.onEvent((e) => b.push(e));
    await tick();
    expect(streams).toHaveLength(1);
    expect(calls[0]!.url).toBe('/api/events');
    expect(headersOf(calls[0]!).get('authorization')).toBe('Bearer tok-9');
    streams[0]!.push('retry: 2000\n\ndata: not json\n\ndata: {"type":"index-er');
    streams[0]!.push('ror","message":"x"}\n\n');
    await tick();
    expect(a).toEqual([{ type: 'index-error', message: 'x' }]);
    expect(b).toEqual(a);

    streams[0]!.end();
    await tick(50);
    expect(streams).toHaveLength(2);
    offA();
    offB();
    expect(calls.at(-1)!.init.signal?.aborted).toBe(true);
    await tick(20);
    expect(streams).toHaveLength(2);
  });

  it('retries a refused stream (no token yet: 401) with a growing delay instead of giving up', async () => {
    let attempts = 0;
    const { fetch } = fakeFetch(() => {
      attempts++;
      return json({ ok: false, error: { code: 'invalid-argument', message: 'token', params: { argument: 'token' } } }, 401);
    });
    const off = createHttpClient({ fetch, events: true, reconnectMs: 1 }).onEvent(() => undefined);
    await tick(60);
    off();
    const seen = attempts;
    expect(seen).toBeGreaterThan(2);
    await tick(60);
    expect(attempts).toBe(seen);
  });
});
