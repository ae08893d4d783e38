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
 * - Offsets come from mdast positions (UTF-16 indices), never from searching the text.
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
  nodes: RootContent[];
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
  return inlineText(heading).replace(/\s+/g, ' ').trim();
}

export function splitSections(root: Root, body: string): SectionSplit {
  const lead: Draft = { heading: '', level: 0, headingPath: [], start: 0, nodes: [] };
  const drafts: Draft[] = [lead];
  const childDraft: number[] = [];
  // Enclosing headings: entries of a lower level than the next heading stay.
  const stack: { level: number; heading: string }[] = [];

  for (const node of root.children) {
    if (isSectionHeading(node) && node.position) {
      const heading = headingText(node);
      while (stack.length > 0 && stack[stack.length - 1]!.level >= node.depth) stack.pop();
      stack.push({ level: node.depth, heading });
      drafts.push({
        heading,
        level: node.depth,
        headingPath: stack.map((s) => s.heading),
        start: lineStart(body, node.position.start.offset ?? 0),
        nodes: [],
      });
    } else {
      drafts[drafts.length - 1]!.nodes.push(node);
    }
    childDraft.push(drafts.length - 1);
  }

  const leadEnd = drafts[1]?.start ?? body.length;
  const dropLead = body.slice(0, leadEnd).trim() === '';
  if (dropLead) {
    drafts.shift();
    if (drafts.length > 0) drafts[0]!.start = 0;
  }
  const shift = dropLead ? 1 : 0;

  const sections = drafts.map((d, ordinal): ParsedSection => {
    const lines: string[] = [];
    collectBlockText(d.nodes, lines);
    return {
      ordinal,
      heading: d.heading,
      level: d.level,
      headingPath: d.headingPath,
      text: lines.join('\n'),
      start: d.start,
      end: ordinal + 1 < drafts.length ? drafts[ordinal + 1]!.start : body.length,
    };
  });
  return { sections, sectionOfChild: childDraft.map((i) => Math.max(0, i - shift)) };
}
