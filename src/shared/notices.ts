/**
 * Search notices: how a query was understood, as a code with parameters. The
 * core attaches the English message (for the CLI, scripts and logs); the UI
 * shows its own language from the code and parameters (renderer i18n keys
 * `notice.<code>`, whose English table is NOTICE_TEXT_EN below, so English is
 * written once). Placeholders are `{name}`, filled from `params`.
 */

export const NOTICE_TEXT_EN = {
  'lone-minus': "a lone '-' was ignored (write -word to exclude a word)",
  'not-an-operator': "'{op}:' is not an operator; searched as text",
  'unbalanced-quote': 'unbalanced quote: the text after it was searched as separate words',
  'operator-without-value': "'{op}:' has no value; searched as text",
  'folder-empty': "'in:{value}' names no folder; ignored",
  'bad-week': "unrecognised week '{value}' in week: (expected YYYY-Www); searched as text",
  'bad-date': "unrecognised date '{value}' in {op}:; searched as text",
  'bad-link-value': "'{op}:{value}' names no web site (write site:arxiv.org or link:github.com/openai); searched as text",
  'cannot-exclude-operator': "'-{op}:' cannot exclude; used as {op}:{value}",
  'punctuation-ignored': "'{text}' has no special meaning here; punctuation is ignored",
  'no-searchable-text': "'{text}' contains no searchable text; ignored",
  'or-with-exclusion': "'OR' cannot join an excluded term; 'OR' was ignored",
  'or-misplaced': "'OR' must stand between two terms; searched as the word 'or'",
  'and-is-default': "'AND' is searched as a word: a space already means AND",
  'boolean-word': "'{word}' is searched as a word (write -word to exclude)",
  'or-with-filter': "'OR' cannot join a filter; 'OR' was ignored",
  'field-without-value': "'{field}:' has no value; ignored",
  'or-at-end': "'OR' at the end of the query was ignored",
  'bad-date-filter': "unrecognised date '{value}' in {name}; ignored",
  'only-exclusions': 'the query has only excluded words: listing the digests without them',
  'nothing-to-search': 'the query holds nothing searchable (only punctuation or operators without words): nothing was searched',
  'unranked-too-many': 'more than {limit} sections match: newest first instead of by relevance (add words to narrow the search)',
  'unranked-before-filters':
    'more than {limit} sections match the words before the filters: newest first instead of by relevance (add words to narrow the search)',
  'search-failed': 'search failed: {reason}',
} as const;

export type NoticeCode = keyof typeof NOTICE_TEXT_EN;

export type NoticeParams = Readonly<Record<string, string | number>>;

export interface SearchNotice {
  code: NoticeCode;
  params: NoticeParams;
  /** English text of the notice (NOTICE_TEXT_EN filled in). */
  message: string;
}

export const NOTICE_CODES = Object.keys(NOTICE_TEXT_EN) as NoticeCode[];

/** Fills `{name}` placeholders; unknown names stay as written. */
export function fillTemplate(template: string, params: NoticeParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A notice with its English message. */
export function notice(code: NoticeCode, params: NoticeParams = {}): SearchNotice {
  return { code, params, message: fillTemplate(NOTICE_TEXT_EN[code], params) };
}
