/**
 * The mention and link indexes (mentions.ts, sites.ts) stored after the
 * catalog in its snapshot (catalog-snapshot.ts), so that a reopened index
 * answers its first search with facets without reading and decoding every
 * mention and site row (most of that search's time at 10k digests). Written
 * only when the process had both loaded for the snapshot's generation; a
 * snapshot without them, or with a part that does not check, leaves the
 * indexes to be read from their tables as before.
 *
 * Layout, Int32 in the machine's byte order, from a 4-byte boundary after
 * the catalog's bytes:
 *   header:   MAGIC, FORMAT, n, keyCount, mentionTotal, hostCount, siteTotal, hostBytes
 *   mentions: key hash low and high 32 bits, display digest, display entry
 *             (keyCount each), start (n + 1), ids (mentionTotal)
 *   links:    start (n + 1), ids (siteTotal), host end offsets (hostCount)
 *   text:     the hosts' UTF-8, back to back
 */
import type { MentionColumns } from './mentions.js';
import type { LinkColumns } from './sites.js';

const MAGIC = 0x58545241; // "ARTX"
/** Bump when the layout changes: other formats are ignored (the indexes are read from their tables). */
const FORMAT = 1;
const HEADER = 8;
const TWO_32 = 4294967296;

export interface CatalogExtras {
  mentions: MentionColumns;
  links: LinkColumns;
}

/** Where the extras start after `catalogBytes` bytes of catalog. */
export function extrasOffset(catalogBytes: number): number {
  return Math.ceil(catalogBytes / 4) * 4;
}

/** The catalog's bytes followed by the extras' (see the module comment). */
export function withExtras(catalog: Uint8Array, extras: CatalogExtras): Uint8Array {
  const { mentions: m, links: l } = extras;
  const n = m.start.length - 1;
  const hostText = l.hosts.map((h) => Buffer.from(h, 'utf8'));
  const hostEnds = new Int32Array(hostText.length);
  let hostBytes = 0;
  hostText.forEach((b, k) => (hostEnds[k] = hostBytes += b.length));
  const keyCount = m.keyHash.length;
  const low = Int32Array.from(m.keyHash, (h) => h % TWO_32 | 0);
  const high = Int32Array.from(m.keyHash, (h) => Math.floor(h / TWO_32));
  const header = Int32Array.from([MAGIC, FORMAT, n, keyCount, m.ids.length, l.hosts.length, l.ids.length, hostBytes]);
  const columns = [header, low, high, m.displayDigest, m.displayEntry, m.start, m.ids, l.start, l.ids, hostEnds];
  const ints = columns.reduce((sum, c) => sum + c.length, 0);
  const at = extrasOffset(catalog.length);
  const out = Buffer.alloc(at + ints * 4 + hostBytes);
  out.set(catalog, 0);
  let offset = at;
  for (const c of columns) {
    out.set(new Uint8Array(c.buffer, c.byteOffset, c.byteLength), offset);
    offset += c.byteLength;
  }
  for (const b of hostText) {
    out.set(b, offset);
    offset += b.length;
  }
  return out;
}

/** Whether every value of `values` is in [min, limit). */
function inRange(values: Int32Array, min: number, limit: number): boolean {
  for (let k = 0; k < values.length; k++) if (values[k]! < min || values[k]! >= limit) return false;
  return true;
}

/** Whether `start` (n + 1 offsets) runs from 0 to `total` without going back. */
function isStart(start: Int32Array, total: number): boolean {
  if (start[0] !== 0 || start[start.length - 1] !== total) return false;
  for (let k = 1; k < start.length; k++) if (start[k]! < start[k - 1]!) return false;
  return true;
}

/** The extras in `bytes` (aligned views where they lie) for a catalog of `n` digests; null when absent or not intact. */
export function readExtras(bytes: Uint8Array, n: number): CatalogExtras | null {
  if (bytes.length < HEADER * 4 || bytes.byteOffset % 4 !== 0) return null;
  const header = new Int32Array(bytes.buffer, bytes.byteOffset, HEADER);
  const [magic, format, count, keyCount, mentionTotal, hostCount, siteTotal, hostBytes] = Array.from(header) as number[];
  if (magic !== MAGIC || format !== FORMAT || count !== n || Math.min(keyCount!, mentionTotal!, hostCount!, siteTotal!, hostBytes!) < 0) return null;
  const ints = HEADER + 4 * keyCount! + 2 * (n + 1) + mentionTotal! + siteTotal! + hostCount!;
  if (bytes.length !== ints * 4 + hostBytes!) return null;
  const all = new Int32Array(bytes.buffer, bytes.byteOffset, ints);
  let at = HEADER;
  const take = (length: number): Int32Array => all.subarray(at, (at += length));
  const [low, high, displayDigest, displayEntry] = [take(keyCount!), take(keyCount!), take(keyCount!), take(keyCount!)];
  const [mStart, mIds, lStart, lIds, hostEnds] = [take(n + 1), take(mentionTotal!), take(n + 1), take(siteTotal!), take(hostCount!)];
  if (!isStart(mStart, mentionTotal!) || !isStart(lStart, siteTotal!) || !isStart(Int32Array.from([0, ...hostEnds]), hostBytes!)) return null;
  if (!inRange(mIds, 0, keyCount!) || !inRange(lIds, 0, hostCount!)) return null;
  const keyHash = Float64Array.from(low, (lo, k) => high[k]! * TWO_32 + (lo >>> 0));
  const decoder = new TextDecoder('utf-8');
  const text = bytes.subarray(ints * 4);
  const hosts = Array.from(hostEnds, (end, k) => decoder.decode(text.subarray(k === 0 ? 0 : hostEnds[k - 1]!, end)));
  return { mentions: { keyHash, displayDigest, displayEntry, start: mStart, ids: mIds }, links: { hosts, start: lStart, ids: lIds } };
}
