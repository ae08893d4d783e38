import { describe, expect, it } from 'vitest';
import { loadRecentQueries, RECENT_QUERIES_KEY, saveRecentQueries, withRecentQuery } from './recent-queries.js';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
    data,
  };
}

describe('recent queries', () => {
  it('moves a repeated query to the front, trims, skips blanks and caps at 10', () => {
    let list: string[] = [];
    for (const q of ['a', 'b', ' a ', '', ...'cdefghij']) list = withRecentQuery(list, q);
    expect(list).toEqual(['j', 'i', 'h', 'g', 'f', 'e', 'd', 'c', 'a', 'b']);
    list = withRecentQuery(list, 'k');
    expect(list).toHaveLength(10);
    expect(list[0]).toBe('k');
    expect(list).not.toContain('b');
  });

  it('round-trips through storage and survives corrupted entries', () => {
    const storage = memoryStorage();
    saveRecentQueries(storage, ['后门检测', 'Claude Opus']);
    expect(loadRecentQueries(storage)).toEqual(['后门检测', 'Claude Opus']);
    saveRecentQueries(storage, []);
    expect(storage.data.has(RECENT_QUERIES_KEY)).toBe(false);
    expect(loadRecentQueries(memoryStorage({ [RECENT_QUERIES_KEY]: '{not json' }))).toEqual([]);
    expect(loadRecentQueries(memoryStorage({ [RECENT_QUERIES_KEY]: '["ok", 3, null]' }))).toEqual(['ok']);
    expect(loadRecentQueries(null)).toEqual([]);
  });
});
