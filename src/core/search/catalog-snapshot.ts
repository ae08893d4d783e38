/**
 * The binary form of the search catalog's snapshot (table catalog_snapshot,
 * see core/store/schema.ts V3): the only module that knows it.
 *
 * A reopened 10k-digest index reads the snapshot instead of querying the
 * digest and tag tables (~85 ms cold). The form is built for a cold process,
 * where every JS loop iteration is slow (interpreted), native calls are not,
 * and each string allocated is garbage-collector work: numbers are Int32
 * arrays used as they lie, and each distinct string is stored once, in one
 * UTF-8 text cut by a single native split (tags, dates and weeks repeat: at
 * 10k digests 110k strings become 21k). Measured there on a cold start: as
 * JSON the snapshot took 28 ms to parse, cut string by string 24 ms, and
 * with every string split out but not shared ~30 ms of it was GC.
 *
 * Layout, Int32 in the machine's byte order (a snapshot from a machine with
 * the other order fails the magic check and is rebuilt from SQL):
 *   header:  MAGIC, FORMAT, n, tagTotal, stringCount, utf8Bytes
 *   columns: id, firstSection, sectionCount, tagCount, newest, oldest,
 *            path, title, date, week (n each; strings as indexes into the
 *            string table, -1 for null), then tag and tagNorm (tagTotal each)
 *   text:    the distinct strings' UTF-8, each followed by U+0000
 * A catalog with U+0000 in any string (a title can hold one) gets no snapshot.
 */

/** The catalog's source data, column by column: what SQL or a snapshot yields. */
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
}

export interface CatalogSnapshot {
  columns: CatalogColumns;
  /** Digest positions newest first and oldest first. */
  newest: Int32Array;
  oldest: Int32Array;
}

const MAGIC = 0x43544c47; // "CTLG"
/** Bump when the layout changes: other formats are ignored (and rebuilt from SQL). */
const FORMAT = 3;
const HEADER = 6;
/** Int32 columns of n entries. */
const DIGEST_COLUMNS = 10;
const SEPARATOR = '\u0000';

export function emptyColumns(): CatalogColumns {
  return { id: [], path: [], title: [], date: [], week: [], firstSection: [], sectionCount: [], tagCount: [], tags: [], tagNorms: [] };
}

/** The snapshot's bytes; null when a string holds the separator (then the catalog is always read from SQL). */
export function encodeSnapshot(snapshot: CatalogSnapshot): Uint8Array | null {
  const c = snapshot.columns;
  const n = c.path.length;
  const table = new Map<string, number>();
  const ref = (value: string | null): number => {
    if (value === null) return -1;
    let id = table.get(value);
    if (id === undefined) {
      id = table.size;
      table.set(value, id);
    }
    return id;
  };
  const stringColumns = [c.path, c.title, c.date, c.week, c.tags, c.tagNorms].map((column) => column.map(ref));
  const strings = [...table.keys()];
  if (strings.some((s) => s.includes(SEPARATOR))) return null;
  const text = new TextEncoder().encode(strings.map((s) => s + SEPARATOR).join(''));
  const ints = new Int32Array(HEADER + DIGEST_COLUMNS * n + 2 * c.tags.length);
  ints.set([MAGIC, FORMAT, n, c.tags.length, strings.length, text.length]);
  let at = HEADER;
  for (const column of [c.id, c.firstSection, c.sectionCount, c.tagCount, snapshot.newest, snapshot.oldest, ...stringColumns]) {
    ints.set(column, at);
    at += column.length;
  }
  const out = new Uint8Array(ints.byteLength + text.length);
  out.set(new Uint8Array(ints.buffer), 0);
  out.set(text, ints.byteLength);
  return out;
}

/** The snapshot in `blob`, or null when it is not one this version wrote intact. */
export function decodeSnapshot(blob: Uint8Array): CatalogSnapshot | null {
  if (blob.length < HEADER * 4) return null;
  // A copy: Int32 views need 4-byte alignment, which a Buffer from SQLite does not promise.
  const bytes = new Uint8Array(blob);
  const [magic, format, n, tagTotal, stringCount, utf8Bytes] = Array.from(new Int32Array(bytes.buffer, 0, HEADER)) as number[];
  if (magic !== MAGIC || format !== FORMAT || n! < 0 || tagTotal! < 0 || stringCount! < 0) return null;
  const intCount = HEADER + DIGEST_COLUMNS * n! + 2 * tagTotal!;
  if (bytes.length !== intCount * 4 + utf8Bytes!) return null;
  const ints = new Int32Array(bytes.buffer, 0, intCount);
  const column = (k: number): Int32Array => ints.subarray(HEADER + k * n!, HEADER + (k + 1) * n!);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(intCount * 4));
  } catch {
    return null;
  }
  const strings = text.split(SEPARATOR);
  // Each string ends with the separator: the split leaves one empty string after the last.
  if (strings.length !== stringCount! + 1 || strings[stringCount!] !== '') return null;
  const lookup = (refs: Int32Array, nullable: boolean): (string | null)[] | null => {
    const out: (string | null)[] = new Array<string | null>(refs.length);
    for (let k = 0; k < refs.length; k++) {
      const r = refs[k]!;
      if (r >= stringCount! || r < (nullable ? -1 : 0)) return null;
      out[k] = r < 0 ? null : strings[r]!;
    }
    return out;
  };
  const tagRefs = ints.subarray(HEADER + DIGEST_COLUMNS * n!);
  const path = lookup(column(6), false);
  const title = lookup(column(7), false);
  const date = lookup(column(8), true);
  const week = lookup(column(9), true);
  const tags = lookup(tagRefs.subarray(0, tagTotal!), false);
  const tagNorms = lookup(tagRefs.subarray(tagTotal!), false);
  if (!path || !title || !date || !week || !tags || !tagNorms) return null;
  const tagCount = Array.from(column(3));
  if (tagCount.reduce((sum, t) => sum + t, 0) !== tagTotal) return null;
  const newest = Int32Array.from(column(4));
  const oldest = Int32Array.from(column(5));
  for (let k = 0; k < n!; k++) if (newest[k]! < 0 || newest[k]! >= n! || oldest[k]! < 0 || oldest[k]! >= n!) return null;
  return {
    columns: {
      id: Array.from(column(0)),
      path: path as string[],
      title: title as string[],
      date,
      week,
      firstSection: Array.from(column(1)),
      sectionCount: Array.from(column(2)),
      tagCount,
      tags: tags as string[],
      tagNorms: tagNorms as string[],
    },
    newest,
    oldest,
  };
}
