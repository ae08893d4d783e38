/**
 * Near-duplicate signatures of short texts (sections, lines of a lead), for
 * finding what a series repeats from issue to issue: a masthead, a footer,
 * an event listed for several weeks (index/repeats-step.ts).
 *
 * A text is first reduced to what it says: NFKC, lower case, links, numbers
 * (so dates and issue numbers) and everything but letters removed. Two texts
 * whose reductions are equal have the same `exact` hash. For nearly equal
 * ones, a MinHash sketch of the reduction's character 4-grams: one
 * permutation hashing (each shingle is hashed once and falls in one of
 * SKETCH_SLOTS bins, each bin keeps its minimum; empty bins borrow from the
 * next), one byte kept per bin. The share of equal bytes estimates the
 * Jaccard similarity of the two shingle sets (corrected for the 1/256 chance
 * that two bytes agree by accident).
 */
import { normalizeText } from './tokenize.js';

/** Bins of a sketch, one byte each. */
export const SKETCH_SLOTS = 16;
/** Characters of a reduction below which a text is too short to say it repeats (a lone "（完）", "Links"). */
export const MIN_REDUCED_CHARS = 12;
/** Characters of a reduction sketched: enough to tell listings apart, and it bounds the work per section. */
export const MAX_SKETCH_CHARS = 2000;
const SHINGLE = 4;

const URL_RE = /\b(?:https?:\/\/|www\.)\S+/giu;
/** What a reduction drops: anything that is not a letter (digits, punctuation, spaces, symbols). */
const NOT_LETTER_RE = /[^\p{L}]+/gu;

/** A text as compared for repeats (see the module comment). */
export function reduceText(text: string): string {
  return normalizeText(text).replace(URL_RE, ' ').replace(NOT_LETTER_RE, '');
}

/** FNV-1a over UTF-16 units, with a final avalanche so that every bit depends on every unit. */
function hash32(s: string, from = 0, to = s.length): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export interface NearDupSignature {
  /** Hash of the whole reduction: equal for texts that say the same. */
  exact: number;
  /** The MinHash sketch (SKETCH_SLOTS bytes). */
  sketch: Uint8Array;
}

/** The signature of a text, null when its reduction is shorter than MIN_REDUCED_CHARS. */
export function signatureOf(text: string): NearDupSignature | null {
  const reduced = reduceText(text);
  if (reduced.length < MIN_REDUCED_CHARS) return null;
  const s = reduced.length > MAX_SKETCH_CHARS ? reduced.slice(0, MAX_SKETCH_CHARS) : reduced;
  const mins = new Uint32Array(SKETCH_SLOTS).fill(0xffffffff);
  const filled = new Uint8Array(SKETCH_SLOTS);
  for (let i = 0; i + SHINGLE <= s.length; i++) {
    const h = hash32(s, i, i + SHINGLE);
    const bin = h >>> 28;
    const value = h & 0x0fffffff;
    if (value < mins[bin]!) {
      mins[bin] = value;
      filled[bin] = 1;
    }
  }
  const sketch = new Uint8Array(SKETCH_SLOTS);
  for (let b = 0; b < SKETCH_SLOTS; b++) {
    // Densify: an empty bin takes the next filled bin's minimum, mixed with its own number so that it differs from that bin.
    let from = b;
    let steps = 0;
    while (filled[from] === 0 && steps < SKETCH_SLOTS) {
      from = (from + 1) % SKETCH_SLOTS;
      steps++;
    }
    const v = filled[from] === 1 ? mins[from]! : 0;
    sketch[b] = (Math.imul(v ^ (steps * 0x9e3779b1), 0x2545f491) >>> 24) & 0xff;
  }
  return { exact: hash32(reduced), sketch };
}

/** Estimated Jaccard similarity of the shingle sets behind two sketches (0..1). */
export function similarity(a: Uint8Array, b: Uint8Array): number {
  let equal = 0;
  for (let i = 0; i < SKETCH_SLOTS; i++) if (a[i] === b[i]) equal++;
  const chance = 1 / 256;
  return Math.max(0, (equal / SKETCH_SLOTS - chance) / (1 - chance));
}

/** Raw characters of a text a signature looks at: a section longer than this is compared by its start. */
export const MAX_SIGNED_CHARS = 6000;

/** One signed text of a digest: a section (line -1: heading and text) or one line of its lead. */
export interface SectionSignature extends NearDupSignature {
  ordinal: number;
  line: number;
}

/**
 * The signatures of a digest's sections, and of each line of its lead (the
 * text before the first heading, where mastheads stand among other lines)
 * when it has more than one; texts too short to tell are left out.
 */
export function sectionSignatures(sections: readonly { heading: string; level: number; text: string }[]): SectionSignature[] {
  const out: SectionSignature[] = [];
  sections.forEach((s, ordinal) => {
    const whole = signatureOf(`${s.heading}\n${s.text.slice(0, MAX_SIGNED_CHARS)}`);
    if (whole) out.push({ ordinal, line: -1, ...whole });
    if (ordinal !== 0 || s.level !== 0) return;
    const lines: SectionSignature[] = [];
    s.text
      .slice(0, MAX_SIGNED_CHARS)
      .split('\n')
      .forEach((text, line) => {
        const sig = signatureOf(text);
        if (sig) lines.push({ ordinal, line, ...sig });
      });
    if (lines.length > 1) out.push(...lines);
  });
  return out;
}
