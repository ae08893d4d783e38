/**
 * The binary form of the search catalog (table catalog_snapshot, see
 * core/store/schema.ts V3), and the columnar view the catalog works on: the
 * only module that knows the layout.
 *
 * A reopened 10k-digest index reads the snapshot instead of querying the
 * digest and tag tables. The form is built for a cold process, where every
 * JS loop iteration is slow (interpreted), each heap object is garbage-
 * collector work and, on these VMs, each fresh page of memory costs a fault:
 * the numbers are Int32 columns used where they lie (views on the blob), each
 * distinct string is stored once, and strings are decoded only when asked for
 * (a search needs the page's 20 titles and paths, and the few hundred
 * distinct tags, weeks and dates; not 10,000 titles): materialising every
 * string and a record per digest costs a cold start far more, most of it in
 * garbage collection (docs/PERFORMANCE.md, "Catalog and snapshot").
 *
 * Layout, Int32 in the machine's byte order (a snapshot from a machine with
 * the other order fails the magic check and is rebuilt from SQL):
 *   header:  MAGIC, FORMAT, n, tagTotal, stringCount, utf8Bytes, datedTotal
 *   columns: id, firstSection, sectionCount, tagCount, newest, oldest,
 *            path, title, date, week (n each; strings as indexes into the
 *            string table, -1 for null), then tag and tagNorm (tagTotal each),
 *            then the dated sections (table section_date, ascending rowid):
 *            rowid, date, week, precision (datedTotal each)
 *   strings: the end offset of each string in the text (stringCount)
 *   text:    the distinct strings' UTF-8, back to back
 * and then, optionally, the mention and link indexes (catalog-extras.ts).
 */
import { extrasOffset } from './catalog-extras.js';
import type { DatePrecision } from '../../shared/dates.js';

/** The catalog's source data, column by column: what SQL yields. */
export interface CatalogColumns {
  id: number[];
  path: string[];
  title: string[];
  date: (string | null)[];
  week: (string | null)[];
  firstSection: number[];
  sectionCount: number[];
  /** Tags per digest: the next tagCount[i] entries of tags and tagNorms belong to digest i. */
  tagCount: number[];
  tags: string[];
  tagNorms: string[];
  /**
   * Sections whose own heading carries a date (few: none in most vaults), by
   * ascending rowid: the date, its ISO week (null for a month or a year) and
   * its precision as an index into PRECISIONS.
   */
  datedRowid: number[];
  datedDate: string[];
  datedWeek: (string | null)[];
  datedPrecision: number[];
}

/** Precisions of section dates as the snapshot stores them (their index). */
export const PRECISIONS: readonly DatePrecision[] = ['day', 'week', 'month', 'year'];

export interface CatalogSnapshot {
  columns: CatalogColumns;
  /** Digest positions newest first and oldest first. */
  newest: ArrayLike<number>;
  oldest: ArrayLike<number>;
}

const MAGIC = 0x43544c47; // "CTLG"
/** Bump when the layout changes: other formats are ignored (and rebuilt from SQL). */
const FORMAT = 5;
const HEADER = 7;
/** Int32 columns of datedTotal entries. */
const DATED_COLUMNS = 4;
/** Int32 columns of n entries. */
const DIGEST_COLUMNS = 10;

export function emptyColumns(): CatalogColumns {
  return {
    id: [],
    path: [],
    title: [],
    date: [],
    week: [],
    firstSection: [],
    sectionCount: [],
    tagCount: [],
    tags: [],
    tagNorms: [],
    datedRowid: [],
    datedDate: [],
    datedWeek: [],
    datedPrecision: [],
  };
}

/**
 * The snapshot's bytes (any string may be stored, U+0000 included). Dates,
 * weeks and tags repeat and are stored once each; paths and titles are
 * nearly all distinct and are stored as they come (interning them cost more
 * than it saved). Runs on every catalog load from SQL, so it writes the
 * strings in place into one buffer instead of allocating one per string.
 */
