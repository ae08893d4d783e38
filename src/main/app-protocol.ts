/**
 * The app:// protocol that serves the built UI (out/renderer) to the window.
 * The scheme is privileged as standard + secure (so the UI gets a real origin,
 * fetch and a secure context), answers only for host "almanac", serves only
 * real files inside the UI folder (lexical check shared with web mode, then
 * realpath containment), and sends the same CSP as web mode as a header.
 *
 * It also serves the vault's images under APP_IMAGE_PREFIX, through the
 * service (core/vault/images.ts decides what may be served: inside the vault
 * by real path, size-capped, the type sniffed from the content). Only our
 * window reaches app:// at all, so these URLs carry no capability (web mode's
 * do: src/server/image-route.ts). A UI document gets `img-src https:` only
 * when asked for with REMOTE_IMAGES_QUERY or while the vault's setting is on
 * (shared/csp.ts).
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { ImageAnswer, ImageReader } from '../core/vault/images.js';
import { CONTENT_SECURITY_POLICY, documentPolicy, IMAGE_RESPONSE_POLICY, REMOTE_IMAGES_QUERY, widenDocumentPolicy } from '../shared/csp.js';
import { uiContentType, uiRelativePath } from '../shared/ui-path.js';
import type { ProtocolLike } from './electron-deps.js';
import { APP_HOST, APP_ORIGIN, APP_SCHEME } from './security.js';

export const APP_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
};

/** Path prefix of the vault's images on the app:// origin. */
export const APP_IMAGE_PREFIX = '/vault-image/';

/** What the protocol serves besides the UI files. */
export interface AppProtocolOptions {
  /** The vault's images (AlmanacService); without it their URLs answer 404. */
  images?: ImageReader;
  /** Whether the vault's setting shows remote images on every page. */
  remoteImagesSetting?: () => Promise<boolean>;
}

/** Where the window loads a vault image from. */
export function appImageUrl(vaultPath: string): string {
  return `${APP_ORIGIN}${APP_IMAGE_PREFIX}${vaultPath.split('/').map(encodeURIComponent).join('/')}`;
}

/** Must run before app ready. */
export function registerAppScheme(protocol: ProtocolLike): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

function refuse(status: number, message: string): Response {
  return new Response(message, { status, headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

function imageResponse(answer: ImageAnswer, method: string): Response {
  if (!answer.ok) return refuse(answer.status, answer.message);
  const headers = {
    ...APP_RESPONSE_HEADERS,
    'Content-Security-Policy': IMAGE_RESPONSE_POLICY,
    'Cache-Control': 'private, no-cache',
    'Content-Type': answer.contentType,
    ETag: answer.etag,
  };
  if (answer.status === 304) return new Response(null, { status: 304, headers });
  return new Response(method === 'HEAD' ? null : new Uint8Array(answer.body), { status: 200, headers: { ...headers, 'Content-Length': String(answer.body.length) } });
}

async function vaultImage(url: URL, method: string, options: AppProtocolOptions, ifNoneMatch: string | undefined): Promise<Response> {
  if (!options.images) return refuse(404, 'images are not served here');
  let vaultPath: string;
  try {
    vaultPath = url.pathname.slice(APP_IMAGE_PREFIX.length).split('/').map(decodeURIComponent).join('/');
  } catch {
    return refuse(400, `bad image URL ${url.href}`);
  }
  return imageResponse(await options.images.readImage(vaultPath, ifNoneMatch), method);
}

async function remoteImagesAllowed(url: URL, options: AppProtocolOptions): Promise<boolean> {
  if (url.searchParams.get(REMOTE_IMAGES_QUERY) === '1') return true;
  return (await options.remoteImagesSetting?.().catch(() => false)) === true;
}

/** A UI file's answer; an HTML document gets the policy `remote` asks for. */
async function uiFile(real: string, method: string, remote: boolean): Promise<Response> {
  const html = real.endsWith('.html');
  const headers = { ...APP_RESPONSE_HEADERS, 'Content-Type': uiContentType(real), ...(html ? { 'Content-Security-Policy': documentPolicy(remote) } : {}) };
  if (method === 'HEAD') return new Response(null, { status: 200, headers });
  const body = html && remote ? widenDocumentPolicy(await fsp.readFile(real, 'utf8')) : await fsp.readFile(real);
  return new Response(body, { status: 200, headers });
}

/**
 * The response for one app:// request (pure apart from reading files; unit-tested under Node).
 * `ifNoneMatch` is the request's If-None-Match header (image revalidation).
 */
export async function appProtocolResponse(
  uiRootReal: string,
  requestUrl: string,
  method = 'GET',
  options: AppProtocolOptions = {},
  ifNoneMatch?: string,
): Promise<Response> {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return refuse(400, 'bad URL');
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return refuse(404, `unknown app URL ${requestUrl}`);
  if (method !== 'GET' && method !== 'HEAD') return refuse(405, `method ${method} not allowed`);
  if (url.pathname.startsWith(APP_IMAGE_PREFIX)) return vaultImage(url, method, options, ifNoneMatch);
  const lexical = uiRelativePath(url.pathname);
  if (!lexical.ok) return refuse(400, `refused: ${lexical.reason}`);
  const candidates = lexical.isRoute ? [lexical.relPath, 'index.html'] : [lexical.relPath];
  for (const rel of candidates) {
    let real: string;
    try {
      real = await fsp.realpath(path.join(uiRootReal, ...rel.split('/')));
      if (!(await fsp.stat(real)).isFile()) continue;
    } catch {
      continue;
    }
    const inside = path.relative(uiRootReal, real);
    // Answered like a missing file: a different status would tell whether the link's target exists.
    if (inside.startsWith('..') || path.isAbsolute(inside)) break;
    return uiFile(real, method, real.endsWith('.html') && (await remoteImagesAllowed(url, options)));
  }
  return refuse(404, `not found: ${lexical.relPath}`);
}

/** Must run after app ready. `uiRoot` is out/renderer. */
export async function handleAppProtocol(protocol: ProtocolLike, uiRoot: string, options: AppProtocolOptions = {}): Promise<void> {
  const rootReal = await fsp.realpath(uiRoot);
  protocol.handle(APP_SCHEME, (request) =>
    appProtocolResponse(rootReal, request.url, request.method, options, request.headers?.get('if-none-match') ?? undefined),
  );
}
