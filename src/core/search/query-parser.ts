/**
 * Almanac's query language -> a small AST. Pure and total: any string parses,
 * bad syntax degrades to plain search text and leaves a notice that says how
 * the query was understood. The grammar is documented in docs/ARCHITECTURE.md
 * ("Query language") and, for the UI, in src/shared/query-help.ts.
 *
 *   query   := item*                 (space = AND)
 *   item    := ["-"] (phrase | op | word) | item "OR" item
 *   op      := ("tag" | "in" | "after" | "before" | "date" | "week" | "title" | "heading" | "site" | "link" | "mention") ":" (word | phrase)
 *   phrase  := '"' any* '"'
 */
import { parseDateBound } from '../../shared/dates.js';
import { linkPrefixOf, siteQueryOf } from '../../shared/link-site.js';
import { notice, type SearchNotice } from '../../shared/notices.js';
import { normalizeText, splitRuns } from '../text/tokenize.js';

export type TermField = 'title' | 'heading';

/** One search term: a word or a quoted phrase, optionally restricted to a field. */
export interface TermNode {
  /** The text as the user wrote it (without quotes and operator prefix). */
  text: string;
  phrase: boolean;
  field: TermField | null;
  /** The last term of a query still being typed: its last token matches as a prefix. */
  prefix: boolean;
}

/** Alternatives joined by OR; a plain term is a clause with one alternative. */
export interface Clause {
  alternatives: TermNode[];
}

export interface ParsedQuery {
  /** All must match (AND). */
  clauses: Clause[];
  /** None may match (section level; see the engine for queries made only of exclusions). */
  excluded: TermNode[];
  /** A digest must carry every one of these tags (normalised with normalizeText). */
  tags: string[];
  excludedTags: string[];
  /** Inclusive date bounds "YYYY-MM-DD" from after:/before:/date:/week: (intersected). */
  from: string | null;
  to: string | null;
  /** in: folder prefixes (a digest matches when its path is under any of them). */
  folders: string[];
  excludedFolders: string[];
  /** site: hosts (a digest must link to the site or a subdomain) and link: URL prefixes, as typed (search/sites.ts reads them). */
  sites: string[];
  excludedSites: string[];
  links: string[];
  excludedLinks: string[];
  /** mention: names as typed (the filter matches them by mention key, core/text/mention-name.ts); a digest must mention them all. */
  mentions: string[];
  excludedMentions: string[];
  notices: SearchNotice[];
  /**
   * The query was not blank but holds nothing to search: only punctuation,
   * operators without values or a lone '-'. It finds nothing (a blank query
   * lists every digest), and a 'nothing-to-search' notice says why.
   */
  nothingToSearch: boolean;
}

const OPERATORS = new Set(['tag', 'in', 'after', 'before', 'date', 'week', 'title', 'heading', 'mention', 'site', 'link']);
const FTS_SYNTAX_CHARS = /[*^(){}+]/;
const BOOLEAN_WORDS = new Set(['AND', 'NOT', 'NEAR']);

/** A lexical item of the query string. */
interface Lexeme {
  negated: boolean;
  /** Operator name (lower case) when written as name:value. */
  op: string | null;
  value: string;
  quoted: boolean;
  /** True when the query string ends inside or right after this lexeme without a space. */
  atEnd: boolean;
}

/** Splits the query into lexemes; never throws. */
function lex(input: string, notices: SearchNotice[]): Lexeme[] {
  const out: Lexeme[] = [];
  const s = input;
  let i = 0;
  const n = s.length;
  const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/u.test(c);
  while (i < n) {
    while (i < n && isSpace(s[i])) i++;
    if (i >= n) break;
    let negated = false;
    if (s[i] === '-') {
      negated = true;
      i++;
      if (i >= n || isSpace(s[i])) {
        notices.push(notice('lone-minus'));
        continue;
      }
    }
    let op: string | null = null;
    const opMatch = /^([A-Za-z]+):/.exec(s.slice(i, i + 16));
    if (opMatch && OPERATORS.has(opMatch[1]!.toLowerCase())) {
      op = opMatch[1]!.toLowerCase();
      i += opMatch[0].length;
    } else if (opMatch) {
      notices.push(notice('not-an-operator', { op: opMatch[1]! }));
    }
    let value = '';
    let quoted = false;
    if (s[i] === '"') {
      const close = s.indexOf('"', i + 1);
      if (close < 0) {
        notices.push(notice('unbalanced-quote'));
        i++;
        // Fall through: the rest is read as ordinary words.
      } else {
        value = s.slice(i + 1, close);
        quoted = true;
        i = close + 1;
      }
    }
    if (!quoted) {
      const start = i;
      while (i < n && !isSpace(s[i])) i++;
      value = s.slice(start, i).replaceAll('"', ' ');
    }
    out.push({ negated, op, value, quoted, atEnd: i >= n });
  }
  return out;
}

