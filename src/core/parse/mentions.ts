/**
 * The mentions of a digest (core/text/mention-name.ts): its bold spans and
 * the texts of its links out of the vault that name something, once per section and name. Both engines
 * collect the bold spans in their body pass (here for remark's mdast,
 * fast/fast-body.ts for markdown-it) in document order, outer spans before
 * the spans nested in them; the link texts come from the links both already
 * collect, so the two engines give the same mentions
 * (tests/unit/parse-equivalence.test.ts).
 */
import type { Nodes, Root } from 'mdast';
import { mentionKey, mentionName } from '../text/mention-name.js';
import type { ParsedLink, ParsedMention } from '../types.js';
import { inlineText } from './plain-text.js';

/** A bold span's plain text and the ordinal of its section. */
export interface StrongSpan {
  text: string;
  section: number;
}

/** Every `strong` node of the tree, in document order (nested ones after their parent); `sectionOfChild` maps each top-level node to its section. */
export function collectStrong(root: Root, sectionOfChild: readonly number[]): StrongSpan[] {
  const found: StrongSpan[] = [];
  root.children.forEach((child, index) => {
    const section = sectionOfChild[index] ?? 0;
    const stack: Nodes[] = [child];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (n.type === 'strong') found.push({ text: inlineText(n), section });
      if ('children' in n) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
    }
  });
  return found;
}

/** A link that leaves the vault: its text names what it points to. Relative links ("上一期", "../2024/issue-12") are navigation. */
const EXTERNAL_HREF_RE = /^[a-z][a-z0-9+.-]*:/i;

/** The names of the bold spans, then of the texts of links out of the vault, each once per section (by key). */
export function mentionsOf(strong: readonly StrongSpan[], links: readonly Pick<ParsedLink, 'href' | 'text' | 'section'>[]): ParsedMention[] {
  const seen = new Set<string>();
  const out: ParsedMention[] = [];
  for (const span of [...strong, ...links.filter((l) => EXTERNAL_HREF_RE.test(l.href))]) {
    const name = mentionName(span.text);
    if (name === null) continue;
    const id = `${span.section}\u0000${mentionKey(name)}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ name, section: span.section });
  }
  return out;
}
