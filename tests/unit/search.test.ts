import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SearchRequest, SearchResponse } from '../../src/shared/api.js';
import { SearchEngine } from '../../src/core/search/engine.js';
import { FacetIndex } from '../../src/core/search/facets.js';
import { decodeSnapshot, emptyColumns, encodeSnapshot } from '../../src/core/search/catalog-snapshot.js';
import { buildQuery } from '../../src/core/search/query-builder.js';
import { parseQuery } from '../../src/core/search/query-parser.js';
import { findMatches, makeSnippet } from '../../src/core/search/snippet.js';
import { DigestCatalog } from '../../src/core/search/catalog.js';
import { indexGeneration } from '../../src/core/store/generation.js';
import { Store } from '../../src/core/store/store.js';
import { parsedDigest, section } from '../helpers/parsed.js';
import { SearchFixture, type FixtureDigest } from './search-fixtures.js';

const DIGESTS: FixtureDigest[] = [
  {
    path: 'weekly/2026-02-06.md',
    title: 'AI 周报 2026-W06',
    date: '2026-02-06',
    tags: ['AI', 'Agents'],
    sections: [
      { text: '本周导读：智能代理与安全。' },
      { heading: '模型发布', text: 'OpenAI 发布 GPT-5.3-Codex，Anthropic 发布 Claude Opus 4.6。' },
      { heading: '安全', text: '研究者提出新的后门检测方法，可发现模型中的后门。' },
    ],
  },
  {
    path: 'weekly/2026-01-30.md',
    title: 'AI 周报 2026-W05',
    date: '2026-01-30',
    tags: ['ai', 'Security'],
    sections: [
      { heading: '代理人', text: '代理人制度与 agent 框架的讨论。Moonshot 发布 Kimi K2.5。' },
      { heading: '检测', text: '后门是一个问题，检测也很难。' },
    ],
  },
  {
    path: 'notes/2025-12-15.md',
    title: 'Anthropic notes',
    date: '2025-12-15',
    tags: ['Research'],
    sections: [{ heading: 'Claude code', text: 'Notes about claude code and the Claude Code CLI.' }],
  },
  {
    path: 'notes/undated.md',
    title: 'Undated scratch',
    date: null,
    tags: [],
    sections: [{ text: 'A note with a typo: Antrhopic wrote this. Claude and code appear apart here.' }],
  },
];

let fx: SearchFixture;
let engine: SearchEngine;

beforeEach(() => {
  fx = SearchFixture.create(DIGESTS);
  engine = new SearchEngine(fx.db);
});

afterEach(() => fx.close());

const search = (query: string, extra: Partial<SearchRequest> = {}): SearchResponse => engine.search({ query, limit: 0, ...extra });
const paths = (r: SearchResponse): string[] => r.results.map((h) => h.path);
const pathSet = (r: SearchResponse): string[] => paths(r).sort();
/** The notices' English messages. */
const messages = (r: SearchResponse): string[] => r.notices.map((n) => n.message);

/** A facet index over digests with these dates, weeks and tags, built from their catalog table as the engine builds it. */
function facetIndexOf(digests: { date: string | null; week: string | null; tags: string[]; tagNorms: string[] }[]): FacetIndex {
  const c = emptyColumns();
  digests.forEach((d, i) => {
    c.id.push(i + 1);
    c.path.push(`d${i}.md`);
    c.title.push(`D${i}`);
    c.date.push(d.date);
    c.week.push(d.week);
    c.firstSection.push(0);
    c.sectionCount.push(0);
    c.tagCount.push(d.tags.length);
    c.tags.push(...d.tags);
    c.tagNorms.push(...d.tagNorms);
  });
  const order = digests.map((_, i) => i);
  return FacetIndex.build(decodeSnapshot(encodeSnapshot({ columns: c, newest: order, oldest: order }))!);
}

describe('CJK matching', () => {
  it('finds a CJK run inside longer runs (代理 in 智能代理 and 代理人)', () => {
    expect(pathSet(search('代理 '))).toEqual(['weekly/2026-01-30.md', 'weekly/2026-02-06.md']);
  });

  it('matches a CJK run contiguously only (后门检测 not when 后门 and 检测 are apart)', () => {
    const r = search('后门检测 ');
    expect(paths(r)).toEqual(['weekly/2026-02-06.md']);
    expect(r.results[0]!.sections.map((s) => s.heading)).toEqual(['安全']);
  });

  it('treats a single CJK character as any occurrence of it', () => {
    expect(pathSet(search('测'))).toEqual(['weekly/2026-01-30.md', 'weekly/2026-02-06.md']);
    expect(paths(search('框'))).toEqual(['weekly/2026-01-30.md']);
  });
});

