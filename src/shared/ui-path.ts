/**
 * The lexical half of serving the built UI from a folder, shared by the
 * desktop shell's app:// protocol and the web-mode server: turns a URL
 * pathname into a relative file path, or refuses it. Each caller then
 * resolves symlinks and checks that the real file is still inside the folder.
 */

export type UiPath = { ok: true; relPath: string; isRoute: boolean } | { ok: false; reason: string };

/**
 * "/" -> "index.html"; "/assets/x.js" -> "assets/x.js". Refuses bad
 * percent-encoding, NUL, backslashes and any ".." segment (also encoded as
 * %2e%2e or %2f). `isRoute` is true for extension-less paths, which the
 * callers may answer with index.html (client-side routes).
 */
export function uiRelativePath(pathname: string): UiPath {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { ok: false, reason: `bad percent-encoding in ${JSON.stringify(pathname)}` };
  }
  if (decoded.includes('\0')) return { ok: false, reason: `path ${JSON.stringify(decoded)} contains a NUL character` };
  if (decoded.includes('\\')) return { ok: false, reason: `path ${JSON.stringify(decoded)} contains a backslash` };
  const segments = decoded.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) return { ok: false, reason: `path ${JSON.stringify(decoded)} leaves the UI folder` };
  if (segments.length === 0) return { ok: true, relPath: 'index.html', isRoute: false };
  const last = segments[segments.length - 1] ?? '';
  return { ok: true, relPath: segments.join('/'), isRoute: !last.includes('.') };
}

/** Content types of the files a Vite build of the UI contains (by lower-case extension). */
export const UI_CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/** The Content-Type for a UI file name; unknown kinds are served as opaque bytes (never sniffed, see nosniff). */
export function uiContentType(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  const ext = dot >= 0 ? fileName.slice(dot).toLowerCase() : '';
  return UI_CONTENT_TYPES[ext] ?? 'application/octet-stream';
}
