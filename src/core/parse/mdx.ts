/**
 * MDX files (Docusaurus, Astro, Next.js sites) read as Markdown: what MDX adds
 * is not text, and is removed from the body before either Markdown engine
 * runs:
 *
 * - ESM: a paragraph that starts at column 0 with `import` or `export` (MDX
 *   itself reads such a paragraph as JavaScript, up to the next blank line);
 * - JSX component tags, opening, closing or self-closing, with attributes over
 *   several lines: names that start with a capital (`<Tabs>`, `<TweetEmbed … />`)
 *   or hold a dot (`<motion.div>`), and fragments (`<>`, `</>`); lower-case
 *   HTML tags are Markdown's business and stay. The children of a paired tag
 *   stay: they are the text;
 * - comments: `{/* … *\/}` and `<!-- … -->` (Docusaurus' `<!-- truncate -->`).
 *
 * Why before parsing, and why the stored body is the stripped one: CommonMark
 * reads a line holding only `<Tabs>` as the start of an HTML block that runs to
 * the next blank line, swallowing the Markdown inside it (headings included),
 * so the tags must be gone before the section split; and section offsets,
 * the reader and export all index one text, so that text is the stripped
 * body. Removed spans keep their line breaks, so the body keeps its lines
 * and paragraphs. Code (fences and inline code spans) is never touched.
 *
 * Not handled: MDX has no indented code, CommonMark does, so text indented
 * four spaces inside a component reads as a code block (its words are still
 * searchable).
 */
import { FenceTracker } from './fences.js';

const ESM_RE = /^(?:import|export)(?=[\s{*]|$)/;
// After "<" or "</": a capitalised or dotted name, ended by a space, "/", ">" or the line's end.
const JSX_NAME_RE = /^\/?(?:[A-Z][\w-]*(?:\.[\w-]+)*|[a-z][\w-]*(?:\.[\w-]+)+)(?=[\s/>]|$)/;
/** Longest tag or comment removed; an unclosed "<Name" longer than this is text. */
const MAX_CONSTRUCT_CHARS = 8192;
/**
 * Characters the searches for closing ">", "*\/}" and "-->" may read, per
 * character of the body: a hostile file of unclosed "<A" would otherwise cost
 * MAX_CONSTRUCT_CHARS each. Once spent, what remains opens no construct.
 */
const SCAN_BUDGET_PER_CHAR = 4;

/** What the closing searches of one body may still read. */
interface Budget {
  left: number;
}

function spend(budget: Budget, chars: number): boolean {
  budget.left -= chars;
  return budget.left >= 0;
}

/** Line breaks of body[from, to): what a removed span leaves behind. */
function breaksIn(body: string, from: number, to: number): string {
  let out = '';
  for (let i = body.indexOf('\n', from); i !== -1 && i < to; i = body.indexOf('\n', i + 1)) out += '\n';
  return out;
}

/** End (exclusive) of the JSX tag starting at `start` ("<"), or -1: quotes and {…} expressions may hold ">"; a blank line ends the search. */
function jsxTagEnd(body: string, start: number, budget: Budget): number {
  const limit = Math.min(body.length, start + MAX_CONSTRUCT_CHARS, start + Math.max(0, budget.left));
  let quote: string | null = null;
  let depth = 0;
  for (let i = start + 1; i < limit; i++) {
    const c = body[i]!;
    if (quote !== null) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
    else if (c === '>' && depth === 0) {
      budget.left -= i - start;
      return i + 1;
    }
    if (c === '\n' && /^[ \t]*\n/.test(body.slice(i + 1, i + 80))) break;
  }
  budget.left -= limit - start;
  return -1;
}

/** Offset of `marker` within MAX_CONSTRUCT_CHARS after `from`, or -1; charged to the budget. */
function boundedIndexOf(body: string, marker: string, from: number, budget: Budget): number {
  const window = body.slice(from, from + Math.min(MAX_CONSTRUCT_CHARS, Math.max(0, budget.left)));
  const at = window.indexOf(marker);
  spend(budget, at === -1 ? window.length : at);
  return at === -1 ? -1 : from + at;
}

/** End (exclusive) of a construct starting at `start`, or -1 when `start` opens none. */
function constructEnd(body: string, start: number, budget: Budget): number {
  if (budget.left <= 0) return -1;
  const c = body[start];
  if (c === '{' && body.startsWith('{/*', start)) {
    const close = boundedIndexOf(body, '*/', start + 3, budget);
    if (close === -1) return -1;
    const brace = /^\s*\}/.exec(body.slice(close + 2, close + 2 + 80));
    return brace ? close + 2 + brace[0].length : -1;
  }
  if (c !== '<') return -1;
  if (body.startsWith('<!--', start)) {
    const close = boundedIndexOf(body, '-->', start + 4, budget);
    return close === -1 ? -1 : close + 3;
  }
  const after = body.slice(start + 1, start + 1 + 200);
  if (after.startsWith('>') || after.startsWith('/>')) return start + 1 + after.indexOf('>') + 1;
  return JSX_NAME_RE.test(after) ? jsxTagEnd(body, start, budget) : -1;
}

