/**
 * What a link or image URL in a digest may be. Only http, https and mailto
 * leave the app; relative links stay inside the vault; every other scheme
 * (javascript:, data:, file:, vbscript:, custom protocols) is dropped.
 */

const SCHEME_RE = /^([a-z][a-z0-9+.-]*):/i;
const ALLOWED_SCHEMES = new Set(['http', 'https', 'mailto']);

/** Control characters and whitespace that browsers strip before reading a scheme ("java\tscript:"). */
const STRIPPED_RE = /[\u0000-\u0020\u007f-\u009f]/g;

export function schemeOf(url: string): string | null {
  const m = SCHEME_RE.exec(url.replace(STRIPPED_RE, ''));
  return m ? m[1]!.toLowerCase() : null;
}

/** The URL when it is allowed, '' otherwise (react-markdown's urlTransform contract). */
export function safeUrl(url: string): string {
  const trimmed = url.trim();
  const scheme = schemeOf(trimmed);
  if (scheme === null) {
    // Protocol-relative URLs ("//evil.example") would leave the app over the page's scheme.
    if (trimmed.startsWith('//') || trimmed.startsWith('\\\\')) return '';
    return trimmed;
  }
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
