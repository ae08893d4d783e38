/**
 * The engine's in-memory view of every digest's metadata (no text): what the
 * filters, facets and date sorting need, so that they run over the matching
 * id set in microseconds instead of one SQL round trip per facet. It works
 * on the columns of a CatalogTable (catalog-snapshot.ts): about 140 bytes per
 * digest (1.4 MB at 10k digests), strings decoded when first used; a
 * CatalogDigest record is made only for a digest a search shows. Reloaded
 * when the store changes; loading reads only the digest, tag and
 * section_date tables (or their snapshot), which hold no text.
 */
import type { Database } from 'better-sqlite3';
import { isBusyError } from '../store/errors.js';
import { indexGeneration } from '../store/generation.js';
import type { SectionRange } from '../store/section-range.js';
import { weekOf } from '../store/records.js';
import type { Facets } from '../../shared/api.js';
import type { DatePrecision } from '../../shared/dates.js';
import type { Matched } from './aggregate.js';
import { readExtras, withExtras, type CatalogExtras } from './catalog-extras.js';
import { PRECISIONS, decodeSnapshot, emptyColumns, encodeSnapshot, type CatalogColumns, type CatalogTable } from './catalog-snapshot.js';
import { FacetIndex } from './facets.js';
import { digestPass, type DigestFilter, type DigestPass } from './filter.js';
import { MentionIndex } from './mentions.js';
import { SectionDates, type SectionDate } from './section-dates.js';
import { SectionRanges } from './section-ranges.js';
import { LinkIndex } from './sites.js';

export type { DigestFilter, DigestPass } from './filter.js';

/** One digest as a search shows it (made on demand from the catalog's columns). */
export interface CatalogDigest {
  id: number;
  path: string;
  title: string;
  date: string | null;
  week: string | null;
  tags: string[];
  /** Sections in the digest. */
  sectionCount: number;
  /** The rowids of the digest's sections. */
  sections: SectionRange;
  /** rowid of the first section (the lead), null for a digest without sections. */
  leadRowid: number | null;
}

interface Dated {
  date: string | null;
  path: string;
}

/** By date, newest first (direction -1) or oldest first (1); digests without a date last; ties by path. */
function compareDated(a: Dated, b: Dated, direction: 1 | -1): number {
  if (a.date !== b.date) {
    if (a.date === null) return 1;
    if (b.date === null) return -1;
    return a.date < b.date ? -direction : direction;
  }
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
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
    c.id.push(id);
    c.path.push(path);
    c.title.push(title);
    c.date.push(date);
    c.week.push(week);
    c.firstSection.push(firstSection);
    c.sectionCount.push(sectionCount);
    c.tagCount.push(tags.length);
    for (const t of tags) c.tags.push(t);
    for (const t of tagNorms) c.tagNorms.push(t);
  }
  // Only sections whose heading carries a date have a row: none in most vaults.
  const dated = db.prepare('SELECT section_rowid, date, precision FROM section_date ORDER BY section_rowid').raw().all() as [number, string, DatePrecision][];
  for (const [rowid, date, precision] of dated) {
    c.datedRowid.push(rowid);
    c.datedDate.push(date);
    c.datedWeek.push(weekOf(date, precision));
    c.datedPrecision.push(Math.max(0, PRECISIONS.indexOf(precision)));
  }
  return c;
}

export class DigestCatalog {
  /** Digest positions, newest first / oldest first (undated last, ties by path). */
  readonly newestOrder: Int32Array;
  readonly oldestOrder: Int32Array;
  readonly facets: FacetIndex;
  /** Sections in all digests. */
  readonly sectionTotal: number;
  /** Sections whose own heading carries a date (their effective date, section-dates.ts). */
  readonly sectionDates: SectionDates;
  private readonly sections: SectionRanges;
  private readonly records: (CatalogDigest | undefined)[];
  private linkIndex: LinkIndex | null = null;
  private idPositions: Map<number, number> | null = null;
  private mentionIndex: MentionIndex | null = null;
  /** The mention and link indexes stored with the snapshot (catalog-extras.ts): undefined until looked for, null when there are none. */
  private storedExtras: CatalogExtras | null | undefined = undefined;

  private constructor(
    /** Every digest, by path: position i is digest i of the table. */
    readonly table: CatalogTable,
    /** The index generation the rows were read at (core/store/generation.ts). */
    readonly generation: number,
    /** True when the catalog came from a current snapshot (nothing to persist). */
    readonly fromSnapshot: boolean,
    /** The index the catalog was read from: the mention index is read from it on first use. */
    private readonly db: Database,
  ) {
    this.newestOrder = table.newest;
    this.oldestOrder = table.oldest;
    let sectionTotal = 0;
    for (let i = 0; i < table.n; i++) sectionTotal += table.sectionCount[i]!;
    this.sectionTotal = sectionTotal;
    this.facets = FacetIndex.build(table);
    this.sections = new SectionRanges(table.firstSection, table.sectionCount, sectionTotal);
    this.sectionDates = new SectionDates(table, this.sections);
    this.records = new Array<CatalogDigest | undefined>(table.n);
  }

