/**
 * Rename detection: a new path whose content hash equals that of an indexed
 * path gone from the vault is the same digest moved, and is moved in the
 * store (Store.moveFile) instead of parsed again — unless something the
 * parser derives from the path differs between the two: the date the file
 * name or the folders give (with its precision), the issue number of the
 * name, the MDX reading of the body, or the title when it came from the name.
 * (The series follows the new path by itself: the vault-wide step recomputes
 * it after every run that changed a digest.)
 */
import { readFileNameDate, readPathDate } from '../../shared/dates.js';
import { issueNumber } from '../parse/issue-number.js';
import { fileTitle } from '../parse/title.js';
import type { FileState } from '../store/store.js';
import { isMdxPath } from '../vault/paths.js';

/** What the parser derives from a path alone, apart from the title. */
function pathFacts(path: string): string {
  const pathDate = readPathDate(path);
  return JSON.stringify([isMdxPath(path), readFileNameDate(path), pathDate?.reading ?? null, issueNumber(path, null, pathDate)]);
}

/**
 * Whether the digest stored for `from` can move to `to` as is (see the module
 * comment). `storedTitle` is asked only when the titles the two names give
 * differ; null when no digest is stored.
 */
export function canMove(from: string, to: string, storedTitle: () => string | null): boolean {
  if (pathFacts(from) !== pathFacts(to)) return false;
  const fromTitle = fileTitle(from);
  if (fromTitle === fileTitle(to)) return true;
  const title = storedTitle();
  return title !== null && title !== fromTitle;
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
