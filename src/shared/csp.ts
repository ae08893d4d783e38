/**
 * The Content-Security-Policy of the UI. The desktop shell sends it as a
 * response header of its app:// protocol, the web-mode server as a header of
 * every response, and src/renderer/index.html repeats it in a meta tag (a
 * meta tag cannot carry frame-ancestors, which the headers do).
 *
 * Digest Markdown is untrusted: no inline or remote script, no remote images
 * (they would leak which digest is being read), no plugins, no forms, no
 * <base> rewriting, never framed.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' data: blob:",
  'font-src': "'self' data:",
  'connect-src': "'self'",
  'media-src': "'none'",
  'object-src': "'none'",
  'worker-src': "'self'",
  'base-uri': "'none'",
  'frame-src': "'none'",
  'frame-ancestors': "'none'",
  'form-action': "'none'",
};

export const CONTENT_SECURITY_POLICY: string = Object.entries(CSP_DIRECTIVES)
  .map(([name, value]) => `${name} ${value}`)
  .join('; ');
