/**
 * Fenced code blocks, followed line by line: the Markdown rewrites that run
 * before parsing (mdx.ts, heading-ids.ts) must leave code as written. A fence
 * opens with three or more backticks or tildes indented at most three spaces
 * and closes with a run of the same character at least as long (CommonMark).
 */

const OPEN_RE = /^ {0,3}(`{3,}|~{3,})/;

export class FenceTracker {
  private fence: string | null = null;

  /** Feeds the next line; true when the line belongs to a fence (its opening and closing lines included). */
  inFence(line: string): boolean {
    if (this.fence !== null) {
      const close = OPEN_RE.exec(line);
      if (close && close[1]![0] === this.fence[0] && close[1]!.length >= this.fence.length && line.slice(close[0].length).trim() === '') {
        this.fence = null;
      }
      return true;
    }
    const open = OPEN_RE.exec(line);
    // A backtick fence's info string may not hold a backtick (it would be inline code).
    if (open && !(open[1]![0] === '`' && line.slice(open[0].length).includes('`'))) {
      this.fence = open[1]!;
      return true;
    }
    return false;
  }
}

/**
 * `body` with each line outside fenced code that holds `marker` replaced by
 * `rewrite(line, nextLine)`; `body` itself when no line changed (so a body
 * without the marker costs one indexOf).
 */
export function rewriteLinesOutsideFences(body: string, marker: string, rewrite: (line: string, next: string | undefined) => string): string {
  if (!body.includes(marker)) return body;
  const lines = body.split('\n');
  const fences = new FenceTracker();
  let changed = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (fences.inFence(line) || !line.includes(marker)) continue;
    const rewritten = rewrite(line, lines[i + 1]);
    if (rewritten !== line) {
      lines[i] = rewritten;
      changed = true;
    }
  }
  return changed ? lines.join('\n') : body;
}

/** Ranges [start, end) of a line's inline code spans: a run of backticks up to the next run of the same length. */
function inlineCodeSpans(line: string): [number, number][] {
  if (!line.includes('`')) return [];
  const spans: [number, number][] = [];
  const runs: [number, number][] = [];
  for (let i = 0; i < line.length; ) {
    if (line[i] !== '`') {
      i++;
      continue;
    }
    let j = i;
    while (line[j] === '`') j++;
    runs.push([i, j - i]);
    i = j;
  }
  // nextSame[k]: the next run as long as run k (-1: none), found from the right in one pass.
  const nextSame = new Int32Array(runs.length);
  const lastOfLength = new Map<number, number>();
  for (let k = runs.length - 1; k >= 0; k--) {
    const length = runs[k]![1];
    nextSame[k] = lastOfLength.get(length) ?? -1;
    lastOfLength.set(length, k);
  }
  for (let k = 0; k < runs.length; k++) {
    const close = nextSame[k]!;
    if (close === -1) continue;
    spans.push([runs[k]![0], runs[close]![0] + runs[k]![1]]);
    k = close;
  }
  return spans;
}

/**
 * Whether an offset of `line` lies inside one of its inline code spans, for
 * offsets asked in increasing order (a regular expression's matches): the
 * spans are walked once, so a line of many matches and many spans stays linear.
 */
export function inCodeSpan(line: string): (offset: number) => boolean {
  const spans = line.includes('`') ? inlineCodeSpans(line) : [];
  let span = 0;
  return (offset) => {
    while (span < spans.length && spans[span]![1] <= offset) span++;
    return span < spans.length && spans[span]![0] <= offset;
  };
}
