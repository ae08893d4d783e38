/**
 * The mentions facet and filter (core/text/mention-name.ts): every digest's
 * distinct mentioned names as small integers, so that counting them over the
 * matching digests of a search is a few array increments per digest, and a
 * `mention:` filter a scan of the digest's short sorted list.
 *
 * Names are identified by the hash of their key (store/mention-rows.ts), so
 * spellings that differ in case or width are one name; a name is shown in
 * the index's most frequent spelling, whose text is read (from one digest's
 * row) only when a facet shows it. Loaded on the first search that asks (not
 * with the catalog: its snapshot does not carry them), once per catalog,
 * i.e. per index generation.
 */
import type { Database } from 'better-sqlite3';
import { decodeMentionRow, mentionKeyHash, mentionRowOf, mentionRows, spellingAt } from '../store/mention-rows.js';
import { ListCounts } from './facet-counts.js';

/** The facet lists this many names, the most frequent first. */
export const MENTION_FACET_LIMIT = 30;

/** The index as columns (catalog-extras.ts stores them beside the catalog snapshot). */
export interface MentionColumns {
  /** Key hash per key id. */
  keyHash: Float64Array;
  /** Per key id: the digest id and entry where its most used spelling can be read. */
  displayDigest: Int32Array;
  displayEntry: Int32Array;
  /** Digest position i's distinct key ids, ascending: ids[start[i] .. start[i + 1]). */
  start: Int32Array;
  ids: Int32Array;
}

/** Where a spelling can be read: a digest holding it, and its entry there. */
interface SpellingPlace {
  digestId: number;
  entry: number;
}

export class MentionIndex {
  private readonly lists: ListCounts;
  private readonly names = new Map<number, string>();

  private constructor(
    private readonly db: Database,
    /** Key hash -> key id (0 .. keyCount - 1). */
    private readonly keyIds: HashIds,
    /** Per key id: where its most used spelling can be read. */
    private readonly display: SpellingPlace[],
    /** Digest position i's distinct key ids, ascending: ids[start[i] .. start[i + 1]). */
    private readonly start: Int32Array,
    private readonly ids: Int32Array,
  ) {
    this.lists = new ListCounts(start, ids, display.length);
  }

  /** Distinct names (by key) in the index. */
  get keyCount(): number {
    return this.display.length;
  }

  /**
   * Reads the mention rows for the digests of a catalog, given as digest id
   * per position (`digestIds`). Rows of digests the catalog does not hold (a
   * write since it was loaded) are left out.
   */
  static load(db: Database, digestIds: Int32Array): MentionIndex {
    const positionOf = new Map<number, number>();
    digestIds.forEach((id, i) => positionOf.set(id, i));
    const keyIds = new HashIds();
    const spellings = new SpellingTally();
    // Every (position, key id) in one flat list, then grouped by position: no array per digest.
    const pos: number[] = [];
    const keys: number[] = [];
    for (const [digestId, data] of mentionRows(db)) {
      const position = positionOf.get(digestId);
      if (position === undefined) continue;
      const row = decodeMentionRow(data);
      const uses = new Int32Array(row.keys.length);
      for (let k = 1; k < row.pairs.length; k += 2) {
        const entry = row.pairs[k]!;
        if (entry < uses.length) uses[entry]!++;
      }
      uses.forEach((n, entry) => {
        if (n === 0) return;
        const keyId = keyIds.id(row.keys[entry]!);
        pos.push(position);
        keys.push(keyId);
        spellings.add(keyId, row.keys[entry]!, row.spellings[entry]!, n, digestId, entry);
      });
    }
    const { start, ids } = groupedDistinct(digestIds.length, pos, keys);
    return new MentionIndex(db, keyIds, spellings.best(keyIds.size), start, ids);
  }

  /** The index made again from its columns (ids must be those columns() gave). */
  static fromColumns(db: Database, c: MentionColumns): MentionIndex {
    const keyIds = new HashIds(c.keyHash.length);
    for (let id = 0; id < c.keyHash.length; id++) keyIds.id(c.keyHash[id]!);
    const display = Array.from(c.displayDigest, (digestId, id): SpellingPlace => ({ digestId, entry: c.displayEntry[id]! }));
    return new MentionIndex(db, keyIds, display, c.start, c.ids);
  }

