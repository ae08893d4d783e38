/**
 * `{#custom-id}` heading suffixes (Docusaurus, Hugo, Pandoc, kramdown) name
 * an anchor; they are not words of the heading. They are dropped from the
 * body before either Markdown engine runs, so the heading text, the titles,
 * the section ids derived from them and the reader all agree, and the stored
 * body (to which section offsets point) is the one without them.
 *
 * Only ATX heading lines ("## Title {#id}") and the text line of a setext
 * heading (followed by "===" or "---") outside fenced code are touched. The
 * body is only walked when it holds "{#" at all, so ordinary files pay one
 * indexOf.
 */
import { rewriteLinesOutsideFences } from './fences.js';

// "{#id}" or "{#id .class key=value}" at the end of the line, with an optional ATX closing sequence after it.
const ID_SUFFIX_RE = /[ \t]+\{#[^\s{}]+(?:[ \t]+[^{}\n]*)?\}(?=(?:[ \t]+#+)?[ \t]*$)/;
const ATX_RE = /^ {0,3}#{1,6}[ \t]/;
const SETEXT_UNDERLINE_RE = /^ {0,3}(?:=+|-+)[ \t]*$/;

export function dropHeadingIds(body: string): string {
  return rewriteLinesOutsideFences(body, '{#', (line, next) => {
    const isHeading = ATX_RE.test(line) || (next !== undefined && SETEXT_UNDERLINE_RE.test(next) && line.trim() !== '');
    return isHeading ? line.replace(ID_SUFFIX_RE, '') : line;
  });
}
