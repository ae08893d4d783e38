/**
 * Parsed query -> FTS5 MATCH strings. Pure: vocabulary expansion comes in as a
 * function. Every user token is inside a double-quoted FTS5 string (our tokens
 * hold only letters, digits, '.', '_' and CJK, never a quote), so no FTS5
 * syntax can be injected.
 *
 * How a term becomes an FTS5 phrase (see tokenize.ts for the index tokens):
 * its text is split into runs (Latin words and CJK runs). A Latin word is one
 * token. A CJK run that ends the term contributes its bigrams only (so it may
 * continue in the text: 代理 finds 代理人); a CJK run followed by more of the
 * term contributes bigrams plus its final character, because in the index a
 * run always ends with that lone character before the next token. A term that
 * is a single CJK character, or ends in one after other runs, matches it as a
 * prefix ("测" *), which covers every bigram starting with it and a run-final 测.
 */
import { cjkRunTokens, normalizeText, splitRuns, type RawToken } from '../text/tokenize.js';
import type { Clause, ParsedQuery, TermNode } from './query-parser.js';

/** A Latin word typed last matches as a prefix only from this many characters: shorter prefixes match most of a large index (at 10k digests "ka"* hits 70% of sections), so they stay exact. */
export const PREFIX_MIN_LENGTH = 3;

/** What the snippet highlighter needs to find one positive term in text. */
export interface HighlightTerm {
  parts: RawToken[];
  /** The last word matches as a prefix (CJK runs always match inside longer runs). */
  prefixLast: boolean;
}

/**
 * One clause of the query (a term, or terms joined by OR) as MATCH strings
 * over each table: a section row matches it by its own heading and text
 * (`own`), a digest by its title (`title`). null where the clause cannot
 * match (a title: term has no `own`, a heading: term no `title`).
 */
export interface ClauseMatch {
  own: string | null;
  ownExact: string | null;
  /** A superset of `own` made of single tokens (no phrase positions to match): cheap to intersect with (own-match.ts). */
  ownLoose: string | null;
  title: string | null;
  titleExact: string | null;
}

export interface BuiltQuery {
  /** Every positive clause (AND between them), for matching by title and own text apart (own-match.ts). */
  clauses: ClauseMatch[];
  /** Some clause was widened by a prefix or typo expansion (then exact and full differ). */
  expanded: boolean;
  /** Section rows holding every clause in their own text, exactly; null when the query has no terms or a clause matches titles only. */
  exact: string | null;
  /** The same with prefix and typo expansions; equal to exact when nothing was expanded. */
  full: string | null;
  /** Sections containing an adjacent run of all terms (boosted); null when not applicable. */
  phrase: string | null;
  /** The excluded terms OR-ed, over section rows; null when none. */
  excluded: string | null;
  /** The excluded terms OR-ed, over titles: a digest whose title holds one is left out. */
  excludedTitle: string | null;
  highlight: HighlightTerm[];
  /** Normalised surface forms for a reader to highlight (CJK runs whole, expansions included). */
  highlightTerms: string[];
}

export type Expander = (word: string) => string[];
/** Whether the index has a longer term starting with this Latin token (false: a prefix query can be exact). */
export type CompletionCheck = (token: string) => boolean;

function quote(tokens: readonly string[]): string {
  return `"${tokens.join(' ').replaceAll('"', '""')}"`;
}

/** Runs of a term's text, normalised. */
export function termParts(text: string): RawToken[] {
  return splitRuns(normalizeText(text));
}

interface PhraseTokens {
  tokens: string[];
  /** The last token matches as a prefix. */
  prefix: boolean;
}

/** The FTS5 phrase tokens of a sequence of runs (see the module comment). */
export function phraseTokens(parts: readonly RawToken[], latinPrefix: boolean): PhraseTokens {
  const tokens: string[] = [];
  let prefix = false;
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    if (part.kind === 'word') {
      tokens.push(part.text);
      if (last) prefix = latinPrefix && Array.from(part.text).length >= PREFIX_MIN_LENGTH;
      return;
    }
    const runTokens = cjkRunTokens(part.text);
    if (!last) {
      tokens.push(...runTokens);
    } else if (runTokens.length === 1) {
      tokens.push(runTokens[0]!);
      prefix = true;
    } else {
      tokens.push(...runTokens.slice(0, -1));
    }
  });
  return { tokens, prefix };
}

