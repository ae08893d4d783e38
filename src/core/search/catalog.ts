/**
 * The engine's in-memory view of every digest's metadata (no text): what the
 * filters, facets and date sorting need, so that they run over the matching
 * id set in microseconds instead of one SQL round trip per facet. About 200
 * bytes per digest (2 MB at 10k digests); reloaded when the store changes.
 * Loading reads only the digest and tag tables, which hold no text.
 */
import type { Database } from 'better-sqlite3';
import { META_CATALOG_GENERATION } from '../store/schema.js';
import { isBusyError } from '../store/errors.js';
import { decodeSnapshot, emptyColumns, encodeSnapshot, type CatalogColumns } from './catalog-snapshot.js';
import { FacetIndex, type FacetSource } from './facets.js';

export interface CatalogDigest extends FacetSource {
  /** Position in DigestCatalog.all (by path). */
  index: number;
  id: number;
  path: string;
  title: string;
  date: string | null;
  week: string | null;
  tags: string[];
  tagNorms: string[];
  /** Sections in the digest. */
  sectionCount: number;
  /** rowid of the first section; the digest's sections are firstSection .. firstSection + sectionCount - 1. */
  firstSection: number;
  /** rowid of the first section (the lead), null for a digest without sections. */
  leadRowid: number | null;
}

export interface DigestFilter {
  /** Tags from the request (matched by normalised form) and how to combine them. */
  anyOrAllTags: { tags: string[]; mode: 'any' | 'all' } | null;
  /** Tags that must all be present (tag: operators). */
  requiredTags: string[];
  excludedTags: string[];
  /** Inclusive "YYYY-MM-DD" bounds; a digest without a date fails any bound. */
  from: string | null;
  to: string | null;
  /** Folder prefixes: the digest must be under one of them. */
  folders: string[];
  excludedFolders: string[];
}

export function isEmptyFilter(f: DigestFilter): boolean {
  return (
    f.anyOrAllTags === null &&
    f.requiredTags.length === 0 &&
    f.excludedTags.length === 0 &&
    f.from === null &&
    f.to === null &&
    f.folders.length === 0 &&
    f.excludedFolders.length === 0
  );
}

function underFolder(path: string, folder: string): boolean {
  const p = path.toLowerCase();
  const f = folder.toLowerCase();
  return p.startsWith(`${f}/`);
}

export function matchesFilter(d: CatalogDigest, f: DigestFilter): boolean {
  if (f.from !== null && (d.date === null || d.date < f.from)) return false;
  if (f.to !== null && (d.date === null || d.date > f.to)) return false;
  for (const t of f.requiredTags) if (!d.tagNorms.includes(t)) return false;
  for (const t of f.excludedTags) if (d.tagNorms.includes(t)) return false;
  if (f.anyOrAllTags !== null && f.anyOrAllTags.tags.length > 0) {
    const { tags, mode } = f.anyOrAllTags;
    const ok = mode === 'all' ? tags.every((t) => d.tagNorms.includes(t)) : tags.some((t) => d.tagNorms.includes(t));
    if (!ok) return false;
  }
  if (f.folders.length > 0 && !f.folders.some((folder) => underFolder(d.path, folder))) return false;
  if (f.excludedFolders.some((folder) => underFolder(d.path, folder))) return false;
  return true;
}

