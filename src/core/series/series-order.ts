/**
 * The series step: which series each digest belongs to and its place in it,
 * as a pure function of every digest's path, issue number and date (after
 * the vault-wide date sources), so it is recomputed whole whenever the vault
 * changed and tested without files. The caller writes only the rows whose
 * series or place changed.
 *
 * - Membership: series-shape.ts (root + naming pattern). A digest with neither
 *   a date nor a number has no place in any order and is in no series; a
 *   "series" of one digest is none.
 * - Topic folders: sibling folders whose digests share a pattern and are all
 *   numbered, with no number repeated across them and ranges that interleave
 *   (a weekly filed by topic: `前沿技术/1.x.md` .. `54`, `源码解读/48.y.md` ..
 *   `241`), are one series rooted above them. Language folders never merge;
 *   repeated numbers (a translation) and ranges that do not mix (two
 *   publications side by side, `a/issue-1..9`, `b/issue-20..30`) keep
 *   folders apart.
 * - Dated words: a pattern that keeps the words after a leading date
 *   (`#-weekly`) is a pattern only when several files share it; a file alone
 *   with its words (`2024-01-01-my-first-post`) joins the `#*` run of its root.
 * - Order: date, then issue number (`issue-9` < `issue-10`), then path, in
 *   natural order (`3-plugins/7-duck` < `3-plugins/10-ascii`: the parts of an
 *   issue kept in a day folder). Undated numbered issues are placed by number
 *   among the dated ones (before the first dated issue with a higher number),
 *   so they still get neighbours. A series whose every issue states its own
 *   number (none twice) is ordered by number, then date: the publisher's
 *   numbering is its own statement of the order, where a date can be a slip
 *   (tw93's issues 104-105 are dated December between November issues).
 */
import { isDatedWordsPattern, isLanguageFolder, seriesKey, seriesShape, type SeriesShape } from './series-shape.js';

export interface SeriesItem {
  path: string;
  number: number | null;
  /** "YYYY-MM-DD" (the start of its period) or null. */
  date: string | null;
}

export interface SeriesPlace {
  series: string;
  /** 0-based position in the series. */
  pos: number;
}

interface Group extends SeriesShape {
  items: SeriesItem[];
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const CHUNKS_RE = /(\d+)/;

/** Paths compared with their digit runs as numbers ("a/7-x" < "a/10-y"), ties by the plain string. */
export function comparePaths(a: string, b: string): number {
  const x = a.split(CHUNKS_RE);
  const y = b.split(CHUNKS_RE);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    // split() with a capture group puts the digit runs at the odd indexes.
    const c = i % 2 === 1 ? Number(x[i]) - Number(y[i]) : compareStrings(x[i]!, y[i]!);
    if (c !== 0) return c;
  }
  return x.length - y.length || compareStrings(a, b);
}

function compareNumbers(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}

function compareDates(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return compareStrings(a, b);
}

function byDate(a: SeriesItem, b: SeriesItem): number {
  return compareDates(a.date, b.date) || compareNumbers(a.number, b.number) || comparePaths(a.path, b.path);
}

function byNumber(a: SeriesItem, b: SeriesItem): number {
  return compareNumbers(a.number, b.number) || compareDates(a.date, b.date) || comparePaths(a.path, b.path);
}

function numberedThroughout(items: readonly SeriesItem[]): boolean {
  const seen = new Set<number>();
  for (const i of items) {
    if (i.number === null || seen.has(i.number)) return false;
    seen.add(i.number);
  }
  return true;
}

/** The series' order (see the module comment): by number when every issue has its own, else dated by date with undated merged in by number. */
export function orderSeries(items: readonly SeriesItem[]): SeriesItem[] {
  if (numberedThroughout(items)) return [...items].sort(byNumber);
  const dated = items.filter((i) => i.date !== null).sort(byDate);
  const undated = items.filter((i) => i.date === null).sort(byNumber);
  const out: SeriesItem[] = [];
  let d = 0;
  let u = 0;
  while (d < dated.length && u < undated.length) {
    const a = undated[u]!;
    const b = dated[d]!;
    if (a.number !== null && b.number !== null && a.number < b.number) {
      out.push(a);
      u++;
    } else {
      out.push(b);
      d++;
    }
  }
  return out.concat(dated.slice(d), undated.slice(u));
}

