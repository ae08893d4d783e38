/**
 * The mention table (schema.ts MENTIONS) behind one door: a digest's
 * mentions as one packed row, and reading them back.
 *
 * A name's identity is a 48-bit hash of its key (core/text/mention-name.ts
 * mentionKey), a spelling's a 32-bit hash of the spelling (it only decides
 * which spelling is shown): no table of strings to intern into. Link-heavy
 * weeklies name thousands of distinct things (most link texts are titles
 * seen once), and a spelling table and a key table with their unique
 * indexes took 11.8% of the weekly-zh index. Two names share a key hash with
 * a probability of about n² / 2^49 (under one in 3,000 at 400k names).
 *
 * Row layout (`data`): varint E; a bitmap of E bits, set for an entry whose
 * spelling differs from its key; E key hashes of 6 bytes; a 4-byte spelling
 * hash for each set bit; varint P and P pairs (section ordinal, entry index),
 * sorted; then the E spellings compressed (Brotli), each a varint byte length
 * and its UTF-8. Numbers are little-endian, varints unsigned LEB128. The search reads
 * the entries and pairs of every digest; a spelling's text is decompressed
 * only to show it.
 */
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import type { Database } from 'better-sqlite3';
import { mentionKey } from '../text/mention-name.js';
import type { ParsedDigest } from '../types.js';
import { cachedStatement } from './statements.js';

const KEY_BYTES = 6;
const SPELLING_BYTES = 4;
/** Spelling ids that are not their key's hash live above every key hash. */
const SPELLING_BASE = 2 ** (8 * KEY_BYTES);
/** Quality 5: on lists of names, 8-10% smaller than deflate for a few times its time (quality 9 and up gain 4% more for ten times). */
const BROTLI = { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } };

/** A 53-bit hash of a string (cyrb53: two 32-bit multiplicative lanes mixed), exact in a JS number. */
export function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** The identity of a name, or of what a user typed for one: its key's hash. */
export function mentionKeyHash(text: string): number {
  return hash53(mentionKey(text)) % SPELLING_BASE;
}

export interface StoredMention {
  /** The spelling as the digest wrote it (cleaned: mention-name.ts). */
  name: string;
  section: number;
}

function pushVarint(out: number[], value: number): void {
  let v = value;
  while (v >= 0x80) {
    out.push((v % 128) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
}

function pushFixed(out: number[], value: number, bytes: number): void {
  let v = value;
  for (let i = 0; i < bytes; i++) {
    out.push(v % 256);
    v = Math.floor(v / 256);
  }
}

/** Reads varints and fixed-width numbers from `bytes`; -1 past the end. */
class Reader {
  at = 0;
  constructor(readonly bytes: Uint8Array) {}
  varint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (this.at >= this.bytes.length) return -1;
      const b = this.bytes[this.at++]!;
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
      scale *= 128;
    }
  }
  fixed(bytes: number): number {
    if (this.at + bytes > this.bytes.length) return -1;
    let value = 0;
    for (let i = bytes - 1; i >= 0; i--) value = value * 256 + this.bytes[this.at + i]!;
    this.at += bytes;
    return value;
  }
}

/** The entries (distinct spellings) and sorted, distinct (section, entry) pairs of a digest's mentions. */
function entriesOf(mentions: readonly StoredMention[]): { spellings: string[]; pairs: [number, number][] } {
  const entryOf = new Map<string, number>();
  const spellings: string[] = [];
  const pairs: [number, number][] = [];
  for (const m of mentions) {
    let entry = entryOf.get(m.name);
    if (entry === undefined) {
      entry = spellings.length;
      entryOf.set(m.name, entry);
      spellings.push(m.name);
    }
    pairs.push([m.section, entry]);
  }
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return { spellings, pairs: pairs.filter((p, i) => i === 0 || p[0] !== pairs[i - 1]![0] || p[1] !== pairs[i - 1]![1]) };
}