export function encodeSnapshot(snapshot: CatalogSnapshot): Uint8Array {
  const c = snapshot.columns;
  const n = c.path.length;
  const strings: string[] = [];
  const table = new Map<string, number>();
  const shared = (value: string | null): number => {
    if (value === null) return -1;
    let id = table.get(value);
    if (id === undefined) {
      id = strings.length;
      table.set(value, id);
      strings.push(value);
    }
    return id;
  };
  const own = (value: string): number => strings.push(value) - 1;
  const stringColumns = [c.path.map(own), c.title.map(own), c.date.map(shared), c.week.map(shared), c.tags.map(shared), c.tagNorms.map(shared)];
  const datedColumns = [c.datedRowid, c.datedDate.map(shared), c.datedWeek.map(shared), c.datedPrecision];
  const ends = new Int32Array(strings.length);
  let utf8Bytes = 0;
  for (let k = 0; k < strings.length; k++) {
    utf8Bytes += Buffer.byteLength(strings[k]!, 'utf8');
    ends[k] = utf8Bytes;
  }
  const datedTotal = c.datedRowid.length;
  const ints = new Int32Array(HEADER + DIGEST_COLUMNS * n + 2 * c.tags.length + DATED_COLUMNS * datedTotal + strings.length);
  ints.set([MAGIC, FORMAT, n, c.tags.length, strings.length, utf8Bytes, datedTotal]);
  let at = HEADER;
  for (const column of [c.id, c.firstSection, c.sectionCount, c.tagCount, snapshot.newest, snapshot.oldest, ...stringColumns, ...datedColumns, ends]) {
    ints.set(column, at);
    at += column.length;
  }
  // One allocation, the strings written in place after the numbers.
  const out = Buffer.alloc(ints.byteLength + utf8Bytes);
  out.set(new Uint8Array(ints.buffer), 0);
  let offset = ints.byteLength;
  for (const value of strings) offset += out.write(value, offset, 'utf8');
  return out;
}

/**
 * The catalog's data as columns over one snapshot blob. Numbers are read in
 * place; strings are decoded on first use and kept.
 */
export class CatalogTable {
  private readonly strings: (string | undefined)[];
  private readonly decoder = new TextDecoder('utf-8');

  constructor(
    readonly n: number,
    readonly id: Int32Array,
    readonly firstSection: Int32Array,
    readonly sectionCount: Int32Array,
    /** Digest i's tags are tagRef/tagNormRef[tagStart[i] .. tagStart[i + 1]) (n + 1 entries). */
    readonly tagStart: Int32Array,
    readonly newest: Int32Array,
    readonly oldest: Int32Array,
    /** String references (-1: null). */
    readonly pathRef: Int32Array,
    readonly titleRef: Int32Array,
    readonly dateRef: Int32Array,
    readonly weekRef: Int32Array,
    readonly tagRef: Int32Array,
    readonly tagNormRef: Int32Array,
    /** The dated sections (see CatalogColumns): rowids ascending, date and week references, precision indexes. */
    readonly dated: DatedColumns,
    private readonly stringEnds: Int32Array,
    private readonly text: Uint8Array,
    /** The bytes of the catalog this table was decoded from (what a snapshot row stores before any extras). */
    readonly bytes: Uint8Array,
    /** The bytes after the catalog's in the snapshot (catalog-extras.ts), null when there are none. */
    readonly extras: Uint8Array | null = null,
  ) {
    this.strings = new Array<string | undefined>(stringEnds.length);
  }

  get stringCount(): number {
    return this.stringEnds.length;
  }

  /** String `ref` of the table (refs are checked when the table is decoded). */
  string(ref: number): string {
    let s = this.strings[ref];
    if (s === undefined) {
      const start = ref === 0 ? 0 : this.stringEnds[ref - 1]!;
      s = this.decoder.decode(this.text.subarray(start, this.stringEnds[ref]!));
      this.strings[ref] = s;
    }
    return s;
  }

  stringOrNull(ref: number): string | null {
    return ref < 0 ? null : this.string(ref);
  }
}

/** The dated sections' columns of a table. */
export interface DatedColumns {
  rowid: Int32Array;
  dateRef: Int32Array;
  weekRef: Int32Array;
  precision: Int32Array;
}

