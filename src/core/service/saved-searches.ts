/**
 * Saved searches: a query and its filters under a name, and how many
 * matching digests are new since it was last opened.
 *
 * "Seen" is the set of digests that matched when the search was saved or
 * last opened, kept as 32-bit fingerprints of their vault paths (sorted,
 * base64: about 5 bytes a digest). Paths, not digest ids: a digest that is
 * parsed again (an edit, a new index format) gets a new id but is not new.
 * A digest renamed since counts as new; a collision of fingerprints (about
 * one in 400,000 pairs at 10k matches) hides one new digest.
 *
 * The counts are computed again after every index run (the watcher's too)
 * and whenever they are asked for at another index generation.
 */
import { AlmanacError } from '../../shared/errors.js';
import type { SearchRequest } from '../../shared/api.js';
import { MAX_SAVED_SEARCHES, type SavedSearch, type SavedSearchInput } from '../../shared/research.js';
import { savedSearchInput } from '../../shared/validate-research.js';

/** A saved search as stored: its fields and the fingerprints of the digests seen. */
export interface StoredSavedSearch extends SavedSearchInput {
  createdAt: string;
  openedAt: string;
  /** Base64 of the sorted distinct Uint32 fingerprints (pathFingerprint) of the digests seen. */
  seen: string;
}

/** Where a vault's saved searches are kept (a JSON file beside the index, or the desktop's settings). */
export interface SavedSearchPersistence {
  /** What was saved (checked here: an edited or old file never breaks anything), undefined when nothing was. */
  load(): unknown;
  save(searches: StoredSavedSearch[]): void;
}

export interface SavedSearchDeps {
  persistence: SavedSearchPersistence;
  /** The vault paths of the digests a request matches (as a search counts them). */
  matchingPaths(request: SearchRequest): string[];
  /** The index generation (a count computed at it stays valid while it does not move). */
  generation(): number;
  now?: () => Date;
}

/** FNV-1a of the path's UTF-16 code units: its identity in a seen set. */
export function pathFingerprint(path: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) h = Math.imul(h ^ path.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function encodeSeen(paths: readonly string[]): string {
  const prints = Uint32Array.from(new Set(paths.map(pathFingerprint))).sort();
  return Buffer.from(prints.buffer, prints.byteOffset, prints.byteLength).toString('base64');
}

function decodeSeen(seen: string): Uint32Array {
  const bytes = Buffer.from(seen, 'base64');
  const copy = new Uint8Array(bytes.byteLength - (bytes.byteLength % 4));
  copy.set(bytes.subarray(0, copy.length));
  return new Uint32Array(copy.buffer);
}

function containsSorted(sorted: Uint32Array, value: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] === value) return true;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** The stored entries that are well formed (the rest of a hand-edited or older file is dropped). */
function sanitize(value: unknown): StoredSavedSearch[] {
  if (!Array.isArray(value)) return [];
  const out: StoredSavedSearch[] = [];
  for (const item of value) {
    if (typeof item !== 'object' || item === null) continue;
    const { createdAt, openedAt, seen, ...input } = item as Record<string, unknown>;
    if (typeof createdAt !== 'string' || typeof openedAt !== 'string' || typeof seen !== 'string') continue;
    try {
      const checked = savedSearchInput('saved search', input);
      if (!out.some((s) => s.name === checked.name)) out.push({ ...checked, createdAt, openedAt, seen });
    } catch {
      // A malformed entry is left out rather than failing the whole list.
    }
  }
  return out.slice(0, MAX_SAVED_SEARCHES);
}

/** The search request of a saved search (its query and filters only). */
export function requestOf(s: SavedSearchInput): SearchRequest {
  const request: SearchRequest = { query: s.query };
  for (const key of ['tags', 'tagMode', 'mentions', 'from', 'to'] as const) if (s[key] !== undefined) Object.assign(request, { [key]: s[key] });
  return request;
}

function notFound(name: string): AlmanacError {
  return new AlmanacError('not-found', `no saved search named ${JSON.stringify(name)}`, { name });
}

export class SavedSearches {
  private searches: StoredSavedSearch[];
  /** New-digest counts by name, valid at `countedAt` (an index generation). */
  private counts = new Map<string, number>();
  private countedAt = -1;

  constructor(private readonly deps: SavedSearchDeps) {
    this.searches = sanitize(deps.persistence.load());
  }

  /** Every saved search with its count of new digests. */
  list(): SavedSearch[] {
    if (this.countedAt !== this.deps.generation()) this.refresh();
    return this.searches.map((s) => this.view(s));
  }

  /** Counts the new digests of every saved search now (after an index run). */
  refresh(): void {
    this.countedAt = this.deps.generation();
    this.counts = new Map(this.searches.map((s) => [s.name, this.countNew(s)]));
  }

  /** Saves (or replaces) a search; what it matches now counts as seen. */
  save(input: SavedSearchInput): SavedSearch[] {
    const at = this.timestamp();
    const existing = this.searches.find((s) => s.name === input.name);
    if (existing === undefined && this.searches.length >= MAX_SAVED_SEARCHES) {
      throw new AlmanacError('invalid-argument', `saveSearch: at most ${MAX_SAVED_SEARCHES} searches can be saved; remove one first`, { argument: 'search' });
    }
    const stored: StoredSavedSearch = { ...input, createdAt: existing?.createdAt ?? at, openedAt: at, seen: encodeSeen(this.deps.matchingPaths(requestOf(input))) };
    this.searches = existing === undefined ? [...this.searches, stored] : this.searches.map((s) => (s === existing ? stored : s));
    this.store(stored.name, 0);
    return this.list();
  }

  remove(name: string): SavedSearch[] {
    if (!this.searches.some((s) => s.name === name)) throw notFound(name);
    this.searches = this.searches.filter((s) => s.name !== name);
    this.counts.delete(name);
    this.deps.persistence.save(this.searches);
    return this.list();
  }

  /** Marks what the search matches now as seen. */
  open(name: string): SavedSearch {
    const found = this.searches.find((s) => s.name === name);
    if (found === undefined) throw notFound(name);
    const opened: StoredSavedSearch = { ...found, openedAt: this.timestamp(), seen: encodeSeen(this.deps.matchingPaths(requestOf(found))) };
    this.searches = this.searches.map((s) => (s === found ? opened : s));
    this.store(name, 0);
    return this.view(opened);
  }

  private store(name: string, count: number): void {
    this.deps.persistence.save(this.searches);
    if (this.countedAt === this.deps.generation()) this.counts.set(name, count);
  }

  private countNew(s: StoredSavedSearch): number {
    const seen = decodeSeen(s.seen);
    let n = 0;
    for (const path of this.deps.matchingPaths(requestOf(s))) if (!containsSorted(seen, pathFingerprint(path))) n++;
    return n;
  }

  private view(s: StoredSavedSearch): SavedSearch {
    const { seen: _seen, ...rest } = s;
    return { ...rest, newCount: this.counts.get(s.name) ?? this.countNew(s) };
  }

  private timestamp(): string {
    return (this.deps.now?.() ?? new Date()).toISOString();
  }
}
