/**
 * A rehype plugin that wraps query terms in <mark class="term-hit"> inside
 * text nodes. It runs after sanitizing, on text only (never attributes), so
 * the highlight cannot introduce markup of its own.
 */
import type { Element, ElementContent, Root, RootContent, Text } from 'hast';
import { splitByPattern, termPattern } from '../../lib/highlight.js';

export interface HighlightOptions {
  terms: readonly string[];
}

type Parent = Root | Element;

export function rehypeHighlightTerms(options: HighlightOptions) {
  const pattern = termPattern(options.terms);
  return (tree: Root) => {
    if (pattern) walk(tree, pattern);
  };
}

function walk(parent: Parent, pattern: RegExp): void {
  const next: (RootContent | ElementContent)[] = [];
  let changed = false;
  for (const child of parent.children) {
    if (child.type === 'text') {
      const segments = splitByPattern(child.value, pattern);
      if (segments.length === 1 && !segments[0]!.mark) {
        next.push(child);
        continue;
      }
      changed = true;
      for (const seg of segments) {
        const text: Text = { type: 'text', value: seg.text };
        next.push(seg.mark ? { type: 'element', tagName: 'mark', properties: { className: ['term-hit'] }, children: [text] } : text);
      }
    } else {
      if (child.type === 'element') walk(child, pattern);
      next.push(child);
    }
  }
  if (changed) parent.children = next as typeof parent.children;
}
