/**
 * Heading rebasing: a section taken out of its digest keeps its Markdown, but
 * its headings move so that the export's outline is consistent (document H1,
 * group H2, the section's own heading H3, its sub-headings H4 and below,
 * capped at H6). Headings are found by the Markdown parser, so a `#` inside a
 * fenced or indented code block, an HTML block or a paragraph is never touched;
 * ATX headings keep their text byte for byte (only the `#` run changes), setext
 * headings become ATX (setext can only say H1/H2).
 */
import type { Heading, Nodes, Root } from 'mdast';
import { atxHeading, parseWithinLimits, type PlainReason } from './markdown-text.js';

/** Level of a part's own heading in an export. */
export const PART_HEADING_LEVEL = 3;
const MAX_LEVEL = 6;

export interface RebasedSection {
  /** The section's own heading as one ATX line at PART_HEADING_LEVEL. */
  heading: string;
  /**
   * Everything after the heading, sub-headings shifted; no leading or trailing
   * blank lines. For a plain section, its raw source after the heading line.
   */
  body: string;
  /** Why the section is exported as plain text (its body not converted), null when it is Markdown. */
  plain: PlainReason | null;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

function offsets(node: Nodes): [number, number] | null {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? null : [start, end];
}

function collectHeadings(node: Nodes, into: Heading[]): void {
  if (node.type === 'heading') into.push(node);
  if ('children' in node) for (const child of node.children) collectHeadings(child, into);
}

/** Replacement text for `heading` at `level`, covering [start, end) of `source`. */
function headingEdit(source: string, heading: Heading, level: number): Edit | null {
  const range = offsets(heading);
  if (!range) return null;
  const [start, end] = range;
  const run = /^#{1,6}/.exec(source.slice(start, end));
  if (run) return { start, end: start + run[0].length, text: '#'.repeat(level) };
  // Setext: the content lines, joined (container prefixes of continuation lines dropped).
  const first = heading.children[0];
  const last = heading.children[heading.children.length - 1];
  const from = first ? offsets(first)?.[0] : undefined;
  const to = last ? offsets(last)?.[1] : undefined;
  let content =
    from === undefined || to === undefined
      ? ''
      : source
          .slice(from, to)
          .split('\n')
          .map((line, i) => (i === 0 ? line : line.replace(/^[ \t>]*/, '')))
          .join(' ')
          .trim();
  // A trailing `#` run would read as an ATX closing sequence and vanish.
  content = content.replace(/(^|[ \t])(#+)$/, '$1\\$2');
  return { start, end, text: `${'#'.repeat(level)}${content === '' ? '' : ' '}${content}` };
}

function applyEdits(source: string, edits: readonly Edit[], base: number): string {
  let out = '';
  let cursor = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    const start = e.start - base;
    if (start < cursor) continue;
    out += source.slice(cursor, start) + e.text;
    cursor = e.end - base;
  }
  return out + source.slice(cursor);
}

/**
 * Appends what ends a construct left open at the end of the slice (a code
 * fence or an HTML comment), which would otherwise swallow every later part of
 * a Markdown export.
 */
function closeOpenBlocks(markdown: string, tree: Root): string {
  const last = tree.children[tree.children.length - 1];
  if (!last) return markdown;
  const range = offsets(last);
  if (!range) return markdown;
  const src = markdown.slice(range[0], range[1]);
  if (last.type === 'code') {
    const open = /^(`{3,}|~{3,})/.exec(src);
    if (open) {
      const fence = open[1] as string;
      const lines = src.split('\n');
      const closing = lines.length > 1 ? (lines[lines.length - 1] as string).trim() : '';
      const closed = closing.length >= fence.length && closing === (fence[0] as string).repeat(closing.length);
      if (!closed) return `${markdown}${markdown.endsWith("\n") ? "" : "\n"}${fence}`;
    }
  }
  if (last.type === 'html' && src.startsWith('<!--') && !src.includes('-->')) return `${markdown} -->`;
  return markdown;
}

function trimBlankLines(text: string): string {
  // trimEnd, not /\s+$/: the expression retries every whitespace run to its end (quadratic on a long run).
  return text.replace(/^(?:[ \t]*\n)+/, '').trimEnd();
}

/**
 * Splits a section's Markdown into its own heading (rebased to H3) and its
 * body (sub-headings shifted by the same amount, kept between H4 and H6).
 *
 * @param level the section's heading level in its digest; 0 for a lead section
 *   without a heading, which gets `fallbackHeading` as its heading.
 */
export function rebaseSection(markdown: string, level: number, fallbackHeading: string): RebasedSection {
  const tree = parseWithinLimits(markdown);
  if (typeof tree === 'string') return plainSection(markdown, level, fallbackHeading, tree);
  const first = tree.children[0];
  const own = level >= 1 && first?.type === 'heading' ? first : null;
  const ownLevel = own ? own.depth : level;
  const shift = ownLevel >= 1 ? PART_HEADING_LEVEL - ownLevel : 0;

  const headings: Heading[] = [];
  collectHeadings(tree, headings);
  const edits: Edit[] = [];
  for (const h of headings) {
    if (h === own) continue;
    const target = Math.min(MAX_LEVEL, Math.max(PART_HEADING_LEVEL + 1, h.depth + shift));
    const edit = headingEdit(markdown, h, target);
    if (edit) edits.push(edit);
  }

  const ownRange = own ? offsets(own) : null;
  const bodyStart = ownRange ? ownRange[1] : 0;
  let heading = atxHeading(PART_HEADING_LEVEL, fallbackHeading);
  if (own && ownRange) {
    const ownEdit = headingEdit(markdown, own, PART_HEADING_LEVEL);
    const ownSource = markdown.slice(ownRange[0], ownRange[1]);
    heading = ownEdit ? applyEdits(ownSource, [ownEdit], ownRange[0]) : ownSource;
  }
  const bodyEdits = edits.filter((e) => e.start >= bodyStart);
  const body = applyEdits(closeOpenBlocks(markdown, tree).slice(bodyStart), bodyEdits, bodyStart);
  return { heading: heading.trim(), body: trimBlankLines(body), plain: null };
}

/** An ATX heading line, or a setext heading's two lines, at the start of a section's source. */
const LEADING_HEADING = /^ {0,3}#{1,6}(?:[ \t][^\n]*)?(?:\n|$)|^[^\n]*\n {0,3}(?:=+|-+)[ \t]*(?:\n|$)/;

/**
 * A section that is not parsed (see PlainReason): its heading is the plain
 * `fallbackHeading` (the heading text the index read), its body the source
 * after the heading line(s), as written. Found with one anchored pattern, never
 * a parse, so `reason: 'time'` can build a whole export in linear time.
 */
export function plainSection(markdown: string, level: number, fallbackHeading: string, reason: PlainReason): RebasedSection {
  const own = level >= 1 ? LEADING_HEADING.exec(markdown.slice(0, 2048)) : null;
  return { heading: atxHeading(PART_HEADING_LEVEL, fallbackHeading), body: trimBlankLines(markdown.slice(own ? own[0].length : 0)), plain: reason };
}