function phraseExpr(p: PhraseTokens): string {
  return p.prefix ? `${quote(p.tokens)} *` : quote(p.tokens);
}

/** The term over section rows (null for a title: term). */
function ownExpr(term: TermNode, expr: string): string | null {
  if (term.field === 'title') return null;
  return term.field === 'heading' ? `{heading} : (${expr})` : expr;
}

/** The term over title rows (null for a heading: term). */
function titleExpr(term: TermNode, expr: string): string | null {
  return term.field === 'heading' ? null : expr;
}

/** Alternatives joined by OR (null when none can match there). */
function anyOf(alts: readonly (string | null)[]): string | null {
  const real = alts.filter((a): a is string => a !== null);
  if (real.length === 0) return null;
  return real.length === 1 ? real[0]! : `(${real.join(' OR ')})`;
}

/** Merges adjacent CJK runs of consecutive terms ("智能 代理" typed as two terms means 智能代理 nearby). */
function joinParts(groups: readonly RawToken[][]): RawToken[] {
  const out: RawToken[] = [];
  for (const parts of groups) {
    for (const p of parts) {
      const prev = out[out.length - 1];
      if (prev && prev.kind === 'cjk' && p.kind === 'cjk') out[out.length - 1] = { kind: 'cjk', text: prev.text + p.text };
      else out.push({ ...p });
    }
  }
  return out;
}

function surface(parts: readonly RawToken[]): string {
  return parts.map((p) => p.text).join(' ');
}

/** A single token every match of `p` holds (its middle one; the prefix itself for a lone prefix): a superset with no positions to check. */
function looseExpr(p: PhraseTokens): string {
  if (p.tokens.length === 1) return phraseExpr(p);
  const whole = p.prefix ? p.tokens.slice(0, -1) : p.tokens;
  return quote([whole[Math.floor((whole.length - 1) / 2)]!]);
}

/** What one clause adds to the highlights, and whether it was widened by an expansion. */
interface ClauseSink {
  highlight: HighlightTerm[];
  highlightTerms: Set<string>;
  expanded: boolean;
}

/** One clause's MATCH strings over each table (null when none of its terms has searchable text). */
function clauseMatch(clause: Clause, expand: Expander, hasLongerTerms: CompletionCheck, sink: ClauseSink): ClauseMatch | null {
  const exactAlts: { term: TermNode; expr: string }[] = [];
  const fullAlts: { term: TermNode; expr: string }[] = [];
  const looseAlts: { term: TermNode; expr: string }[] = [];
  for (const term of clause.alternatives) {
    const parts = termParts(term.text);
    if (parts.length === 0) continue;
    const single = parts.length === 1 ? parts[0] : undefined;
    const expansions = !term.phrase && single?.kind === 'word' ? expand(single.text) : [];
    const last = parts[parts.length - 1]!;
    const exact = phraseTokens(parts, false);
    const full = phraseTokens(parts, term.prefix && (last.kind !== 'word' || hasLongerTerms(last.text)));
    exactAlts.push({ term, expr: phraseExpr(exact) });
    const alts = [phraseExpr(full)];
    const loose = [looseExpr(full)];
    if (full.prefix && !exact.prefix) sink.expanded = true;
    for (const word of expansions) {
      alts.push(quote([word]));
      loose.push(quote([word]));
      sink.highlight.push({ parts: [{ kind: 'word', text: word }], prefixLast: false });
      sink.highlightTerms.add(word);
      sink.expanded = true;
    }
    const group = (list: string[]): string => (list.length === 1 ? list[0]! : `(${list.join(' OR ')})`);
    fullAlts.push({ term, expr: group(alts) });
    looseAlts.push({ term, expr: group(loose) });
    sink.highlight.push({ parts, prefixLast: full.prefix });
    sink.highlightTerms.add(surface(parts));
  }
  if (exactAlts.length === 0) return null;
  return {
    own: anyOf(fullAlts.map((a) => ownExpr(a.term, a.expr))),
    ownExact: anyOf(exactAlts.map((a) => ownExpr(a.term, a.expr))),
    ownLoose: anyOf(looseAlts.map((a) => ownExpr(a.term, a.expr))),
    title: anyOf(fullAlts.map((a) => titleExpr(a.term, a.expr))),
    titleExact: anyOf(exactAlts.map((a) => titleExpr(a.term, a.expr))),
  };
}

