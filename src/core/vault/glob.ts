/**
 * Glob matching in time linear in the name: the pattern becomes a list of
 * steps (a small NFA) run over the name with a set of live positions, each
 * character advancing every live step at once (Thompson's construction), so
 * no input makes it backtrack. A regular expression with several `*` such as
 * `^[^/]*a[^/]*a...b$` backtracks in V8: `*a*a*a*a*a*a*a*a*a*a*a*a*b` against
 * a 31-character name took seconds, longer names minutes.
 *
 * Syntax: `*` any run of characters but "/", `?` one character but "/", `**`
 * any run including "/"; "**" + "/" at a segment start matches zero or more
 * whole folders; a trailing "/**" matches the path itself and everything
 * below it. Every other character is literal; matching is case-sensitive.
 */

type Step =
  | { kind: 'char'; char: string }
  /** `?`: one character of a segment. */
  | { kind: 'one' }
  /** `*`: stays on any character of a segment; may be skipped. */
  | { kind: 'star' }
  /** `**`: stays on any character; may be skipped. */
  | { kind: 'any' }
  /** `**` + "/" at a segment start: zero or more folders, i.e. nothing (skip the next step) or `toSlash`. */
  | { kind: 'folders' }
  /** Inside `folders`: stays on any character, leaves on a "/". */
  | { kind: 'toSlash' }
  /** A trailing "/**": nothing, or "/" followed by anything (the next step is `any`). */
  | { kind: 'below' };

export interface GlobMatcher {
  (name: string): boolean;
}

/** Counts the work of matches for tests: one step per live position per character. */
export interface GlobWork {
  steps: number;
}

function compile(glob: string): Step[] {
  const steps: Step[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      const atSegmentStart = i === 0 || glob[i - 1] === '/';
      const next = glob[i + 2];
      if (atSegmentStart && next === '/') {
        steps.push({ kind: 'folders' }, { kind: 'toSlash' });
        i += 2;
      } else if (atSegmentStart && next === undefined && steps[steps.length - 1]?.kind === 'char') {
        steps.pop(); // the "/" before it belongs to `below`
        steps.push({ kind: 'below' }, { kind: 'any' });
        i += 1;
      } else {
        steps.push({ kind: 'any' });
        i += 1;
      }
    } else if (c === '*') steps.push({ kind: 'star' });
    else if (c === '?') steps.push({ kind: 'one' });
    else steps.push({ kind: 'char', char: c });
  }
  return steps;
}

/** The live positions while reading one character: `mark[i] === stamp` says position i is in `list`. */
interface LiveSet {
  mark: Int32Array;
  stamp: number;
  list: number[];
}

/** Adds position `at` and where it may also be without reading a character (skipping optional steps). */
function addLive(steps: readonly Step[], set: LiveSet, at: number): void {
  const pending = [at];
  while (pending.length > 0) {
    const i = pending.pop()!;
    if (i > steps.length || set.mark[i] === set.stamp) continue;
    set.mark[i] = set.stamp;
    set.list.push(i);
    const kind = steps[i]?.kind;
    if (kind === 'star' || kind === 'any') pending.push(i + 1);
    else if (kind === 'below') pending.push(i + 2);
    else if (kind === 'folders') pending.push(i + 1, i + 2);
  }
}

/** Advances position `i` over `c`, adding where it leads to `next`. */
function advance(steps: readonly Step[], i: number, c: string, next: LiveSet): void {
  const step = steps[i];
  if (step === undefined) return;
  switch (step.kind) {
    case 'char':
      if (c === step.char) addLive(steps, next, i + 1);
      return;
    case 'one':
      if (c !== '/') addLive(steps, next, i + 1);
      return;
    case 'star':
      if (c !== '/') addLive(steps, next, i);
      return;
    case 'any':
      addLive(steps, next, i);
      return;
    case 'folders':
      return; // reads nothing itself: its two ways on were added with it
    case 'toSlash':
      addLive(steps, next, i);
      if (c === '/') addLive(steps, next, i + 1);
      return;
    case 'below':
      if (c === '/') addLive(steps, next, i + 1);
      return;
  }
}

/**
 * A matcher for the whole of a name (or path) against `glob`, reading UTF-16
 * units as the regular expressions it replaces did; `work` counts its steps.
 */
export function compileGlob(glob: string, work?: GlobWork): GlobMatcher {
  const steps = compile(glob);
  return (name: string): boolean => {
    // Two sets, swapped per character; a new stamp empties one without clearing it.
    let current: LiveSet = { mark: new Int32Array(steps.length + 1), stamp: 1, list: [] };
    let next: LiveSet = { mark: new Int32Array(steps.length + 1), stamp: 1, list: [] };
    addLive(steps, current, 0);
    for (let k = 0; k < name.length; k++) {
      const c = name[k]!;
      next.stamp++;
      next.list.length = 0;
      for (const i of current.list) advance(steps, i, c, next);
      if (work) work.steps += current.list.length;
      [current, next] = [next, current];
      if (current.list.length === 0) return false;
    }
    return current.mark[steps.length] === current.stamp;
  };
}