  /** A catalog over the rows SQL returned: encoded once, so that it is the same table a snapshot would give. */
  private static fromColumns(c: CatalogColumns, generation: number, db: Database): DigestCatalog {
    const dated: Dated[] = c.path.map((path, i) => ({ path, date: c.date[i]! }));
    const positions = dated.map((_, i) => i);
    const newest = [...positions].sort((a, b) => compareDated(dated[a]!, dated[b]!, -1));
    const oldest = positions.sort((a, b) => compareDated(dated[a]!, dated[b]!, 1));
    const table = decodeSnapshot(encodeSnapshot({ columns: c, newest, oldest }));
    if (table === null) throw new Error(`the search catalog of ${c.path.length} digests did not decode after encoding`);
    return new DigestCatalog(table, generation, false, db);
  }

  /** How many digests the index holds. */
  get size(): number {
    return this.table.n;
  }

  /** The digest at `position` (0 .. size - 1), made on first use and kept. */
  digest(position: number): CatalogDigest {
    let d = this.records[position];
    if (d === undefined) {
      const t = this.table;
      const from = t.tagStart[position]!;
      const to = t.tagStart[position + 1]!;
      const tags: string[] = [];
      for (let k = from; k < to; k++) tags.push(t.string(t.tagRef[k]!));
      const sections = this.sections.rangeAt(position);
      d = {
        id: t.id[position]!,
        path: t.string(t.pathRef[position]!),
        title: t.string(t.titleRef[position]!),
        date: t.stringOrNull(t.dateRef[position]!),
        week: t.stringOrNull(t.weekRef[position]!),
        tags,
        sectionCount: sections.count,
        sections,
        leadRowid: sections.count > 0 ? sections.rowidOf(0) : null,
      };
      this.records[position] = d;
    }
    return d;
  }

  /** Position of the digest with this id (title_fts rows are by digest id), -1 when there is none. The map is made on first use. */
  positionOfDigestId(id: number): number {
    if (this.idPositions === null) {
      const ids = this.table.id;
      this.idPositions = new Map();
      for (let i = 0; i < ids.length; i++) this.idPositions.set(ids[i]!, i);
    }
    return this.idPositions.get(id) ?? -1;
  }

  /** Path of the digest at `position` (without making its record). */
  pathOf(position: number): string {
    return this.table.string(this.table.pathRef[position]!);
  }

  /** The section rowids of the digest at `position` (without making its record). */
  sectionsOf(position: number): SectionRange {
    return this.sections.rangeAt(position);
  }

  /** Sections of the digest at `position`. */
  sectionCountOf(position: number): number {
    return this.table.sectionCount[position]!;
  }

  /** The filter as a per-position test (filter.ts), null when nothing is filtered. */
  filterCheck(filter: DigestFilter): DigestPass | null {
    const source = { table: this.table, facets: this.facets, sectionDates: this.sectionDates, pathOf: (i: number) => this.pathOf(i), links: () => this.links(), mentions: () => this.mentions() };
    return digestPass(source, filter);
  }

  /** The digests' mentioned names (mentions.ts), read on first use: a search that neither counts nor filters them never pays for it. */
  mentions(): MentionIndex {
    if (this.mentionIndex === null) {
      const stored = this.extras()?.mentions;
      this.mentionIndex = stored ? MentionIndex.fromColumns(this.db, stored) : MentionIndex.load(this.db, this.table.id);
    }
    return this.mentionIndex;
  }

  /** The digests' sites and link keys (sites.ts), read on first use: a search that neither counts nor filters them never pays for it. */
  links(): LinkIndex {
    if (this.linkIndex === null) {
      const stored = this.extras()?.links;
      this.linkIndex = stored ? LinkIndex.fromColumns(this.db, this.table.id, stored) : LinkIndex.load(this.db, this.table.id);
    }
    return this.linkIndex;
  }

  private extras(): CatalogExtras | null {
    if (this.storedExtras === undefined) this.storedExtras = this.table.extras === null ? null : readExtras(this.table.extras, this.table.n);
    return this.storedExtras;
  }

  /** The effective date of section `rowid` of the digest at `position`: its own, else the digest's. */
  sectionDate(position: number, rowid: number): SectionDate {
    return this.sectionDates.dateOf(position, rowid);
  }

