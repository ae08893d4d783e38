/**
 * Splits a digest body into sections at its top-level headings of level 1-3.
 *
 * - Headings of level 4-6, and headings inside block quotes or lists, stay inside
 *   their section (they are content, and their text is part of the section text).
 * - Text before the first heading is the lead section (level 0, heading ''),
 *   omitted when it is only whitespace.
 * - Sections tile the body: section[0].start is 0, each section ends where the
 *   next begins and the last ends at the body's end, so concatenating the
 *   slices reproduces the body exactly. A section therefore starts at the line
 *   start of its heading (ATX headings may be indented by up to 3 spaces), and
 *   when the lead is omitted its whitespace belongs to the first section. A body
 *   of only whitespace has no sections.
 * - Offsets come from parser positions (UTF-16 indices), never from searching the text.
 *
 * SectionBuilder holds these rules; splitSections feeds it from remark's mdast
 * and fast/fast-body.ts from markdown-it's tokens, so both engines share them.
 */
import type { Heading, Root, RootContent } from 'mdast';
import type { ParsedSection } from '../types.js';
import { collectBlockText, inlineText } from './plain-text.js';

/** Deepest heading level that starts a section. */
export const MAX_SECTION_LEVEL = 3;

export interface SectionSplit {
  sections: ParsedSection[];
  /** For each top-level child of the root, the ordinal of its section. */
  sectionOfChild: number[];
}

interface Draft {
  heading: string;
  level: number;
  headingPath: string[];
  start: number;
  lines: string[];
}

/** Collapses whitespace (soft line breaks included) in a heading's plain text. */
export function normalizeHeading(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Collects sections in document order: call startSection at each top-level
 * heading of level <= MAX_SECTION_LEVEL, push plain-text lines of everything
 * else to `lines`, then finish().
 */
export class SectionBuilder {
  private readonly drafts: Draft[] = [{ heading: '', level: 0, headingPath: [], start: 0, lines: [] }];
  // Enclosing headings: entries of a lower level than the next heading stay.
  private readonly stack: { level: number; heading: string }[] = [];

  constructor(private readonly body: string) {}

  /** Index of the draft that content goes to now (see finish().ordinalOf). */
  get current(): number {
    return this.drafts.length - 1;
  }

  /** Plain-text lines of the current section. */
  get lines(): string[] {
    return this.drafts[this.drafts.length - 1]!.lines;
  }

  /** `start` is the offset of the start of the heading's (first) line. */
  startSection(level: number, heading: string, start: number): void {
    while (this.stack.length > 0 && this.stack[this.stack.length - 1]!.level >= level) this.stack.pop();
    this.stack.push({ level, heading });
    this.drafts.push({ heading, level, headingPath: this.stack.map((s) => s.heading), start, lines: [] });
  }

  finish(): { sections: ParsedSection[]; ordinalOf: (draft: number) => number } {
    const { drafts, body } = this;
    const leadEnd = drafts[1]?.start ?? body.length;
    const dropLead = body.slice(0, leadEnd).trim() === '';
    if (dropLead) {
      drafts.shift();
      if (drafts.length > 0) drafts[0]!.start = 0;
    }
    const shift = dropLead ? 1 : 0;
    const sections = drafts.map(
      (d, ordinal): ParsedSection => ({
        ordinal,
        heading: d.heading,
        level: d.level,
        headingPath: d.headingPath,
        text: d.lines.join('\n'),
        start: d.start,
        end: ordinal + 1 < drafts.length ? drafts[ordinal + 1]!.start : body.length,
      }),
    );
    return { sections, ordinalOf: (draft) => Math.max(0, draft - shift) };
  }
}

function isSectionHeading(node: RootContent): node is Heading {
  return node.type === 'heading' && node.depth <= MAX_SECTION_LEVEL;
}

/** Start of the line holding `offset`, stepping back over indentation only. */
function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
  return i;
}

export function headingText(heading: Heading): string {
  return normalizeHeading(inlineText(heading));
}

export function splitSections(root: Root, body: string): SectionSplit {
  const builder = new SectionBuilder(body);
  const childDraft: number[] = [];
  for (const node of root.children) {
    if (isSectionHeading(node) && node.position) {
      builder.startSection(node.depth, headingText(node), lineStart(body, node.position.start.offset ?? 0));
    } else {
      collectBlockText([node], builder.lines);
    }
    childDraft.push(builder.current);
  }
  const { sections, ordinalOf } = builder.finish();
  return { sections, sectionOfChild: childDraft.map(ordinalOf) };
}
