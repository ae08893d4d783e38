/**
 * What a series repeats from issue to issue, from its sections' signatures
 * (text/near-dup.ts). Pure: one series in, a verdict per section out, so it
 * is tested without an index and never looks across unrelated series.
 *
 * Sections (and lines of a lead) are clustered when their reductions are
 * equal or their sketches estimate a Jaccard similarity of at least
 * `near` (`nearLine` for lines; candidates from locality-sensitive hashing: SKETCH_SLOTS / 2
 * bands of two bytes, compared with a few earlier members of each band's
 * bucket, so a masthead in 500 issues costs 500 comparisons, not 500²; a
 * bucket that fills up holds a band value common to the whole series and is
 * not followed). A
 * cluster spread over `boilerMin` or more digests that are a large share
 * (`boilerShare`) or many (`boilerMany`) of the series is boilerplate: its
 * sections, or its lines of a lead, are marked as such. A smaller cluster of
 * whole sections over two or more digests is a repeat (an event listed for a
 * few weeks, with at most `repeatGap` issues between two of them), folded
 * into one hit by search.
 */
import type { BoilerLines } from '../store/section-marks.js';
import { similarity, SKETCH_SLOTS, similarAtLeast, type SectionSignature } from '../text/near-dup.js';

export interface RepeatThresholds {
  /** Least estimated Jaccard similarity of two near-identical sections. */
  near: number;
  /**
   * The same for lines of a lead: a masthead's lines are reworded over the
   * years ("投稿或推荐你的项目" -> "投稿或推荐科技内容"), and a line is short,
   * so a changed phrase moves its similarity further.
   */
  nearLine: number;
  /** Least digests of a boilerplate cluster. */
  boilerMin: number;
  /** Share of the series' digests from which a cluster is boilerplate. */
  boilerShare: number;
  /** Digests from which a cluster is boilerplate whatever the series' size. */
  boilerMany: number;
  /**
   * Most issues between two weeks of one repeat: a listing is carried from
   * week to week, while the same text a year later (an annual event's
   * announcement) is another item.
   */
  repeatGap: number;
}

export const REPEAT_THRESHOLDS: RepeatThresholds = { near: 0.68, nearLine: 0.5, boilerMin: 3, boilerShare: 0.6, boilerMany: 10, repeatGap: 4 };

/** Earlier members of a band bucket an item is compared with. */
const BUCKET_PEERS = 4;
/** Members a band bucket takes: a fuller one is a band value common to the series, not followed further. */
const BUCKET_CAP = 32;

/** One digest of the series (in series order): its first section's rowid (ordinal 0) and its signatures. */
export interface RepeatDigest {
  firstSection: number;
  sigs: readonly SectionSignature[];
}

/** What the series says of one section; absent sections repeat nothing. */
export interface SectionVerdict {
  boiler: BoilerLines | null;
  /** Repeat cluster id: the rowid of its first section in series order (stable while it is). */
  group: number | null;
}

interface Item {
  digest: number;
  rowid: number;
  line: number;
  sig: SectionSignature;
}

class UnionFind {
  private readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]!]!;
      i = this.parent[i]!;
    }
    return i;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/** Clusters the items: equal reductions, then near-identical sketches to a cluster's first member (lines and whole sections apart). */
function cluster(items: readonly Item[], t: RepeatThresholds): UnionFind {
  const uf = new UnionFind(items.length);
  // Keys stay small integers (V8's fast path for Map keys): the exact hash cut to 30 bits, one map per kind, band keys of 21 bits.
  const exact = [new Map<number, number>(), new Map<number, number>()];
  const buckets = new Map<number, number[]>();
  const candidates: number[] = [];
  items.forEach((item, i) => {
    const kind = item.line < 0 ? 0 : 1;
    const key = item.sig.exact >>> 2;
    const first = exact[kind]!.get(key);
    if (first !== undefined) {
      // The same text: nothing nearer to look for.
      uf.union(first, i);
      return;
    }
    exact[kind]!.set(key, i);
    const sk = item.sig.sketch;
    candidates.length = 0;
    for (let b = 0; b < SKETCH_SLOTS; b += 2) {
      const band = (((b << 16) | (sk[b]! << 8) | sk[b + 1]!) << 1) | kind;
      const members = buckets.get(band);
      if (!members) {
        buckets.set(band, [i]);
        continue;
      }
      // A band value many texts share comes from shingles common to the whole series: it tells nothing, so it is not followed.
      if (members.length >= BUCKET_CAP) continue;
      for (let k = Math.max(0, members.length - BUCKET_PEERS); k < members.length; k++) if (!candidates.includes(members[k]!)) candidates.push(members[k]!);
      members.push(i);
    }
    // An item joins the cluster whose first member (its root: union keeps the lower index) it resembles most,
    // never a chain of neighbours: a 16-byte sketch agrees by chance often enough (about 1 pair in 160 of
    // unrelated short sections on a small vocabulary) that linking every similar pair grows one cluster through
    // a whole series, and every section in it would then be called boilerplate.
    const near = kind === 0 ? t.near : t.nearLine;
    let best = -1;
    let bestScore = -1;
    for (const j of candidates) {
      const leader = uf.find(j);
      if (leader === best) continue;
      const lsk = items[leader]!.sig.sketch;
      if (!similarAtLeast(sk, lsk, near)) continue;
      const score = similarity(sk, lsk);
      if (score > bestScore) {
        best = leader;
        bestScore = score;
      }
    }
    if (best >= 0) uf.union(i, best);
  });
  return uf;
}

