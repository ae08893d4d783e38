/**
 * The app:// protocol that serves the built UI (out/renderer) to the window.
 * The scheme is privileged as standard + secure (so the UI gets a real origin,
 * fetch and a secure context), answers only for host "almanac", serves only
 * real files inside the UI folder (lexical check shared with web mode, then
 * realpath containment), and sends the same CSP as web mode as a header.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../shared/csp.js';
import { uiContentType, uiRelativePath } from '../shared/ui-path.js';
import type { ProtocolLike } from './electron-deps.js';
import { APP_HOST, APP_SCHEME } from './security.js';

export const APP_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
};

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

/** The response for one app:// request (pure apart from reading files; unit-tested under Node). */
export async function appProtocolResponse(uiRootReal: string, requestUrl: string, method = 'GET'): Promise<Response> {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return refuse(400, 'bad URL');
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return refuse(404, `unknown app URL ${requestUrl}`);
  if (method !== 'GET' && method !== 'HEAD') return refuse(405, `method ${method} not allowed`);
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
    const body = method === 'HEAD' ? null : await fsp.readFile(real);
    return new Response(body, {
      status: 200,
      headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': uiContentType(real) },
    });
  }
  return refuse(404, `not found: ${lexical.relPath}`);
}

/** Must run after app ready. `uiRoot` is out/renderer. */
export async function handleAppProtocol(protocol: ProtocolLike, uiRoot: string): Promise<void> {
  const rootReal = await fsp.realpath(uiRoot);
  protocol.handle(APP_SCHEME, (request) => appProtocolResponse(rootReal, request.url, request.method));
}
