/**
 * AlmanacApi over HTTP (web mode): POST /api/<method> with {args}, events over
 * server-sent events. The per-launch token lives in an HttpOnly cookie, so every
 * request only needs same-origin credentials.
 */
import { API_METHODS, type AlmanacApi, type AlmanacEvent, type ApiMethod } from '../../shared/api.js';
import { HTTP_API_PREFIX, HTTP_EVENTS_PATH, type HttpRequestBody, type HttpResponseBody } from '../../shared/transport.js';

type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface HttpClientOptions {
  /** Origin-relative base, '' in the browser. */
  base?: string;
  fetch?: FetchLike;
  /** EventSource constructor; events are disabled when absent (tests, old browsers). */
  EventSource?: typeof EventSource;
  /** Delay before reconnecting a dropped event stream (doubles up to 30 s). */
  reconnectMs?: number;
}

/** Sends one contract call; a non-ok answer becomes an Error carrying the server's message. */
export async function callHttp(fetchImpl: FetchLike, base: string, method: ApiMethod, args: unknown[]): Promise<unknown> {
  const body: HttpRequestBody = { args };
  let response: Response;
  try {
    response = await fetchImpl(`${base}${HTTP_API_PREFIX}${method}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch (err) {
    throw new Error(`${method}: the Almanac server is not reachable (${err instanceof Error ? err.message : String(err)})`);
  }
  let parsed: HttpResponseBody | null = null;
  try {
    parsed = (await response.json()) as HttpResponseBody;
  } catch {
    parsed = null;
  }
  if (parsed && parsed.ok) return parsed.result;
  if (parsed && !parsed.ok) throw new Error(parsed.error.message);
  throw new Error(`${method}: HTTP ${response.status} ${response.statusText}`.trim());
}

class EventStream {
  private readonly listeners = new Set<(event: AlmanacEvent) => void>();
  private source: EventSource | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private delay: number;

  constructor(
    private readonly url: string,
    private readonly Source: typeof EventSource | undefined,
    private readonly baseDelay: number,
  ) {
    this.delay = baseDelay;
  }

  subscribe(listener: (event: AlmanacEvent) => void): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.open();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.close();
    };
  }

  private open(): void {
    if (!this.Source || this.source) return;
    const source = new this.Source(this.url, { withCredentials: true });
    this.source = source;
    source.onopen = () => {
      this.delay = this.baseDelay;
    };
    source.onmessage = (message: MessageEvent<string>) => {
      let event: AlmanacEvent;
      try {
        event = JSON.parse(message.data) as AlmanacEvent;
      } catch {
        return; // a malformed line must not break the stream
      }
      for (const listener of [...this.listeners]) listener(event);
    };
    source.onerror = () => {
      // EventSource retries by itself while CONNECTING; once CLOSED it gives up, so we retry.
      if (source.readyState !== 2) return;
      source.close();
      this.source = null;
      if (this.listeners.size === 0 || this.retryTimer) return;
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        if (this.listeners.size > 0) this.open();
      }, this.delay);
      this.delay = Math.min(this.delay * 2, 30_000);
    };
  }

  private close(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.source?.close();
    this.source = null;
  }
}

export function createHttpClient(options: HttpClientOptions = {}): AlmanacApi {
  const base = options.base ?? '';
  const fetchImpl: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const stream = new EventStream(`${base}${HTTP_EVENTS_PATH}`, options.EventSource, options.reconnectMs ?? 1000);
  const api: Partial<AlmanacApi> = {
    onEvent: (listener) => stream.subscribe(listener),
  };
  for (const method of API_METHODS) {
    // Trailing undefined arguments are dropped so that optional parameters stay optional on the wire.
    (api as Record<string, unknown>)[method] = (...args: unknown[]) => {
      while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
      return callHttp(fetchImpl, base, method, args);
    };
  }
  return api as AlmanacApi;
}