describe('Latin matching', () => {
  it('is case- and width-insensitive and keeps version-like tokens', () => {
    expect(paths(search('ＧＰＴ-5.3-codex '))).toEqual(['weekly/2026-02-06.md']);
    expect(paths(search('k2.5 '))).toEqual(['weekly/2026-01-30.md']);
    expect(paths(search('4.6 '))).toEqual(['weekly/2026-02-06.md']);
    expect(paths(search('gpt-5.4 '))).toEqual([]);
  });

  it('matches the last term as a prefix while typing, not after a space', () => {
    expect(pathSet(search('anthro'))).toEqual(['notes/2025-12-15.md', 'weekly/2026-02-06.md']);
    expect(paths(search('anthro '))).toEqual([]);
  });

  it('tolerates typos in longer words and ranks them below exact matches', () => {
    const r = search('anthropic ');
    expect(paths(r).slice(0, 2).sort()).toEqual(['notes/2025-12-15.md', 'weekly/2026-02-06.md']);
    expect(paths(r)[2]).toBe('notes/undated.md');
    expect(r.results[2]!.score).toBeLessThan(r.results[1]!.score);
    expect(r.highlightTerms).toContain('antrhopic');
    const typo = search('Antrhopic ');
    expect(paths(typo)[0]).toBe('notes/undated.md');
    expect(paths(typo).slice(1).sort()).toEqual(['notes/2025-12-15.md', 'weekly/2026-02-06.md']);
  });

  it('does not typo-expand short words', () => {
    expect(paths(search('cod '))).toEqual([]);
  });
});

describe('operators and filters', () => {
  it('excludes -term and -"phrase" at section level', () => {
    expect(pathSet(search('claude'))).toEqual(['notes/2025-12-15.md', 'notes/undated.md', 'weekly/2026-02-06.md']);
    expect(pathSet(search('claude -opus'))).toEqual(['notes/2025-12-15.md', 'notes/undated.md']);
    expect(pathSet(search('claude -"claude code"'))).toEqual(['notes/undated.md', 'weekly/2026-02-06.md']);
  });

  it('lists digests without the words for a query of exclusions only', () => {
    const r = search('-claude');
    expect(pathSet(r)).toEqual(['weekly/2026-01-30.md']);
    expect(messages(r).join(' ')).toMatch(/only excluded/);
  });

  it('matches quoted phrases exactly', () => {
    expect(pathSet(search('"claude code"'))).toEqual(['notes/2025-12-15.md']);
  });

  it('joins terms with OR', () => {
    expect(pathSet(search('kimi OR opus'))).toEqual(['weekly/2026-01-30.md', 'weekly/2026-02-06.md']);
    expect(pathSet(search('kimi OR opus 代理人'))).toEqual(['weekly/2026-01-30.md']);
  });

  it('filters by tag: (all of them, case-insensitive) and -tag:', () => {
    expect(pathSet(search('tag:ai'))).toEqual(['weekly/2026-01-30.md', 'weekly/2026-02-06.md']);
    expect(pathSet(search('tag:AI tag:security'))).toEqual(['weekly/2026-01-30.md']);
    expect(pathSet(search('tag:ai -tag:Security'))).toEqual(['weekly/2026-02-06.md']);
  });

  it('filters by request tags with any/all', () => {
    expect(pathSet(search('', { tags: ['Security', 'Research'] }))).toEqual(['notes/2025-12-15.md', 'weekly/2026-01-30.md']);
    expect(paths(search('', { tags: ['ai', 'security'], tagMode: 'all' }))).toEqual(['weekly/2026-01-30.md']);
  });

  it('filters by dates: after:, before:, date:, week: and the request range', () => {
    expect(paths(search('after:2026-02'))).toEqual(['weekly/2026-02-06.md']);
    expect(paths(search('before:2026-01'))).toEqual(['notes/2025-12-15.md']);
    expect(paths(search('date:2026'))).toEqual(['weekly/2026-02-06.md', 'weekly/2026-01-30.md']);
    expect(paths(search('date:2026-01-30'))).toEqual(['weekly/2026-01-30.md']);
    expect(paths(search('week:2026-W05'))).toEqual(['weekly/2026-01-30.md']);
    expect(paths(search('', { from: '2026-01-01', to: '2026-01-31' }))).toEqual(['weekly/2026-01-30.md']);
    const bad = search('', { from: 'soon' });
    expect(messages(bad)).toContain("unrecognised date 'soon' in from; ignored");
  });

  it('restricts title: and heading: to their fields', () => {
    expect(pathSet(search('title:anthropic '))).toEqual(['notes/2025-12-15.md']);
    const h = search('heading:检测 ');
    expect(paths(h)).toEqual(['weekly/2026-01-30.md']);
    expect(h.results[0]!.sections.map((s) => s.heading)).toEqual(['检测']);
  });

  it('restricts in: to a folder prefix', () => {
    expect(pathSet(search('in:notes claude'))).toEqual(['notes/2025-12-15.md', 'notes/undated.md']);
    expect(pathSet(search('-in:notes claude'))).toEqual(['weekly/2026-02-06.md']);
    expect(paths(search('in:note claude'))).toEqual([]);
  });

  it('lists filter-only queries newest first with the lead section, undated last', () => {
    const r = search('');
    expect(paths(r)).toEqual(['weekly/2026-02-06.md', 'weekly/2026-01-30.md', 'notes/2025-12-15.md', 'notes/undated.md']);
    expect(r.results[0]!.sections.map((s) => s.id)).toEqual([fx.sectionId('weekly/2026-02-06.md', 0)]);
    expect(r.results[0]!.sectionCount).toBe(3);
    expect(r.totalSections).toBe(7);
    expect(paths(search('tag:ai', { sort: 'oldest' }))).toEqual(['weekly/2026-01-30.md', 'weekly/2026-02-06.md']);
  });
});

