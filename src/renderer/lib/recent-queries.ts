/** Recent searches, newest first, kept in localStorage (per browser profile / app). */

export const RECENT_QUERIES_KEY = 'almanac.recentQueries';
const MAX_RECENT = 10;

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function loadRecentQueries(storage: StorageLike | null): string[] {
  try {
    const raw = storage?.getItem(RECENT_QUERIES_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? parsed.filter((q): q is string => typeof q === 'string').slice(0, MAX_RECENT) : [];
  } catch {
    return []; // a corrupted entry must not break the search box
  }
}

/** The list with `query` moved to the front (trimmed, de-duplicated, capped). */
export function withRecentQuery(list: readonly string[], query: string): string[] {
  const q = query.trim();
  if (!q) return [...list];
  return [q, ...list.filter((x) => x !== q)].slice(0, MAX_RECENT);
}

export function saveRecentQueries(storage: StorageLike | null, list: readonly string[]): void {
  try {
    if (list.length === 0) storage?.removeItem(RECENT_QUERIES_KEY);
    else storage?.setItem(RECENT_QUERIES_KEY, JSON.stringify(list));
  } catch {
    // Storage full or disabled: recent queries are a convenience, not data.
  }
}
