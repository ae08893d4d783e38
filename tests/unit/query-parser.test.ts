import { describe, expect, it } from 'vitest';
import { buildQuery, phraseTokens, termParts } from '../../src/core/search/query-builder.js';
import { parseQuery, type ParsedQuery } from '../../src/core/search/query-parser.js';
import { notice, NOTICE_TEXT_EN, type NoticeCode } from '../../src/shared/notices.js';
import { QUERY_HELP } from '../../src/shared/query-help.js';

const terms = (q: ParsedQuery): string[][] => q.clauses.map((c) => c.alternatives.map((a) => a.text));
/** The notices' English messages. */
const messages = (q: ParsedQuery): string[] => q.notices.map((n) => n.message);

describe('parseQuery', () => {
  it('splits on spaces (AND) and keeps quoted phrases', () => {
    const q = parseQuery('agent "claude code" 代理');
    expect(terms(q)).toEqual([['agent'], ['claude code'], ['代理']]);
    expect(q.clauses[1]!.alternatives[0]!.phrase).toBe(true);
    expect(q.notices).toEqual([]);
  });

  it('joins neighbours with uppercase OR: a OR b c = (a OR b) AND c', () => {
    expect(terms(parseQuery('a OR b c'))).toEqual([['a', 'b'], ['c']]);
    expect(terms(parseQuery('a OR b OR "c d"'))).toEqual([['a', 'b', 'c d']]);
    expect(terms(parseQuery('a or b'))).toEqual([['a'], ['or'], ['b']]);
  });

  it('degrades OR at the ends or next to an exclusion to the word "or" with a notice', () => {
    for (const input of ['OR a', 'a OR', 'a OR -b']) {
      const q = parseQuery(input);
      expect(q.clauses.flatMap((c) => c.alternatives.map((t) => t.text))).toContain('OR');
      expect(messages(q).join(' ')).toMatch(/OR/);
    }
  });

  it('excludes -term and -"phrase"', () => {
    const q = parseQuery('ai -openai -"big model"');
    expect(terms(q)).toEqual([['ai']]);
    expect(q.excluded.map((t) => [t.text, t.phrase])).toEqual([
      ['openai', false],
      ['big model', true],
    ]);
  });

  it('reads tag:, -tag:, in: and -in: filters', () => {
    const q = parseQuery('tag:AI tag:"Machine Learning" -tag:crypto in:weekly/zh/ -in:drafts x');
    expect(q.tags).toEqual(['ai', 'machine learning']);
    expect(q.excludedTags).toEqual(['crypto']);
    expect(q.folders).toEqual(['weekly/zh']);
    expect(q.excludedFolders).toEqual(['drafts']);
    expect(terms(q)).toEqual([['x']]);
  });

  it('reads date operators as inclusive bounds: after: on or after, before: strictly before', () => {
    expect(parseQuery('after:2026-01').from).toBe('2026-01-01');
    expect(parseQuery('before:2026-02').to).toBe('2026-01-31');
    expect(parseQuery('before:2026-03-01').to).toBe('2026-02-28');
    const month = parseQuery('date:2026-02');
    expect([month.from, month.to]).toEqual(['2026-02-01', '2026-02-28']);
    const year = parseQuery('date:2026');
    expect([year.from, year.to]).toEqual(['2026-01-01', '2026-12-31']);
    const day = parseQuery('date:2026-02-06');
    expect([day.from, day.to]).toEqual(['2026-02-06', '2026-02-06']);
    const week = parseQuery('week:2026-W06');
    expect([week.from, week.to]).toEqual(['2026-02-02', '2026-02-08']);
    const both = parseQuery('after:2026-01 before:2026-03 date:2026');
    expect([both.from, both.to]).toEqual(['2026-01-01', '2026-02-28']);
  });

  it('searches unusable operator values as text with a notice', () => {
    const q = parseQuery('after:garbage tag: week:2026-02');
    expect(messages(q)).toContain("unrecognised date 'garbage' in after:; searched as text");
    expect(messages(q)).toContain("'tag:' has no value; searched as text");
    expect(messages(q).some((n) => n.includes("unrecognised week '2026-02'"))).toBe(true);
    expect(q.from).toBeNull();
    expect(terms(q).flat()).toEqual(['after:garbage', 'tag:', 'week:2026-02']);
  });

  it('restricts title: and heading: terms to their field', () => {
    const q = parseQuery('title:anthropic heading:"深度 报道"');
    expect(q.clauses.map((c) => [c.alternatives[0]!.field, c.alternatives[0]!.text])).toEqual([
      ['title', 'anthropic'],
      ['heading', '深度 报道'],
    ]);
  });

  it('marks the last unquoted term as a prefix only while it is being typed', () => {
    expect(parseQuery('claude anthro').clauses.map((c) => c.alternatives[0]!.prefix)).toEqual([false, true]);
    expect(parseQuery('claude anthro ').clauses.map((c) => c.alternatives[0]!.prefix)).toEqual([false, false]);
    expect(parseQuery('"claude anthro"').clauses[0]!.alternatives[0]!.prefix).toBe(false);
    expect(parseQuery('anthro -x').clauses[0]!.alternatives[0]!.prefix).toBe(false);
  });

  it('handles unbalanced quotes, lone minus, FTS syntax and control characters without throwing', () => {
    const q = parseQuery('"unclosed phrase - a*b ^c (d) NEAR e AND f NOT g \u0000 h:i');
    expect(messages(q).some((n) => n.startsWith('unbalanced quote'))).toBe(true);
    expect(messages(q).some((n) => n.startsWith("a lone '-'"))).toBe(true);
    expect(messages(q).some((n) => n.includes('no special meaning'))).toBe(true);
    expect(messages(q).some((n) => n.includes("'AND' is searched as a word"))).toBe(true);
    expect(messages(q)).toContain("'h:' is not an operator; searched as text");
    expect(terms(q).flat()).toEqual(['unclosed', 'phrase', 'a*b', '^c', '(d)', 'NEAR', 'e', 'AND', 'f', 'NOT', 'g', 'h:i']);
  });

  it('ignores terms without searchable text', () => {
    const q = parseQuery('*** !!');
    expect(q.clauses).toEqual([]);
    expect(messages(q).filter((n) => n.includes('no searchable text'))).toHaveLength(2);
  });
});

