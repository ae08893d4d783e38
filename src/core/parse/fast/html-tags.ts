/**
 * Raw HTML open tags as micromark reads them, for markdown-it's html_inline
 * and html_block rules. micromark (html-text.js, html-flow.js) ends an
 * unquoted attribute value at `/`, which must then close the tag (`/>`), so
 * `<a href=https://x.example/p>` is no tag there but text, in which GFM then
 * finds an autolink literal. CommonMark (and markdown-it) allow `/` in an
 * unquoted value and read a tag. The fast engine follows micromark, not the
 * specification: remark is the reference and also renders the reader, so the
 * index holds the text a reader sees. The same open-tag grammar otherwise,
 * with micromark's whitespace (tabs, spaces, line endings; no other Unicode space).
 */
import type { StateBlock, StateInline } from 'markdown-it';
import { isAsciiAlpha } from './char-class.js';

type InlineRule = (state: StateInline, silent: boolean) => boolean;
type BlockRule = (state: StateBlock, startLine: number, endLine: number, silent: boolean) => boolean;

const SPACE = '[ \\t\\n]';
const ATTRIBUTE_VALUE = `(?:[^"'=<>\`\\x00-\\x20/]+|'[^']*'|"[^"]*")`;
const ATTRIBUTE = `(?:${SPACE}+[a-zA-Z_:][a-zA-Z0-9:._-]*(?:${SPACE}*=${SPACE}*${ATTRIBUTE_VALUE})?)`;
const OPEN_TAG = `<[A-Za-z][A-Za-z0-9-]*${ATTRIBUTE}*${SPACE}*/?>`;

const OPEN_TAG_AT = new RegExp(OPEN_TAG, 'y');

const LESS_THAN = 0x3c;

/** Whether `src` at `pos` opens a tag (`<` and a letter) that micromark does not accept. */
function refusedOpenTag(src: string, pos: number): boolean {
  if (src.charCodeAt(pos) !== LESS_THAN || !isAsciiAlpha(src.charCodeAt(pos + 1))) return false;
  OPEN_TAG_AT.lastIndex = pos;
  return !OPEN_TAG_AT.test(src);
}

/** markdown-it's html_inline, refusing the open tags micromark does not read as HTML. */
export function micromarkInlineHtml(htmlInline: InlineRule): InlineRule {
  return (state, silent) => !refusedOpenTag(state.src, state.pos) && htmlInline(state, silent);
}

/**
 * markdown-it's html_block, refusing a kind 7 block (an open tag alone on its
 * line) whose tag micromark does not accept. Where both accept the tag, both
 * end it at the same `>` (the grammars differ only in `/`), so they agree on
 * the rest of the line. Kinds 1-6 are known by their start alone, whatever
 * their attributes: markdown-it's rule in silent mode says whether one of them
 * starts here (only those may interrupt a paragraph), and kind 7 never
 * interrupts one, so silent calls need no check.
 */
export function micromarkBlockHtml(htmlBlock: BlockRule): BlockRule {
  return (state, startLine, endLine, silent) => {
    if (!silent && refusedOpenTag(state.src, state.bMarks[startLine]! + state.tShift[startLine]!) && !htmlBlock(state, startLine, endLine, true)) {
      return false;
    }
    return htmlBlock(state, startLine, endLine, silent);
  };
}
