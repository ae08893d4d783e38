/**
 * Picks the transport of AlmanacApi: the preload bridge when the desktop shell
 * exposes one, otherwise HTTP to the web-mode server with the token the page
 * was opened with. Everything above this file is identical in both modes;
 * only `kind` lets the UI adapt a few affordances (opening another vault, how
 * external links open).
 */
import type { AlmanacApi } from '../../shared/api.js';
import { createHttpClient } from './http-client.js';
import { createIpcClient } from './ipc-client.js';
import { takeWebToken } from './web-token.js';

export type ClientKind = 'desktop' | 'web';

export interface AlmanacClient {
  api: AlmanacApi;
  kind: ClientKind;
}

export function createClient(win: Window = window): AlmanacClient {
  if (win.almanac) return { api: createIpcClient(win.almanac), kind: 'desktop' };
  return { api: createHttpClient({ token: takeWebToken(win), events: true }), kind: 'web' };
}