/**
 * Builds the MATCH strings of a parsed query; `expand` gives typo expansions
 * of a Latin word, `hasLongerTerms` lets a word typed last match exactly when
 * nothing in the index continues it (one exact FTS5 query instead of a slower
 * prefix query plus the exact one for ranking tiers).
 */
export function buildQuery(q: ParsedQuery, expand: Expander = () => [], hasLongerTerms: CompletionCheck = () => true): BuiltQuery {
  const sink: ClauseSink = { highlight: [], highlightTerms: new Set(), expanded: false };
  const clauses = q.clauses.map((c) => clauseMatch(c, expand, hasLongerTerms, sink)).filter((c): c is ClauseMatch => c !== null);
  const { highlight, highlightTerms, expanded } = sink;

  const excludedPhrases = q.excluded
    .map((t) => {
      const parts = termParts(t.text);
      return parts.length === 0 ? null : { term: t, expr: phraseExpr(phraseTokens(parts, false)) };
    })
    .filter((e): e is { term: TermNode; expr: string } => e !== null);
  const joinOr = (exprs: (string | null)[]): string | null => {
    const real = exprs.filter((e): e is string => e !== null);
    return real.length === 0 ? null : real.join(' OR ');
  };
  const excluded = joinOr(excludedPhrases.map((e) => ownExpr(e.term, e.expr)));
  const excludedTitle = joinOr(excludedPhrases.map((e) => titleExpr(e.term, e.expr)));

  const built: BuiltQuery = {
    clauses,
    expanded,
    exact: null,
    full: null,
    phrase: null,
    excluded,
    excludedTitle,
    highlight,
    highlightTerms: [...highlightTerms],
  };
  built.exact = ownQuery(built, 0, 'exact');
  built.full = expanded ? ownQuery(built, 0, 'full') : built.exact;

  // Boost sections where several plain terms stand next to each other in order.
  const plain = q.clauses.every((c) => c.alternatives.length === 1 && !c.alternatives[0]!.phrase && c.alternatives[0]!.field === null);
  if (q.clauses.length >= 2 && plain) {
    const parts = joinParts(q.clauses.map((c) => termParts(c.alternatives[0]!.text)));
    const phrase = phraseExpr(phraseTokens(parts, false));
    built.phrase = excluded === null ? phrase : `(${phrase}) NOT (${excluded})`;
  }
  return built;
}

export type QueryVariant = 'exact' | 'full';

/**
 * The MATCH string over section rows for a digest whose title satisfies the
 * clauses in `titleMask` (bit j: clause j): its sections must hold every
 * other clause in their own text. A title that satisfies them all makes the
 * digest a match by itself; its sections are listed when they hold the
 * whole query (every clause a section can hold), as the sections of a
 * digest without a title match are. Excluded terms are left out. null when
 * no section can match (no clause, or one its sections cannot hold: a
 * title: term the title lacks).
 */
export function ownQuery(built: BuiltQuery, titleMask: number, variant: QueryVariant): string | null {
  const { clauses } = built;
  if (clauses.length === 0) return null;
  const own = (c: ClauseMatch): string | null => (variant === 'exact' ? c.ownExact : c.own);
  let needed = clauses.filter((_, j) => !inMask(titleMask, j)).map(own);
  if (needed.length === 0) needed = clauses.map(own).filter((e) => e !== null);
  if (needed.length === 0 || needed.some((e) => e === null)) return null;
  const positive = needed.join(' AND ');
  return built.excluded === null ? positive : `(${positive}) NOT (${built.excluded})`;
}

/** Clauses a title mask can record: one bit each (further clauses must be matched by the sections' own text). */
export const MASK_CLAUSES = 30;

/** Whether bit j of a title mask is set. */
export function inMask(mask: number, j: number): boolean {
  return j < MASK_CLAUSES && (mask & (1 << j)) !== 0;
}
