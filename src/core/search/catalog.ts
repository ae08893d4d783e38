/**
 * The engine's in-memory view of every digest's metadata (no text): what the
 * filters, facets and date sorting need, so that they run over the matching
 * id set in microseconds instead of one SQL round trip per facet. About 200
 * bytes per digest (2 MB at 10k digests); reloaded when the store changes.
 */
import type { Database } from 'better-sqlite3';
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
 * rowid -> small integer (0 when absent): a typed array indexed by rowid while
 * rowids are dense, a Map once years of re-indexing have made them sparse
 * (rowids are not reused, so max(rowid) can far exceed the section count).
 */
class RowidMap {
  private constructor(
    private readonly dense: Int32Array | null,
    private readonly sparse: Map<number, number> | null,
  ) {}

  static create(maxRowid: number, rows: number): RowidMap {
    return maxRowid <= 4 * rows + 1024 ? new RowidMap(new Int32Array(maxRowid + 1), null) : new RowidMap(null, new Map());
  }

  get(rowid: number): number {
    if (this.dense) return rowid >= 0 && rowid < this.dense.length ? this.dense[rowid]! : 0;
    return this.sparse!.get(rowid) ?? 0;
  }

  set(rowid: number, value: number): void {
    if (this.dense) this.dense[rowid] = value;
    else this.sparse!.set(rowid, value);
  }
}

export class DigestCatalog {
  /** Digest positions, newest first / oldest first (undated last, ties by path). */
  readonly newestOrder: Int32Array;
  readonly oldestOrder: Int32Array;
  readonly facets: FacetIndex;

  private constructor(
    /** Every digest, by path. */
    readonly all: readonly CatalogDigest[],
    /** Section rowid -> position of its digest + 1 (0: no such section); lets FTS5 hits skip a join. */
    private readonly sectionDigest: RowidMap,
    /** Section rowid -> ordinal in its digest. */
    private readonly sectionOrdinal: RowidMap,
    /** Sections in all digests. */
    readonly sectionTotal: number,
  ) {
    const positions = all.map((d) => d.index);
    this.newestOrder = Int32Array.from([...positions].sort((a, b) => compareNewest(all[a]!, all[b]!)));
    this.oldestOrder = Int32Array.from([...positions].sort((a, b) => compareOldest(all[a]!, all[b]!)));
    this.facets = FacetIndex.build(all);
  }

  /** Position of the digest of a section rowid, -1 for a rowid the catalog does not know. */
  digestIndexOfSection(rowid: number): number {
    return this.sectionDigest.get(rowid) - 1;
  }

  ordinalOfSection(rowid: number): number {
    return this.sectionOrdinal.get(rowid);
  }

  static load(db: Database): DigestCatalog {
    const all: CatalogDigest[] = [];
    const byId = new Map<number, CatalogDigest>();
    const digests = db.prepare('SELECT id, path, title, date, week FROM digest ORDER BY path').raw().all() as [
      number,
      string,
      string,
      string | null,
      string | null,
    ][];
    for (const [id, path, title, date, week] of digests) {
      const d: CatalogDigest = { index: all.length, id, path, title, date, week, tags: [], tagNorms: [], sectionCount: 0, leadRowid: null };
      all.push(d);
      byId.set(id, d);
    }
    const tags = db.prepare('SELECT digest_id, tag, tag_norm FROM tag ORDER BY digest_id, ordinal').raw().all() as [number, string, string][];
    for (const [id, tag, norm] of tags) {
      const d = byId.get(id);
      if (!d) continue;
      d.tags.push(tag);
      d.tagNorms.push(norm);
    }
    const maxRowid = (db.prepare('SELECT max(rowid) FROM section').pluck().get() as number | null) ?? 0;
    const sectionRows = (db.prepare('SELECT count(*) FROM section').pluck().get() as number) ?? 0;
    const sectionDigest = RowidMap.create(maxRowid, sectionRows);
    const sectionOrdinal = RowidMap.create(maxRowid, sectionRows);
    // Ordered by (digest_id, ordinal), so the first row of a digest is its lead section.
    const sections = db.prepare('SELECT rowid, digest_id, ordinal FROM section ORDER BY digest_id, ordinal').raw().all() as [
      number,
      number,
      number,
    ][];
    for (const [rowid, digestId, ordinal] of sections) {
      const d = byId.get(digestId);
      if (!d) continue;
      sectionDigest.set(rowid, d.index + 1);
      sectionOrdinal.set(rowid, ordinal);
      d.leadRowid ??= rowid;
      d.sectionCount++;
    }
    return new DigestCatalog(all, sectionDigest, sectionOrdinal, sections.length);
  }
}
