/**
 * The typed-prefix workload: queries replayed as a user types them, one
 * search per keystroke (开, 开源, 开源模, 开源模型; r, ru, rus, rust, rust c),
 * each the first page of 20 with facets, as search-as-you-type asks.
 * Filters (tag:, after:, in:...) are set before the typing starts (picked
 * from the facets or typed first), so they come whole with every prefix.
 */
import type { SearchRequest, SortOrder } from '../src/shared/api.js';
import type { BenchQuery } from './queries.js';

export interface TypedSearch {
  query: string;
  sort: SortOrder;
  /** Index of the typed query this keystroke belongs to. */
  sequence: number;
  filtered: boolean;
}

/**
 * Time between keystrokes when the typing competes with other work (a cold
 * index): a fast typist's pace, just above the search box's debounce
 * (src/renderer/hooks/useSearch.ts), so each keystroke still sends its search.
 * Back-to-back requests would keep the serving thread busy in a way no user
 * does, and starve the indexer they are meant to be measured against.
 */
export const KEYSTROKE_MS = 150;

const FILTER_RE = /^-?(?:tag|in|after|before|date|week|title|heading):\S/i;

/**
 * Every prefix the typing sends, by code point. A prefix ending in a space is
 * the one before it again (the query is trimmed), so it is left out; so are
 * repeats.
 */
export function typedPrefixes(text: string): string[] {
  const chars = [...text.trim()];
  const out: string[] = [];
  for (let i = 1; i <= chars.length; i++) {
    const prefix = chars.slice(0, i).join('').trimEnd();
    if (prefix !== '' && prefix !== out[out.length - 1]) out.push(prefix);
  }
  return out;
}

/** A query's filter operators (set before typing) and the text that is typed, without phrase quotes. */
export function splitFilters(query: string): { filters: string; text: string } {
  const words = query.split(/\s+/).filter(Boolean);
  const filters = words.filter((w) => FILTER_RE.test(w));
  const text = words
    .filter((w) => !FILTER_RE.test(w))
    .join(' ')
    .replace(/"/g, '');
  return { filters: filters.join(' '), text };
}

/** The keystrokes of a query set: every query but the typos, each prefix of its text after its filters. */
export function typedWorkload(queries: readonly BenchQuery[]): TypedSearch[] {
  const out: TypedSearch[] = [];
  const seen = new Set<string>();
  for (const q of queries) {
    if (q.kind === 'typo') continue;
    const { filters, text } = splitFilters(q.query);
    const key = `${q.sort}\0${filters}\0${text}`;
    if (text === '' || seen.has(key)) continue;
    seen.add(key);
    const sequence = seen.size - 1;
    for (const prefix of typedPrefixes(text)) {
      out.push({ query: filters ? `${filters} ${prefix}` : prefix, sort: q.sort, sequence, filtered: filters !== '' });
    }
  }
  return out;
}

/** The request a keystroke sends: the first page of 20 with facets. */
export function typedRequest(search: TypedSearch): SearchRequest {
  return { query: search.query, sort: search.sort, facets: true, limit: 20, offset: 0 };
}