/** The table in `blob`, or null when it is not one this version wrote intact. */
export function decodeSnapshot(blob: Uint8Array): CatalogTable | null {
  if (blob.length < HEADER * 4) return null;
  // Int32 views need 4-byte alignment, which a Buffer from SQLite does not promise: copy only then.
  const bytes = blob.byteOffset % 4 === 0 ? blob : new Uint8Array(blob);
  const header = new Int32Array(bytes.buffer, bytes.byteOffset, HEADER);
  const [magic, format, n, tagTotal, stringCount, utf8Bytes, datedTotal] = Array.from(header) as [number, number, number, number, number, number, number];
  if (magic !== MAGIC || format !== FORMAT || Math.min(n, tagTotal, stringCount, utf8Bytes, datedTotal) < 0) return null;
  const layout = { n, tagTotal, stringCount, utf8Bytes, datedTotal };
  const intCount = HEADER + DIGEST_COLUMNS * layout.n + 2 * layout.tagTotal + DATED_COLUMNS * layout.datedTotal + layout.stringCount;
  const catalogBytes = intCount * 4 + layout.utf8Bytes;
  if (bytes.length !== catalogBytes && bytes.length < extrasOffset(catalogBytes)) return null;
  const extras = bytes.length === catalogBytes ? null : bytes.subarray(extrasOffset(catalogBytes));
  return tableOf(bytes.subarray(0, catalogBytes), new Int32Array(bytes.buffer, bytes.byteOffset, intCount), layout, extras);
}

/** Checks every count and reference of a snapshot of the right size, and views its columns. */
function tableOf(
  bytes: Uint8Array,
  ints: Int32Array,
  { n, tagTotal, stringCount, utf8Bytes, datedTotal }: { n: number; tagTotal: number; stringCount: number; utf8Bytes: number; datedTotal: number },
  extras: Uint8Array | null,
): CatalogTable | null {
  let at = HEADER;
  const take = (length: number): Int32Array => ints.subarray(at, (at += length));
  const [id, firstSection, sectionCount, tagCount, newest, oldest, pathRef, titleRef, dateRef, weekRef] = Array.from({ length: DIGEST_COLUMNS }, () =>
    take(n),
  ) as [Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array];
  const [tagRef, tagNormRef] = [take(tagTotal), take(tagTotal)];
  const dated: DatedColumns = { rowid: take(datedTotal), dateRef: take(datedTotal), weekRef: take(datedTotal), precision: take(datedTotal) };
  const stringEnds = take(stringCount);

  let previous = 0;
  for (let k = 0; k < stringCount; k++) {
    const end = stringEnds[k]!;
    if (end < previous) return null;
    previous = end;
  }
  if (previous !== utf8Bytes) return null;
  const inRange = (refs: Int32Array, min: number, limit: number): boolean => {
    for (let k = 0; k < refs.length; k++) if (refs[k]! < min || refs[k]! >= limit) return false;
    return true;
  };
  const tagStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    if (tagCount[i]! < 0) return null;
    tagStart[i + 1] = tagStart[i]! + tagCount[i]!;
  }
  if (tagStart[n] !== tagTotal) return null;
  if (!inRange(newest, 0, n) || !inRange(oldest, 0, n)) return null;
  if (![pathRef, titleRef, tagRef, tagNormRef, dated.dateRef].every((refs) => inRange(refs, 0, stringCount))) return null;
  if (!inRange(dateRef, -1, stringCount) || !inRange(weekRef, -1, stringCount) || !inRange(dated.weekRef, -1, stringCount)) return null;
  if (!inRange(dated.precision, 0, PRECISIONS.length)) return null;
  for (let k = 1; k < datedTotal; k++) if (dated.rowid[k]! <= dated.rowid[k - 1]!) return null;
  return new CatalogTable(
    n,
    id,
    firstSection,
    sectionCount,
    tagStart,
    newest,
    oldest,
    pathRef,
    titleRef,
    dateRef,
    weekRef,
    tagRef,
    tagNormRef,
    dated,
    stringEnds,
    bytes.subarray(ints.length * 4),
    bytes,
    extras,
  );
}
