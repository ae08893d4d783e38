/**
 * The engine's in-memory view of every digest's metadata (no text): what the
 * filters, facets and date sorting need, so that they run over the matching
 * id set in microseconds instead of one SQL round trip per facet. About 200
 * bytes per digest (2 MB at 10k digests); reloaded when the store changes.
 * Loading reads only the digest and tag tables, which hold no text.
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
    const ranged = all.filter((d) => d.sectionCount > 0).sort((a, b) => a.firstSection - b.firstSection);
    const maxRowid = ranged.reduce((m, d) => Math.max(m, d.firstSection + d.sectionCount - 1), 0);
    if (maxRowid <= 4 * sectionTotal + 1024) {
      // Position + 1 per rowid (0: no section).
      const dense = new Int32Array(maxRowid + 1);
      for (const d of ranged) dense.fill(d.index + 1, d.firstSection, d.firstSection + d.sectionCount);
      this.dense = dense;
      this.starts = new Float64Array(0);
      this.positions = new Int32Array(0);
    } else {
      this.dense = null;
      this.starts = Float64Array.from(ranged, (d) => d.firstSection);
      this.positions = Int32Array.from(ranged, (d) => d.index);
    }
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
  ) {
    const positions = all.map((d) => d.index);
    this.newestOrder = Int32Array.from([...positions].sort((a, b) => compareNewest(all[a]!, all[b]!)));
    this.oldestOrder = Int32Array.from([...positions].sort((a, b) => compareOldest(all[a]!, all[b]!)));
    this.facets = FacetIndex.build(all);
    this.sections = new SectionRanges(all, sectionTotal);
  }

  /** Position of the digest of a section rowid, -1 for a rowid the catalog does not know; lets FTS5 hits skip a join. */
  digestIndexOfSection(rowid: number): number {
    return this.sections.digestOf(rowid);
  }

  /** Ordinal of a section in its digest (0 for a rowid the catalog does not know). */
  ordinalOfSection(rowid: number): number {
    const i = this.sections.digestOf(rowid);
    return i < 0 ? 0 : rowid - this.all[i]!.firstSection;
  }

  /** Reads the digest and tag tables only (never the sections: their ranges are on the digest rows). */
  static load(db: Database): DigestCatalog {
    const all: CatalogDigest[] = [];
    const byId = new Map<number, CatalogDigest>();
    const digests = db
      .prepare('SELECT id, path, title, date, week, first_section, section_count FROM digest ORDER BY path')
      .raw()
      .all() as [number, string, string, string | null, string | null, number, number][];
    let sectionTotal = 0;
    for (const [id, path, title, date, week, firstSection, sectionCount] of digests) {
      const d: CatalogDigest = {
        index: all.length,
        id,
        path,
        title,
        date,
        week,
        tags: [],
        tagNorms: [],
        sectionCount,
        firstSection,
        leadRowid: sectionCount > 0 ? firstSection : null,
      };
      all.push(d);
      byId.set(id, d);
      sectionTotal += sectionCount;
    }
    // One row per digest instead of one per tag: a third of the rows and strings to hand to JS.
    const tags = db
      .prepare(
        `SELECT digest_id, json_group_array(tag ORDER BY ordinal), json_group_array(tag_norm ORDER BY ordinal)
         FROM tag GROUP BY digest_id`,
      )
      .raw()
      .all() as [number, string, string][];
    for (const [id, tagList, normList] of tags) {
      const d = byId.get(id);
      if (!d) continue;
      d.tags = JSON.parse(tagList) as string[];
      d.tagNorms = JSON.parse(normList) as string[];
    }
    return new DigestCatalog(all, sectionTotal);
  }
}
