/**
 * The near-duplicate signatures of a digest's sections (text/near-dup.ts),
 * packed into one blob per digest in section_sig: made by the parse worker,
 * read by the repeats step (index/repeats-step.ts), which so never reads the
 * texts. Deleted with the digest (foreign key).
 *
 * Layout, per signature (ENTRY_BYTES): ordinal u16, line + 1 u16 (0: the
 * whole section), sketch SKETCH_SLOTS bytes; little-endian. The exact hash is
 * the sketch's, computed when read.
 */
import type { Database } from 'better-sqlite3';
import { SKETCH_SLOTS, sketchHash, type SectionSignature } from '../text/near-dup.js';
import { cachedStatement } from './statements.js';

const ENTRY_BYTES = 4 + SKETCH_SLOTS;
/** A digest's sections beyond this ordinal, or lead lines beyond this number, are not signed (the fields are 16 bits). */
const MAX_FIELD = 0xfffe;

export function packSignatures(sigs: readonly SectionSignature[]): Uint8Array {
  const kept = sigs.filter((s) => s.ordinal <= MAX_FIELD && s.line < MAX_FIELD);
  const out = new Uint8Array(kept.length * ENTRY_BYTES);
  const view = new DataView(out.buffer);
  kept.forEach((s, k) => {
    const at = k * ENTRY_BYTES;
    view.setUint16(at, s.ordinal, true);
    view.setUint16(at + 2, s.line + 1, true);
    out.set(s.sketch, at + 4);
  });
  return out;
}

/** The signatures of a blob; a blob of the wrong length (a derived table: never trusted) gives none. */
export function unpackSignatures(blob: Uint8Array): SectionSignature[] {
  if (blob.length % ENTRY_BYTES !== 0) return [];
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const out: SectionSignature[] = [];
  for (let at = 0; at < blob.length; at += ENTRY_BYTES) {
    const sketch = blob.subarray(at + 4, at + ENTRY_BYTES);
    out.push({ ordinal: view.getUint16(at, true), line: view.getUint16(at + 2, true) - 1, exact: sketchHash(sketch), sketch });
  }
  return out;
}

/** Stores a digest's packed signatures (nothing for none). */
export function writeSignatures(db: Database, digestId: number, packed: Uint8Array): void {
  if (packed.length === 0) return;
  cachedStatement(db, 'INSERT OR REPLACE INTO section_sig(digest_id, sigs) VALUES (?, ?)').run(digestId, packed);
}

/** The signatures of these digests, by digest id (a digest without any is absent). */
export function readSignatures(db: Database, digestIds: readonly number[]): Map<number, SectionSignature[]> {
  const out = new Map<number, SectionSignature[]>();
  const stmt = cachedStatement(db, 'SELECT digest_id, sigs FROM section_sig WHERE digest_id IN (SELECT value FROM json_each(?))').raw();
  for (let i = 0; i < digestIds.length; i += 500) {
    const rows = stmt.all(JSON.stringify(digestIds.slice(i, i + 500))) as [number, Uint8Array][];
    for (const [id, blob] of rows) out.set(id, unpackSignatures(blob));
  }
  return out;
}