describe('parseQuery notices', () => {
  // Every notice the parser gives, as a code with parameters; the message is the English template filled in, as before codes.
  it.each<[string, NoticeCode, Record<string, string>, string]>([
    ['a -', 'lone-minus', {}, "a lone '-' was ignored (write -word to exclude a word)"],
    ['foo:bar', 'not-an-operator', { op: 'foo' }, "'foo:' is not an operator; searched as text"],
    ['"open', 'unbalanced-quote', {}, 'unbalanced quote: the text after it was searched as separate words'],
    ['x tag:', 'operator-without-value', { op: 'tag' }, "'tag:' has no value; searched as text"],
    ['x in:/', 'folder-empty', { value: '/' }, "'in:/' names no folder; ignored"],
    ['x week:2026-02', 'bad-week', { value: '2026-02' }, "unrecognised week '2026-02' in week: (expected YYYY-Www); searched as text"],
    ['x after:soon', 'bad-date', { value: 'soon', op: 'after' }, "unrecognised date 'soon' in after:; searched as text"],
    ['-date:2026', 'cannot-exclude-operator', { op: 'date', value: '2026' }, "'-date:' cannot exclude; used as date:2026"],
    ['a*b', 'punctuation-ignored', { text: '*' }, "'*' has no special meaning here; punctuation is ignored"],
    ['x !!!', 'no-searchable-text', { text: '!!!' }, "'!!!' contains no searchable text; ignored"],
    ['OR a', 'or-misplaced', {}, "'OR' must stand between two terms; searched as the word 'or'"],
    ['a AND b', 'and-is-default', {}, "'AND' is searched as a word: a space already means AND"],
    ['a NOT b', 'boolean-word', { word: 'NOT' }, "'NOT' is searched as a word (write -word to exclude)"],
    ['x title:', 'field-without-value', { field: 'title' }, "'title:' has no value; ignored"],
    ['a OR title:', 'or-at-end', {}, "'OR' at the end of the query was ignored"],
  ])('%j -> %s', (query, code, params, message) => {
    const found = parseQuery(query).notices.find((n) => n.code === code);
    expect(found).toEqual({ code, params, message });
    expect(found).toEqual(notice(code, params));
  });

  it.each([['!!!'], ['（）【】'], ['tag:'], ['-'], ['-tag:'], ['title: heading:'], ['"" ""'], ['((( )))'], ['in:/'], ['tag: in:']])(
    'a query of only punctuation or operators holds nothing to search: %j',
    (query) => {
      const q = parseQuery(query);
      expect(q.nothingToSearch).toBe(true);
      expect(q.clauses).toEqual([]);
      expect(q.excluded).toEqual([]);
      expect(q.notices.map((n) => n.code)).toContain('nothing-to-search');
      expect(q.notices.map((n) => n.code)).not.toContain('operator-without-value'); // nothing was searched as text
    },
  );

  it('a blank query, a filter or a word is something to search', () => {
    for (const query of ['', '   ', 'tag:AI', 'after:2026-01', 'in:weekly', '-x', 'x !!!', 'x tag:', 'OR']) {
      expect(parseQuery(query).nothingToSearch, query).toBe(false);
    }
  });

  it('every code has an English template', () => {
    expect(NOTICE_TEXT_EN['nothing-to-search']).toMatch(/nothing was searched/);
  });
});