/** A run of backticks at `i` and its closing run on the same line: the end of the code span, or -1. */
function codeSpanEnd(body: string, i: number, lineEnd: number): number {
  let n = 0;
  while (body[i + n] === '`') n++;
  const fence = '`'.repeat(n);
  for (let j = body.indexOf(fence, i + n); j !== -1 && j < lineEnd; j = body.indexOf(fence, j + 1)) {
    let m = 0;
    while (body[j + m] === '`') m++;
    if (m === n) return j + n;
    j += m - 1;
  }
  return -1;
}

/** Copies the line starting at `i` without its MDX constructs; returns the offset after its line break (a construct may span lines). */
function stripLine(body: string, i: number, out: string[], budget: Budget): number {
  let pos = i;
  let lineEnd = body.indexOf('\n', pos);
  if (lineEnd === -1) lineEnd = body.length;
  let copyFrom = pos;
  while (pos < lineEnd) {
    const c = body[pos];
    if (c === '\\') {
      pos += 2;
      continue;
    }
    if (c === '`') {
      const end = codeSpanEnd(body, pos, lineEnd);
      pos = end === -1 ? pos + 1 : end;
      while (end === -1 && body[pos] === '`') pos++;
      continue;
    }
    const end = c === '<' || c === '{' ? constructEnd(body, pos, budget) : -1;
    if (end === -1) {
      pos++;
      continue;
    }
    out.push(body.slice(copyFrom, pos), breaksIn(body, pos, end));
    pos = end;
    copyFrom = end;
    const next = body.indexOf('\n', pos);
    lineEnd = next === -1 ? body.length : next;
  }
  out.push(body.slice(copyFrom, lineEnd));
  if (lineEnd < body.length) out.push('\n');
  return lineEnd + 1;
}

/** The body of an .mdx file as Markdown (see the module comment). */
export function stripMdx(body: string): string {
  const out: string[] = [];
  const fences = new FenceTracker();
  const budget: Budget = { left: body.length * SCAN_BUDGET_PER_CHAR };
  let previousBlank = true;
  let i = 0;
  while (i < body.length) {
    const nl = body.indexOf('\n', i);
    const lineEnd = nl === -1 ? body.length : nl;
    const line = body.slice(i, lineEnd);
    const blank = line.trim() === '';
    if (fences.inFence(line)) {
      out.push(line, nl === -1 ? '' : '\n');
      i = lineEnd + 1;
    } else if (previousBlank && ESM_RE.test(line)) {
      // The ESM paragraph goes, its line breaks stay.
      let end = lineEnd;
      while (end < body.length) {
        const next = body.indexOf('\n', end + 1);
        const nextEnd = next === -1 ? body.length : next;
        if (body.slice(end + 1, nextEnd).trim() === '') break;
        end = nextEnd;
      }
      out.push(breaksIn(body, i, end + 1));
      i = end + 1;
    } else {
      i = stripLine(body, i, out, budget);
    }
    previousBlank = blank;
  }
  return out.join('');
}
