/**
 * The stored form of a digest's text: the only module that knows it, and the
 * only reader and writer of tables digest_text and text_chunk (schema V4).
 *
 * A digest's text is one packed blob:
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

/** Packs a digest's body and its sections' plain texts (in section order) into one blob. */
export function packDigestText(body: string, sectionTexts: readonly string[]): Uint8Array {
  const bodyBytes = encoder.encode(body);
  const packedBody = brotliCompressSync(bodyBytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: bodyBytes.length,
    },
  });
  const packedSections = deflateRawSync(encoder.encode(JSON.stringify(sectionTexts)), { level: DEFLATE_LEVEL, ...dictionaryOptions(bodyBytes) });
  // A fresh Uint8Array that owns exactly its bytes (zlib's Buffers may be views into a larger allocation, which structured cloning would copy whole).
  const out = new Uint8Array(HEADER_BYTES + packedBody.length + packedSections.length);
  new DataView(out.buffer).setUint32(0, packedBody.length, true);
  out.set(packedBody, HEADER_BYTES);
  out.set(packedSections, HEADER_BYTES + packedBody.length);
  return out;
}

function split(packed: Uint8Array): { body: Uint8Array; sections: Uint8Array } {
  if (packed.length < HEADER_BYTES) throw damaged(`${packed.length} bytes`);
  const n = new DataView(packed.buffer, packed.byteOffset, packed.byteLength).getUint32(0, true);
  if (HEADER_BYTES + n > packed.length) throw damaged(`body of ${n} bytes in ${packed.length}`);
  return { body: packed.subarray(HEADER_BYTES, HEADER_BYTES + n), sections: packed.subarray(HEADER_BYTES + n) };
}

/** The body of a packed text. */
export function unpackBody(packed: Uint8Array): string {
  return decoder.decode(brotliDecompressSync(split(packed).body));
}

/** The body's bytes (the sections' dictionary) and the section texts of a packed blob. */
function unpacked(packed: Uint8Array): { bodyBytes: Uint8Array; sections: string[] } {
  const parts = split(packed);
  const bodyBytes = brotliDecompressSync(parts.body);
  const sections = inflateRawSync(parts.sections, dictionaryOptions(bodyBytes));
  return { bodyBytes, sections: sectionTextsOf(decoder.decode(sections)) };
}

/** Both texts of a packed blob (the body is decompressed once). */
export function unpackDigestText(packed: Uint8Array): { body: string; sections: string[] } {
  const { bodyBytes, sections } = unpacked(packed);
  return { body: decoder.decode(bodyBytes), sections };
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
  return packed === null ? null : unpacked(packed).sections;
}

/** A digest's body; null when no text is stored. */
export function readDigestBody(db: Database, digestId: number): string | null {
  const packed = readDigestText(db, digestId);
  return packed === null ? null : unpackBody(packed);
}
