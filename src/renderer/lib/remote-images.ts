/**
 * Remote images in the page: which digests the user asked to show them for
 * (kept in sessionStorage, for this tab), and the reload that asks the app
 * for a page that may load them.
 *
 * A page's Content-Security-Policy is fixed when it loads and can only be
 * narrowed afterwards, so the "Load remote images" button reloads the page
 * with REMOTE_IMAGES_QUERY: the adapter then sends `img-src https:` too
 * (shared/csp.ts). What the desk shows (query, filters, the open digest) is
 * saved for the reload and restored by the page it loads, so the user lands
 * where they were.
 */
import { REMOTE_IMAGES_QUERY } from '../../shared/csp.js';

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export const REMOTE_DIGESTS_KEY = 'almanac.remoteImageDigests';
export const RELOAD_STATE_KEY = 'almanac.reloadState';

/** What the desk shows, as a reload carries it over. */
export interface DeskSnapshot {
  query: string;
  tags: string[];
  from?: string;
  to?: string;
  sort: 'relevance' | 'newest' | 'oldest';
  view: 'results' | 'timeline';
  open: { path: string; sectionId: string | null } | null;
  mentions?: string[];
  sites?: string[];
}

function read(storage: StorageLike | null, key: string): unknown {
  try {
    const raw = storage?.getItem(key);
    return raw ? (JSON.parse(raw) as unknown) : null;
  } catch {
    return null;
  }
}

function write(storage: StorageLike | null, key: string, value: unknown): void {
  try {
    if (value === null) storage?.removeItem(key);
    else storage?.setItem(key, JSON.stringify(value));
  } catch {
    // Disabled storage: the images simply stay unloaded after the reload.
  }
}

/** The digests of this tab whose remote images the user asked for. */
export function remoteImageDigests(storage: StorageLike | null): Set<string> {
  const list = read(storage, REMOTE_DIGESTS_KEY);
  return new Set(Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string') : []);
}

export function saveRemoteImageDigests(storage: StorageLike | null, paths: ReadonlySet<string>): void {
  write(storage, REMOTE_DIGESTS_KEY, paths.size === 0 ? null : [...paths]);
}

/** Whether this page was loaded asking for remote images (its policy then allows them). */
export function pageAsksRemoteImages(href: string): boolean {
  try {
    return new URL(href).searchParams.get(REMOTE_IMAGES_QUERY) === '1';
  } catch {
    return false;
  }
}

/** The address of this page asking for remote images, or not. */
export function pageAddress(href: string, remoteImages: boolean): string {
  const url = new URL(href);
  if (remoteImages) url.searchParams.set(REMOTE_IMAGES_QUERY, '1');
  else url.searchParams.delete(REMOTE_IMAGES_QUERY);
  return url.href;
}

export function saveReloadState(storage: StorageLike | null, snapshot: DeskSnapshot): void {
  write(storage, RELOAD_STATE_KEY, snapshot);
}

/** The desk a reload carried over (read once: it is removed), or null. */
export function takeReloadState(storage: StorageLike | null): DeskSnapshot | null {
  const value = read(storage, RELOAD_STATE_KEY);
  write(storage, RELOAD_STATE_KEY, null);
  if (value === null || typeof value !== 'object') return null;
  const v = value as Partial<DeskSnapshot>;
  const strings = (list: unknown): string[] => (Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : []);
  const open = v.open && typeof v.open.path === 'string' ? { path: v.open.path, sectionId: typeof v.open.sectionId === 'string' ? v.open.sectionId : null } : null;
  return {
    query: typeof v.query === 'string' ? v.query : '',
    tags: strings(v.tags),
    ...(typeof v.from === 'string' ? { from: v.from } : {}),
    ...(typeof v.to === 'string' ? { to: v.to } : {}),
    sort: v.sort === 'newest' || v.sort === 'oldest' ? v.sort : 'relevance',
    view: v.view === 'timeline' ? 'timeline' : 'results',
    open,
    mentions: strings(v.mentions),
    sites: strings(v.sites),
  };
}