describe('ranking, grouping and paging', () => {
  it('weights the title above the body', () => {
    const r = search('anthropic ', { sort: 'relevance' });
    expect(paths(r)[0]).toBe('notes/2025-12-15.md');
  });

  it('boosts sections where the words stand as a phrase', () => {
    fx.add(
      { path: 'x/a.md', title: 'A', date: '2026-03-01', sections: [{ text: 'widget alpha and then some other words beta widget' }] },
      { path: 'x/b.md', title: 'B', date: '2026-03-02', sections: [{ text: 'the alpha beta release with other words widget widget' }] },
    );
    expect(paths(search('alpha beta ')).slice(0, 1)).toEqual(['x/b.md']);
  });

  it('sorts by date newest/oldest with ties by path, sections in document order', () => {
    fx.add({ path: 'a/same-day.md', title: 'same', date: '2026-02-06', sections: [{ text: 'claude' }] });
    expect(paths(search('claude', { sort: 'newest' }))).toEqual([
      'a/same-day.md',
      'weekly/2026-02-06.md',
      'notes/2025-12-15.md',
      'notes/undated.md',
    ]);
    expect(paths(search('claude', { sort: 'oldest' }))).toEqual([
      'notes/2025-12-15.md',
      'a/same-day.md',
      'weekly/2026-02-06.md',
      'notes/undated.md',
    ]);
  });

  it('lists very common queries newest first (exact hits first) instead of scoring them all', () => {
    // Two sections match (one by a typo); notes/2025-12-15.md matches by its title alone, with no section.
    const small = new SearchEngine(fx.db, { relevanceLimit: 1 });
    const r = small.search({ query: 'anthropic ', limit: 0 });
    expect(r.results.map((h) => h.path)).toEqual(['weekly/2026-02-06.md', 'notes/2025-12-15.md', 'notes/undated.md']);
    expect(r.results.every((h) => h.score === 0)).toBe(true);
    expect(messages(r)).toContain('more than 1 sections match: newest first instead of by relevance (add words to narrow the search)');
    expect(small.search({ query: '后门检测 ' }).notices).toEqual([]);
  });

  it('ranks a filtered search only when bm25 would read few sections before the filters', () => {
    // "claude" matches 3 sections; tag:research keeps 1 of them.
    const tight = new SearchEngine(fx.db, { relevanceLimit: 1, rankScanLimit: 2 });
    const listed = tight.search({ query: 'claude tag:research', limit: 0 });
    expect(listed.results.map((h) => h.path)).toEqual(['notes/2025-12-15.md']);
    expect(listed.results[0]!.score).toBe(0);
    expect(messages(listed)).toContain(
      'more than 2 sections match the words before the filters: newest first instead of by relevance (add words to narrow the search)',
    );
    const roomy = new SearchEngine(fx.db, { relevanceLimit: 1, rankScanLimit: 3 });
    const ranked = roomy.search({ query: 'claude tag:research', limit: 0 });
    expect(ranked.results[0]!.score).toBeGreaterThan(0);
    expect(ranked.notices).toEqual([]);
  });

  it('caps sections per digest, reports the real count, and pages over digests', () => {
    fx.add({
      path: 'big/many.md',
      title: 'many',
      date: '2026-04-01',
      sections: Array.from({ length: 6 }, (_, i) => ({ heading: `h${i}`, text: `zeta section ${i}` })),
    });
    fx.add(
      ...Array.from({ length: 5 }, (_, i) => ({ path: `big/p${i}.md`, title: `p${i}`, date: `2026-05-0${i + 1}`, sections: [{ text: 'zeta once' }] })),
    );
    const all = search('zeta ', { sort: 'newest' });
    expect(all.total).toBe(6);
    expect(all.totalSections).toBe(11);
    const many = all.results.find((h) => h.path === 'big/many.md')!;
    expect(many.sectionCount).toBe(6);
    expect(many.sections.map((s) => s.heading)).toEqual(['h0', 'h1', 'h2']);
    const page = search('zeta ', { sort: 'newest', offset: 2, limit: 2 });
    expect(paths(page)).toEqual(paths(all).slice(2, 4));
    expect(page.total).toBe(6);
    expect(engine.search({ query: 'zeta ' }).results).toHaveLength(6);
    expect(engine.search({ query: 'zeta ', limit: 3 }).results).toHaveLength(3);
    const every = (sort: 'newest' | 'relevance') =>
      engine.search({ query: 'zeta ', sort, sectionsPerDigest: 0 }).results.find((h) => h.path === 'big/many.md')!.sections;
    expect(every('newest').map((s) => s.heading)).toEqual(['h0', 'h1', 'h2', 'h3', 'h4', 'h5']);
    expect(every('relevance')).toHaveLength(6);
    expect(engine.search({ query: 'zeta ', sectionsPerDigest: 1 }).results.every((h) => h.sections.length === 1)).toBe(true);
  });
});

