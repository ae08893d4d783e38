/**
 * Small Markdown helpers for text that Almanac itself writes into an export
 * (titles, headings, source notes): such text must read literally, never as
 * markup, whatever a digest title contains.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Root } from 'mdast';

const parser = unified().use(remarkParse).use(remarkGfm);

/** The mdast of a Markdown fragment, with positions (the same dialect the HTML export renders). */
export function parseMarkdown(markdown: string): Root {
  return parser.parse(markdown);
}

/**
 * Plain text -> inline Markdown that renders as exactly that text, on one line.
 * Every ASCII punctuation character with an inline or block meaning is
 * backslash-escaped (CommonMark allows escaping any of them).
 */
export function escapeMarkdownInline(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_[\]<>#|~&!]/g, '\\$&')
    .replace(/^([+\-=]|\d+[.)])/, (m) => m.replace(/[+\-=.)]/, '\\$&'));
}

/** `text` as a code span, with a backtick fence longer than any run inside it. */
export function codeSpan(text: string): string {
  const oneLine = text.replace(/[ \t]*[\r\n]+[ \t]*/g, ' ');
  const longestRun = Math.max(0, ...Array.from(oneLine.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = oneLine.startsWith('`') || oneLine.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${oneLine}${pad}${fence}`;
}

/** An ATX heading line of `level` (1-6) whose content is plain `text`. */
export function atxHeading(level: number, text: string): string {
  const content = escapeMarkdownInline(text);
  return `${'#'.repeat(level)}${content === '' ? '' : ' '}${content}`;
}
