/**
 * Who may talk to the web-mode server. Three independent checks, in order:
 *
 * 1. Host: only `127.0.0.1:PORT`, `localhost:PORT` or `[::1]:PORT` (403).
 *    A DNS-rebinding page reaches us under its own host name, so it fails here.
 * 2. Origin / Sec-Fetch-Site: a request a browser marks as coming from another
 *    origin (Origin header not exactly ours, or Sec-Fetch-Site other than
 *    same-origin/none) is refused (403). Other localhost ports are "same-site"
 *    for browsers, so SameSite=Strict alone would not keep them out.
 * 3. Token: the per-launch secret, from the HttpOnly cookie or an
 *    `Authorization: Bearer` header (scripts), compared in constant time (401).
 */
import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { TOKEN_COOKIE } from '../shared/transport.js';

/** A fresh per-launch token: 32 random bytes, base64url. */
export function createToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time equality; hashing first makes the lengths equal and hides the expected one. */
export function tokensEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
}

export type GuardResult = { ok: true } | { ok: false; status: 401 | 403; message: string };

export function checkHost(req: IncomingMessage, port: number): GuardResult {
  const host = (req.headers.host ?? '').toLowerCase();
  if (allowedHosts(port).includes(host)) return { ok: true };
  return {
    ok: false,
    status: 403,
    message: `Host ${JSON.stringify(req.headers.host ?? '')} is not allowed; open http://127.0.0.1:${port}/`,
  };
}

export function checkOrigin(req: IncomingMessage): GuardResult {
  const origin = req.headers.origin;
  // The Host was checked first, so our origin is http:// + the Host the browser used.
  if (origin !== undefined && origin !== `http://${req.headers.host ?? ''}`) {
    return { ok: false, status: 403, message: `cross-origin request from ${JSON.stringify(origin)} refused` };
  }
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return { ok: false, status: 403, message: `request from another site (Sec-Fetch-Site: ${site}) refused` };
  }
  return { ok: true };
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (!cookies.has(name)) cookies.set(name, value);
  }
  return cookies;
}

/** The token a request carries (cookie first, then Bearer), or null. */
export function presentedToken(req: IncomingMessage): string | null {
  const cookie = parseCookies(req.headers.cookie).get(TOKEN_COOKIE);
  if (cookie) return cookie;
  const auth = req.headers.authorization;
  const match = auth ? /^Bearer\s+(\S+)$/i.exec(auth) : null;
  return match?.[1] ?? null;
}

export function checkToken(req: IncomingMessage, token: string): GuardResult {
  const given = presentedToken(req);
  if (given !== null && tokensEqual(given, token)) return { ok: true };
  return {
    ok: false,
    status: 401,
    message: 'Almanac needs its access token: open the URL that `almanac serve` printed (it ends in ?token=...).',
  };
}

export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}