/** A repeat cluster's sections cut where more than `gap` issues pass between two of them; runs of one are dropped. Each run is in series order. */
function weekRuns(sections: readonly Item[], gap: number): Item[][] {
  const ordered = [...sections].sort((a, b) => a.digest - b.digest || a.rowid - b.rowid);
  const runs: Item[][] = [];
  let run: Item[] = [];
  for (const m of ordered) {
    if (run.length > 0 && m.digest - run[run.length - 1]!.digest > gap) {
      runs.push(run);
      run = [];
    }
    run.push(m);
  }
  runs.push(run);
  return runs.filter((r) => new Set(r.map((m) => m.digest)).size > 1);
}

function itemsOf(digests: readonly RepeatDigest[]): Item[] {
  const items: Item[] = [];
  digests.forEach((d, digest) => {
    for (const sig of d.sigs) items.push({ digest, rowid: d.firstSection + sig.ordinal, line: sig.line, sig });
  });
  return items;
}

/** The verdict of every section of the series that repeats (see the module comment), by section rowid. */
export function seriesRepeats(digests: readonly RepeatDigest[], t: RepeatThresholds = REPEAT_THRESHOLDS): Map<number, SectionVerdict> {
  const items = itemsOf(digests);
  const uf = cluster(items, t);
  const members = new Map<number, Item[]>();
  items.forEach((item, i) => {
    const root = uf.find(i);
    const list = members.get(root);
    if (list) list.push(item);
    else members.set(root, [item]);
  });
  const verdicts = new Map<number, SectionVerdict>();
  const verdict = (rowid: number): SectionVerdict => {
    let v = verdicts.get(rowid);
    if (!v) {
      v = { boiler: null, group: null };
      verdicts.set(rowid, v);
    }
    return v;
  };
  const lines = new Map<number, number[]>();
  for (const list of members.values()) {
    const spread = new Set(list.map((m) => m.digest)).size;
    if (spread < 2) continue;
    const boiler = spread >= t.boilerMin && (spread >= t.boilerShare * digests.length || spread >= t.boilerMany);
    for (const m of list) {
      if (m.line >= 0) {
        if (boiler) lines.set(m.rowid, [...(lines.get(m.rowid) ?? []), m.line]);
      } else if (boiler) {
        verdict(m.rowid).boiler = 'all';
      }
    }
    if (!boiler) for (const run of weekRuns(list.filter((m) => m.line < 0), t.repeatGap)) for (const m of run) verdict(m.rowid).group = run[0]!.rowid;
  }
  // A lead signed line by line is judged by its lines: its own lines stay content even when, beside a long masthead, the whole lead looks like the others.
  const signedLines = new Map<number, number>();
  for (const m of items) if (m.line >= 0) signedLines.set(m.rowid, (signedLines.get(m.rowid) ?? 0) + 1);
  for (const [rowid, signed] of signedLines) {
    const ls = lines.get(rowid);
    if (ls === undefined) {
      if (verdicts.get(rowid)?.boiler === 'all') verdicts.get(rowid)!.boiler = null;
      continue;
    }
    const repeated = [...new Set(ls)].sort((a, b) => a - b);
    // Every line with something to say repeats (the rest are too short to tell): the lead repeats whole.
    verdict(rowid).boiler = repeated.length === signed ? 'all' : repeated;
  }
  for (const [rowid, v] of verdicts) if (v.boiler === null && v.group === null) verdicts.delete(rowid);
  for (const v of verdicts.values()) if (v.boiler === 'all') v.group = null;
  return verdicts;
}
