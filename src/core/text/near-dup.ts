/**
 * Near-duplicate signatures of short texts (sections, lines of a lead), for
 * finding what a series repeats from issue to issue: a masthead, a footer,
 * an event listed for several weeks (index/repeats-step.ts).
 *
 * A text is compared by its index tokens (tokenize.ts: NFKC, lower case, CJK
 * bigrams, Latin words), numbers aside: a token holding a digit (a date, an
 * issue number, a price, a version) and the scheme words of links are left
 * out, and the parse worker reuses the tokens it makes for the index anyway.
 * A MinHash sketch of their tokens and token pairs (shingles):
 * one permutation hashing (each shingle is hashed once and falls in one of
 * SKETCH_SLOTS bins, each bin keeps its minimum; empty bins borrow from the
 * next), one byte kept per bin. The share of equal bytes estimates the
 * Jaccard similarity of the two shingle sets (corrected for the 1/256 chance
 * that two bytes agree by accident); texts that say the same have the same
 * sketch, and so the same `exact` hash of it.
 */
import { indexTokenString } from './tokenize.js';

/** Bins of a sketch, one byte each. */
export const SKETCH_SLOTS = 16;
/** Tokens a text needs to say whether it repeats (a lone "（完）" or "Links" says nothing). */
export const MIN_TOKENS = 6;
/** Tokens of a text sketched: enough to tell listings apart, and it bounds the work per section. */
export const MAX_SKETCH_TOKENS = 1500;

const NUMBERS = /\d/;
const LINK_WORDS = new Set(['http', 'https', 'www']);

/** The tokens a text is compared by: its index tokens without numbers and link scheme words. */
export function comparedTokens(tokenString: string): string[] {
  if (tokenString === '') return [];
  return tokenString.split(' ').filter((t) => !NUMBERS.test(t) && !LINK_WORDS.has(t));
}

const SPACE = 32;
const DIGIT_0 = 48;
const DIGIT_9 = 57;

/**
 * The FNV-1a hashes of the first `max` compared tokens of a token string
 * (comparedTokens, without making a string per token: a section's tokens
 * are scanned once, in the parse worker, for every digest indexed).
 */
export function comparedHashes(tokenString: string, max: number): Uint32Array {
  const out = new Uint32Array(Math.min(max, (tokenString.length >> 1) + 1));
  let n = 0;
  let start = 0;
  while (start < tokenString.length && n < out.length) {
    let end = start;
    let h = 0x811c9dc5;
    let digit = false;
    for (; end < tokenString.length; end++) {
      const c = tokenString.charCodeAt(end);
      if (c === SPACE) break;
      if (c >= DIGIT_0 && c <= DIGIT_9) digit = true;
      h = Math.imul(h ^ c, 0x01000193);
    }
    if (end > start && !digit && !(end - start <= 5 && LINK_WORDS.has(tokenString.slice(start, end)))) out[n++] = h >>> 0;
    start = end + 1;
  }
  return out.subarray(0, n);
}

/** FNV-1a over UTF-16 units. */
function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Final avalanche, so that every bit depends on every input bit. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export interface NearDupSignature {
  /** Hash of the sketch: equal for texts that say the same (derived, never stored). */
  exact: number;
  /** The MinHash sketch (SKETCH_SLOTS bytes). */
  sketch: Uint8Array;
}

/** The signature of a text given its compared tokens, null when it has fewer than MIN_TOKENS. */
export function signatureOfTokens(tokens: readonly string[]): NearDupSignature | null {
  return signatureOfHashes(Uint32Array.from(tokens, fnv));
}

/** The signature of a token string (index tokens, space-joined), null when it has too few compared tokens. */
export function signatureOfTokenString(tokenString: string): NearDupSignature | null {
  return signatureOfHashes(comparedHashes(tokenString, MAX_SKETCH_TOKENS));
}

