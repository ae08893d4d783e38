/**
 * The markdown-it instance of the fast indexing parse, configured to build the
 * same block structure and links as the remark processor (markdown.ts):
 * CommonMark + GFM tables + GFM strikethrough (one or two tildes, as
 * remark-gfm), raw HTML as micromark reads it (html-tags.ts), link destinations kept as written
 * (no percent-encoding, no scheme filter: links are judged later by
 * resolveHref, as on the remark path) and a nesting limit of NESTING_LIMIT
 * levels, beyond which markdown-it silently drops content: fast-body.ts hands
 * such documents to remark (and so to the worker pool's budgets) instead.
 * GFM autolink literals follow micromark, not linkify (whose rules differ):
 * recognised while tokenizing (autolink-tokenizer.ts, outside open `[`
 * brackets), and the rest found afterwards in text (autolink-literal.ts).
 */
import MarkdownIt from 'markdown-it';
import type { MarkdownIt as MarkdownItParser, StateBlock, StateInline } from 'markdown-it';
import { matchLiteralAutolink, mayStartLiteral } from './autolink-tokenizer.js';
import { classify, codeAt, codeBefore, PUNCTUATION_GROUP } from './char-class.js';
import { micromarkBlockHtml, micromarkInlineHtml } from './html-tags.js';

/** Token nesting depth (block and inline) the fast engine handles; deeper documents go to remark. */
export const NESTING_LIMIT = 200;

const TILDE = 0x7e;
// Delimiters pair only with the same marker; giving each run length its own marker
// makes `~a~~` no strikethrough, as in GFM (an opener and closer must be equally long).
const SINGLE_TILDE_MARKER = TILDE;
const DOUBLE_TILDE_MARKER = -TILDE;

const ASTERISK = 0x2a;

/** The run of `marker` at `start`, with micromark's before/after character groups. */
function scanRun(state: StateInline, start: number): { length: number; previous: number; next: number; before: number; after: number } {
  const { src, posMax } = state;
  const marker = src.charCodeAt(start);
  let pos = start;
  while (pos < posMax && src.charCodeAt(pos) === marker) pos++;
  const previous = codeBefore(src, start, 0);
  const next = codeAt(src, pos, posMax);
  return { length: pos - start, previous, next, before: classify(previous), after: classify(next) };
}

/** GFM strikethrough runs: `~` or `~~` (longer runs are plain text), flanking as in micromark. */
function tildeTokenize(state: StateInline, silent: boolean): boolean {
  const start = state.pos;
  if (silent || state.src.charCodeAt(start) !== TILDE) return false;
  const { length, before, after } = scanRun(state, start);
  const token = state.push('text', '', 0);
  token.content = '~'.repeat(length);
  if (length <= 2) {
    state.delimiters.push({
      marker: length === 1 ? SINGLE_TILDE_MARKER : DOUBLE_TILDE_MARKER,
      length: 0,
      token: state.tokens.length - 1,
      end: -1,
      open: !after || (after === PUNCTUATION_GROUP && before !== 0),
      close: !before || (before === PUNCTUATION_GROUP && after !== 0),
    });
  }
  state.pos += length;
  return true;
}

/**
 * Emphasis flanking as micromark decides it (attention.js): its character
 * classes (char-class.ts), and a `~` next to a run counts as an attention marker.
 */
function micromarkDelims(state: StateInline, start: number): { can_open: boolean; can_close: boolean; length: number } {
  const marker = state.src.charCodeAt(start);
  const { length, previous, next, before, after } = scanRun(state, start);
  const open = !after || (after === PUNCTUATION_GROUP && before !== 0) || next === TILDE;
  const close = !before || (before === PUNCTUATION_GROUP && after !== 0) || previous === TILDE;
  return {
    length,
    can_open: marker === ASTERISK ? open : open && (before !== 0 || !close),
    can_close: marker === ASTERISK ? close : close && (after !== 0 || !open),
  };
}

function pairTildes(state: StateInline, delimiters: StateInline['delimiters']): void {
  for (const open of delimiters) {
    if ((open.marker !== SINGLE_TILDE_MARKER && open.marker !== DOUBLE_TILDE_MARKER) || open.end === -1) continue;
    const close = delimiters[open.end];
    const openToken = state.tokens[open.token];
    const closeToken = close ? state.tokens[close.token] : undefined;
    if (!openToken || !closeToken) continue;
    for (const [token, nesting, type] of [
      [openToken, 1, 's_open'],
      [closeToken, -1, 's_close'],
    ] as const) {
      token.type = type;
      token.tag = 's';
      token.nesting = nesting;
      token.markup = token.content;
      token.content = '';
    }
  }
}

function tildePostProcess(state: StateInline): void {
  pairTildes(state, state.delimiters);
  for (const meta of state.tokens_meta) {
    if (meta?.delimiters) pairTildes(state, meta.delimiters);
  }
}

// `[` not (yet) closed by a `]` in an inline's text outside links: micromark recognises
// no autolink literal after one. (markdown-it reaches a `[` here only when no link formed.)
const openBrackets = new WeakMap<StateInline, number>();

