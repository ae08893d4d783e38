import { describe, expect, it } from 'vitest';
import { BENCH_QUERIES, type BenchQuery } from '../../bench/queries.js';
import { splitFilters, typedPrefixes, typedRequest, typedWorkload } from '../../bench/typed.js';

const q = (query: string, kind: BenchQuery['kind'] = 'cjk', sort: BenchQuery['sort'] = 'relevance'): BenchQuery => ({ kind, query, sort, facets: true, terms: [] });

describe('typed-prefix workload', () => {
  it('sends every prefix a user types, Chinese and English, by code point', () => {
    expect(typedPrefixes('开源模型')).toEqual(['开', '开源', '开源模', '开源模型']);
    expect(typedPrefixes('rust c')).toEqual(['r', 'ru', 'rus', 'rust', 'rust c']);
    // A character outside the BMP is one keystroke, never half a surrogate pair.
    expect(typedPrefixes('𠀋x')).toEqual(['𠀋', '𠀋x']);
    // The space between two words sends nothing new (the query is trimmed); nor do spaces around it.
    expect(typedPrefixes('  程序员  工 ')).toEqual(['程', '程序', '程序员', '程序员  工']);
    expect(typedPrefixes('   ')).toEqual([]);
  });

  it('keeps filters whole and types the rest without phrase quotes', () => {
    expect(splitFilters('tag:安全 后门检测')).toEqual({ filters: 'tag:安全', text: '后门检测' });
    expect(splitFilters('"开源权重"')).toEqual({ filters: '', text: '开源权重' });
    expect(splitFilters('before:2024-06-30 智能代理 -安全')).toEqual({ filters: 'before:2024-06-30', text: '智能代理 -安全' });
    expect(splitFilters('in:r01/weekly-zh -tag:AI title:周报 Claude')).toEqual({ filters: 'in:r01/weekly-zh -tag:AI title:周报', text: 'Claude' });
    // An operator without a value is text being typed, not a filter.
    expect(splitFilters('tag: rust')).toEqual({ filters: '', text: 'tag: rust' });
  });

  it('replays each query of a set once, with its filters and sort, and skips typos and filter-only queries', () => {
    const searches = typedWorkload([
      q('开源模型'),
      q('Anthropic', 'english', 'newest'),
      q('Antrhopic', 'typo'),
      q('tag:安全 后门', 'filter'),
      q('tag:开源 tag:芯片', 'filter'),
      q('开源模型'),
    ]);
    expect(searches.map((s) => s.query)).toEqual([
      '开',
      '开源',
      '开源模',
      '开源模型',
      'A',
      'An',
      'Ant',
      'Anth',
      'Anthr',
      'Anthro',
      'Anthrop',
      'Anthropi',
      'Anthropic',
      'tag:安全 后',
      'tag:安全 后门',
    ]);
    expect(new Set(searches.map((s) => s.sequence))).toEqual(new Set([0, 1, 2]));
    expect(searches.filter((s) => s.filtered).map((s) => s.query)).toEqual(['tag:安全 后', 'tag:安全 后门']);
    expect(searches.find((s) => s.query === 'Anthropic')?.sort).toBe('newest');
    expect(typedRequest(searches[0]!)).toEqual({ query: '开', sort: 'relevance', facets: true, limit: 20, offset: 0 });
  });

  it('ends every typed sequence of the synthetic set at its query as the user meant it', () => {
    const searches = typedWorkload(BENCH_QUERIES);
    const last = new Map<number, string>();
    for (const s of searches) last.set(s.sequence, s.query);
    const finals = [...last.values()];
    expect(finals).toContain('开源 大模型');
    expect(finals).toContain('tag:AI after:2025-01-01 大模型');
    expect(finals).toContain('开源权重');
    expect(finals.some((f) => f.includes('Antrhopic'))).toBe(false);
    // Each sequence grows one keystroke at a time.
    for (let i = 1; i < searches.length; i++) {
      const [a, b] = [searches[i - 1]!, searches[i]!];
      if (a.sequence === b.sequence) expect(b.query.startsWith(a.query)).toBe(true);
    }
  });
});