  /**
   * Facets over what a search matched: a digest with sections dated by their
   * own headings counts in the periods of its matching sections, every other
   * digest in its own; tags and mentions count once per digest.
   */
  countFacets(matched: Matched): Facets {
    const sites = this.links().count(matched.positions);
    return Object.keys(sites).length > 0 ? { ...this.countDigestFacets(matched), sites } : this.countDigestFacets(matched);
  }

  /** The facets of the catalog's own columns (all but the sites). */
  private countDigestFacets(matched: Matched): Facets {
    const sections = matched.sections;
    const mentions = this.mentions().count(matched.positions);
    if (!this.sectionDates.any || sections === undefined) return { ...this.facets.count(matched.positions), mentions };
    const dates = this.sectionDates;
    const facets = this.facets.count(matched.positions, {
      has: (i) => dates.has(i),
      forEach: (visit) => dates.forEachMatch(matched.positions, sections.rowids, sections.check, visit),
    });
    return { ...facets, mentions };
  }

  /** Position of the digest of a section rowid, -1 for a rowid the catalog does not know; lets FTS5 hits skip a join. */
  digestIndexOfSection(rowid: number): number {
    return this.sections.digestOf(rowid);
  }

  /** See SectionRanges.count: per-digest counts of matching sections. */
  countSections(rowids: Int32Array, counts: Int32Array, pass: DigestPass | null): number {
    return this.sections.count(rowids, counts, pass);
  }

  /** Ordinal of a section in its digest (0 for a rowid the catalog does not know). */
  ordinalOfSection(rowid: number): number {
    const i = this.sections.digestOf(rowid);
    return i < 0 ? 0 : this.sections.ordinalIn(i, rowid);
  }

  /** Ordinal of `rowid` in the digest at `position`, -1 when it is not one of its sections (no lookup, no allocation). */
  ordinalIn(position: number, rowid: number): number {
    return this.sections.ordinalIn(position, rowid);
  }

  /**
   * The catalog of the index as it is now: from the snapshot when its
   * generation is current (one row: at 10k digests about 10x faster than the
   * queries), else from the digest and tag tables. The generation and the
   * rows are read in one transaction, so they describe the same state.
   */
  static load(db: Database): DigestCatalog {
    return db.transaction(() => {
      const generation = indexGeneration(db);
      const row = db.prepare('SELECT generation, data FROM catalog_snapshot WHERE id = 1').raw().get() as [number, Uint8Array] | undefined;
      const table = row !== undefined && row[0] === generation && row[1] instanceof Uint8Array ? decodeSnapshot(row[1]) : null;
      if (table !== null) return new DigestCatalog(table, generation, true, db);
      return DigestCatalog.fromColumns(columnsFromSql(db), generation, db);
    })();
  }

  /**
   * Whether persisting would add to what the index holds: no snapshot of its
   * current generation (unless this catalog came from one), or one without
   * the mention and link indexes this catalog has loaded.
   */
  addsToSnapshot(db: Database): boolean {
    if (this.fromSnapshot) return this.table.extras === null && this.mentionIndex !== null && this.linkIndex !== null;
    return !DigestCatalog.snapshotIsCurrent(db);
  }

  /** Whether the index holds a snapshot of its current generation (two one-row reads). */
  static snapshotIsCurrent(db: Database): boolean {
    const stored = db.prepare('SELECT generation FROM catalog_snapshot WHERE id = 1').pluck().get() as number | undefined;
    return stored === indexGeneration(db);
  }

  /**
   * Stores this catalog as the index's snapshot, so that the next process
   * to open the index skips the SQL load, with the mention and link indexes
   * when both were loaded (catalog-extras.ts); a catalog read from a
   * snapshot only to add them. Only while its generation is still
   * current (a write since would make it stale: then nothing is written),
   * and only when the write lock is free at once: never waits for another
   * writer (an index run); the next load simply tries again. Returns whether
   * a snapshot was written.
   */
  persist(db: Database): boolean {
    const extras = this.mentionIndex !== null && this.linkIndex !== null ? { mentions: this.mentionIndex.columns(), links: this.linkIndex.columns() } : null;
    if ((this.fromSnapshot && (this.table.extras !== null || extras === null)) || db.readonly) return false;
    const bytes = extras === null ? this.table.bytes : withExtras(this.table.bytes, extras);
    const timeout = db.pragma('busy_timeout', { simple: true }) as number;
    db.pragma('busy_timeout = 0');
    try {
      return db.transaction(() => {
        if (indexGeneration(db) !== this.generation) return false;
        db.prepare('INSERT OR REPLACE INTO catalog_snapshot(id, generation, data) VALUES (1, ?, ?)').run(this.generation, bytes);
        return true;
      }).immediate();
    } catch (err) {
      if (isBusyError(err)) return false;
      throw err;
    } finally {
      db.pragma(`busy_timeout = ${timeout}`);
    }
  }
}