  /** The index as columns, to store (see fromColumns). */
  columns(): MentionColumns {
    const keyHash = new Float64Array(this.display.length);
    this.keyIds.forEach((hash, id) => (keyHash[id] = hash));
    return {
      keyHash,
      displayDigest: Int32Array.from(this.display, (p) => p?.digestId ?? -1),
      displayEntry: Int32Array.from(this.display, (p) => p?.entry ?? -1),
      start: this.start,
      ids: this.ids,
    };
  }

  /** Id of the key of a name or of what a user typed for one, -1 when no digest mentions it. */
  keyId(text: string): number {
    return this.keyIds.find(mentionKeyHash(text));
  }

  /** Whether the digest at `position` mentions the key with this id. */
  has(position: number, keyId: number): boolean {
    for (let k = this.start[position]!, end = this.start[position + 1]!; k < end; k++) {
      if (this.ids[k] === keyId) return true;
      if (this.ids[k]! > keyId) return false;
    }
    return false;
  }

  /** The `limit` names mentioned by most of these digests, with how many of them mention each: most first, ties by name. */
  count(positions: ArrayLike<number>, limit = MENTION_FACET_LIMIT): Record<string, number> {
    const { counts, ids, metOrder } = this.lists.countSparse(positions);
    const entries = this.topKeys(counts, ids, metOrder ? null : positions, limit).map((id) => [this.nameOf(id), counts[id]!] as const);
    return Object.fromEntries(entries.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
  }

  /**
   * The `limit` keys of highest count; of the keys tied at the cut, those
   * met first walking the digests in position order (each digest's keys
   * ascending), so that the names listed do not depend on how they were
   * counted (facet-counts.ts).
   */
  private topKeys(counts: Int32Array, counted: Int32Array, positions: ArrayLike<number> | null, limit: number): number[] {
    // The limit-th highest count, from a short descending list of counts.
    const best: number[] = [];
    for (const id of counted) {
      const c = counts[id]!;
      if (c === 0 || (best.length === limit && c <= best[limit - 1]!)) continue;
      let at = best.length;
      while (at > 0 && c > best[at - 1]!) at--;
      best.splice(at, 0, c);
      if (best.length > limit) best.pop();
    }
    const cut = best.length < limit ? 1 : best[limit - 1]!;
    const top: number[] = [];
    const tied: number[] = [];
    for (const id of counted) {
      if (counts[id]! > cut) top.push(id);
      else if (counts[id] === cut) tied.push(id);
    }
    const room = limit - top.length;
    // Counted in the order met (positions null): the tied keys are in that order already.
    if (tied.length <= room || positions === null) return top.concat(tied.slice(0, room));
    const isTied = new Uint8Array(counts.length);
    for (const id of tied) isTied[id] = 1;
    for (let p = 0; p < positions.length && top.length < limit; p++) {
      const i = positions[p]!;
      for (let k = this.start[i]!, end = this.start[i + 1]!; k < end && top.length < limit; k++) {
        const id = this.ids[k]!;
        if (isTied[id] === 1) {
          isTied[id] = 0;
          top.push(id);
        }
      }
    }
    return top;
  }

  /** The display spelling of a key, read once from a digest that holds it. */
  private nameOf(keyId: number): string {
    let name = this.names.get(keyId);
    if (name === undefined) {
      const place = this.display[keyId];
      const row = place === undefined ? null : mentionRowOf(this.db, place.digestId);
      name = (row === null ? null : spellingAt(row, place!.entry)) ?? '';
      this.names.set(keyId, name);
    }
    return name;
  }
}

/**
 * Small ids for numbers up to 2^53 (hashes): open addressing over typed
 * arrays, several times faster than a Map of such numbers, which boxes each.
 */
class HashIds {
  private keys: Float64Array;
  private ids: Int32Array;
  size = 0;

  /** `expected`: how many values it will hold (no growing up to there). */
  constructor(expected = 0) {
    let capacity = 1024;
    while (capacity < 2 * expected) capacity *= 2;
    this.keys = new Float64Array(capacity);
    this.ids = new Int32Array(capacity).fill(-1);
  }

