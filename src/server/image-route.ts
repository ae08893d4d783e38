/**
 * Web mode's image route: GET /api/image/<capability>/<vault path>.
 *
 * An <img> cannot send the `Authorization: Bearer` header every other API
 * request carries, and the token itself must never appear in a URL (a URL is
 * copied with "Copy image address", kept in the history and caches, and
 * would open the whole API). So each image URL carries a capability instead:
 * HMAC-SHA256(token, vault path), which grants exactly that one file, only
 * while this server runs (the token is per launch), and cannot be computed
 * without the token. The server hands these URLs out in getDigest's answer
 * (withImageUrls); the page never builds one. The Host and Origin checks of
 * request-guard.ts run before this route like before any other.
 *
 * What is served is decided by vault/images.ts (inside the vault by real
 * path, a size cap, the type sniffed from the content); each answer carries
 * IMAGE_RESPONSE_POLICY, `nosniff`, an ETag of its content and
 * `Cache-Control: private, no-cache` (revalidated with If-None-Match: a 304
 * without reading the file when it did not change).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { IMAGE_RESPONSE_POLICY } from '../shared/csp.js';
import type { ImageAnswer, ImageReader } from '../core/vault/images.js';
import { sendText } from './security-headers.js';

export type { ImageReader } from '../core/vault/images.js';

export const HTTP_IMAGE_PREFIX = '/api/image/';

/** The capability for one vault path under one token (base64url, 43 characters). */
export function imageCapability(token: string, vaultPath: string): string {
  return createHmac('sha256', token).update(vaultPath, 'utf8').digest('base64url');
}

/** The URL the page loads a vault image from. */
export function imageUrl(token: string, vaultPath: string): string {
  return `${HTTP_IMAGE_PREFIX}${imageCapability(token, vaultPath)}/${vaultPath.split('/').map(encodeURIComponent).join('/')}`;
}

/** The capability and the decoded vault path of an image URL's path, or null when it has neither. */
export function parseImagePath(pathname: string): { capability: string; vaultPath: string } | null {
  const rest = pathname.slice(HTTP_IMAGE_PREFIX.length);
  const slash = rest.indexOf('/');
  if (!pathname.startsWith(HTTP_IMAGE_PREFIX) || slash <= 0) return null;
  try {
    const vaultPath = rest
      .slice(slash + 1)
      .split('/')
      .map((segment) => decodeURIComponent(segment))
      .join('/');
    return { capability: rest.slice(0, slash), vaultPath };
  } catch {
    return null;
  }
}

function capabilityHolds(token: string, capability: string, vaultPath: string): boolean {
  const expected = Buffer.from(imageCapability(token, vaultPath));
  const given = Buffer.from(capability);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function answer(res: ServerResponse, result: ImageAnswer, head: boolean): void {
  if (!result.ok) {
    sendText(res, result.status, result.message);
    return;
  }
  res.setHeader('Content-Security-Policy', IMAGE_RESPONSE_POLICY);
  const headers = { 'Content-Type': result.contentType, ETag: result.etag, 'Cache-Control': 'private, no-cache' };
  if (result.status === 304) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Length': result.body.length });
  res.end(head ? undefined : result.body);
}

export async function serveImage(req: IncomingMessage, res: ServerResponse, pathname: string, token: string, reader: ImageReader | null): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendText(res, 405, `method ${req.method ?? ''} not allowed`, { Allow: 'GET, HEAD' });
    return;
  }
  const parsed = parseImagePath(pathname);
  if (parsed === null || !capabilityHolds(token, parsed.capability, parsed.vaultPath)) {
    sendText(res, 403, 'this image address is not valid for this server (image addresses change when `almanac serve` restarts)');
    return;
  }
  if (reader === null) {
    sendText(res, 404, 'images are not served by this server');
    return;
  }
  const ifNoneMatch = req.headers['if-none-match'];
  answer(res, await reader.readImage(parsed.vaultPath, typeof ifNoneMatch === 'string' ? ifNoneMatch : undefined), req.method === 'HEAD');
}
