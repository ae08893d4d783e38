/**
 * What a link or image URL in a digest may be, wherever it is shown: the
 * reader (react-markdown's urlTransform) and the HTML export. Only http, https
 * and mailto leave the app; relative links stay inside the vault; every other
 * scheme (javascript:, data:, file:, vbscript:, custom protocols) is dropped,
 * and so is a protocol-relative URL, which has no scheme of its own: opened
 * from disk (an exported file) `//evil.example/x` becomes
 * `file://evil.example/x`, on Windows an SMB request that can leak credentials.
 */

const SCHEME_RE = /^([a-z][a-z0-9+.-]*):/i;
const ALLOWED_SCHEMES = new Set(['http', 'https', 'mailto']);

/** Control characters and whitespace that browsers strip before reading a scheme ("java\tscript:"). */
const STRIPPED_RE = /[\u0000-\u0020\u007f-\u009f]/g;
/** What the URL parser removes before it reads anything: C0 controls and spaces at either end, tabs and newlines anywhere. */
const ENDS_RE = /^[\u0000-\u0020]+|[\u0000-\u0020]+$/g;
const TAB_NEWLINE_RE = /[\t\n\r]/g;
/** Two slashes in either direction: browsers read `\` as `/` in http(s) and file URLs, so `/\host` and `\\host` name a host too. */
const HOST_START_RE = /^[/\\]{2}/;

export function schemeOf(url: string): string | null {
  const m = SCHEME_RE.exec(url.replace(STRIPPED_RE, ''));
  return m ? m[1]!.toLowerCase() : null;
}

/** A URL without a scheme that names a host (`//host/x`, `///host`, `\\host\share`, `/\host`). */
export function isProtocolRelative(url: string): boolean {
  return HOST_START_RE.test(url.replace(ENDS_RE, '').replace(TAB_NEWLINE_RE, ''));
}

/** The URL when it is allowed, '' otherwise (react-markdown's urlTransform contract). */
export function safeUrl(url: string): string {
  const trimmed = url.trim();
  const scheme = schemeOf(trimmed);
  if (scheme === null) return isProtocolRelative(trimmed) ? '' : trimmed;
  return ALLOWED_SCHEMES.has(scheme) ? trimmed : '';
}

export function isExternalUrl(url: string): boolean {
  const scheme = schemeOf(url);
  return scheme !== null && ALLOWED_SCHEMES.has(scheme);
}

/** A page-internal anchor ("#setup"). */
export function isFragment(url: string): boolean {
  return url.startsWith('#');
}

/**
 * What an image source is, wherever an image is shown (the reader, the HTML
 * export, the service that resolves local ones):
 * - 'local': a path in the vault (relative, or root-relative with one `/`);
 * - 'remote': an https: URL, loaded only when the user allows remote images
 *   (a remote image tells its server that the digest is being read);
 * - 'inline': a base64 data: URL of a raster image, shown as it is;
 * - 'blocked': anything else, never loaded: http: (readable and changeable on
 *   the way), file:, javascript:, data: other than those images, custom
 *   schemes, and protocol-relative URLs (no scheme of their own).
 */
export type ImageSourceKind = 'local' | 'remote' | 'inline' | 'blocked';

/** A base64 raster image; SVG is not one (as a data: URL it is a document of its own). */
export const SAFE_DATA_IMAGE = /^data:image\/(?:png|gif|jpe?g|webp|avif);base64,[a-z0-9+/=\s]*$/i;

export function imageSourceKind(src: string): ImageSourceKind {
  const trimmed = src.trim();
  if (trimmed === '' || isProtocolRelative(trimmed)) return 'blocked';
  const scheme = schemeOf(trimmed);
  if (scheme === null) return trimmed.startsWith('#') ? 'blocked' : 'local';
  if (scheme === 'https') return 'remote';
  return scheme === 'data' && SAFE_DATA_IMAGE.test(trimmed) ? 'inline' : 'blocked';
}

/**
 * The form a link's href or an image's source is compared in: Markdown writes
 * it raw (`images/a b.png`, `周报二.md`), remark hands it to the renderers
 * percent-encoded (`images/a%20b.png`, `%E5%91%A8...`); both decode to one key.
 */
export function markdownUrlKey(src: string): string {
  try {
    return decodeURI(src.trim());
  } catch {
    return src.trim();
  }
}
