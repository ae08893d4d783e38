/**
 * A small seeded PRNG for the bench generator. Every digest draws from its own
 * stream, derived from (seed, digest index), so a digest's bytes do not depend
 * on how many digests were generated before it or in which order.
 */

/** splitmix32: mixes an integer into a well-spread 32-bit state. */
function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export class Rng {
  private state: number;

  /** `streams` select independent sequences under one seed (e.g. the digest index). */
  constructor(seed: number, ...streams: number[]) {
    let s = mix32(seed >>> 0);
    for (const n of streams) s = mix32(s ^ mix32(n >>> 0));
    this.state = s;
  }

  /** mulberry32: a float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.pick: empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /**
   * Picks with a Zipf-like skew (rank r has weight ~ 1/(r+1)^0.9): the first
   * entries of a list are common, the tail is rare, as in real news text.
   */
  zipf<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.zipf: empty list');
    const u = this.next();
    // Inverse CDF of a continuous power law on [1, n+1) with exponent 0.9.
    const n = items.length;
    const a = 0.1;
    const x = Math.pow(u * (Math.pow(n + 1, a) - 1) + 1, 1 / a) - 1;
    return items[Math.min(n - 1, Math.floor(x))] as T;
  }

  /** `count` distinct items in the list's order of first draw. */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < count && pool.length > 0) {
      const i = Math.floor(this.next() * pool.length);
      out.push(pool.splice(i, 1)[0] as T);
    }
    return out;
  }
}