describe('buildQuery', () => {
  it('turns a CJK run into the phrase of its bigrams and a single CJK char into a prefix', () => {
    expect(phraseTokens(termParts('后门检测'), false)).toEqual({ tokens: ['后门', '门检', '检测'], prefix: false });
    expect(phraseTokens(termParts('测'), false)).toEqual({ tokens: ['测'], prefix: true });
    expect(buildQuery(parseQuery('后门检测 ')).exact).toBe('"后门 门检 检测"');
    expect(buildQuery(parseQuery('测 ')).exact).toBe('"测" *');
  });

  it('keeps the final character of a CJK run that is followed by more of the term', () => {
    expect(phraseTokens(termParts('智能agent'), false).tokens).toEqual(['智能', '能', 'agent']);
    expect(phraseTokens(termParts('agent智能'), false).tokens).toEqual(['agent', '智能']);
  });

  it('makes version-like words a phrase and quotes every token', () => {
    expect(buildQuery(parseQuery('GPT-5.3-Codex ')).exact).toBe('"gpt 5.3 codex"');
    // A quote inside a word never reaches FTS5: the word becomes the phrase of its parts.
    expect(buildQuery(parseQuery('a"b ')).exact).toBe('"a b"');
  });

  it('drops the prefix of a word typed last when the index has no longer term starting with it', () => {
    const complete = (token: string): boolean => token !== 'codex' && token !== 'nvidia';
    expect(buildQuery(parseQuery('NVIDIA'), () => [], complete).full).toBe('"nvidia"');
    expect(buildQuery(parseQuery('GPT-5.3-Codex'), () => [], complete).full).toBe('"gpt 5.3 codex"');
    expect(buildQuery(parseQuery('anthro'), () => [], complete).full).toBe('"anthro" *');
    // CJK runs never take the check: they already match inside longer runs.
    expect(buildQuery(parseQuery('测'), () => [], () => false).full).toBe('"测" *');
  });

  it('adds a prefix only to the full query, and typo expansions as an OR group', () => {
    const b = buildQuery(parseQuery('claude antrhopic'), (w) => (w === 'antrhopic' ? ['anthropic'] : []));
    expect(b.exact).toBe('"claude" AND "antrhopic"');
    expect(b.full).toBe('"claude" AND ("antrhopic" * OR "anthropic")');
    expect(b.phrase).toBe('"claude antrhopic"');
    expect(b.highlightTerms).toEqual(['claude', 'anthropic', 'antrhopic']);
  });

  it('builds OR groups, field filters and exclusions', () => {
    const b = buildQuery(parseQuery('a OR title:b -c -"d e" '));
    // Section rows hold no title: the title: alternative is matched against the title rows only.
    expect(b.exact).toBe('("a") NOT ("c" OR "d e")');
    expect(b.clauses).toEqual([{ own: '"a"', ownExact: '"a"', ownLoose: '"a"', title: '("a" OR "b")', titleExact: '("a" OR "b")' }]);
    // The loose form of a phrase is one of its tokens (no positions); of one typed last, a token before the prefix; of a lone prefix, the prefix.
    expect(buildQuery(parseQuery('"后门检测" gpt-5.3-codex')).clauses.map((c) => c.ownLoose)).toEqual(['"门检"', '"gpt"']);
    expect(buildQuery(parseQuery('hug')).clauses.map((c) => c.ownLoose)).toEqual(['"hug" *']);
    expect(b.excluded).toBe('"c" OR "d e"');
    expect(b.excludedTitle).toBe('"c" OR "d e"');
    const fields = buildQuery(parseQuery('heading:x title:y -heading:z '));
    expect(fields.clauses.map((c) => [c.own, c.title])).toEqual([
      ['{heading} : ("x")', null],
      [null, '"y"'],
    ]);
    // A title: clause cannot be held by a section's own text, so no section query covers every clause.
    expect(fields.exact).toBeNull();
    expect([fields.excluded, fields.excludedTitle]).toEqual(['{heading} : ("z")', null]);
  });

  it('returns null MATCH strings for a query of filters only', () => {
    const b = buildQuery(parseQuery('tag:ai after:2026-01'));
    expect([b.exact, b.full, b.excluded]).toEqual([null, null, null]);
  });
});

describe('QUERY_HELP', () => {
  it('has examples that parse without a notice, in both languages', () => {
    for (const entry of QUERY_HELP) {
      const q = parseQuery(entry.example);
      expect(q.notices, entry.example).toEqual([]);
      expect(q.clauses.length + q.tags.length + q.folders.length + (q.from ? 1 : 0), entry.example).toBeGreaterThan(0);
      expect(entry.description.en.length).toBeGreaterThan(10);
      expect(entry.description['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
