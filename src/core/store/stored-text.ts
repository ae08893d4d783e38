/**
 * The stored form of a digest's text: the only module that knows it, and the
 * only reader and writer of tables digest_text and text_chunk (schema V4).
 *
 * A digest's text is one packed blob, in one of two layouts. A body of up to
 * BLOCK_BODY_BYTES (nearly every digest):
 *   [u32 LE: n] [n bytes: body] [sections]
 * - body: the Markdown body's UTF-8, Brotli (quality 5): clearly smaller
 *   than deflate at any level for a little more packing time, while higher
 *   Brotli qualities gain little at many times the packing time
 *   (docs/PERFORMANCE.md, "Stored text").
 * - sections: the JSON array of the sections' plain texts, raw deflate with
 *   the body's UTF-8 as preset dictionary (Brotli in Node 20 takes no custom
 *   dictionary). A section's plain text is mostly the body's words again, so
 *   the dictionary lets deflate refer back to them: measured on the 10k
 *   vault, the texts shrink to 0.06 of their size with it and 0.35 without.
 * A longer body (a 270 KB issue that lists hundreds of links):
 *   [u32 LE: n | BLOCKED] [u32 LE: B] [B x (u32 LE: sections, u32 LE: bytes)]
 *   [n bytes: body] [B blocks]
 * - each block: the JSON array of the plain texts of consecutive sections
 *   (about BLOCK_TEXT_CHARS of text), raw deflate without a dictionary.
 *   Deflate's window is 32 KB, so beyond that the body helped only the
 *   sections at its end; what blocks buy is that showing one section (a
 *   search page shows up to three of twenty digests) reads and inflates its
 *   block alone, never the whole body (readSectionBlock): showing twenty such
 *   digests took 80 ms, nearly all of it unpacking.
 *
 * Storage: SQLite packs rows into 4 KB pages and starts a new page when the
 * next row does not fit, so 3-4 KB rows left about a fifth of every page
 * empty (8.7 MB of 50.7 at 10k). The blob is therefore cut into
 * CHUNK_BYTES pieces, four of which fill a page exactly, stored in text_chunk
 * (key = digest id * CHUNKS_PER_DIGEST + piece number); the remainder, under
 * CHUNK_BYTES, is digest_text.tail, where such small rows pack densely. At
 * 10k this stores the texts in 37.2 MB instead of 41.4 MB as whole rows.
 * A trigger deletes a digest's chunks with its digest_text row.
 */
import type { Database } from 'better-sqlite3';
import { brotliCompressSync, brotliDecompressSync, constants, deflateRawSync, inflateRawSync } from 'node:zlib';
import { cachedStatement } from './statements.js';

/**
 * Bytes of text in a full text_chunk row. A 4096-byte leaf page holds 4088
 * bytes of cells and pointers; a cell here is the data plus 3 bytes of record
 * header, 2 of payload length, up to 6 of rowid (digest ids below 2^21) and a
 * 2-byte pointer, so four 1000-byte pieces fit with 36 bytes to spare.
 */
export const CHUNK_BYTES = 1000;
/** Keys per digest in text_chunk: a packed text of up to 1 GB (maxFileBytes' ceiling). */
export const CHUNKS_PER_DIGEST = 2 ** 20;

const BROTLI_QUALITY = 5;
const DEFLATE_LEVEL = 3;
const HEADER_BYTES = 4;
/** Set in the first word of a blob whose section texts are in blocks. */
const BLOCKED = 0x80000000;
/** Bodies longer than this (UTF-8 bytes) store their section texts in blocks: deflate's 32 KB window. */
export const BLOCK_BODY_BYTES = 32 * 1024;
/** Plain text per block (UTF-16 units; a longer section is a block of its own). */
const BLOCK_TEXT_CHARS = 16 * 1024;
/** A block's entry in the blob's table: sections in it, packed bytes. */
const BLOCK_ENTRY_BYTES = 8;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

function damaged(what: string): Error {
  return new Error(`almanac index: stored digest text is damaged (${what}); re-index`);
}

/** Zlib needs a dictionary of at least one byte. */
function dictionaryOptions(dictionary: Uint8Array): { dictionary?: Uint8Array } {
  return dictionary.length > 0 ? { dictionary } : {};
}

function sectionTextsOf(json: string): string[] {
  const value: unknown = JSON.parse(json);
  if (!Array.isArray(value) || !value.every((t) => typeof t === 'string')) throw damaged('section texts are not a list of strings');
  return value;
}