describe('snippets', () => {
  it('highlights CJK and mixed text with ranges into the snippet', () => {
    const r = search('代理 agent');
    const hit = r.results.find((h) => h.path === 'weekly/2026-01-30.md')!;
    const s = hit.sections[0]!;
    expect(s.ranges.map(([a, b]) => s.snippet.slice(a, b))).toEqual(['代理', 'agent']);
  });

  it('highlights version phrases, full-width text and prefix/typo expansions in the original spelling', () => {
    const text = '前言 ＧＰＴ-5.3-Codex 发布；Anthropic 与 Antrhopic。';
    const b = buildQuery(parseQuery('gpt-5.3-codex anthro'), (w) => (w === 'anthro' ? [] : []));
    const snip = makeSnippet(text, b.highlight);
    expect(snip.ranges.map(([a, c]) => snip.snippet.slice(a, c))).toEqual(['ＧＰＴ-5.3-Codex', 'Anthropic']);
    const typo = buildQuery(parseQuery('anthropic '), (w) => (w === 'anthropic' ? ['antrhopic'] : []));
    expect(findMatches(text, typo.highlight).map(([a, c]) => text.slice(a, c))).toEqual(['Anthropic', 'Antrhopic']);
  });

  it('maps offsets through NFKC length changes', () => {
    const text = '㍿の代理 ﬁle agent';
    const b = buildQuery(parseQuery('代理 file agent '));
    expect(findMatches(text, b.highlight).map(([a, c]) => text.slice(a, c))).toEqual(['代理', 'ﬁle', 'agent']);
  });

  it('windows long text around the best match, with ellipses and whitespace collapsed', () => {
    const text = `${'开头内容。'.repeat(60)}\n\n关键  后门检测 结果\n${'结尾内容。'.repeat(60)}`;
    const b = buildQuery(parseQuery('后门检测 '));
    const snip = makeSnippet(text, b.highlight);
    expect(snip.snippet.startsWith('\u2026')).toBe(true);
    expect(snip.snippet.endsWith('\u2026')).toBe(true);
    expect(snip.snippet).toContain('关键 后门检测 结果');
    expect(snip.ranges.map(([a, c]) => snip.snippet.slice(a, c))).toEqual(['后门检测']);
  });

  it('shows a digest matched by its title alone with its title highlighted and its first section as a preview', () => {
    const r = search('title:notes ');
    const hit = r.results[0]!;
    expect([hit.titleOnly, hit.sectionCount, hit.titleRanges]).toEqual([true, 0, [[10, 15]]]);
    expect(hit.title.slice(10, 15)).toBe('notes');
    const s = hit.sections[0]!;
    expect([s.preview, s.ranges]).toEqual([true, []]);
    expect(s.snippet.startsWith('Notes about claude code')).toBe(true);
  });

  it('does not split surrogate pairs', () => {
    const text = `${'𠀀'.repeat(100)}后门${'𠀀'.repeat(100)}`;
    const snip = makeSnippet(text, buildQuery(parseQuery('后门 ')).highlight);
    expect(snip.snippet).not.toMatch(/^\u2026?[\udc00-\udfff]/);
    expect(snip.ranges.map(([a, c]) => snip.snippet.slice(a, c))).toEqual(['后门']);
  });
});

