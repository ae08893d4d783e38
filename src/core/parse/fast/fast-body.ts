/**
 * The fast indexing parse of a digest body: markdown-it tokens -> the same
 * sections (SectionBuilder), plain text (plain-text.ts helpers) and links
 * (links in document order, GFM autolink literals included) as the remark
 * path (sections.ts + links.ts). tests/unit/parse-equivalence.test.ts and
 * scripts/check-parse-equivalence.mjs hold the two engines to that.
 */
import type { Token } from 'markdown-it';
import type { ParsedLink, ParsedSection } from '../../types.js';
import { pushLine, rowLine, stripTags } from '../plain-text.js';
import type { StrongSpan } from '../mentions.js';
import { MAX_SECTION_LEVEL, normalizeHeading, SectionBuilder } from '../sections.js';
import { findLiteralLinks } from './autolink-literal.js';
import { fastMarkdown, NESTING_LIMIT } from './markdown-it.js';

export interface BodyStructure {
  sections: ParsedSection[];
  links: ParsedLink[];
  /** Bold spans in document order (parse/mentions.ts). */
  strong: StrongSpan[];
}

interface DraftLink {
  href: string;
  text: string;
  draft: number;
}

/** An image's alt text as mdast computes it (mdast-util-to-string of the label: raw HTML kept, hard breaks empty). */
function altText(children: readonly Token[] | null): string {
  let out = '';
  for (const t of children ?? []) {
    if (t.type === 'text' || t.type === 'code_inline' || t.type === 'html_inline') out += t.content;
    else if (t.type === 'softbreak') out += '\n';
    else if (t.type === 'image') out += altText(t.children);
  }
  return out;
}

/** plain-text.ts inlineText over markdown-it inline tokens. */
function inlineText(children: readonly Token[], from = 0, to = children.length): string {
  let out = '';
  for (let i = from; i < to; i++) {
    const t = children[i]!;
    switch (t.type) {
      case 'text':
      case 'code_inline':
        out += t.content;
        break;
      case 'html_inline':
        out += stripTags(t.content);
        break;
      case 'image':
        out += altText(t.children);
        break;
      case 'softbreak':
      case 'hardbreak':
        out += '\n';
        break;
      default:
        break;
    }
  }
  return out;
}

/** Explicit links and autolink literals of one inline token, in document order. */
function collectInlineLinks(children: readonly Token[], draft: number, out: DraftLink[]): void {
  let run = '';
  const flush = (): void => {
    if (run === '') return;
    for (const l of findLiteralLinks(run)) out.push({ href: l.url, text: l.text.trim(), draft });
    run = '';
  };
  for (let i = 0; i < children.length; i++) {
    const t = children[i]!;
    if (t.type === 'text') {
      run += t.content;
    } else if (t.type === 'softbreak') {
      // In mdast a soft line break is part of the surrounding text node.
      run += '\n';
    } else {
      flush();
      if (t.type === 'link_open') {
        let close = i + 1;
        while (close < children.length && children[close]!.type !== 'link_close') close++;
        out.push({ href: String(t.attrGet('href') ?? ''), text: inlineText(children, i + 1, close).trim(), draft });
        i = close;
      }
    }
  }
  flush();
}

/**
 * The bold spans of one inline token, as remark's mdast has them (collectStrong
 * in parse/mentions.ts): in order of their opening marker, so an outer span
 * comes before the spans nested in it; inside link labels too, never inside
 * an image's alt text (mdast keeps that as a string).
 */
function collectInlineStrong(children: readonly Token[], draft: number, out: StrongSpan[]): void {
  const open: { at: number; slot: number }[] = [];
  for (let i = 0; i < children.length; i++) {
    const t = children[i]!;
    if (t.type === 'strong_open') {
      open.push({ at: i, slot: out.length });
      out.push({ text: '', section: draft });
    } else if (t.type === 'strong_close') {
      const start = open.pop();
      if (start !== undefined) out[start.slot]!.text = inlineText(children, start.at + 1, i);
    }
  }
}

// GFM task list check at the start of a list item's first paragraph (micromark's rules:
// followed by a line ending, or by spaces and then something).
const TASK_CHECK_RE = /^\[[ \t\nxX]\](?=\n|[ \t]+[^ \t])/;

function isTaskParagraph(tokens: readonly Token[], inlineIndex: number): boolean {
  const inline = tokens[inlineIndex]!;
  return (
    tokens[inlineIndex - 1]?.type === 'paragraph_open' &&
    tokens[inlineIndex - 2]?.type === 'list_item_open' &&
    TASK_CHECK_RE.test(inline.content)
  );
}