function parentOf(root: string): string {
  const i = root.lastIndexOf('/');
  return i < 0 ? '' : root.slice(0, i);
}

/**
 * Numbered throughout, no number twice, and the folders' number ranges
 * interleave somewhere: one publication's issues filed by topic. Folders whose
 * numbers repeat (translations) or follow each other without mixing (two
 * publications side by side) stay apart.
 */
function isOneNumberedRun(groups: readonly Group[]): boolean {
  const seen = new Set<number>();
  const ranges: [number, number][] = [];
  for (const g of groups) {
    let min = Infinity;
    let max = -Infinity;
    for (const item of g.items) {
      if (item.number === null || seen.has(item.number)) return false;
      seen.add(item.number);
      min = Math.min(min, item.number);
      max = Math.max(max, item.number);
    }
    ranges.push([min, max]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  return ranges.some((r, i) => i > 0 && r[0] < ranges[i - 1]![1]);
}

/** Merges sibling topic folders of one numbered run into one group rooted at their parent (see the module comment). */
function mergeTopicFolders(groups: Map<string, Group>): Group[] {
  const clusters = new Map<string, Group[]>();
  for (const g of groups.values()) {
    const last = g.root.slice(g.root.lastIndexOf('/') + 1);
    if (g.root === '' || isLanguageFolder(last)) continue;
    const key = `${g.pattern}\u0000${parentOf(g.root)}`;
    const cluster = clusters.get(key);
    if (cluster) cluster.push(g);
    else clusters.set(key, [g]);
  }
  const merged = new Set<Group>();
  const out: Group[] = [];
  for (const cluster of clusters.values()) {
    const root = parentOf(cluster[0]!.root);
    const atParent = groups.get(seriesKey({ root, pattern: cluster[0]!.pattern }));
    const members = atParent ? [...cluster, atParent] : cluster;
    if (cluster.length < 2 || members.some((g) => merged.has(g)) || !isOneNumberedRun(members)) continue;
    for (const g of members) merged.add(g);
    out.push({ root, pattern: cluster[0]!.pattern, items: members.flatMap((g) => g.items) });
  }
  for (const g of groups.values()) if (!merged.has(g)) out.push(g);
  return out;
}

/** A dated-words pattern only one file has is its title: that file joins its root's `#*` run (see the module comment). */
function titleDatedWords(groups: Map<string, Group>): void {
  for (const [key, g] of [...groups]) {
    if (g.items.length !== 1 || !isDatedWordsPattern(g.pattern)) continue;
    groups.delete(key);
    const runKey = seriesKey({ root: g.root, pattern: '#*' });
    const run = groups.get(runKey);
    if (run) run.items.push(...g.items);
    else groups.set(runKey, { root: g.root, pattern: '#*', items: g.items });
  }
}

/**
 * Every digest's series and position, by path; digests in no series are
 * absent. `notIssues`: paths of index pages found by their content. `shapes`: seriesShape of
 * paths already read (a caller computing them in turns of its own); others are read here.
 */
export function assignSeries(
  items: readonly SeriesItem[],
  notIssues: ReadonlySet<string> = new Set(),
  shapes?: ReadonlyMap<string, SeriesShape | null>,
): Map<string, SeriesPlace> {
  const groups = new Map<string, Group>();
  for (const item of items) {
    if (notIssues.has(item.path) || (item.date === null && item.number === null)) continue;
    const shape = shapes?.has(item.path) ? shapes.get(item.path)! : seriesShape(item.path);
    if (!shape) continue;
    const key = seriesKey(shape);
    const group = groups.get(key);
    if (group) group.items.push(item);
    else groups.set(key, { ...shape, items: [item] });
  }
  titleDatedWords(groups);
  const places = new Map<string, SeriesPlace>();
  for (const g of mergeTopicFolders(groups)) {
    if (g.items.length < 2) continue;
    const series = seriesKey(g);
    orderSeries(g.items).forEach((item, pos) => places.set(item.path, { series, pos }));
  }
  return places;
}