describe('facets', () => {
  it('counts tags, weeks, months and years over the matching digests and filters', () => {
    fx.add({ path: 'z/other.md', title: 'other', date: '2024-01-01', tags: ['AI'], sections: [{ text: 'unrelated' }] });
    const r = search('tag:ai after:2025');
    expect(r.facets).toEqual({
      tags: { AI: 2, Agents: 1, Security: 1 },
      weeks: { '2026-W06': 1, '2026-W05': 1 },
      months: { '2026-02': 1, '2026-01': 1 },
      years: { '2026': 2 },
      mentions: {},
    });
    const c = search('claude');
    expect(c.facets.years).toEqual({ '2026': 1, '2025': 1 });
    expect(search('claude', { facets: false }).facets.tags).toEqual({});
  });

  it('groups tag spellings by their normalised form', () => {
    const index = facetIndexOf([
      { date: null, week: null, tags: ['ＡＩ', 'x', 'ai'], tagNorms: ['ai', 'x', 'ai'] },
      { date: '2026-01-01', week: '2026-W01', tags: ['ＡＩ'], tagNorms: ['ai'] },
      { date: '2025-12-31', week: '2026-W01', tags: ['y'], tagNorms: ['y'] },
    ]);
    const f = index.count([0, 1]);
    expect(f.tags).toEqual({ ＡＩ: 2, x: 1 });
    expect(Object.keys(f.tags)).toEqual(['ＡＩ', 'x']);
    expect(f.weeks).toEqual({ '2026-W01': 1 });
    expect(index.count([1, 2]).months).toEqual({ '2026-01': 1, '2025-12': 1 });
    expect(index.count([])).toEqual({ tags: {}, weeks: {}, months: {}, years: {} });
  });
});

describe('index lifecycle', () => {
  it('gives the same results after closing and reopening the database', () => {
    const before = search('代理 ');
    fx.reopen();
    engine = new SearchEngine(fx.db);
    const after = search('代理 ');
    expect({ ...after, tookMs: 0 }).toEqual({ ...before, tookMs: 0 });
  });

  it('rebuilds the postings when the tokenizer version differs', () => {
    fx.db.exec("INSERT INTO section_fts(section_fts) VALUES ('delete-all'); UPDATE meta SET value = '0' WHERE key = 'tokenizer_version'");
    expect(search('代理 ').total).toBe(0);
    fx.reopen();
    engine = new SearchEngine(fx.db);
    expect(search('代理 ').total).toBe(2);
  });

  it('sees incremental updates (sections deleted and inserted) without a new engine', async () => {
    expect(search('kimi ').total).toBe(1);
    fx.remove('weekly/2026-01-30.md');
    expect(search('kimi ').total).toBe(0);
    fx.add({ path: 'n/new.md', title: 'new', date: '2026-06-01', sections: [{ text: 'Kimi K3 发布' }] });
    expect(paths(search('kimi '))).toEqual(['n/new.md']);
    fx.add({ path: 'n/typo.md', title: 'typo', date: '2026-06-02', sections: [{ text: 'moonshotx' }] });
    // The typo vocabulary refreshes in the background (fuzzy.ts): the new word becomes an expansion once it has.
    await vi.waitFor(() => expect(paths(search('moonshot '))).toContain('n/typo.md'));
  });
});

