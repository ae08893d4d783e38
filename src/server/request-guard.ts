/**
 * Who may talk to the web-mode server. Three independent checks, in order:
 *
 * 1. Host: only `127.0.0.1:PORT`, `localhost:PORT` or `[::1]:PORT` (403).
 *    A DNS-rebinding page reaches us under its own host name, so it fails here.
 * 2. Origin / Sec-Fetch-Site: a request a browser marks as coming from another
 *    origin (Origin header not exactly ours, or Sec-Fetch-Site other than
 *    same-origin/none) is refused (403). Other localhost ports are "same-site"
 *    for browsers, so they are kept out here, not by any cookie rule.
 * 3. Token (API and event stream only): the per-launch secret in an
 *    `Authorization: Bearer` header, compared in constant time (401). Never a
 *    cookie: cookies are not port-scoped, so a cookie set here would be sent
 *    to every other service on 127.0.0.1, and a page on another port could
 *    plant one that shadows ours. A stray `almanac_token` cookie is ignored.
 *    The static UI (the public app bundle, no user data) needs no token.
 */
import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

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

/** The token a request carries in `Authorization: Bearer <token>`, or null. */
export function presentedToken(req: IncomingMessage): string | null {
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
