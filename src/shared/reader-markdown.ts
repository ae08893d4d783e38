/**
 * When the reader draws a digest as Markdown: within a size and the parse
 * limits (nesting, emphasis and link markers), measured in linear time before
 * any parse. Beyond them it shows plain text (renderer PlainDigest), so what
 * only Markdown draws, such as images, is not looked for either.
 */
import { hasTooManyInlineDelimiters } from './markdown-delimiters.js';
import { isTooDeeplyNested } from './markdown-nesting.js';

/** Body Markdown longer than this (UTF-16 units) is shown as plain text: laying out a megabyte of Markdown keeps the reader busy for seconds. */
export const READER_MARKDOWN_CHARS = 400_000;

/** Why the reader shows `markdown` as plain text, or null when it draws it as Markdown. */
export function readerPlainReason(markdown: string): 'size' | 'nesting' | 'delimiters' | null {
  if (markdown.length > READER_MARKDOWN_CHARS) return 'size';
  if (isTooDeeplyNested(markdown)) return 'nesting';
  if (hasTooManyInlineDelimiters(markdown)) return 'delimiters';
  return null;
}
