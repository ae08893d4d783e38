/**
 * The export selection: picked sections in the user's order, with what the
 * tray shows about each (so it can be listed without asking the index), kept
 * in localStorage per vault so it survives new searches and restarts.
 * Pure functions; SelectionContext.tsx holds the React state.
 */
import type { Digest, DigestHit, SectionHit, SectionInfo } from '../../shared/api.js';

export interface SelectedSection {
  id: string;
  /** Vault path of the digest. */
  path: string;
  title: string;
  date: string | null;
  week: string | null;
  heading: string;
  headingPath: string;
}

export const SELECTION_KEY_PREFIX = 'almanac.selection.v1:';
/** The contract caps an export's ids far higher; a tray beyond this is not a selection anyone can review. */
export const MAX_SELECTION = 2_000;

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function selectionKey(vaultPath: string): string {
  return `${SELECTION_KEY_PREFIX}${vaultPath}`;
}

export function fromHit(hit: DigestHit, section: SectionHit): SelectedSection {
  return { id: section.id, path: hit.path, title: hit.title, date: hit.date, week: hit.week, heading: section.heading, headingPath: section.headingPath };
}

export function fromDigest(digest: Digest, section: SectionInfo): SelectedSection {
  return { id: section.id, path: digest.path, title: digest.title, date: digest.date, week: digest.week, heading: section.heading, headingPath: section.headingPath };
}

function nullableString(v: unknown): v is string | null {
  return v === null || typeof v === 'string';
}

function isSelectedSection(v: unknown): v is SelectedSection {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return (
    typeof o.id === 'string' && /^[0-9a-f]{16}$/.test(o.id) &&
    typeof o.path === 'string' && typeof o.title === 'string' && typeof o.heading === 'string' && typeof o.headingPath === 'string' &&
    nullableString(o.date) && nullableString(o.week)
  );
}

export function loadSelection(storage: StorageLike | null, vaultPath: string): SelectedSection[] {
  try {
    const raw = storage?.getItem(selectionKey(vaultPath));
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    if (!Array.isArray(parsed)) return [];
    const seen = new Set<string>();
    return parsed.filter((item): item is SelectedSection => {
      if (!isSelectedSection(item) || seen.has(item.id)) return false;
      seen.add(item.id);
      return true;
    }).slice(0, MAX_SELECTION);
  } catch {
    return []; // a corrupted entry must not break the app
  }
}

export function saveSelection(storage: StorageLike | null, vaultPath: string, items: readonly SelectedSection[]): void {
  try {
    if (items.length === 0) storage?.removeItem(selectionKey(vaultPath));
    else storage?.setItem(selectionKey(vaultPath), JSON.stringify(items));
  } catch {
    // Storage full or disabled: the selection still works for this session.
  }
}

/** `items` plus those of `added` not yet in it, at the end, in their order. */
export function withAdded(items: readonly SelectedSection[], added: readonly SelectedSection[]): SelectedSection[] {
  const ids = new Set(items.map((i) => i.id));
  const out = [...items];
  for (const item of added) {
    if (ids.has(item.id) || out.length >= MAX_SELECTION) continue;
    ids.add(item.id);
    out.push(item);
  }
  return out;
}

export function withoutIds(items: readonly SelectedSection[], ids: ReadonlySet<string>): SelectedSection[] {
  return items.filter((i) => !ids.has(i.id));
}

/** The item at `from` moved to index `to` (clamped); the same array when nothing moves. */
export function moved(items: readonly SelectedSection[], from: number, to: number): SelectedSection[] {
  const target = Math.max(0, Math.min(items.length - 1, to));
  if (from < 0 || from >= items.length || from === target) return [...items];
  const out = [...items];
  const [item] = out.splice(from, 1);
  if (item) out.splice(target, 0, item);
  return out;
}

/**
 * Oldest digest first; undated digests last; sections of one digest keep
 * their relative order (the sort is stable), ties broken by path.
 */
export function sortedByDate(items: readonly SelectedSection[]): SelectedSection[] {
  return [...items].sort((a, b) => {
    if (a.date !== b.date) {
      if (a.date === null) return 1;
      if (b.date === null) return -1;
      return a.date < b.date ? -1 : 1;
    }
    return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
  });
}

/**
 * The selection checked against the index: items whose digest is gone, or
 * whose section id the digest no longer has, are dropped; the others get the
 * digest's current title, date and heading. `digests` maps each path to its
 * digest, or null when it is no longer in the index.
 */
export function reconciled(
  items: readonly SelectedSection[],
  digests: ReadonlyMap<string, Digest | null>,
): { items: SelectedSection[]; dropped: SelectedSection[] } {
  const kept: SelectedSection[] = [];
  const dropped: SelectedSection[] = [];
  for (const item of items) {
    if (!digests.has(item.path)) {
      kept.push(item);
      continue;
    }
    const digest = digests.get(item.path) ?? null;
    const section = digest?.sections.find((s) => s.id === item.id);
    if (!digest || !section) dropped.push(item);
    else kept.push(fromDigest(digest, section));
  }
  return { items: kept, dropped };
}
