/**
 * Pelican / MultiMarkdown header blocks: `Key: value` lines at the very top
 * of the file, up to the first blank line, no delimiters:
 *
 *     Title: This Week in Rust 528
 *     Date: 2024-01-03
 *     Category: This Week in Rust
 *
 * Without delimiters, prose could look like this, so a block is recognised
 * only when its first line starts with a key these tools define (KNOWN_KEYS)
 * and every line up to the first blank one is a `Key: value` line or an
 * indented continuation of the one before. Anything else means the top of
 * the file is prose, and it stays body text. Values are text (a continuation
 * joins its line with a space); duplicate keys keep their first value.
 */
import { MAX_FRONT_MATTER_CHARS } from './limits.js';
import type { ReadBlock } from './types.js';

const KNOWN_KEYS = new Set([
  'title',
  'date',
  'tags',
  'tag',
  'category',
  'categories',
  'author',
  'authors',
  'summary',
  'slug',
  'modified',
  'keywords',
  'description',
  'lang',
  'status',
  'subtitle',
  'series',
]);

// MultiMarkdown keys may hold spaces ("Base Header Level"); a key ends at the first ":" followed by a space or the line's end.
const KEY_LINE_RE = /^([A-Za-z][\w .-]*?)[ \t]*:(?:[ \t]+(.*))?$/;
const FIRST_KEY_RE = /^([A-Za-z]+)[ \t]*:/;

/** Offset of the end of the header: the start of the first blank line (or the text's end); -1 when the top is not a header. */
function headerEnd(text: string): number {
  const limit = Math.min(text.length, MAX_FRONT_MATTER_CHARS);
  let start = 0;
  let first = true;
  while (start < text.length) {
    if (start > limit) return -1;
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    const line = text.slice(start, end);
    if (line.trim() === '') return first ? -1 : start;
    if (!KEY_LINE_RE.test(line) && (first || !/^[ \t]+\S/.test(line))) return -1;
    first = false;
    start = end + 1;
  }
  return text.length;
}

function headerEntries(raw: string): [string, string][] {
  const entries: [string, string][] = [];
  const seen = new Set<string>();
  let last: [string, string] | null = null;
  for (const line of raw.split('\n')) {
    const m = KEY_LINE_RE.exec(line);
    if (!m) {
      // A continuation line.
      if (last) last[1] = `${last[1]} ${line.trim()}`.trim();
      continue;
    }
    const key = m[1]!;
    if (seen.has(key.toLowerCase())) {
      last = null;
      continue;
    }
    seen.add(key.toLowerCase());
    last = [key, (m[2] ?? '').trim()];
    entries.push(last);
  }
  return entries;
}

/** The header block at the top of `text`; null when the text does not start with one. */
export function readHeaderBlock(text: string): ReadBlock | null {
  const key = FIRST_KEY_RE.exec(text)?.[1];
  if (key === undefined || !KNOWN_KEYS.has(key.toLowerCase())) return null;
  const end = headerEnd(text);
  if (end === -1) return null;
  const raw = text.slice(0, end).replace(/\n$/, '');
  // fromEntries defines own properties: a "__proto__" key stays a plain key.
  return { style: 'pelican', parsed: Object.fromEntries(headerEntries(raw)), raw, body: text.slice(end), warnings: [] };
}
