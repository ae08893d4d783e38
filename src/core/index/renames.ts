/**
 * Rename detection: a new path whose content hash equals that of an indexed
 * path gone from the vault is the same digest moved, and is moved in the
 * store (Store.moveFile) instead of parsed again — unless its title or date
 * may have come from the old file name (the parser derives fallbacks from
 * it) and the name changed.
 */
import { dateFromFileName } from '../../shared/dates.js';
import type { FileState } from '../store/store.js';

/** The file name without folder and Markdown extension. */
export function stem(vaultPath: string): string {
  return vaultPath.slice(vaultPath.lastIndexOf('/') + 1).replace(/\.(md|markdown)$/i, '');
}

/**
 * Whether the digest stored for `from` can move to `to` as is. `storedTitle`
 * is asked only when the names differ; null when no digest is stored.
 */
export function canMove(from: string, to: string, storedTitle: () => string | null): boolean {
  if (stem(from) === stem(to)) return true;
  const title = storedTitle();
  return title !== null && title !== stem(from) && dateFromFileName(from) === dateFromFileName(to);
}

/** The gone paths of one run that new files may claim as their old name. */
export class RenameMatcher {
  /** Indexed paths gone from the vault, by content hash. */
  private readonly movable = new Map<string, FileState[]>();
  private readonly claimed = new Set<string>();

  /** titleOf: the title of the digest stored for a path, null when there is none. */
  constructor(
    private readonly gone: readonly FileState[],
    private readonly titleOf: (path: string) => string | null,
  ) {
    for (const r of gone) {
      if (r.status !== 'indexed' || r.hash === null) continue;
      const list = this.movable.get(r.hash);
      if (list) list.push(r);
      else this.movable.set(r.hash, [r]);
    }
  }

  /** The first unclaimed gone path with this hash that can move to `to`, now claimed; null when there is none. */
  claim(hash: string, to: string): string | null {
    const from = this.movable.get(hash)?.find((r) => !this.claimed.has(r.path) && canMove(r.path, to, () => this.titleOf(r.path)));
    if (!from) return null;
    this.claimed.add(from.path);
    return from.path;
  }

  /** A move that could not be stored: its old path is removed with the other gone paths. */
  release(from: string): void {
    this.claimed.delete(from);
  }

  /** Gone paths not moved: they are removed from the index. */
  unclaimed(): FileState[] {
    return this.gone.filter((r) => !this.claimed.has(r.path));
  }
}