function u32(bytes: Uint8Array, at: number): number {
  if (at + 4 > bytes.length) throw damaged(`${bytes.length} bytes`);
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(at, true);
}

/** Consecutive texts of about BLOCK_TEXT_CHARS each (at least one text per block). */
function blocksOf(texts: readonly string[]): string[][] {
  const blocks: string[][] = [];
  let current: string[] = [];
  let chars = 0;
  for (const t of texts) {
    if (current.length > 0 && chars + t.length > BLOCK_TEXT_CHARS) {
      blocks.push(current);
      current = [];
      chars = 0;
    }
    current.push(t);
    chars += t.length;
  }
  if (current.length > 0) blocks.push(current);
  return blocks;
}

/** Packs a digest's body and its sections' plain texts (in section order) into one blob (layouts: the module comment). */
export function packDigestText(body: string, sectionTexts: readonly string[]): Uint8Array {
  const bodyBytes = encoder.encode(body);
  const packedBody = brotliCompressSync(bodyBytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: bodyBytes.length,
    },
  });
  if (bodyBytes.length > BLOCK_BODY_BYTES) return packBlocked(packedBody, blocksOf(sectionTexts));
  const packedSections = deflateRawSync(encoder.encode(JSON.stringify(sectionTexts)), { level: DEFLATE_LEVEL, ...dictionaryOptions(bodyBytes) });
  // A fresh Uint8Array that owns exactly its bytes (zlib's Buffers may be views into a larger allocation, which structured cloning would copy whole).
  const out = new Uint8Array(HEADER_BYTES + packedBody.length + packedSections.length);
  new DataView(out.buffer).setUint32(0, packedBody.length, true);
  out.set(packedBody, HEADER_BYTES);
  out.set(packedSections, HEADER_BYTES + packedBody.length);
  return out;
}

/** Bytes before the body of a blocked blob with `count` blocks. */
function tableEnd(count: number): number {
  return 2 * HEADER_BYTES + count * BLOCK_ENTRY_BYTES;
}

