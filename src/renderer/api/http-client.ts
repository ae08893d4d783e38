/**
 * AlmanacApi over HTTP (web mode): POST /api/<method> with {args}, events
 * over the event stream (event-stream.ts). Every request carries the
 * per-launch token as `Authorization: Bearer …` (web-token.ts says where the
 * page keeps it); a failed call throws the AlmanacError the server sent,
 * rebuilt from its wire form, so the UI switches on its code.
 */
import { API_METHODS, type AlmanacApi, type ApiMethod } from '../../shared/api.js';
import { AlmanacError } from '../../shared/errors.js';
import { HTTP_API_PREFIX, HTTP_EVENTS_PATH, unwrapReply, type HttpRequestBody } from '../../shared/transport.js';
import { EventStream, type FetchLike } from './event-stream.js';

export interface HttpClientOptions {
  /** Origin-relative base, '' in the browser. */
  base?: string;
  fetch?: FetchLike;
  /** The per-launch token (null: none known; the server answers 401 and the UI says so). */
  token?: string | null;
  /** Events are read only when true (the browser); tests of calls alone leave it off. */
  events?: boolean;
  /** Delay before reconnecting a dropped event stream (doubles up to 30 s). */
  reconnectMs?: number;
}

/** Sends one contract call; a failed answer throws its AlmanacError. */
export async function callHttp(
  fetchImpl: FetchLike,
  base: string,
  headers: Record<string, string>,
  method: ApiMethod,
  args: unknown[],
): Promise<unknown> {
  const body: HttpRequestBody = { args };
  let response: Response;
  try {
    response = await fetchImpl(`${base}${HTTP_API_PREFIX}${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  } catch (err) {
    throw new AlmanacError('internal', `${method}: the Almanac server is not reachable (${err instanceof Error ? err.message : String(err)})`, { reason: 'unreachable' });
  }
  let parsed: unknown;
  try {
    parsed = await response.json();
  } catch {
    throw new AlmanacError('internal', `${method}: HTTP ${response.status} ${response.statusText}`.trim(), { status: response.status });
  }
  return unwrapReply(method, parsed);
}

export function createHttpClient(options: HttpClientOptions = {}): AlmanacApi {
  const base = options.base ?? '';
  const fetchImpl: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const headers = (): Record<string, string> => (options.token ? { authorization: `Bearer ${options.token}` } : {});
  const stream = new EventStream(`${base}${HTTP_EVENTS_PATH}`, fetchImpl, headers, options.reconnectMs ?? 1000);
  const api: Partial<AlmanacApi> = {
    onEvent: (listener) => (options.events ? stream.subscribe(listener) : () => undefined),
  };
  for (const method of API_METHODS) {
    // Trailing undefined arguments are dropped so that optional parameters stay optional on the wire.
    (api as Record<string, unknown>)[method] = (...args: unknown[]) => {
      while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
      return callHttp(fetchImpl, base, headers(), method, args);
    };
  }
  return api as AlmanacApi;
}
