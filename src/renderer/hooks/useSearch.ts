/**
 * Live search: debounced while typing, numbered so a slow answer to an old
 * query never replaces a newer one, applied in a transition so typing stays
 * responsive, and paged (offset/limit) as the results list scrolls.
 */
import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import type { AlmanacApi, DigestHit, SearchRequest, SearchResponse, SortOrder } from '../../shared/api.js';
import type { AlmanacError } from '../../shared/errors.js';
import { asAlmanacError } from '../i18n/describe.js';

export const PAGE_SIZE = 40;
export const TYPING_DEBOUNCE_MS = 120;

export interface SearchParams {
  query: string;
  tags: string[];
  /** Names every digest must mention (the Mentions facet). */
  mentions?: string[];
  /** Sites ticked in the Sources facet: a digest must link to one of them. */
  sites?: string[];
  from?: string;
  to?: string;
  sort: SortOrder;
}

export interface SearchState {
  /** The last applied first-page response (facets, totals, notices). */
  response: SearchResponse | null;
  /** All pages loaded so far. */
  hits: DigestHit[];
  /** The params `response` answers. */
  answered: SearchParams | null;
  loading: boolean;
  loadingMore: boolean;
  /** The failed call's error (shown by its code: i18n/describe.ts). */
  error: AlmanacError | null;
  /** A page brought nothing new (the index changed under us): stop asking for more. */
  exhausted: boolean;
}

function toRequest(p: SearchParams, offset: number, facets: boolean): SearchRequest {
  const request: SearchRequest = { query: p.query, sort: p.sort, offset, limit: PAGE_SIZE, facets };
  if (p.tags.length > 0) request.tags = p.tags;
  if (p.mentions !== undefined && p.mentions.length > 0) request.mentions = p.mentions;
  if (p.sites !== undefined && p.sites.length > 0) request.sites = p.sites;
  if (p.from) request.from = p.from;
  if (p.to) request.to = p.to;
  return request;
}

export function useSearch(api: AlmanacApi, params: SearchParams, revision: number): SearchState & { loadMore: () => void; hasMore: boolean } {
  const [state, setState] = useState<SearchState>({ response: null, hits: [], answered: null, loading: true, loadingMore: false, error: null, exhausted: false });
  const seq = useRef(0);
  const lastQuery = useRef<string | null>(null);
  /** The in-flight page request, if any (one at a time). */
  const paging = useRef<object | null>(null);
  /** Where the next page starts; ahead of `hits` while a page waits for its (transition) render. */
  const nextOffset = useRef(0);
  const { query, tags, from, to, sort } = params;
  const tagsKey = tags.join('\u0000');
  const mentionsKey = (params.mentions ?? []).join('\u0000');
  const sitesKey = (params.sites ?? []).join('\u0000');

  useEffect(() => {
    const mySeq = ++seq.current;
    const current: SearchParams = { query, tags: tagsKey ? tagsKey.split('\u0000') : [], mentions: mentionsKey ? mentionsKey.split('\u0000') : [], sites: sitesKey ? sitesKey.split('\u0000') : [], from, to, sort };
    // Only typing is debounced; a click on a filter answers at once.
    const delay = lastQuery.current !== null && lastQuery.current !== query ? TYPING_DEBOUNCE_MS : 0;
    lastQuery.current = query;
    setState((s) => (s.loading ? s : { ...s, loading: true }));
    const timer = setTimeout(() => {
      api.search(toRequest(current, 0, true)).then(
        (response) => {
          if (mySeq !== seq.current) return;
          paging.current = null;
          nextOffset.current = response.results.length;
          startTransition(() => {
            setState({ response, hits: response.results, answered: current, loading: false, loadingMore: false, error: null, exhausted: false });
          });
        },
        (err: unknown) => {
          if (mySeq !== seq.current) return;
          setState((s) => ({ ...s, loading: false, loadingMore: false, error: asAlmanacError(err) }));
        },
      );
    }, delay);
    return () => clearTimeout(timer);
  }, [api, query, tagsKey, mentionsKey, sitesKey, from, to, sort, revision]);

  const hasMore = !state.exhausted && state.response !== null && state.hits.length < state.response.total;

  const loadMore = useCallback(() => {
    const answered = state.answered;
    if (!answered || !hasMore || paging.current) return;
    const token = {};
    paging.current = token;
    const mySeq = seq.current;
    const offset = nextOffset.current;
    setState((s) => ({ ...s, loadingMore: true }));
    api.search(toRequest(answered, offset, false)).then(
      (page) => {
        if (paging.current === token) paging.current = null;
        if (mySeq !== seq.current) return;
        nextOffset.current = offset + page.results.length;
        startTransition(() => {
          setState((s) => {
            // Keep digest paths unique even if the index changed between pages.
            const seen = new Set(s.hits.map((h) => h.path));
            const fresh = page.results.filter((h) => !seen.has(h.path));
            return { ...s, hits: [...s.hits, ...fresh], loadingMore: false, exhausted: page.results.length === 0 };
          });
        });
      },
      (err: unknown) => {
        if (paging.current === token) paging.current = null;
        if (mySeq !== seq.current) return;
        setState((s) => ({ ...s, loadingMore: false, error: asAlmanacError(err) }));
      },
    );
  }, [api, hasMore, state.answered]);

  return { ...state, loadMore, hasMore };
}
