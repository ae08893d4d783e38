/**
 * Serves the built UI (out/renderer, the same files the desktop shell loads)
 * and nothing else: the request path is decoded, refused if it holds NUL, a
 * backslash or a `..` segment, resolved with realpath and required to stay
 * inside the static folder (a symlink out of it is answered 404, like a
 * missing file, whether or not its target exists).
 */
import { createReadStream, promises as fsp } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { documentPolicy, widenDocumentPolicy } from '../shared/csp.js';
import { uiContentType, uiRelativePath } from '../shared/ui-path.js';
import { sendText } from './security-headers.js';

export type StaticResolution =
  | { ok: true; file: string }
  | { ok: false; status: 400 | 404; message: string };

/**
 * Maps a URL pathname to a file inside `rootReal` (already realpath'd).
 * Paths without an extension fall back to index.html, so a reload on a
 * client-side route still shows the app.
 */
export async function resolveStaticPath(rootReal: string, pathname: string): Promise<StaticResolution> {
  const lexical = uiRelativePath(pathname);
  if (!lexical.ok) return { ok: false, status: 400, message: `refused: ${lexical.reason}` };
  const candidates = lexical.isRoute ? [lexical.relPath, 'index.html'] : [lexical.relPath];
  for (const rel of candidates) {
    let real: string;
    try {
      real = await fsp.realpath(path.join(rootReal, ...rel.split('/')));
      if (!(await fsp.stat(real)).isFile()) continue;
    } catch {
      continue;
    }
    const inside = path.relative(rootReal, real);
    // Answered like a missing file: a different status would tell whether the link's target exists.
    if (inside.startsWith('..') || path.isAbsolute(inside)) break;
    return { ok: true, file: real };
  }
  return { ok: false, status: 404, message: `not found: ${lexical.relPath}` };
}

function cacheControl(rootReal: string, file: string): string {
  const rel = path.relative(rootReal, file).split(path.sep).join('/');
  // Vite puts content-hashed bundles under assets/: they never change under the same name.
  if (rel.startsWith('assets/')) return 'private, max-age=31536000, immutable';
  return 'no-cache';
}

/** The UI document with its policy widened for remote images (header and meta tag: shared/csp.ts). */
async function serveWidenedDocument(req: IncomingMessage, res: ServerResponse, file: string): Promise<void> {
  const html = Buffer.from(widenDocumentPolicy(await fsp.readFile(file, 'utf8')));
  res.setHeader('Content-Security-Policy', documentPolicy(true));
  res.writeHead(200, { 'Content-Type': uiContentType(file), 'Content-Length': html.length, 'Cache-Control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : html);
}

/**
 * Serves one file of the UI. `remoteImages` is asked only for an HTML
 * document: whether it may show remote images (see shared/csp.ts).
 */
export async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  rootReal: string,
  pathname: string,
  remoteImages: () => Promise<boolean> = () => Promise.resolve(false),
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendText(res, 405, `method ${req.method ?? ''} not allowed`, { Allow: 'GET, HEAD' });
    return;
  }
  const found = await resolveStaticPath(rootReal, pathname);
  if (!found.ok) {
    sendText(res, found.status, found.message);
    return;
  }
  if (found.file.endsWith('.html') && (await remoteImages())) {
    await serveWidenedDocument(req, res, found.file);
    return;
  }
  const st = await fsp.stat(found.file);
  res.writeHead(200, {
    'Content-Type': uiContentType(found.file),
    'Content-Length': st.size,
    'Cache-Control': cacheControl(rootReal, found.file),
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(found.file)
    .on('error', () => res.destroy())
    .pipe(res);
}