describe('freshness (the index generation)', () => {
  const snippetOf = (r: SearchResponse): string => r.results[0]!.sections[0]!.snippet;

  it('sees writes from its own connection without being told: catalog, section texts and typo words', async () => {
    const idOf = (p: string): unknown => fx.db.prepare('SELECT id FROM digest WHERE path = ?').pluck().get(p);
    expect(search('tag:fresh').total).toBe(0);
    expect(snippetOf(search('antrhopic '))).toContain('Claude and code');
    const id = idOf('notes/undated.md');
    fx.add({ path: 'notes/undated.md', title: 'Undated scratch', tags: ['fresh'], sections: [{ text: 'Antrhopic again, rewritten.' }] });
    expect(paths(search('tag:fresh'))).toEqual(['notes/undated.md']);
    // The rewritten digest got its old id back (the highest one), so only dropping the cached texts shows the new text.
    expect(idOf('notes/undated.md')).toBe(id);
    expect(snippetOf(search('antrhopic '))).toContain('rewritten');
    expect(paths(search('anthropic '))).not.toContain('n/typo.md');
    fx.add({ path: 'n/typo.md', title: 'typo', date: '2026-06-02', sections: [{ text: 'anthropicx' }] });
    await vi.waitFor(() => expect(paths(search('anthropic '))).toContain('n/typo.md'));
  });

  it('sees writes from another connection (as another process would write) without being told', async () => {
    expect(paths(search('kimi '))).toEqual(['weekly/2026-01-30.md']);
    expect(search('moonshot ').total).toBe(1);
    const other = Store.open(fx.dbPath);
    try {
      other.batch(() => {
        other.removeFile('weekly/2026-01-30.md');
        other.putDigest({
          path: 'other/new.md',
          size: 0,
          mtimeMs: 0,
          hash: 'h',
          encoding: 'utf-8',
          parsed: parsedDigest({ title: 'From elsewhere', date: '2026-07-01', tags: ['Elsewhere'], body: 'Kimi K4 moonshotz\n', sections: [section(0, [], 'Kimi K4 moonshotz')] }),
          links: [],
          warnings: [],
        });
      });
    } finally {
      other.close();
    }
    const r = search('kimi ');
    expect(paths(r)).toEqual(['other/new.md']);
    expect(r.facets.tags).toEqual({ Elsewhere: 1 });
    expect(snippetOf(r)).toContain('K4');
    await vi.waitFor(() => expect(paths(search('moonshot '))).toEqual(['other/new.md']));
  });

  it('sees a rename (moveFile updates digest.path, which moves the generation)', () => {
    expect(paths(search('kimi '))).toEqual(['weekly/2026-01-30.md']);
    const before = indexGeneration(fx.db);
    fx.store.batch(() => fx.store.moveFile('weekly/2026-01-30.md', 'archive/2026-01-30.md', 0, 0, []));
    expect(indexGeneration(fx.db)).toBeGreaterThan(before);
    const r = search('kimi ');
    expect(paths(r)).toEqual(['archive/2026-01-30.md']);
    expect(r.results[0]!.sections[0]!.id).toBe(fx.sectionId('archive/2026-01-30.md', 0));
    expect(paths(search('kimi in:archive'))).toEqual(['archive/2026-01-30.md']);
    expect(search('kimi in:weekly').total).toBe(0);
  });

  it('keeps its catalog while nothing is written, and reloads it once after a write', () => {
    const load = vi.spyOn(DigestCatalog, 'load');
    try {
      search('代理 ');
      search('claude');
      engine.related(fx.sectionId('notes/2025-12-15.md', 0));
      expect(load).toHaveBeenCalledTimes(1);
      fx.add({ path: 'z/z.md', title: 'z', date: '2026-03-01', sections: [{ text: '代理' }] });
      search('代理 ');
      search('claude');
      expect(load).toHaveBeenCalledTimes(2);
    } finally {
      load.mockRestore();
    }
  });
});