  private slot(value: number): number {
    const mask = this.ids.length - 1;
    let h = Math.imul((value % 4294967296) ^ Math.imul(Math.floor(value / 4294967296), 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 13;
    let i = h & mask;
    while (this.ids[i] !== -1 && this.keys[i] !== value) i = (i + 1) & mask;
    return i;
  }

  /** The id of `value`, made when new. */
  id(value: number): number {
    let i = this.slot(value);
    if (this.ids[i] !== -1) return this.ids[i]!;
    if (2 * (this.size + 1) > this.ids.length) {
      this.grow();
      i = this.slot(value);
    }
    this.keys[i] = value;
    this.ids[i] = this.size;
    return this.size++;
  }

  /** The id of `value`, -1 when it has none. */
  find(value: number): number {
    return this.ids[this.slot(value)]!;
  }

  /** Visits every (value, id). */
  forEach(visit: (value: number, id: number) => void): void {
    this.ids.forEach((id, i) => {
      if (id !== -1) visit(this.keys[i]!, id);
    });
  }

  private grow(): void {
    const { keys, ids } = this;
    this.keys = new Float64Array(keys.length * 2);
    this.ids = new Int32Array(ids.length * 2).fill(-1);
    ids.forEach((id, i) => {
      if (id === -1) return;
      const j = this.slot(keys[i]!);
      this.keys[j] = keys[i]!;
      this.ids[j] = id;
    });
  }
}

/** An Int32Array of at least `size` entries holding `from`, the rest `fill`. */
function widened(from: Int32Array, size: number, fill: number): Int32Array<ArrayBuffer> {
  if (size <= from.length) return from as Int32Array<ArrayBuffer>;
  let length = from.length;
  while (length < size) length *= 2;
  const to = new Int32Array(length).fill(fill);
  to.set(from);
  return to;
}

/** Spelling slots per key: 0 for the key's own spelling, 1.. for the others (by their hash, 21 bits). */
const SPELLING_SLOTS = 2 ** 21;

/**
 * How often each spelling of each key is used, and where one can be read:
 * the most used per key (the first seen on ties). Typed arrays by a small id
 * per (key, spelling), so tallying costs no map of boxed numbers.
 */
class SpellingTally {
  private readonly ids = new HashIds();
  private uses = new Int32Array(1024);
  private keyOf = new Int32Array(1024);
  private digest = new Int32Array(1024);
  private entry = new Int32Array(1024);

  add(keyId: number, keyHash: number, spelling: number, uses: number, digestId: number, entry: number): void {
    const slot = spelling === keyHash ? 0 : 1 + (spelling % (SPELLING_SLOTS - 1));
    const id = this.ids.id(keyId * SPELLING_SLOTS + slot);
    if (id >= this.uses.length) {
      this.uses = widened(this.uses, id + 1, 0);
      this.keyOf = widened(this.keyOf, id + 1, 0);
      this.digest = widened(this.digest, id + 1, 0);
      this.entry = widened(this.entry, id + 1, 0);
    }
    if (this.uses[id] === 0) {
      this.keyOf[id] = keyId;
      this.digest[id] = digestId;
      this.entry[id] = entry;
    }
    this.uses[id]! += uses;
  }

  best(keyCount: number): SpellingPlace[] {
    const best = new Array<SpellingPlace>(keyCount);
    const bestUses = new Int32Array(keyCount);
    for (let id = 0; id < this.ids.size; id++) {
      const key = this.keyOf[id]!;
      if (this.uses[id]! > bestUses[key]!) {
        bestUses[key] = this.uses[id]!;
        best[key] = { digestId: this.digest[id]!, entry: this.entry[id]! };
      }
    }
    return best;
  }
}

/** The keys of each position, sorted and distinct, as one flat array with start offsets (a counting sort by position). */
function groupedDistinct(n: number, pos: readonly number[], keys: readonly number[]): { start: Int32Array; ids: Int32Array } {
  const start = new Int32Array(n + 1);
  for (const p of pos) start[p + 1]!++;
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, n);
  const grouped = new Int32Array(keys.length);
  for (let k = 0; k < keys.length; k++) grouped[fill[pos[k]!]!++] = keys[k]!;
  // Sort each position's keys and drop repeats (a name in several sections), compacting in place.
  let size = 0;
  for (let i = 0; i < n; i++) {
    const from = start[i]!;
    const to = start[i + 1]!;
    start[i] = size;
    grouped.subarray(from, to).sort();
    for (let k = from; k < to; k++) if (k === from || grouped[k] !== grouped[k - 1]) grouped[size++] = grouped[k]!;
  }
  start[n] = size;
  return { start, ids: grouped.slice(0, size) };
}
