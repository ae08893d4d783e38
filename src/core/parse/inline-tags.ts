/**
 * Inline tags, as note-taking apps write them in the text: `#agents`,
 * `#模型/开源`, `#GPT-5`. Read only in a vault such an app keeps (vault/note-vault.ts):
 * elsewhere a `#` word in prose (`#include`, a quoted hashtag) is not the
 * author's tag, and would fill the tag facet with noise.
 *
 * Obsidian's rules: a `#` at the start of a line or after white space,
 * followed by letters, digits, `_`, `-` and `/` (nested tags), with at least
 * one character that is not a digit (`#1` is an issue number); a heading's
 * `# ` is no tag. Fenced code and inline code spans are left out. Tags come
 * in document order, each once (by its lower-case form).
 */
import { FenceTracker, inCodeSpan } from './fences.js';

const TAG_RE = /(?<=^|\s)#([\p{L}\p{N}\p{M}_\-/]+)/gu;
const HAS_NON_DIGIT = /[^\d_\-/]/u;
/** A tag longer than this is no tag (a run of characters pasted without spaces). */
const MAX_TAG_CHARS = 100;

/** The inline tags of a Markdown body (see the module comment), without their `#`. */
export function inlineTags(body: string): string[] {
  if (!body.includes('#')) return [];
  const seen = new Set<string>();
  const tags: string[] = [];
  const fences = new FenceTracker();
  for (const line of body.split('\n')) {
    if (fences.inFence(line) || !line.includes('#')) continue;
    const inCode = inCodeSpan(line);
    for (const m of line.matchAll(TAG_RE)) {
      if (inCode(m.index!)) continue;
      const tag = m[1]!.replace(/[-/]+$/, '');
      if (tag === '' || tag.length > MAX_TAG_CHARS || !HAS_NON_DIGIT.test(tag)) continue;
      const key = tag.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      tags.push(tag);
    }
  }
  return tags;
}