describe('sparse rowids', () => {
  it('maps far-apart section rowids (left by years of re-indexing) to their digests', () => {
    // New digests take the rowids after the highest one: a placeholder row at 4,999,999 pushes the next digest far out.
    const digestId = fx.db.prepare("SELECT id FROM digest WHERE path = 'notes/undated.md'").pluck().get() as number;
    fx.db
      .prepare("INSERT INTO section(rowid, id, digest_id, ordinal, heading, level, ancestors, start, end) VALUES (4999999, 'placeholder', ?, 99, '', 0, '[]', 0, 0)")
      .run(digestId);
    fx.add({ path: 'far/away.md', title: 'Far', date: '2026-08-01', sections: [{ text: 'intro' }, { heading: 'Far', text: 'farawayword' }] });
    fx.db.prepare('DELETE FROM section WHERE rowid = 4999999').run();
    expect(fx.db.prepare("SELECT first_section FROM digest WHERE path = 'far/away.md'").pluck().get()).toBe(5_000_000);
    const r = search('farawayword ');
    expect(paths(r)).toEqual(['far/away.md']);
    expect(r.results[0]!.sections.map((x) => x.id)).toEqual([fx.sectionId('far/away.md', 1)]);
    expect(r.results[0]!.sections[0]!.snippet).toContain('farawayword');
    expect(paths(search('代理 '))).toHaveLength(2);
  });
});

describe('hostile queries', () => {
  it('never throws and never injects FTS5 syntax', () => {
    const inputs = [
      '\u0000',
      '"',
      '""',
      '"""',
      '-',
      '--x',
      'OR',
      'AND',
      'NOT',
      'a NEAR b',
      'NEAR(a b)',
      '*',
      'a*',
      '^a',
      'title:',
      'heading:"',
      '{title}:x',
      'x:y:z',
      'after:',
      'week:9999-W99',
      'date:2026-02-30',
      "'; DROP TABLE digest; --",
      '\ud800',
      '(((',
      'a OR OR b',
      '-"unclosed',
      'tag:"',
      'in:../..',
      '测*',
      '"a" "b" OR',
    ];
    for (const q of inputs) {
      const r = engine.search({ query: q });
      expect(r.notices.some((n) => n.code === 'search-failed')).toBe(false);
      expect(Array.isArray(r.results)).toBe(true);
    }
    expect(fx.db.prepare('SELECT count(*) FROM digest').pluck().get()).toBe(4);
  });

  it('finds nothing for a query of only punctuation or operators, and says so; a filter alone still lists', () => {
    expect(search('').total).toBe(4); // a blank query lists every digest
    for (const query of ['!!!', '（）【】', 'tag:', '-', '-tag:', '"" ""']) {
      const r = search(query, { tags: ['ai'] });
      expect([r.total, r.totalSections, r.results], query).toEqual([0, 0, []]);
      expect(r.notices.map((n) => n.code), query).toContain('nothing-to-search');
      expect(messages(r), query).toContain(
        'the query holds nothing searchable (only punctuation or operators without words): nothing was searched',
      );
    }
    expect(search('tag:ai').total).toBeGreaterThan(0);
  });

  it('tolerates bad request values', () => {
    const r = engine.search({ query: 'claude', limit: -5, offset: Number.NaN, sort: 'bogus' as never, tags: [3 as never] });
    expect(r.total).toBe(3);
  });
});

describe('related', () => {
  it('finds sections of other digests sharing distinctive terms', () => {
    fx.add(
      { path: 'r/1.md', title: 'one', date: '2026-07-01', sections: [{ text: '量子计算 芯片 突破 quantum chip' }, { text: '无关内容 sports' }] },
      { path: 'r/2.md', title: 'two', date: '2026-07-08', sections: [{ text: '又一个量子计算芯片 quantum' }] },
      { path: 'r/3.md', title: 'three', date: '2026-07-15', sections: [{ text: '量子计算 quantum chip 的进展' }] },
    );
    const rel = engine.related(fx.sectionId('r/1.md', 0), 5);
    expect(rel.map((r) => r.path).sort()).toEqual(['r/2.md', 'r/3.md']);
    expect(rel.every((r) => r.snippet.length > 0)).toBe(true);
    expect(engine.related('missing', 5)).toEqual([]);
  });
});

