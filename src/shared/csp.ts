/**
 * The Content-Security-Policy of the UI. The desktop shell sends it as a
 * response header of its app:// protocol, the web-mode server as a header of
 * every response, and src/renderer/index.html repeats it in a meta tag (a
 * meta tag cannot carry frame-ancestors, which the headers do).
 *
 * Digest Markdown is untrusted: no inline or remote script, no remote images
 * (they would leak which digest is being read), no plugins, no forms, no
 * <base> rewriting, never framed. Images of the vault come from our own
 * origin ('self': the adapters' image routes).
 *
 * Remote images are the one widening, and only for a page the user asked
 * for: a document requested with REMOTE_IMAGES_QUERY (the reader's "Load
 * remote images" button reloads with it) or while the vault's setting to
 * always load them is on gets `img-src https:` too, in its header and in
 * its meta tag (widenDocumentPolicy). A CSP cannot be widened on a loaded
 * page (a second policy only narrows), hence the reload.
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

/** What `img-src` adds while remote images are allowed: https only (http: images are readable and changeable on the way). */
export const REMOTE_IMAGE_SOURCES = 'https:';

/** The query parameter of a document that the user asked to show remote images in (value "1"). */
export const REMOTE_IMAGES_QUERY = 'remote-images';

function policyOf(directives: Readonly<Record<string, string>>, skip: string | null = null): string {
  return Object.entries(directives)
    .filter(([name]) => name !== skip)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}

const REMOTE_DIRECTIVES: Readonly<Record<string, string>> = { ...CSP_DIRECTIVES, 'img-src': `${CSP_DIRECTIVES['img-src']} ${REMOTE_IMAGE_SOURCES}` };

export const CONTENT_SECURITY_POLICY: string = policyOf(CSP_DIRECTIVES);

/** The policy of a UI document: with `img-src https:` only when remote images are allowed for it. */
export function documentPolicy(remoteImages: boolean): string {
  return remoteImages ? policyOf(REMOTE_DIRECTIVES) : CONTENT_SECURITY_POLICY;
}

/** The meta tag's policy (a meta tag cannot carry frame-ancestors). */
export function metaPolicy(remoteImages: boolean): string {
  return policyOf(remoteImages ? REMOTE_DIRECTIVES : CSP_DIRECTIVES, 'frame-ancestors');
}

/**
 * The UI's index.html with its meta policy widened for remote images. The
 * browser enforces the header and the meta tag both (the stricter wins), so
 * both must allow them. A page whose meta tag is not exactly ours is returned
 * as it is: its images then stay blocked, which is the safe side.
 */
export function widenDocumentPolicy(html: string): string {
  return html.replace(`content="${metaPolicy(false)}"`, `content="${metaPolicy(true)}"`);
}

/**
 * The policy of every image an image route answers: nothing may load or run,
 * inline style only (SVG uses it); sandboxed, so an SVG opened as a page of
 * its own is an inert document of a unique origin. In an <img> no SVG runs
 * script anyway.
 */
export const IMAGE_RESPONSE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