function hasSearchableText(text: string): boolean {
  return splitRuns(normalizeText(text)).length > 0;
}

/** Narrows [from, to] with another inclusive range. */
function narrow(q: ParsedQuery, from: string | null, to: string | null): void {
  if (from !== null && (q.from === null || from > q.from)) q.from = from;
  if (to !== null && (q.to === null || to < q.to)) q.to = to;
}

/** One day before a "YYYY-MM-DD" date (UTC calendar arithmetic). */
function dayBefore(date: string): string {
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) - 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

function normalizeFolder(value: string): string {
  return value.replaceAll('\\', '/').replace(/^\.?\/+/, '').replace(/\/+$/, '');
}

/**
 * Applies a filter operator; returns false when its value is unusable so that
 * the caller searches the lexeme as text instead.
 */
function applyOperator(q: ParsedQuery, lx: Lexeme): boolean {
  const op = lx.op!;
  const value = lx.value.trim();
  if (value === '') {
    q.notices.push(notice('operator-without-value', { op }));
    return false;
  }
  switch (op) {
    case 'tag':
      (lx.negated ? q.excludedTags : q.tags).push(normalizeText(value));
      return true;
    case 'mention':
      (lx.negated ? q.excludedMentions : q.mentions).push(value);
      return true;
    case 'site':
    case 'link': {
      // The value must name a site: `site:arxiv.org`, `link:github.com/openai` (shared/link-site.ts).
      if ((op === 'site' ? siteQueryOf(value) : linkPrefixOf(value)) === null) {
        q.notices.push(notice('bad-link-value', { op, value }));
        return false;
      }
      const list = op === 'site' ? (lx.negated ? q.excludedSites : q.sites) : lx.negated ? q.excludedLinks : q.links;
      list.push(value);
      return true;
    }
    case 'in': {
      const folder = normalizeFolder(value);
      if (folder === '') {
        q.notices.push(notice('folder-empty', { value }));
        return true;
      }
      (lx.negated ? q.excludedFolders : q.folders).push(folder);
      return true;
    }
    case 'after':
    case 'before':
    case 'date':
    case 'week': {
      if (op === 'week' && !/^\d{4}-?W\d{1,2}$/i.test(value)) {
        q.notices.push(notice('bad-week', { value }));
        return false;
      }
      const start = parseDateBound(value, 'start');
      const end = parseDateBound(value, 'end');
      if (start === null || end === null) {
        q.notices.push(notice('bad-date', { value, op }));
        return false;
      }
      if (lx.negated) q.notices.push(notice('cannot-exclude-operator', { op, value }));
      if (op === 'after') narrow(q, start, null);
      else if (op === 'before') narrow(q, null, dayBefore(start));
      else narrow(q, start, end);
      return true;
    }
    default:
      return false;
  }
}

function emptyQuery(): ParsedQuery {
  return {
    clauses: [],
    excluded: [],
    tags: [],
    excludedTags: [],
    from: null,
    to: null,
    folders: [],
    excludedFolders: [],
    sites: [],
    excludedSites: [],
    links: [],
    excludedLinks: [],
    mentions: [],
    excludedMentions: [],
    notices: [],
    nothingToSearch: false,
  };
}

/** How a FTS5 boolean keyword the user typed was understood (they are searched as words). */
function booleanWordNotice(word: string): SearchNotice {
  return word === 'AND' ? notice('and-is-default') : notice('boolean-word', { word });
}

