/**
 * Wire formats of the two transports of AlmanacApi. The server/main side and
 * the renderer's clients both import these, so they cannot drift apart.
 */
import type { AlmanacEvent, AlmanacApi, ApiMethod, Digest } from './api.js';
import { AlmanacError, deserializeError, type SerializedError } from './errors.js';

/** HTTP (web mode): POST {HTTP_API_PREFIX}{method} with a JSON body. */
export const HTTP_API_PREFIX = '/api/';
/** Server-sent events: GET, one `data:` line of JSON (an AlmanacEvent) per event. */
export const HTTP_EVENTS_PATH = '/api/events';
/**
 * Query parameter of the URL printed by `almanac serve`. The page moves the
 * token from its address into memory and sessionStorage (origin-scoped, so
 * port-scoped) and sends it as `Authorization: Bearer <token>` on every API
 * and event-stream request. Never a cookie: cookies are not port-scoped, so
 * every other service on 127.0.0.1 would receive it.
 */
export const TOKEN_QUERY = 'token';

export interface HttpRequestBody {
  /** Positional arguments of the contract method. */
  args: unknown[];
}

/**
 * The answer to one contract call, on both transports: the result, or the
 * error in its wire form (src/shared/errors.ts). Electron drops every custom
 * property of a thrown error (and contextBridge copies only its message), so
 * the IPC adapter returns this envelope instead of throwing, like HTTP does.
 */
export type WireReply<T = unknown> = { ok: true; result: T } | { ok: false; error: SerializedError };

/**
 * A reply -> its result, or the AlmanacError it carries (rebuilt by code, so
 * callers switch on `code`). Anything else is an 'internal' error naming `method`.
 */
export function unwrapReply<T>(method: string, reply: unknown): T {
  if (reply !== null && typeof reply === 'object') {
    const r = reply as { ok?: unknown; result?: unknown; error?: unknown };
    if (r.ok === true) return r.result as T;
    if (r.ok === false) throw deserializeError(r.error);
  }
  throw new AlmanacError('internal', `${method}: malformed reply ${JSON.stringify(reply) ?? String(reply)}`.slice(0, 300));
}

/** The HTTP body of an answer: a WireReply. */
export type HttpResponseBody<T = unknown> = WireReply<T>;

/** Electron IPC: ipcRenderer.invoke(ipcChannel(method), ...args). */
export function ipcChannel(method: ApiMethod): string {
  return `almanac:${method}`;
}

/** Main -> renderer event channel (webContents.send). */
export const IPC_EVENT_CHANNEL = 'almanac:event';

/** The object the preload exposes on window under this name. */
export const BRIDGE_GLOBAL = 'almanac';

/**
 * What the preload exposes: each contract method answering a WireReply (the
 * renderer's IPC client unwraps it and rebuilds the AlmanacError), plus onEvent.
 */
export type IpcBridge = {
  [M in ApiMethod]-?: (...args: Parameters<NonNullable<AlmanacApi[M]>>) => Promise<WireReply<Awaited<ReturnType<NonNullable<AlmanacApi[M]>>>>>;
} & Pick<AlmanacApi, 'onEvent'>;

export type EventListener = (event: AlmanacEvent) => void;

/**
 * A digest whose local images found in the vault carry the URL this adapter
 * serves them at (web mode: a capability URL, src/server/image-route.ts; the
 * desktop: app://, src/main/app-protocol.ts). The service knows vault paths
 * only; each adapter names its own route.
 */
export function withImageUrls(digest: Digest, urlOf: (vaultPath: string) => string): Digest {
  if (!digest.images) return digest;
  return { ...digest, images: digest.images.map((image) => (image.path === undefined ? image : { ...image, url: urlOf(image.path) })) };
}