/** The signature from the hashes of the compared tokens (comparedHashes), null for fewer than MIN_TOKENS. */
function signatureOfHashes(hashes: Uint32Array): NearDupSignature | null {
  if (hashes.length < MIN_TOKENS) return null;
  const mins = new Uint32Array(SKETCH_SLOTS).fill(0xffffffff);
  const filled = new Uint8Array(SKETCH_SLOTS);
  const end = Math.min(hashes.length, MAX_SKETCH_TOKENS);
  const add = (h: number): void => {
    const bin = h >>> 28;
    const value = h & 0x0fffffff;
    if (value < mins[bin]!) {
      mins[bin] = value;
      filled[bin] = 1;
    }
  };
  // Shingles: each token and each pair of neighbours (one word changed in a short line then moves a fifth of them, not a third).
  for (let i = 0; i < end; i++) {
    add(mix(hashes[i]!));
    if (i > 0) add(mix(Math.imul(hashes[i - 1]!, 31) + hashes[i]! + 0x9e3779b9));
  }
  const sketch = new Uint8Array(SKETCH_SLOTS);
  for (let b = 0; b < SKETCH_SLOTS; b++) {
    // Densify: an empty bin takes the next filled bin's minimum, mixed with its own distance so that it differs from that bin.
    let from = b;
    let steps = 0;
    while (filled[from] === 0 && steps < SKETCH_SLOTS) {
      from = (from + 1) % SKETCH_SLOTS;
      steps++;
    }
    const v = filled[from] === 1 ? mins[from]! : 0;
    sketch[b] = (Math.imul(v ^ (steps * 0x9e3779b1), 0x2545f491) >>> 24) & 0xff;
  }
  return { exact: sketchHash(sketch), sketch };
}

/** The `exact` hash of a sketch (FNV-1a over its bytes, mixed). */
export function sketchHash(sketch: Uint8Array): number {
  let h = 0x811c9dc5;
  for (const b of sketch) h = Math.imul(h ^ b, 0x01000193);
  return mix(h >>> 0);
}

/** The signature of a text (tokenized here), null when it has too few tokens to tell. */
export function signatureOf(text: string): NearDupSignature | null {
  return signatureOfTokens(comparedTokens(indexTokenString(text)));
}

/**
 * Whether two sketches estimate a similarity of at least `threshold`
 * (similarity() >= threshold), stopping at the first bin that makes it
 * impossible: most pairs a search compares are far apart.
 */
export function similarAtLeast(a: Uint8Array, b: Uint8Array, threshold: number): boolean {
  const chance = 1 / 256;
  const needed = Math.ceil((threshold * (1 - chance) + chance) * SKETCH_SLOTS - 1e-9);
  let misses = SKETCH_SLOTS - needed;
  for (let i = 0; i < SKETCH_SLOTS; i++) if (a[i] !== b[i] && --misses < 0) return false;
  return true;
}

/** Estimated Jaccard similarity of the shingle sets behind two sketches (0..1). */
export function similarity(a: Uint8Array, b: Uint8Array): number {
  let equal = 0;
  for (let i = 0; i < SKETCH_SLOTS; i++) if (a[i] === b[i]) equal++;
  const chance = 1 / 256;
  return Math.max(0, (equal / SKETCH_SLOTS - chance) / (1 - chance));
}

/** One signed text of a digest: a section (line -1: heading and text) or one line of its lead. */
export interface SectionSignature extends NearDupSignature {
  ordinal: number;
  line: number;
}

/** A section as the signatures read it: its level, the index token strings of its heading and text, and for a lead of several lines those of each line. */
export interface SignedSection {
  level: number;
  headingTokens: string;
  bodyTokens: string;
  lineTokens: readonly string[] | null;
}

/**
 * The signatures of a digest's sections (from the token strings the index
 * gets anyway), and of each line of its lead (the text before the first
 * heading, where mastheads stand among other lines) when it has more than
 * one; texts too short to tell are left out.
 */
export function sectionSignatures(sections: readonly SignedSection[]): SectionSignature[] {
  const out: SectionSignature[] = [];
  sections.forEach((s, ordinal) => {
    const whole = signatureOfTokenString(s.headingTokens === '' ? s.bodyTokens : `${s.headingTokens} ${s.bodyTokens}`);
    if (whole) out.push({ ordinal, line: -1, ...whole });
    if (ordinal !== 0 || s.level !== 0 || s.lineTokens === null) return;
    const lines: SectionSignature[] = [];
    s.lineTokens.forEach((tokens, line) => {
      const sig = signatureOfTokenString(tokens);
      if (sig) lines.push({ ordinal, line, ...sig });
    });
    if (lines.length > 1) out.push(...lines);
  });
  return out;
}
