/**
 * The stored form of a digest's text (table digest_text): the only module
 * that knows it. Both blobs are raw deflate (no zlib header or checksum: SQLite
 * pages carry their own integrity, and the header would cost 6 bytes a row).
 *
 * - body: the Markdown body's UTF-8.
 * - sections: the JSON array of the sections' plain texts, deflated with the
 *   body's UTF-8 as preset dictionary. A section's plain text is mostly the
 *   body's words again, so the dictionary lets deflate refer back to them:
 *   measured on the 10k synthetic vault, the texts shrink to 0.06 of their
 *   size with it and 0.35 without (and to 0.69 as one blob per section).
 *   Reading them then inflates the body first (about 45 µs a digest instead of
 *   22 µs).
 *
 * Level 3: measured on 1,000 digests of the 10k vault (a busy machine, so
 * roughly), level 3 deflates about 1.5x as fast as level 6 and stores 3%
 * more (body: 0.366 of the UTF-8 at level 3, 0.354 at 6 and 9); packing
 * costs about 0.26 ms a digest, in the parse workers.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';

const LEVEL = 3;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * A Uint8Array that owns exactly its bytes: zlib's Buffers may be views into a
 * larger allocation, which structured cloning (worker -> main) would copy whole.
 */
function own(buf: Buffer): Uint8Array {
  return new Uint8Array(buf);
}

/** Zlib needs a dictionary of at least one byte. */
function dictionaryOptions(dictionary: Uint8Array): { dictionary?: Uint8Array } {
  return dictionary.length > 0 ? { dictionary } : {};
}

function sectionTextsOf(json: string): string[] {
  const value: unknown = JSON.parse(json);
  if (!Array.isArray(value) || !value.every((t) => typeof t === 'string')) {
    throw new Error('almanac index: stored section texts are not a list of strings (the index is damaged; re-index)');
  }
  return value;
}

export interface PackedDigestText {
  body: Uint8Array;
  sections: Uint8Array;
}

/** Packs a digest's body and its sections' plain texts (in section order). */
export function packDigestText(body: string, sectionTexts: readonly string[]): PackedDigestText {
  const bodyBytes = encoder.encode(body);
  return {
    body: own(deflateRawSync(bodyBytes, { level: LEVEL })),
    sections: own(deflateRawSync(encoder.encode(JSON.stringify(sectionTexts)), { level: LEVEL, ...dictionaryOptions(bodyBytes) })),
  };
}

export function packBody(body: string): Uint8Array {
  return own(deflateRawSync(encoder.encode(body), { level: LEVEL }));
}

export function unpackBody(blob: Uint8Array): string {
  return decoder.decode(inflateRawSync(blob));
}

/** Packs section texts against the body they were taken from (the same body must be given to unpack them). */
export function packSectionTexts(texts: readonly string[], body: string): Uint8Array {
  return packDigestText(body, texts).sections;
}

/** The section texts of a `sections` blob; `bodyBlob` is the packed body stored with it. */
export function unpackSectionTexts(blob: Uint8Array, bodyBlob: Uint8Array): string[] {
  return unpackDigestText(bodyBlob, blob).sections;
}

/** Both texts of a digest_text row (the body is inflated once). */
export function unpackDigestText(bodyBlob: Uint8Array, sectionsBlob: Uint8Array): { body: string; sections: string[] } {
  const bodyBytes = inflateRawSync(bodyBlob);
  const sections = inflateRawSync(sectionsBlob, dictionaryOptions(bodyBytes));
  return { body: decoder.decode(bodyBytes), sections: sectionTextsOf(decoder.decode(sections)) };
}