describe('almanac search (CLI)', () => {
  const run = (args: string[], env: NodeJS.ProcessEnv = {}): { code: number; stdout: string; stderr: string } => {
    const r = spawnSync(process.execPath, [path.resolve('bin/almanac.js'), 'search', ...args], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', ...env },
    });
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  };

  it('indexes the vault and prints JSON results, facets and notices', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'almanac-search-cli-'));
    try {
      const vault = path.join(dir, 'vault');
      fs.mkdirSync(path.join(vault, 'weekly'), { recursive: true });
      fs.writeFileSync(
        path.join(vault, 'weekly', '2026-02-06.md'),
        '---\ntitle: AI 周报\ndate: 2026-02-06\ntags: [AI]\n---\n\n## 安全\n\n研究者提出新的后门检测方法。\n\n## 模型\n\nGPT-5.3-Codex 发布。\n',
      );
      fs.writeFileSync(path.join(vault, 'weekly', '2026-01-30.md'), '---\ntitle: 上周\ndate: 2026-01-30\n---\n\n后门与检测。\n');
      const db = path.join(dir, 'index.db');
      const r = run(['后门检测', '--vault', vault, '--db', db, '--json']);
      expect(r.code, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout) as {
        total: number;
        results: { path: string; tags: string[]; sections: { heading: string; snippet: string; ranges: [number, number][] }[] }[];
        facets: { tags: Record<string, number> };
        notices: string[];
      };
      expect(out.total).toBe(1);
      expect(out.results[0]!.path).toBe('weekly/2026-02-06.md');
      const s = out.results[0]!.sections[0]!;
      expect(s.ranges.map(([a, b]) => s.snippet.slice(a, b))).toEqual(['后门检测']);
      expect(out.facets.tags).toEqual({ AI: 1 });
      expect(out.notices).toEqual([]);

      const human = run(['后门', '--vault', vault, '--db', db, '--sort', 'oldest', '--limit', '0']);
      expect(human.code, human.stderr).toBe(0);
      expect(human.stdout).toContain('2 digests');
      expect(human.stdout.indexOf('上周')).toBeLessThan(human.stdout.indexOf('AI 周报'));
      expect(human.stdout).not.toContain('\u001b[');

      // Exclusions are typed as they are, not taken for options; -h still asks for help.
      const paths = (args: string[]): string[] => {
        const r2 = run([...args, '--vault', vault, '--db', db, '--json', '--limit', '0']);
        expect(r2.code, r2.stderr).toBe(0);
        return (JSON.parse(r2.stdout) as { results: { path: string }[] }).results.map((x) => x.path).sort();
      };
      expect(paths(['后门'])).toEqual(['weekly/2026-01-30.md', 'weekly/2026-02-06.md']);
      expect(paths(['后门', '-检测方法'])).toEqual(['weekly/2026-01-30.md']);
      expect(paths(['后门', '-tag:AI'])).toEqual(['weekly/2026-01-30.md']);
      expect(paths(['后门', '-"检测方法"'])).toEqual(['weekly/2026-01-30.md']);
      const afterDashes = run(['--vault', vault, '--db', db, '--json', '--', '后门', '-检测方法']);
      expect((JSON.parse(afterDashes.stdout) as { results: { path: string }[] }).results.map((x) => x.path)).toEqual(['weekly/2026-01-30.md']);
      expect(run(['后门', '-h']).stdout).toContain('Usage: almanac search');
      // A value may start with a single '-' (src/cli/args.ts): '--tag -x' is the tag '-x', which no digest has.
      const dashedTag = run(['后门', '--vault', vault, '--db', db, '--tag', '-x', '--json']);
      expect(dashedTag.code, dashedTag.stderr).toBe(0);
      expect((JSON.parse(dashedTag.stdout) as { total: number }).total).toBe(0);

      const bad = run(['x', '--vault', vault, '--db', db, '--limit', 'many']);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('--limit must be a whole number');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