/** The packed row of a digest's mentions (see the module comment); null when it has none. */
export function encodeMentions(mentions: readonly StoredMention[]): Uint8Array | null {
  if (mentions.length === 0) return null;
  const { spellings, pairs } = entriesOf(mentions);
  const out: number[] = [];
  pushVarint(out, spellings.length);
  const keys = spellings.map(mentionKey);
  const bitmap = new Array<number>(Math.ceil(spellings.length / 8)).fill(0);
  spellings.forEach((name, e) => {
    if (name !== keys[e]) bitmap[e >> 3]! |= 1 << (e & 7);
  });
  out.push(...bitmap);
  for (const key of keys) pushFixed(out, hash53(key) % SPELLING_BASE, KEY_BYTES);
  spellings.forEach((name, e) => {
    if (name !== keys[e]) pushFixed(out, hash53(name) % 2 ** (8 * SPELLING_BYTES), SPELLING_BYTES);
  });
  pushVarint(out, pairs.length);
  for (const [section, entry] of pairs) {
    pushVarint(out, section);
    pushVarint(out, entry);
  }
  const text: number[] = [];
  const encoder = new TextEncoder();
  for (const name of spellings) {
    const bytes = encoder.encode(name);
    pushVarint(text, bytes.length);
    for (const b of bytes) text.push(b);
  }
  const head = Uint8Array.from(out);
  const tail = brotliCompressSync(Uint8Array.from(text), BROTLI);
  const row = new Uint8Array(head.length + tail.length);
  row.set(head);
  row.set(tail, head.length);
  return row;
}

/** A row's entries and pairs, and where its compressed spellings start. */
export interface MentionRow {
  /** Per entry: its key hash, and its spelling id (the key hash when the spelling is its key). */
  keys: number[];
  spellings: number[];
  /** Section ordinal and entry index of each pair, flat. */
  pairs: number[];
  textAt: number;
}

/** The entries and pairs of a packed row (a damaged row gives what could be read). */
export function decodeMentionRow(bytes: Uint8Array): MentionRow {
  const r = new Reader(bytes);
  const count = Math.max(0, r.varint());
  const bitmapAt = r.at;
  r.at += Math.ceil(count / 8);
  const differs = (e: number): boolean => ((bytes[bitmapAt + (e >> 3)] ?? 0) & (1 << (e & 7))) !== 0;
  const keys: number[] = [];
  for (let e = 0; e < count; e++) {
    const key = r.fixed(KEY_BYTES);
    if (key < 0) break;
    keys.push(key);
  }
  const spellings = keys.map((key, e) => (differs(e) ? SPELLING_BASE + Math.max(0, r.fixed(SPELLING_BYTES)) : key));
  const pairs: number[] = [];
  const n = r.varint();
  for (let i = 0; i < n; i++) {
    const section = r.varint();
    const entry = r.varint();
    if (section < 0 || entry < 0) break;
    pairs.push(section, entry);
  }
  return { keys, spellings, pairs, textAt: r.at };
}

/** The spelling of entry `entry` of a packed row, null when the row has none such. */
export function spellingAt(bytes: Uint8Array, entry: number): string | null {
  const row = decodeMentionRow(bytes);
  let text: Uint8Array;
  try {
    text = brotliDecompressSync(bytes.subarray(row.textAt));
  } catch {
    return null;
  }
  const r = new Reader(text);
  for (let i = 0; ; i++) {
    const length = r.varint();
    if (length < 0 || r.at + length > text.length) return null;
    if (i === entry) return new TextDecoder().decode(text.subarray(r.at, r.at + length));
    r.at += length;
  }
}

/** A parsed digest's mentions by the ordinals of its stored sections (the sections' positions), packed as one row; null when it names nothing. */
export function mentionRowOfDigest(parsed: Pick<ParsedDigest, 'sections' | 'mentions'>): Uint8Array | null {
  const storedOrdinal = new Map(parsed.sections.map((s, i) => [s.ordinal, i]));
  return encodeMentions((parsed.mentions ?? []).map((m) => ({ name: m.name, section: storedOrdinal.get(m.section) ?? 0 })));
}

/** Writes a digest's mention row (nothing when it has no mentions). */
export function writeMentionRow(db: Database, digestId: number, data: Uint8Array | null): void {
  if (data !== null) cachedStatement(db, 'INSERT INTO mention(digest_id, data) VALUES (?, ?)').run(digestId, data);
}

/** Every digest's packed mention row, by digest id. */
export function mentionRows(db: Database): [number, Uint8Array][] {
  return db.prepare('SELECT digest_id, data FROM mention').raw().all() as [number, Uint8Array][];
}

/** One digest's packed mention row, null when it has none. */
export function mentionRowOf(db: Database, digestId: number): Uint8Array | null {
  return (cachedStatement(db, 'SELECT data FROM mention WHERE digest_id = ?').pluck().get(digestId) as Uint8Array | undefined) ?? null;
}
