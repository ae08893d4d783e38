/**
 * The web-mode token on the page's side. `almanac serve` prints
 * `http://127.0.0.1:PORT/?token=…`; the page takes the token from its address,
 * keeps it in sessionStorage (origin-scoped, so port-scoped: another service
 * on 127.0.0.1 cannot read it, and a second `almanac serve` on another port
 * keeps its own) so that a reload still works, and removes it from the
 * address bar and the history entry. It is sent only as an Authorization
 * header (http-client.ts), never as a cookie (docs/SECURITY.md).
 */
import { TOKEN_QUERY } from '../../shared/transport.js';

export const TOKEN_STORAGE_KEY = 'almanac.token';

interface TokenStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** What of `window` the token needs (structural, so tests pass a plain object). */
export interface TokenWindow {
  location: { href: string };
  history: { state: unknown; replaceState(data: unknown, unused: string, url?: string | null): void };
  sessionStorage?: TokenStore;
}

function sessionStore(win: TokenWindow): TokenStore | null {
  try {
    return win.sessionStorage ?? null;
  } catch {
    return null; // storage disabled: the token then lives for this page only
  }
}

/** The token of this page: from the address (then removed from it), else from sessionStorage; null if neither has one. */
export function takeWebToken(win: TokenWindow): string | null {
  const store = sessionStore(win);
  const url = new URL(win.location.href);
  const fromUrl = url.searchParams.get(TOKEN_QUERY);
  if (fromUrl === null) {
    try {
      return store?.getItem(TOKEN_STORAGE_KEY) ?? null;
    } catch {
      return null;
    }
  }
  url.searchParams.delete(TOKEN_QUERY);
  // The full URL (same origin by construction), never a path: "//host/…" would name another origin.
  win.history.replaceState(win.history.state, '', url.href);
  try {
    store?.setItem(TOKEN_STORAGE_KEY, fromUrl);
  } catch {
    // Quota or privacy mode: the token stays in memory for this page.
  }
  return fromUrl;
}
