/**
 * Long text cut into short runs, for every HTML we produce (the reader's
 * rehype pipeline and plain-text view, the HTML export): a rehype plugin that
 * cuts very long text nodes into a run of <span>s of at most MAX_RUN
 * characters, and the splitter itself. Chromium lays out one huge text node in a paragraph
 * in super-linear time (worse under white-space: pre-wrap), while the same text in
 * short spans lays out in linear time (measured: docs/PERFORMANCE.md, "Long text
 * in the browser"). The spans carry no class and no break opportunity of their own, so the text
 * reads, wraps, selects and copies exactly as before.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';

/** Longest text run left in one node. */
export const MAX_RUN = 1024;
/** How far back from MAX_RUN a cut looks for whitespace (cutting after it keeps words whole). */
const LOOKBACK = 256;

type Parent = Root | Element;

export function rehypeSplitLongText() {
  return (tree: Root) => {
    walk(tree);
  };
}

function walk(parent: Parent): void {
  let next: (RootContent | ElementContent)[] | null = null;
  parent.children.forEach((child, i) => {
    if (child.type === 'text' && child.value.length > MAX_RUN) {
      next ??= parent.children.slice(0, i);
      for (const run of splitLongText(child.value)) {
        next.push({ type: 'element', tagName: 'span', properties: {}, children: [{ type: 'text', value: run }] });
      }
      return;
    }
    if (child.type === 'element') walk(child);
    next?.push(child);
  });
  if (next) parent.children = next as typeof parent.children;
}

/**
 * Cuts `text` into consecutive runs of at most `max` UTF-16 units (joined, they
 * give `text` back). A cut goes after the last line break in the final
 * `lookback` units of a run, else after the last whitespace there, and never
 * between the two halves of a surrogate pair. Each run looks at most at
 * 2 * lookback units and slices once: linear in the text.
 */
export function splitLongText(text: string, max = MAX_RUN, lookback = LOOKBACK): string[] {
  if (text.length <= max) return [text];
  const runs: string[] = [];
  let at = 0;
  while (text.length - at > max) {
    const limit = at + max;
    const floor = Math.max(at, limit - lookback);
    const after = lastIndexIn(text, limit, floor, isLineBreak) ?? lastIndexIn(text, limit, floor, isSpace);
    let cut = after === null ? limit : after + 1;
    if (isLowSurrogate(text.charCodeAt(cut)) && isHighSurrogate(text.charCodeAt(cut - 1))) cut--;
    runs.push(text.slice(at, cut));
    at = cut;
  }
  runs.push(text.slice(at));
  return runs;
}

/** The last i in (floor, limit) whose code unit passes `test`, scanning down from limit - 1. */
function lastIndexIn(text: string, limit: number, floor: number, test: (code: number) => boolean): number | null {
  for (let i = limit - 1; i > floor; i--) if (test(text.charCodeAt(i))) return i;
  return null;
}

function isLineBreak(code: number): boolean {
  return code === 0x0a;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d || code === 0x3000;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
