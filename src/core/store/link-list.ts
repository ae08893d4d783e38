/**
 * A digest's links as the reader lists them (href, text, section): one packed
 * blob per digest in table digest_link; this module is its only reader and
 * writer.
 *
 * The blob is text, raw deflate with the digest's Markdown body as preset
 * dictionary: every href and link text is a string of the body, so deflate
 * refers back to it. Its first line holds each link's section as the
 * difference from the one before (mostly 0), then come two lines per link,
 * its href and its text (backslash and line feed escaped). On link-heavy real
 * digests (This Week in React, Haskell Weekly) that stores a link in about 7
 * bytes, against 10 as JSON, 48 without the dictionary and about 140 as a row
 * of the former `link` table, which held 42% of such an index
 * (docs/PERFORMANCE.md). What search needs of links (sites and link keys)
 * is kept apart in link-data.ts; links into the vault also have a row in
 * `link` (targets and backlinks).
 */
import type { Database } from 'better-sqlite3';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { ParsedLink } from '../types.js';
import { cachedStatement } from './statements.js';

/** One link of a digest, in document order. */
export interface StoredLink {
  href: string;
  text: string;
  /** Ordinal of its stored section. */
  section: number;
}

const DEFLATE_LEVEL = 9;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

function dictionary(body: string): { dictionary?: Uint8Array } {
  const bytes = encoder.encode(body);
  // Zlib needs a dictionary of at least one byte; only its last 32 KB are used (deflate's window).
  return bytes.length > 0 ? { dictionary: bytes.subarray(Math.max(0, bytes.length - 32_768)) } : {};
}

const escape = (text: string): string => text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
const unescape = (line: string): string => line.replace(/\\(\\|n)/g, (_, c: string) => (c === 'n' ? '\n' : '\\'));

/** Packs a digest's links; `body` is its Markdown body (the dictionary). */
export function packLinks(body: string, links: readonly StoredLink[]): Uint8Array {
  const deltas = links.map((l, i) => l.section - (i === 0 ? 0 : links[i - 1]!.section));
  const lines = [deltas.join(','), ...links.flatMap((l) => [escape(l.href), escape(l.text)])];
  return new Uint8Array(deflateRawSync(encoder.encode(lines.join('\n')), { level: DEFLATE_LEVEL, ...dictionary(body) }));
}

function damaged(what: string): Error {
  return new Error(`almanac index: a stored link list is damaged (${what}); re-index`);
}

export function unpackLinks(body: string, packed: Uint8Array): StoredLink[] {
  let lines: string[];
  try {
    lines = decoder.decode(inflateRawSync(packed, dictionary(body))).split('\n');
  } catch (err) {
    throw damaged(err instanceof Error ? err.message : String(err));
  }
  const deltas = lines[0] === '' ? [] : lines[0]!.split(',').map(Number);
  if (lines.length !== 1 + 2 * deltas.length || deltas.some((d) => !Number.isInteger(d))) throw damaged(`${lines.length} lines for ${deltas.length} links`);
  let section = 0;
  return deltas.map((delta, i) => {
    section += delta;
    return { href: unescape(lines[1 + 2 * i]!), text: unescape(lines[2 + 2 * i]!), section };
  });
}

/** The parsed links with their stored section ordinals: the parser's ordinal's place among the sections, the first when it is none. */
export function storedLinks(links: readonly ParsedLink[], sectionOrdinals: readonly number[]): StoredLink[] {
  const stored = new Map(sectionOrdinals.map((ordinal, i) => [ordinal, i]));
  return links.map((l) => ({ href: l.href, text: l.text, section: stored.get(l.section) ?? 0 }));
}

/** Stores a digest's packed links (none stored for a digest without links). */
export function writeLinkList(db: Database, digestId: number, packed: Uint8Array | null): void {
  if (packed !== null) cachedStatement(db, 'INSERT INTO digest_link(digest_id, data) VALUES (?, ?)').run(digestId, packed);
}

/** A digest's links in document order (empty when it has none); `body` is its Markdown body. */
export function readLinkList(db: Database, digestId: number, body: string): StoredLink[] {
  const packed = cachedStatement(db, 'SELECT data FROM digest_link WHERE digest_id = ?').pluck().get(digestId) as Uint8Array | undefined;
  return packed === undefined ? [] : unpackLinks(body, packed);
}
