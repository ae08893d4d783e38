/**
 * How much inline delimiter work a Markdown text asks of micromark (remark,
 * react-markdown), measured in one linear pass before anything parses it.
 * micromark pairs emphasis markers and link brackets by walking back over the
 * open ones of the same inline run, so a paragraph of many unmatched markers
 * costs time quadratic in their number, and past some thousands it overflows
 * the stack: `'*a '.repeat(10000) + 'b* '.repeat(10000)` (60 KB) took over a
 * minute and then threw; `'a* '.repeat(20000)` took seconds.
 *
 * The measure: the markers (`*`, `_`, `~`, `[`, `]`) of each inline run,
 * squared and summed. A run ends at a blank line and at a line that starts
 * another block (a list item, a heading, a table row, after any `>`), which is
 * where micromark starts a new one; the measure errs high (a code block's
 * markers count too), never low.
 */

/** Summed squares beyond this are not parsed as Markdown: one run of 2,000 markers, or 400 runs of 100. */
export const MAX_INLINE_DELIMITER_WORK = 4_000_000;

const MARKERS = new Set(['*', '_', '~', '[', ']']);
/** After indentation and quote markers: a list item, an ATX heading or a table row starts a new inline run. */
const BLOCK_START = /^(?:[-+*][ \t]|\d{1,9}[.)][ \t]|#|\|)/;

/** The start of a line's content after indentation and `>` markers. */
function contentStart(line: string): string {
  let i = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t' || line[i] === '>')) i++;
  return line.slice(i, i + 12);
}

/** The measure described above, stopping once it passes `stopAt`. */
export function inlineDelimiterWork(markdown: string, stopAt = MAX_INLINE_DELIMITER_WORK): number {
  let total = 0;
  let run = 0;
  let lineStart = 0;
  while (lineStart <= markdown.length && total + run * run <= stopAt) {
    let lineEnd = markdown.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = markdown.length;
    const line = markdown.slice(lineStart, lineEnd);
    const head = contentStart(line);
    if (head.trim() === '' || BLOCK_START.test(head)) {
      total += run * run;
      run = 0;
    }
    for (let i = 0; i < line.length; i++) if (MARKERS.has(line[i]!)) run++;
    lineStart = lineEnd + 1;
  }
  return total + run * run;
}

/** True when `markdown` asks for more delimiter work than `limit`: show or export it as plain text. */
export function hasTooManyInlineDelimiters(markdown: string, limit = MAX_INLINE_DELIMITER_WORK): boolean {
  return inlineDelimiterWork(markdown, limit) > limit;
}
