import { describe, expect, it } from 'vitest';
import type { AlmanacEvent } from '../../shared/api.js';
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

describe('createHttpClient', () => {
  it('POSTs /api/<method> with positional args and same-origin credentials, returning the result', async () => {
    const { fetch, calls } = fakeFetch(() => json({ ok: true, result: { total: 3 } }));
    const api = createHttpClient({ fetch });
    await expect(api.search({ query: '后门检测', limit: 5 })).resolves.toEqual({ total: 3 });
    expect(calls[0]!.url).toBe('/api/search');
    expect(calls[0]!.init.method).toBe('POST');
    expect(calls[0]!.init.credentials).toBe('same-origin');
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ args: [{ query: '后门检测', limit: 5 }] });
  });

  it('drops trailing undefined arguments so optional parameters stay optional', async () => {
    const { fetch, calls } = fakeFetch(() => json({ ok: true, result: [] }));
    const api = createHttpClient({ fetch });
    await api.related('s1', undefined);
    await api.openVault(undefined);
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ args: ['s1'] });
    expect(JSON.parse(String(calls[1]!.init.body))).toEqual({ args: [] });
  });

  it("throws the server's error message", async () => {
    const { fetch } = fakeFetch(() => json({ ok: false, error: { message: 'getDigest: no digest at weekly/x.md' } }, 404));
    await expect(createHttpClient({ fetch }).getDigest('weekly/x.md')).rejects.toThrow('getDigest: no digest at weekly/x.md');
  });

  it('names the method and status when the answer is not JSON, and when the server is unreachable', async () => {
    const { fetch } = fakeFetch(() => new Response('<html>', { status: 502, statusText: 'Bad Gateway' }));
    await expect(createHttpClient({ fetch }).tags()).rejects.toThrow('tags: HTTP 502 Bad Gateway');
    const down = createHttpClient({
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    await expect(down.getStatus()).rejects.toThrow('getStatus: the Almanac server is not reachable (Failed to fetch)');
  });

  it('shares one event stream between listeners, ignores malformed lines and reconnects after a close', async () => {
    const sources: FakeSource[] = [];
    class FakeSource {
      onopen: (() => void) | null = null;
      onmessage: ((m: { data: string }) => void) | null = null;
      onerror: (() => void) | null = null;
      readyState = 1;
      closed = false;
      constructor(readonly url: string) {
        sources.push(this);
      }
      close() {
        this.closed = true;
        this.readyState = 2;
      }
    }
    const api = createHttpClient({ fetch: fakeFetch(() => json({})).fetch, EventSource: FakeSource as unknown as typeof EventSource, reconnectMs: 1 });
    const a: AlmanacEvent[] = [];
    const b: AlmanacEvent[] = [];
    const offA = api.onEvent((e) => a.push(e));
    const offB = api.onEvent((e) => b.push(e));
    expect(sources).toHaveLength(1);
    expect(sources[0]!.url).toBe('/api/events');
    sources[0]!.onmessage?.({ data: 'not json' });
    sources[0]!.onmessage?.({ data: JSON.stringify({ type: 'index-error', message: 'x' }) });
    expect(a).toEqual([{ type: 'index-error', message: 'x' }]);
    expect(b).toEqual(a);

    sources[0]!.readyState = 2;
    sources[0]!.onerror?.();
    await new Promise((r) => setTimeout(r, 20));
    expect(sources).toHaveLength(2);
    offA();
    offB();
    expect(sources[1]!.closed).toBe(true);
  });
});
