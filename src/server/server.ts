/**
 * Almanac's localhost web mode: the built UI plus the AlmanacApi over HTTP and
 * server-sent events, for one user on this machine. Binds 127.0.0.1 only.
 * Every request passes the guards of request-guard.ts (Host, Origin; the
 * token for the API and the event stream) before anything else runs; see
 * docs/SECURITY.md.
 */
import { promises as fsp } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { AlmanacApi } from '../shared/api.js';
import { HTTP_API_PREFIX, HTTP_EVENTS_PATH, TOKEN_QUERY } from '../shared/transport.js';
import { REMOTE_IMAGES_QUERY } from '../shared/csp.js';
import { handleApiCall } from './api-routes.js';
import { EventHub } from './event-stream.js';
import { HttpError, sendError } from './http-errors.js';
import { HTTP_IMAGE_PREFIX, imageUrl, serveImage, type ImageReader } from './image-route.js';
import { checkHost, checkOrigin, checkToken, createToken } from './request-guard.js';
import { applySecurityHeaders, sendText } from './security-headers.js';
import { serveStatic } from './static-files.js';

export interface ServerOptions {
  api: AlmanacApi;
  /** Folder of the built UI (out/renderer). */
  staticDir: string;
  /** Only the IPv4 loopback address is accepted: the server is never reachable from another machine. */
  host?: '127.0.0.1';
  /** 0 picks a free port. */
  port?: number;
  /** Per-launch secret; a fresh random one when omitted. */
  token?: string;
  /** Let the browser call openVault(path) (`almanac serve --allow-open`). Default false. */
  allowOpen?: boolean;
  /** SSE heartbeat interval (default 15 s). */
  heartbeatMs?: number;
  /** Serves the vault's images (AlmanacService); without it the image route answers 404. */
  images?: ImageReader;
}

export interface AlmanacServer {
  /** The URL to open, with the token: http://127.0.0.1:PORT/?token=... (the page moves it into a header). */
  url: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  port: number;
  token: string;
  /** Open event streams (diagnostics, tests). */
  eventClients(): number;
  /** Ends event streams and open connections, then stops listening. Idempotent. */
  close(): Promise<void>;
}

/** What the request handler needs; `port()` is known once the server listens. */
interface RequestContext {
  api: AlmanacApi;
  allowOpen: boolean;
  token: string;
  staticRoot: string;
  events: EventHub;
  images: ImageReader | null;
  port: () => number;
}

/** Whether a UI document may show remote images: asked for by the page's address, or the vault's setting (docs/SECURITY.md). */
async function remoteImagesAllowed(ctx: RequestContext, url: URL): Promise<boolean> {
  if (url.searchParams.get(REMOTE_IMAGES_QUERY) === '1') return true;
  try {
    return (await ctx.api.getSettings()).remoteImages === true;
  } catch {
    return false;
  }
}

/**
 * Guards first (Host, Origin), then the event stream and the API, which also
 * need the token, or the static UI, which does not: the page is the public
 * app bundle and reads its token from the address it was opened with.
 */
async function handleRequest(ctx: RequestContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  applySecurityHeaders(res);
  const port = ctx.port();
  const guard = [checkHost(req, port), checkOrigin(req)].find((g) => !g.ok);
  if (guard && !guard.ok) {
    sendText(res, guard.status, guard.message);
    return;
  }
  const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
  if (url.pathname.startsWith(HTTP_IMAGE_PREFIX)) {
    // An <img> cannot send the token: the URL's capability stands for it (image-route.ts).
    await serveImage(req, res, url.pathname, ctx.token, ctx.images);
    return;
  }
  if (!url.pathname.startsWith(HTTP_API_PREFIX)) {
    await serveStatic(req, res, ctx.staticRoot, url.pathname, () => remoteImagesAllowed(ctx, url));
    return;
  }
  const auth = checkToken(req, ctx.token);
  if (!auth.ok) {
    sendError(res, new HttpError(auth.status, 'invalid-argument', auth.message, { argument: 'token' }));
    return;
  }
  if (url.pathname === HTTP_EVENTS_PATH) {
    if (req.method !== 'GET') sendError(res, new HttpError(405, 'invalid-argument', `${HTTP_EVENTS_PATH}: use GET`), { Allow: 'GET' });
    else ctx.events.attach(req, res);
    return;
  }
  await handleApiCall(req, res, url.pathname.slice(HTTP_API_PREFIX.length), {
    api: ctx.api,
    allowOpen: ctx.allowOpen,
    imageUrl: (vaultPath) => imageUrl(ctx.token, vaultPath),
  });
}

/** The real path of the built UI; a clear error when it was not built. */
async function openStaticRoot(staticDir: string): Promise<string> {
  try {
    return await fsp.realpath(staticDir);
  } catch {
    throw new Error(`the UI is not built: ${staticDir} does not exist (run \`npm run build\`)`);
  }
}

/** Listens on host:port (0: a free one) and returns the port. */
async function listen(server: http.Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

/** An idempotent close: ends the event streams, stops listening, and cuts what is still open after a grace period. */
function closer(server: http.Server, events: EventHub, sockets: ReadonlySet<Socket>): () => Promise<void> {
  let closing: Promise<void> | null = null;
  return () => {
    closing ??= new Promise<void>((resolve) => {
      events.close();
      server.close(() => resolve());
      server.closeIdleConnections();
      const cut = setTimeout(() => {
        for (const socket of sockets) socket.destroy();
      }, 1_000);
      cut.unref();
    });
    return closing;
  };
}

export async function createServer(options: ServerOptions): Promise<AlmanacServer> {
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') {
    throw new Error(`almanac serve binds 127.0.0.1 only, not ${JSON.stringify(host)}`);
  }
  const token = options.token ?? createToken();
  const staticRoot = await openStaticRoot(options.staticDir);
  const events = new EventHub(options.api, { heartbeatMs: options.heartbeatMs });
  const sockets = new Set<Socket>();
  let port = 0;
  const ctx: RequestContext = { api: options.api, allowOpen: options.allowOpen ?? false, token, staticRoot, events, images: options.images ?? null, port: () => port };

  const server = http.createServer((req, res) => {
    handleRequest(ctx, req, res).catch((err: unknown) => {
      if (!res.headersSent) sendText(res, 500, `internal error: ${err instanceof Error ? err.message : String(err)}`);
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  port = await listen(server, options.port ?? 0, host);
  const origin = `http://127.0.0.1:${port}`;
  return { url: `${origin}/?${TOKEN_QUERY}=${token}`, origin, port, token, eventClients: () => events.size, close: closer(server, events, sockets) };
}