/**
 * The line a top-level heading's section starts at. micromark counts link
 * reference definitions directly above a setext heading as part of it (they
 * open the same paragraph), so its section starts at the first of them.
 */
function headingStartLine(tokens: readonly Token[], index: number, line: number): number {
  const heading = tokens[index]!;
  if (heading.markup !== '=' && heading.markup !== '-') return line;
  let start = line;
  for (let i = index - 1; i >= 0; i--) {
    const t = tokens[i]!;
    if (t.type !== 'reference_definition' || t.level !== 0 || t.map?.[1] !== start) break;
    start = t.map[0];
  }
  return start;
}

function withoutFinalNewline(s: string): string {
  return s.endsWith('\n') ? s.slice(0, -1) : s;
}

/** Offsets of line starts, found on demand (headings come in document order). */
class LineOffsets {
  private line = 0;
  private offset = 0;

  constructor(private readonly text: string) {}

  startOf(line: number): number {
    if (line < this.line) {
      this.line = 0;
      this.offset = 0;
    }
    while (this.line < line) {
      const nl = this.text.indexOf('\n', this.offset);
      if (nl === -1) return this.text.length;
      this.offset = nl + 1;
      this.line++;
    }
    return this.offset;
  }
}

/**
 * micromark resolves strikethrough and emphasis in separate passes whose order
 * depends on which construct appears first, so `~` pairs mixed with `*`/`_`
 * runs in one inline can resolve differently from markdown-it's single pass.
 * Such inlines (rare: two tildes and an emphasis marker) are left to remark.
 */
function mixesTildesAndEmphasis(content: string): boolean {
  const first = content.indexOf('~');
  return first !== -1 && content.indexOf('~', first + 1) !== -1 && /[*_]/.test(content);
}

/**
 * Parses a digest body (LF line ends) with markdown-it into sections and
 * links, or returns null when the body holds a construct the fast engine
 * leaves to remark: mixed tildes and emphasis (see mixesTildesAndEmphasis), or
 * nesting near NESTING_LIMIT, where markdown-it would have dropped content.
 */
export function fastBodyStructure(body: string): BodyStructure | null {
  const tokens = fastMarkdown.parse(body, {});
  const builder = new SectionBuilder(body);
  const lines = new LineOffsets(body);
  const links: DraftLink[] = [];
  const strong: StrongSpan[] = [];
  let row: string[] | null = null;

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.level >= NESTING_LIMIT - 1) return null;
    switch (t.type) {
      case 'heading_open': {
        const depth = Number(t.tag.slice(1));
        const inline = tokens[i + 1];
        if (inline && mixesTildesAndEmphasis(inline.content)) return null;
        if (t.level === 0 && depth <= MAX_SECTION_LEVEL && inline?.type === 'inline' && t.map) {
          const children = inline.children ?? [];
          builder.startSection(depth, normalizeHeading(inlineText(children)), lines.startOf(headingStartLine(tokens, i, t.map[0])));
          collectInlineLinks(children, builder.current, links);
          collectInlineStrong(children, builder.current, strong);
          i += 2; // the inline token and heading_close
        }
        break;
      }
      case 'inline': {
        if (mixesTildesAndEmphasis(t.content)) return null;
        const children = t.children ?? [];
        if (children.some((c) => c.level >= NESTING_LIMIT - 1)) return null;
        const text = inlineText(children);
        if (row) row.push(text.trim());
        // mdast drops the check and the one character after it.
        else pushLine(builder.lines, isTaskParagraph(tokens, i) ? text.slice(4) : text);
        collectInlineLinks(children, builder.current, links);
        collectInlineStrong(children, builder.current, strong);
        break;
      }
      case 'tr_open':
        row = [];
        break;
      case 'tr_close':
        if (row) pushLine(builder.lines, rowLine(row));
        row = null;
        break;
      case 'fence':
      case 'code_block':
        pushLine(builder.lines, withoutFinalNewline(t.content));
        break;
      case 'html_block':
        pushLine(builder.lines, stripTags(withoutFinalNewline(t.content)));
        break;
      default:
        break;
    }
  }
  const { sections, ordinalOf } = builder.finish();
  return {
    sections,
    links: links.map((l) => ({ href: l.href, text: l.text, section: ordinalOf(l.draft) })),
    strong: strong.map((s) => ({ text: s.text, section: ordinalOf(s.section) })),
  };
}
