/**
 * Near-duplicate signatures of short texts (sections, lines of a lead), for
 * finding what a series repeats from issue to issue: a masthead, a footer,
 * an event listed for several weeks (index/repeats-step.ts).
 *
 * A text is compared by its index tokens (tokenize.ts: NFKC, lower case, CJK
 * bigrams, Latin words), numbers aside: a token holding a digit (a date, an
 * issue number, a price, a version) and the scheme words of links are left
 * out, and the parse worker reuses the tokens it makes for the index anyway.
 * Two texts whose remaining tokens are the same have the same `exact` hash.
 * For nearly equal ones, a MinHash sketch of their tokens and token pairs (shingles):
 * one permutation hashing (each shingle is hashed once and falls in one of
 * SKETCH_SLOTS bins, each bin keeps its minimum; empty bins borrow from the
 * next), one byte kept per bin. The share of equal bytes estimates the
 * Jaccard similarity of the two shingle sets (corrected for the 1/256 chance
 * that two bytes agree by accident).
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
  /** Hash of the compared tokens: equal for texts that say the same. */
  exact: number;
  /** The MinHash sketch (SKETCH_SLOTS bytes). */
  sketch: Uint8Array;
}

/** The signature of a text given its compared tokens, null when it has fewer than MIN_TOKENS. */
export function signatureOfTokens(tokens: readonly string[]): NearDupSignature | null {
  if (tokens.length < MIN_TOKENS) return null;
  const hashes = new Uint32Array(tokens.length);
  let exact = 0x811c9dc5;
  tokens.forEach((t, i) => {
    hashes[i] = fnv(t);
    exact = Math.imul(exact ^ hashes[i]!, 0x01000193) >>> 0;
  });
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
  return { exact: mix(exact), sketch };
}

/** The signature of a text (tokenized here), null when it has too few tokens to tell. */
export function signatureOf(text: string): NearDupSignature | null {
  return signatureOfTokens(comparedTokens(indexTokenString(text)));
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

/** A section as the signatures read it: its level and text, and the index token strings of its heading and text. */
export interface SignedSection {
  level: number;
  text: string;
  headingTokens: string;
  bodyTokens: string;
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
    const whole = signatureOfTokens(comparedTokens(`${s.headingTokens} ${s.bodyTokens}`.trim()));
    if (whole) out.push({ ordinal, line: -1, ...whole });
    if (ordinal !== 0 || s.level !== 0 || !s.text.includes('\n')) return;
    const lines: SectionSignature[] = [];
    s.text.split('\n').forEach((text, line) => {
      const sig = signatureOf(text);
      if (sig) lines.push({ ordinal, line, ...sig });
    });
    if (lines.length > 1) out.push(...lines);
  });
  return out;
}
