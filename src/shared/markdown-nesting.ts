/**
 * How deeply a Markdown text nests its containers (lists and block quotes),
 * measured in one linear pass before anything parses it. remark and
 * react-markdown recurse once per level: 10,000 nested list items
 * (`'- '.repeat(10000) + 'x'`) take a minute to parse and then overflow the
 * stack, 10,000 `>` overflow it at once. A text deeper than a limit is shown
 * or exported as plain text instead.
 *
 * The measure is an upper bound of what CommonMark can build from a line: the
 * container markers at its start (`>`, `-`, `*`, `+`, `1.`, `1)`, each
 * followed by a space or the line's end), plus half its indentation, since a
 * nested list item sits at least two columns right of its parent's marker.
 * Fenced code is not skipped (a fence is easy to fake in a way remark does
 * not accept); code lines rarely start with dozens of markers.
 */

/** Nesting beyond this is not rendered as Markdown: real digests stay under ten levels. */
export const MAX_MARKDOWN_NESTING = 32;

const TAB_WIDTH = 4;

/** The markers of one line (`at` just past its indentation), counted until `stopAt` is exceeded. */
function markersAt(line: string, at: number, stopAt: number): number {
  let i = at;
  let count = 0;
  while (i < line.length && count <= stopAt) {
    const c = line[i];
    let end = -1;
    if (c === '>') end = i + 1;
    else if (c === '-' || c === '*' || c === '+') end = i + 1;
    else if (c !== undefined && c >= '0' && c <= '9') {
      let j = i;
      while (j < line.length && j - i < 9 && line[j]! >= '0' && line[j]! <= '9') j++;
      if (line[j] === '.' || line[j] === ')') end = j + 1;
    }
    if (end < 0) break;
    const next = line[end];
    // A quote marker needs no space after it; a list marker does (else it is text: "-x", "1.5").
    if (c !== '>' && next !== undefined && next !== ' ' && next !== '\t') break;
    count++;
    i = end;
    while (line[i] === ' ' || line[i] === '\t') i++;
  }
  return count;
}

/** Leading indentation in columns, and where the line's content starts. */
function indentation(line: string): { columns: number; at: number } {
  let columns = 0;
  let at = 0;
  while (at < line.length) {
    if (line[at] === ' ') columns++;
    else if (line[at] === '\t') columns += TAB_WIDTH - (columns % TAB_WIDTH);
    else break;
    at++;
  }
  return { columns, at };
}

/**
 * The nesting depth of `markdown` as measured above; stops counting once it
 * passes `stopAt` (the caller's limit), so the pass stays linear.
 */
export function markdownNestingDepth(markdown: string, stopAt = MAX_MARKDOWN_NESTING): number {
  let deepest = 0;
  let start = 0;
  while (start <= markdown.length && deepest <= stopAt) {
    let end = markdown.indexOf('\n', start);
    if (end < 0) end = markdown.length;
    const line = markdown.slice(start, end);
    const { columns, at } = indentation(line);
    const markers = markersAt(line, at, stopAt);
    if (markers > 0) deepest = Math.max(deepest, markers + Math.floor(columns / 2));
    start = end + 1;
  }
  return deepest;
}

/** True when `markdown` nests deeper than `limit`: render or export it as plain text. */
export function isTooDeeplyNested(markdown: string, limit = MAX_MARKDOWN_NESTING): boolean {
  return markdownNestingDepth(markdown, limit) > limit;
}
