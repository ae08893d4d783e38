/**
 * Small Markdown helpers for the export: parsing a section within limits, and
 * text that Almanac itself writes into an export (titles, headings, source
 * notes), which must read literally, never as markup, whatever a digest title
 * contains.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Root } from 'mdast';
import { hasTooManyInlineDelimiters } from '../../shared/markdown-delimiters.js';
import { isTooDeeplyNested } from '../../shared/markdown-nesting.js';

const parser = unified().use(remarkParse).use(remarkGfm);

/**
 * Sections longer than this are exported as plain text: remark parses about
 * 1-2 MB/s here and an export parses each section up to three times (headings,
 * links, HTML), so a megabyte section would hold an export for seconds.
 */
export const MAX_CONVERTED_MARKDOWN_CHARS = 100_000;

/**
 * Why a section is exported as plain text instead of converted Markdown:
 * too long, nested too deeply (shared/markdown-nesting.ts), too many emphasis
 * or link markers (shared/markdown-delimiters.ts), the parser failed anyway,
 * or the whole export ran out of time (off-thread.ts).
 */
export type PlainReason = 'size' | 'nesting' | 'delimiters' | 'error' | 'time';

/** Which limit `markdown` breaks, checked in linear time before any parse; null when it may be parsed. */
export function conversionLimit(markdown: string): PlainReason | null {
  if (markdown.length > MAX_CONVERTED_MARKDOWN_CHARS) return 'size';
  if (isTooDeeplyNested(markdown)) return 'nesting';
  if (hasTooManyInlineDelimiters(markdown)) return 'delimiters';
  return null;
}

/** The mdast of a Markdown fragment, with positions (the same dialect the HTML export renders); no limits: see parseWithinLimits. */
export function parseMarkdown(markdown: string): Root {
  return parser.parse(markdown);
}

/** The mdast of `markdown`, or why it is not parsed (a limit, or the parser threw: a stack overflow is caught too). */
export function parseWithinLimits(markdown: string): Root | PlainReason {
  const limit = conversionLimit(markdown);
  if (limit !== null) return limit;
  try {
    return parser.parse(markdown);
  } catch {
    return 'error';
  }
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

/** The longest run of `char` in `text` (a loop: a spread of every run's length overflows the stack on hostile text). */
function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    run = text[i] === char ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

/** `text` as a code span, with a backtick fence longer than any run inside it. */
export function codeSpan(text: string): string {
  const oneLine = text.replace(/[ \t]*[\r\n]+[ \t]*/g, ' ');
  const fence = '`'.repeat(longestRun(oneLine, '`') + 1);
  const pad = oneLine.startsWith('`') || oneLine.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${oneLine}${pad}${fence}`;
}

/** An ATX heading line of `level` (1-6) whose content is plain `text`. */
export function atxHeading(level: number, text: string): string {
  const content = escapeMarkdownInline(text);
  return `${'#'.repeat(level)}${content === '' ? '' : ' '}${content}`;
}

/** `text` as a fenced code block (no language), fenced by more backticks than any run inside it. */
export function fencedText(text: string): string {
  const fence = '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
  return `${fence}\n${text}${text.endsWith('\n') ? '' : '\n'}${fence}`;
}