/** Newest first; digests without a date last; ties by path. */
export function compareNewest(a: CatalogDigest, b: CatalogDigest): number {
  if (a.date !== b.date) {
    if (a.date === null) return 1;
    if (b.date === null) return -1;
    return a.date < b.date ? 1 : -1;
  }
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** Oldest first; digests without a date last; ties by path. */
export function compareOldest(a: CatalogDigest, b: CatalogDigest): number {
  if (a.date !== b.date) {
    if (a.date === null) return 1;
    if (b.date === null) return -1;
    return a.date < b.date ? -1 : 1;
  }
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/**
 * Section rowid -> position of its digest. A digest's sections are one
 * contiguous rowid range (core/store/schema.ts), so the map is built from the
 * digest rows alone: a typed array indexed by rowid while rowids are dense,
 * else a binary search over the ranges (rowids are not reused once a newer
 * range exists, so max(rowid) can far exceed the section count).
 */
class SectionRanges {
  private readonly dense: Int32Array | null;
  /** Sparse form: range starts ascending, with their digest positions. */
  private readonly starts: Float64Array;
  private readonly positions: Int32Array;

  constructor(private readonly all: readonly CatalogDigest[], sectionTotal: number) {
    let maxRowid = 0;
    for (const d of all) if (d.sectionCount > 0) maxRowid = Math.max(maxRowid, d.firstSection + d.sectionCount - 1);
    if (maxRowid <= 4 * sectionTotal + 1024) {
      // Position + 1 per rowid (0: no section).
      const dense = new Int32Array(maxRowid + 1);
      for (const d of all) if (d.sectionCount > 0) dense.fill(d.index + 1, d.firstSection, d.firstSection + d.sectionCount);
      this.dense = dense;
      this.starts = new Float64Array(0);
      this.positions = new Int32Array(0);
    } else {
      const ranged = all.filter((d) => d.sectionCount > 0).sort((a, b) => a.firstSection - b.firstSection);
      this.dense = null;
      this.starts = Float64Array.from(ranged, (d) => d.firstSection);
      this.positions = Int32Array.from(ranged, (d) => d.index);
    }
  }

  /**
   * counts[position] += 1 for each rowid's digest that passes (null: all do);
   * returns how many sections were counted. One tight loop: on a cold start
   * (interpreted code) a call per rowid cost ~20 ms at 85k matches.
   */
  count(rowids: Int32Array, counts: Int32Array, pass: ((position: number) => boolean) | null): number {
    let total = 0;
    const dense = this.dense;
    if (dense === null) {
      for (let k = 0; k < rowids.length; k++) {
        const i = this.digestOf(rowids[k]!);
        if (i < 0 || (pass !== null && !pass(i))) continue;
        counts[i]!++;
        total++;
      }
      return total;
    }
    const end = dense.length;
    for (let k = 0; k < rowids.length; k++) {
      const r = rowids[k]!;
      if (r < 0 || r >= end) continue;
      const i = dense[r]! - 1;
      if (i < 0 || (pass !== null && !pass(i))) continue;
      counts[i]!++;
      total++;
    }
    return total;
  }

  /** Position of the digest holding `rowid`, -1 when none does. */
  digestOf(rowid: number): number {
    if (this.dense) return rowid >= 0 && rowid < this.dense.length ? this.dense[rowid]! - 1 : -1;
    // Last range starting at or before rowid.
    let lo = 0;
    let hi = this.starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! <= rowid) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (found < 0) return -1;
    const d = this.all[this.positions[found]!]!;
    return rowid < d.firstSection + d.sectionCount ? d.index : -1;
  }
}

/** First index of a sorted array whose value is >= target. */
function lowerBound(sorted: Int32Array, target: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** What the catalog keeps of one digest, as the columns hold it. */
interface DigestColumns {
  id: number;
  path: string;
  title: string;
  date: string | null;
  week: string | null;
  firstSection: number;
  sectionCount: number;
  tags: readonly string[];
  tagNorms: readonly string[];
}

function appendDigest(c: CatalogColumns, d: DigestColumns): void {
  c.id.push(d.id);
  c.path.push(d.path);
  c.title.push(d.title);
  c.date.push(d.date);
  c.week.push(d.week);
  c.firstSection.push(d.firstSection);
  c.sectionCount.push(d.sectionCount);
  c.tagCount.push(d.tags.length);
  c.tags.push(...d.tags);
  c.tagNorms.push(...d.tagNorms);
}

/** The digests' columns from the digest and tag tables (never the sections: their ranges are on the digest rows). */
function columnsFromSql(db: Database): CatalogColumns {
  const c = emptyColumns();
  const digests = db
    .prepare('SELECT id, path, title, date, week, first_section, section_count FROM digest ORDER BY path')
    .raw()
    .all() as [number, string, string, string | null, string | null, number, number][];
  // One row per digest instead of one per tag: a third of the rows and strings to hand to JS.
  const tagRows = db
    .prepare(
      `SELECT digest_id, json_group_array(tag ORDER BY ordinal), json_group_array(tag_norm ORDER BY ordinal)
       FROM tag GROUP BY digest_id`,
    )
    .raw()
    .all() as [number, string, string][];
  const tagsById = new Map(tagRows.map(([id, tags, norms]) => [id, [JSON.parse(tags) as string[], JSON.parse(norms) as string[]] as const]));
  for (const [id, path, title, date, week, firstSection, sectionCount] of digests) {
    const [tags, tagNorms] = tagsById.get(id) ?? [[], []];
    appendDigest(c, { id, path, title, date, week, firstSection, sectionCount, tags, tagNorms });
  }
  return c;
}

/** The catalog generation (bumped by triggers on digest and tag, core/store/schema.ts); null when the index has none. */
function generationOf(db: Database): number | null {
  const value = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(META_CATALOG_GENERATION) as string | undefined;
  const n = value === undefined ? NaN : Number(value);
  return Number.isSafeInteger(n) ? n : null;
}

export class DigestCatalog {
  /** Digest positions, newest first / oldest first (undated last, ties by path). */
  readonly newestOrder: Int32Array;
  readonly oldestOrder: Int32Array;
  readonly facets: FacetIndex;
  private readonly sections: SectionRanges;

  private constructor(
    /** Every digest, by path. */
    readonly all: readonly CatalogDigest[],
    /** Sections in all digests. */
    readonly sectionTotal: number,
    /** The catalog generation the rows were read at (null: unknown, never persisted). */
    readonly generation: number | null,
    /** True when the catalog came from a current snapshot (nothing to persist). */
    readonly fromSnapshot: boolean,
    orders: { newest: ArrayLike<number>; oldest: ArrayLike<number> } | null,
  ) {
    if (orders) {
      this.newestOrder = Int32Array.from(orders.newest);
      this.oldestOrder = Int32Array.from(orders.oldest);
    } else {
      const positions = all.map((d) => d.index);
      this.newestOrder = Int32Array.from([...positions].sort((a, b) => compareNewest(all[a]!, all[b]!)));
      this.oldestOrder = Int32Array.from([...positions].sort((a, b) => compareOldest(all[a]!, all[b]!)));
    }
    this.facets = FacetIndex.build(all);
    this.sections = new SectionRanges(all, sectionTotal);
  }

  private static fromColumns(
    c: CatalogColumns,
    generation: number | null,
    snapshot: { newest: ArrayLike<number>; oldest: ArrayLike<number> } | null,
  ): DigestCatalog {
    const all: CatalogDigest[] = [];
    let sectionTotal = 0;
    let t = 0;
    for (let i = 0; i < c.path.length; i++) {
      const sectionCount = c.sectionCount[i]!;
      const firstSection = c.firstSection[i]!;
      const tagEnd = t + c.tagCount[i]!;
      all.push({
        index: i,
        id: c.id[i]!,
        path: c.path[i]!,
        title: c.title[i]!,
        date: c.date[i]!,
        week: c.week[i]!,
        tags: c.tags.slice(t, tagEnd),
        tagNorms: c.tagNorms.slice(t, tagEnd),
        sectionCount,
        firstSection,
        leadRowid: sectionCount > 0 ? firstSection : null,
      });
      t = tagEnd;
      sectionTotal += sectionCount;
    }
    return new DigestCatalog(all, sectionTotal, generation, snapshot !== null, snapshot);
  }

  /** Position of the digest of a section rowid, -1 for a rowid the catalog does not know; lets FTS5 hits skip a join. */
  digestIndexOfSection(rowid: number): number {
    return this.sections.digestOf(rowid);
  }

  /** See SectionRanges.count: per-digest counts of matching sections. */
  countSections(rowids: Int32Array, counts: Int32Array, pass: ((position: number) => boolean) | null): number {
    return this.sections.count(rowids, counts, pass);
  }

  /**
   * The slice of `rowids` (ascending) that are sections of the digest at
   * `position`: its sections are one rowid range, so two binary searches
   * find them without walking every match.
   */
  sectionsIn(rowids: Int32Array, position: number): Int32Array {
    const d = this.all[position]!;
    return rowids.subarray(lowerBound(rowids, d.firstSection), lowerBound(rowids, d.firstSection + d.sectionCount));
  }

  /** Ordinal of a section in its digest (0 for a rowid the catalog does not know). */
  ordinalOfSection(rowid: number): number {
    const i = this.sections.digestOf(rowid);
    return i < 0 ? 0 : rowid - this.all[i]!.firstSection;
  }

  /**
   * The catalog of the index as it is now: from the snapshot when its
   * generation is current (one row: at 10k digests about 10x faster than the
   * queries), else from the digest and tag tables. The generation and the
   * rows are read in one transaction, so they describe the same state.
   */
  static load(db: Database): DigestCatalog {
    return db.transaction(() => {
      const generation = generationOf(db);
      if (generation !== null) {
        const row = db.prepare('SELECT generation, data FROM catalog_snapshot WHERE id = 1').raw().get() as [number, Uint8Array] | undefined;
        const data = row !== undefined && row[0] === generation && row[1] instanceof Uint8Array ? decodeSnapshot(row[1]) : null;
        if (data !== null) return DigestCatalog.fromColumns(data.columns, generation, data);
      }
      return DigestCatalog.fromColumns(columnsFromSql(db), generation, null);
    })();
  }

  /** Whether the index holds a snapshot of its current generation (two one-row reads). */
  static snapshotIsCurrent(db: Database): boolean {
    const generation = generationOf(db);
    const stored = db.prepare('SELECT generation FROM catalog_snapshot WHERE id = 1').pluck().get() as number | undefined;
    return generation !== null && stored === generation;
  }

  /**
   * Stores this catalog as the index's snapshot, so that the next process
   * to open the index skips the SQL load. Only while its generation is still
   * current (a write since would make it stale: then nothing is written),
   * and only when the write lock is free at once: never waits for another
   * writer (an index run); the next load simply tries again. Returns whether
   * a snapshot was written.
   */
  persist(db: Database): boolean {
    if (this.fromSnapshot || this.generation === null || db.readonly) return false;
    const timeout = db.pragma('busy_timeout', { simple: true }) as number;
    db.pragma('busy_timeout = 0');
    try {
      return db.transaction(() => {
        if (generationOf(db) !== this.generation) return false;
        const data = this.snapshot();
        if (data === null) return false;
        db.prepare('INSERT OR REPLACE INTO catalog_snapshot(id, generation, data) VALUES (1, ?, ?)').run(this.generation, data);
        return true;
      }).immediate();
    } catch (err) {
      if (isBusyError(err)) return false;
      throw err;
    } finally {
      db.pragma(`busy_timeout = ${timeout}`);
    }
  }

  private snapshot(): Uint8Array | null {
    const c = emptyColumns();
    for (const d of this.all) appendDigest(c, d);
    return encodeSnapshot({ columns: c, newest: this.newestOrder, oldest: this.oldestOrder });
  }
}