function bracketRule(state: StateInline, silent: boolean): boolean {
  if (silent || state.linkLevel > 0) return false;
  const c = state.src.charCodeAt(state.pos);
  if (c === 0x5b) openBrackets.set(state, (openBrackets.get(state) ?? 0) + 1);
  else if (c === 0x5d) openBrackets.set(state, Math.max(0, (openBrackets.get(state) ?? 0) - 1));
  return false;
}

function literalAt(state: StateInline, pos: number): ReturnType<typeof matchLiteralAutolink> {
  return matchLiteralAutolink(state.src, pos, 0, state.posMax, (openBrackets.get(state) ?? 0) > 0);
}

function literalAutolinkRule(state: StateInline, silent: boolean): boolean {
  if (silent || state.linkLevel > 0 || !mayStartLiteral(state.src.charCodeAt(state.pos))) return false;
  const match = literalAt(state, state.pos);
  if (!match) return false;
  const open = state.push('link_open', 'a', 1);
  open.attrs = [['href', match.url]];
  open.markup = 'linkify';
  open.info = 'auto';
  state.push('text', '', 0).content = match.text;
  const close = state.push('link_close', 'a', -1);
  close.markup = 'linkify';
  close.info = 'auto';
  state.pos = match.end;
  return true;
}

// markdown-it's own text rule's stop characters.
const TERMINATORS = new Set([10, 33, 35, 36, 37, 38, 42, 43, 45, 58, 60, 61, 62, 64, 91, 92, 93, 94, 95, 96, 123, 125, 126]);

/** markdown-it's text rule, also stopping where an autolink literal starts. */
function textRule(state: StateInline, silent: boolean): boolean {
  const { src, posMax } = state;
  const literals = !silent && state.linkLevel === 0;
  let pos = state.pos;
  while (pos < posMax) {
    const c = src.charCodeAt(pos);
    if (TERMINATORS.has(c)) break;
    if (literals && pos > state.pos && mayStartLiteral(c) && literalAt(state, pos)) break;
    pos++;
  }
  if (pos === state.pos) return false;
  if (!silent) state.pending += src.slice(state.pos, pos);
  state.pos = pos;
  return true;
}

type BlockRule = (state: StateBlock, startLine: number, endLine: number, silent: boolean) => boolean;

function followsDefinitions(state: StateBlock, startLine: number): boolean {
  const previous = state.tokens[state.tokens.length - 1];
  return previous?.type === 'reference_definition' && previous.map?.[1] === startLine && previous.level === state.level;
}

/**
 * In CommonMark (and micromark) link reference definitions open a paragraph, so
 * an indented line right after them continues that paragraph (or setext
 * heading); markdown-it would start an indented code block there.
 */
function codeAfterDefinitions(code: BlockRule): BlockRule {
  return (state, startLine, endLine, silent) => !followsDefinitions(state, startLine) && code(state, startLine, endLine, silent);
}

function setextAfterDefinitions(lheading: BlockRule): BlockRule {
  return (state, startLine, endLine, silent) => {
    const indent = state.sCount[startLine];
    if (indent === undefined || indent - state.blkIndent < 4 || !followsDefinitions(state, startLine)) {
      return lheading(state, startLine, endLine, silent);
    }
    // lheading refuses an indented first line; here it is paragraph text, indentation and all.
    state.sCount[startLine] = state.blkIndent;
    try {
      return lheading(state, startLine, endLine, silent);
    } finally {
      state.sCount[startLine] = indent;
    }
  };
}

function createParser(): MarkdownItParser {
  const md = new MarkdownIt('default', { html: true, linkify: false, typographer: false, maxNesting: NESTING_LIMIT });
  md.validateLink = () => true;
  md.normalizeLink = (url: string) => url;
  md.normalizeLinkText = (text: string) => text;
  md.inline.State = class extends md.inline.State {
    override scanDelims(start: number): { can_open: boolean; can_close: boolean; length: number } {
      return micromarkDelims(this, start);
    }
  };
  md.inline.ruler.at('strikethrough', tildeTokenize);
  md.inline.ruler2.at('strikethrough', tildePostProcess);
  // Keep reference_definition tokens: their line maps place setext sections (fast-body.ts).
  md.core.ruler.disable('strip_references');
  // Ruler.at drops a rule's alt chains (which say what it may interrupt) unless given again.
  const wrapBlockRule = (name: string, wrap: (rule: BlockRule) => BlockRule): void => {
    const rule = md.block.ruler.__rules__.find((r) => r.name === name);
    if (!rule) throw new Error(`markdown-it has no block rule '${name}'`);
    md.block.ruler.at(name, wrap(rule.fn as BlockRule), { alt: rule.alt });
  };
  wrapBlockRule('code', codeAfterDefinitions);
  wrapBlockRule('lheading', setextAfterDefinitions);
  wrapBlockRule('html_block', micromarkBlockHtml);
  const htmlInline = md.inline.ruler.__rules__.find((r) => r.name === 'html_inline');
  if (!htmlInline) throw new Error("markdown-it has no inline rule 'html_inline'");
  md.inline.ruler.at('html_inline', micromarkInlineHtml(htmlInline.fn as Parameters<typeof micromarkInlineHtml>[0]));
  md.inline.ruler.at('text', textRule);
  md.inline.ruler.before('text', 'gfm_autolink_literal', literalAutolinkRule);
  md.inline.ruler.after('image', 'gfm_open_brackets', bracketRule);
  return md;
}

export const fastMarkdown = createParser();
