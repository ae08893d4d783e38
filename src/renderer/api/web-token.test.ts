import { describe, expect, it } from 'vitest';
import { takeWebToken, TOKEN_STORAGE_KEY, type TokenWindow } from './web-token.js';

function fakeWindow(href: string, stored: Record<string, string> = {}) {
  const store = new Map(Object.entries(stored));
  const replaced: string[] = [];
  const win = {
    location: { href },
    history: {
      state: { kept: true },
      replaceState: (_state: unknown, _title: string, url: string) => {
        replaced.push(url);
        win.location.href = url;
      },
    },
    sessionStorage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) },
  };
  return { win: win as unknown as TokenWindow, store, replaced };
}

describe('takeWebToken', () => {
  it('takes the token from the address, keeps it in sessionStorage and removes it from the address bar', () => {
    const { win, store, replaced } = fakeWindow('http://127.0.0.1:4321/?token=abc-DEF_1&q=x#top');
    expect(takeWebToken(win)).toBe('abc-DEF_1');
    expect(store.get(TOKEN_STORAGE_KEY)).toBe('abc-DEF_1');
    expect(replaced).toEqual(['http://127.0.0.1:4321/?q=x#top']);
  });

  it('after a reload (no token in the address) reads it back from sessionStorage', () => {
    const { win, replaced } = fakeWindow('http://127.0.0.1:4321/', { [TOKEN_STORAGE_KEY]: 'abc' });
    expect(takeWebToken(win)).toBe('abc');
    expect(replaced).toEqual([]);
  });

  it('a token in the address replaces an older stored one; no token anywhere is null', () => {
    const { win, store } = fakeWindow('http://127.0.0.1:4321/?token=new', { [TOKEN_STORAGE_KEY]: 'old' });
    expect(takeWebToken(win)).toBe('new');
    expect(store.get(TOKEN_STORAGE_KEY)).toBe('new');
    expect(takeWebToken(fakeWindow('http://127.0.0.1:4321/').win)).toBeNull();
  });

  it('rewrites the address with the full same-origin URL, never a path that could name another host', () => {
    const { win, replaced } = fakeWindow('http://127.0.0.1:4321//evil.example/?token=t');
    takeWebToken(win);
    expect(replaced).toEqual(['http://127.0.0.1:4321//evil.example/']);
    expect(new URL(replaced[0]!).origin).toBe('http://127.0.0.1:4321');
  });

  it('works without storage (privacy mode): the token lives for the page only', () => {
    const { win } = fakeWindow('http://127.0.0.1:4321/?token=t');
    Object.defineProperty(win, 'sessionStorage', {
      get() {
        throw new DOMException('denied', 'SecurityError');
      },
    });
    expect(takeWebToken(win)).toBe('t');
  });
});
