/**
 * Wire formats of the two transports of AlmanacApi. The server/main side and
 * the renderer's clients both import these, so they cannot drift apart.
 */
import type { AlmanacEvent, ApiMethod } from './api.js';

/** HTTP (web mode): POST {HTTP_API_PREFIX}{method} with a JSON body. */
export const HTTP_API_PREFIX = '/api/';
/** Server-sent events: GET, one `data:` line of JSON (an AlmanacEvent) per event. */
export const HTTP_EVENTS_PATH = '/api/events';
/** Cookie that carries the per-launch token after the first load (HttpOnly, SameSite=Strict). */
export const TOKEN_COOKIE = 'almanac_token';
/** Query parameter of the URL printed by `almanac serve`. */
export const TOKEN_QUERY = 'token';

export interface HttpRequestBody {
  /** Positional arguments of the contract method. */
  args: unknown[];
}

export type HttpResponseBody<T = unknown> = { ok: true; result: T } | { ok: false; error: { message: string; code?: string } };

/** Electron IPC: ipcRenderer.invoke(ipcChannel(method), ...args). */
export function ipcChannel(method: ApiMethod): string {
  return `almanac:${method}`;
}

/** Main -> renderer event channel (webContents.send). */
export const IPC_EVENT_CHANNEL = 'almanac:event';

/** The object the preload exposes on window under this name. */
export const BRIDGE_GLOBAL = 'almanac';

export type EventListener = (event: AlmanacEvent) => void;