function packBlocked(packedBody: Uint8Array, blocks: readonly string[][]): Uint8Array {
  const packed = blocks.map((texts) => deflateRawSync(encoder.encode(JSON.stringify(texts)), { level: DEFLATE_LEVEL }));
  const bodyStart = tableEnd(blocks.length);
  const out = new Uint8Array(bodyStart + packedBody.length + packed.reduce((sum, p) => sum + p.length, 0));
  const view = new DataView(out.buffer);
  view.setUint32(0, (packedBody.length | BLOCKED) >>> 0, true);
  view.setUint32(HEADER_BYTES, blocks.length, true);
  blocks.forEach((texts, i) => {
    view.setUint32(2 * HEADER_BYTES + i * BLOCK_ENTRY_BYTES, texts.length, true);
    view.setUint32(2 * HEADER_BYTES + i * BLOCK_ENTRY_BYTES + 4, packed[i]!.length, true);
  });
  out.set(packedBody, bodyStart);
  let at = bodyStart + packedBody.length;
  for (const p of packed) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A block of section texts: its first section's ordinal, how many, and its bytes in the blob. */
interface Block {
  first: number;
  count: number;
  start: number;
  end: number;
}

/** Where the parts of a packed blob are. */
interface Layout {
  bodyStart: number;
  bodyLength: number;
  /** Null: one sections stream after the body. */
  blocks: Block[] | null;
}

/** The first word: the body's packed length, and whether the sections are in blocks. */
function firstWord(head: Uint8Array): { bodyLength: number; blocked: boolean } {
  const word = u32(head, 0);
  return { bodyLength: (word & ~BLOCKED) >>> 0, blocked: word >= BLOCKED };
}

/** The layout of a blob of `total` bytes from its first bytes (`head`: the header and, when blocked, the block table). */
function layoutOf(head: Uint8Array, total: number): Layout {
  const { bodyLength, blocked } = firstWord(head);
  if (!blocked) {
    if (HEADER_BYTES + bodyLength > total) throw damaged(`body of ${bodyLength} bytes in ${total}`);
    return { bodyStart: HEADER_BYTES, bodyLength, blocks: null };
  }
  const count = u32(head, HEADER_BYTES);
  const bodyStart = tableEnd(count);
  if (bodyStart + bodyLength > total) throw damaged(`body of ${bodyLength} bytes in ${total}`);
  let at = bodyStart + bodyLength;
  let first = 0;
  const blocks: Block[] = [];
  for (let i = 0; i < count; i++) {
    const sections = u32(head, 2 * HEADER_BYTES + i * BLOCK_ENTRY_BYTES);
    const bytes = u32(head, 2 * HEADER_BYTES + i * BLOCK_ENTRY_BYTES + 4);
    blocks.push({ first, count: sections, start: at, end: at + bytes });
    first += sections;
    at += bytes;
  }
  if (at > total) throw damaged(`blocks end at byte ${at} of ${total}`);
  return { bodyStart, bodyLength, blocks };
}

function bodyBytesOf(packed: Uint8Array, layout: Layout): Uint8Array {
  return brotliDecompressSync(packed.subarray(layout.bodyStart, layout.bodyStart + layout.bodyLength));
}

/** The body of a packed text. */
export function unpackBody(packed: Uint8Array): string {
  if (packed.length < HEADER_BYTES) throw damaged(`${packed.length} bytes`);
  return decoder.decode(bodyBytesOf(packed, layoutOf(packed, packed.length)));
}

function inflateBlock(bytes: Uint8Array, block: Block): string[] {
  const texts = sectionTextsOf(decoder.decode(inflateRawSync(bytes)));
  if (texts.length !== block.count) throw damaged(`a block of ${block.count} sections holds ${texts.length}`);
  return texts;
}

/** The section texts of a packed blob, and (`withBody`, or as the dictionary of an unblocked blob's sections) the body's bytes. */
function unpacked(packed: Uint8Array, withBody: boolean): { bodyBytes: Uint8Array | null; sections: string[] } {
  if (packed.length < HEADER_BYTES) throw damaged(`${packed.length} bytes`);
  const layout = layoutOf(packed, packed.length);
  if (layout.blocks === null) {
    const bodyBytes = bodyBytesOf(packed, layout);
    const sections = inflateRawSync(packed.subarray(layout.bodyStart + layout.bodyLength), dictionaryOptions(bodyBytes));
    return { bodyBytes, sections: sectionTextsOf(decoder.decode(sections)) };
  }
  const sections = layout.blocks.flatMap((b) => inflateBlock(packed.subarray(b.start, b.end), b));
  return { bodyBytes: withBody ? bodyBytesOf(packed, layout) : null, sections };
}

/** Both texts of a packed blob (the body is decompressed once). */
export function unpackDigestText(packed: Uint8Array): { body: string; sections: string[] } {
  const { bodyBytes, sections } = unpacked(packed, true);
  return { body: decoder.decode(bodyBytes!), sections };
}

function firstKey(digestId: number): number {
  return digestId * CHUNKS_PER_DIGEST;
}

/** Stores a digest's packed text (its digest row exists; no text is stored for it yet). */
export function writeDigestText(db: Database, digestId: number, packed: Uint8Array): void {
  const full = Math.floor(packed.length / CHUNK_BYTES);
  if (full >= CHUNKS_PER_DIGEST) throw new Error(`almanac index: the text of digest ${digestId} is too large to store (${packed.length} bytes packed)`);
  const insertChunk = cachedStatement(db, 'INSERT INTO text_chunk(key, data) VALUES (?, ?)');
  const key = firstKey(digestId);
  for (let i = 0; i < full; i++) insertChunk.run(key + i, packed.subarray(i * CHUNK_BYTES, (i + 1) * CHUNK_BYTES));
  cachedStatement(db, 'INSERT INTO digest_text(digest_id, tail) VALUES (?, ?)').run(digestId, packed.subarray(full * CHUNK_BYTES));
}

/** A digest's packed text; null when none is stored. */
export function readDigestText(db: Database, digestId: number): Uint8Array | null {
  const tail = cachedStatement(db, 'SELECT tail FROM digest_text WHERE digest_id = ?').pluck().get(digestId) as Uint8Array | undefined;
  if (tail === undefined) return null;
  const key = firstKey(digestId);
  const chunks = cachedStatement(db, 'SELECT data FROM text_chunk WHERE key BETWEEN ? AND ? ORDER BY key')
    .pluck()
    .all(key, key + CHUNKS_PER_DIGEST - 1) as Uint8Array[];
  if (chunks.length === 0) return tail;
  const out = new Uint8Array(chunks.length * CHUNK_BYTES + tail.length);
  chunks.forEach((c, i) => {
    if (c.length !== CHUNK_BYTES) throw damaged(`piece ${i} of digest ${digestId} has ${c.length} bytes`);
    out.set(c, i * CHUNK_BYTES);
  });
  out.set(tail, chunks.length * CHUNK_BYTES);
  return out;
}

/** A digest's body and section texts; null when no text is stored. */
export function readDigestTexts(db: Database, digestId: number): { body: string; sections: string[] } | null {
  const packed = readDigestText(db, digestId);
  return packed === null ? null : unpackDigestText(packed);
}

/** A digest's section texts, its body left undecoded (a search page shows sections only); null when no text is stored. */
export function readSectionTexts(db: Database, digestId: number): string[] | null {
  const packed = readDigestText(db, digestId);
  return packed === null ? null : unpacked(packed, false).sections;
}

/** A digest's body; null when no text is stored. */
export function readDigestBody(db: Database, digestId: number): string | null {
  const packed = readDigestText(db, digestId);
  return packed === null ? null : unpackBody(packed);
}

/**
 * Bytes [from, to) of a digest's packed text, reading only the pieces that
 * hold them (fewer when the text is shorter); null when no text is stored.
 */
function readRange(db: Database, digestId: number, from: number, to: number): Uint8Array | null {
  const key = firstKey(digestId);
  const firstPiece = Math.floor(from / CHUNK_BYTES);
  const lastPiece = Math.max(firstPiece, Math.floor((to - 1) / CHUNK_BYTES));
  const pieces = cachedStatement(db, 'SELECT data FROM text_chunk WHERE key BETWEEN ? AND ? ORDER BY key')
    .pluck()
    .all(key + firstPiece, key + lastPiece) as Uint8Array[];
  pieces.forEach((c, i) => {
    if (c.length !== CHUNK_BYTES) throw damaged(`piece ${firstPiece + i} of digest ${digestId} has ${c.length} bytes`);
  });
  let base = firstPiece * CHUNK_BYTES;
  const parts = pieces;
  if (pieces.length < lastPiece - firstPiece + 1) {
    // The range reaches the tail, after the last full piece.
    const tail = cachedStatement(db, 'SELECT tail FROM digest_text WHERE digest_id = ?').pluck().get(digestId) as Uint8Array | undefined;
    if (tail === undefined) return null;
    if (pieces.length === 0) {
      const last = cachedStatement(db, 'SELECT max(key) FROM text_chunk WHERE key BETWEEN ? AND ?').pluck().get(key, key + CHUNKS_PER_DIGEST - 1) as number | null;
      base = last === null ? 0 : (last - key + 1) * CHUNK_BYTES;
    }
    parts.push(tail);
  }
  const bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  return bytes.subarray(Math.max(0, from - base), Math.max(0, to - base));
}

/** A run of a digest's section texts: the first one's ordinal and the texts. */
export interface SectionBlock {
  first: number;
  texts: string[];
}

/**
 * The section texts around section `ordinal` of a digest: its block when the
 * texts are stored in blocks (only the pieces of the header, the table and
 * that block are read), else all of them; null when no text is stored.
 */
export function readSectionBlock(db: Database, digestId: number, ordinal: number): SectionBlock | null {
  const firstPiece = cachedStatement(db, 'SELECT data FROM text_chunk WHERE key = ?').pluck().get(firstKey(digestId)) as Uint8Array | undefined;
  // A blob that fills no piece (it is all in its tail) or whose sections are one stream is read whole.
  if (firstPiece === undefined || !firstWord(firstPiece).blocked) {
    const texts = readSectionTexts(db, digestId);
    return texts === null ? null : { first: 0, texts };
  }
  const end = tableEnd(u32(firstPiece, HEADER_BYTES));
  const table = end <= firstPiece.length ? firstPiece : readRange(db, digestId, 0, end)!;
  const layout = layoutOf(table, Number.MAX_SAFE_INTEGER);
  const block = layout.blocks!.find((b) => ordinal >= b.first && ordinal < b.first + b.count);
  if (block === undefined) return { first: ordinal, texts: [] };
  const bytes = readRange(db, digestId, block.start, block.end);
  if (bytes === null || bytes.length !== block.end - block.start) throw damaged(`block of section ${ordinal} of digest ${digestId} is cut short`);
  return { first: block.first, texts: inflateBlock(bytes, block) };
}