/** Parses a query string. Never throws; problems become notices. */
export function parseQuery(input: string): ParsedQuery {
  const q = emptyQuery();
  // NUL and other control characters carry no meaning; treat them as spaces.
  const text = input.replace(/[\u0000-\u001f\u007f]/g, ' ');
  const syntax = FTS_SYNTAX_CHARS.exec(text);
  if (syntax) q.notices.push(notice('punctuation-ignored', { text: syntax[0] }));

  const lexemes = lex(text, q.notices);
  const endsTyping = !/\s$/u.test(text);
  /** Terms made of an operator without a value ("tag:"): not enough to search on their own. */
  const valueless = new Set<TermNode>();
  /** Positive terms in order, with their clause, so OR can join neighbours. */
  let pendingOr = false;
  let lastTerm: TermNode | null = null;

  const addTerm = (term: TermNode, negated: boolean): void => {
    if (!hasSearchableText(term.text)) {
      q.notices.push(notice('no-searchable-text', { text: term.text }));
      return;
    }
    if (negated) {
      q.excluded.push(term);
      if (pendingOr) {
        q.notices.push(notice('or-with-exclusion'));
        pendingOr = false;
      }
      lastTerm = null;
      return;
    }
    const prev = q.clauses[q.clauses.length - 1];
    if (pendingOr && prev) prev.alternatives.push(term);
    else q.clauses.push({ alternatives: [term] });
    pendingOr = false;
    lastTerm = term;
  };

  lexemes.forEach((lx, idx) => {
    if (!lx.quoted && lx.op === null && !lx.negated && lx.value === 'OR') {
      const next = lexemes[idx + 1];
      const nextJoinable = next !== undefined && !next.negated && (next.op === null || next.op === 'title' || next.op === 'heading');
      if (lastTerm !== null && !pendingOr && nextJoinable) {
        pendingOr = true;
        return;
      }
      q.notices.push(notice('or-misplaced'));
    } else if (!lx.quoted && lx.op === null && BOOLEAN_WORDS.has(lx.value)) {
      q.notices.push(booleanWordNotice(lx.value));
    }
    if (lx.op !== null && lx.op !== 'title' && lx.op !== 'heading') {
      if (pendingOr) {
        q.notices.push(notice('or-with-filter'));
        pendingOr = false;
      }
      if (applyOperator(q, lx)) {
        lastTerm = null;
        return;
      }
      const term: TermNode = { text: `${lx.op}:${lx.value}`, phrase: false, field: null, prefix: false };
      if (lx.value.trim() === '') valueless.add(term);
      addTerm(term, lx.negated);
      return;
    }
    const field = lx.op === 'title' || lx.op === 'heading' ? lx.op : null;
    if (field !== null && lx.value.trim() === '') {
      q.notices.push(notice('field-without-value', { field }));
      return;
    }
    addTerm({ text: lx.value, phrase: lx.quoted, field, prefix: lx.atEnd && endsTyping && !lx.quoted && !lx.negated }, lx.negated);
  });
  if (pendingOr) q.notices.push(notice('or-at-end'));
  if (text.trim() !== '') markNothingToSearch(q, valueless);
  return q;
}

/**
 * A query that was not blank finds nothing when nothing in it can be searched
 * or filtered: no filter, and no term but those made of an operator without a
 * value (`tag:` is not the word "tag"). Those terms are dropped, and so is
 * their "searched as text" notice, since nothing was searched.
 */
function markNothingToSearch(q: ParsedQuery, valueless: ReadonlySet<TermNode>): void {
  const onlyValueless = (terms: readonly TermNode[]): boolean => terms.every((t) => valueless.has(t));
  const hasFilter =
    q.tags.length + q.excludedTags.length + q.folders.length + q.excludedFolders.length + q.sites.length + q.excludedSites.length + q.links.length + q.excludedLinks.length + q.mentions.length + q.excludedMentions.length > 0 || q.from !== null || q.to !== null;
  if (hasFilter || !q.clauses.every((c) => onlyValueless(c.alternatives)) || !onlyValueless(q.excluded)) return;
  q.clauses = [];
  q.excluded = [];
  q.notices = q.notices.filter((n) => n.code !== 'operator-without-value');
  q.notices.push(notice('nothing-to-search'));
  q.nothingToSearch = true;
}

/** True when the query has search terms (not only filters or exclusions). */
export function hasTerms(q: ParsedQuery): boolean {
  return q.clauses.length > 0;
}
