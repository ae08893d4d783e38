/**
 * The trend of the Trends view: asked again when its queries or options
 * change (query edits debounced like typing in the search box), numbered so a
 * slow answer never replaces a newer one, and again when the index changes.
 */
import { useEffect, useRef, useState } from 'react';
import type { AlmanacApi } from '../../shared/api.js';
import type { AlmanacError } from '../../shared/errors.js';
import type { TrendPeriod, TrendsRequest, TrendsResponse, TrendUnit } from '../../shared/research.js';
import { asAlmanacError } from '../i18n/describe.js';

export const TREND_DEBOUNCE_MS = 250;

export interface TrendOptions {
  by: TrendPeriod;
  unit: TrendUnit;
  normalise: boolean;
}

export interface TrendParams extends TrendOptions {
  queries: readonly string[];
  tags: readonly string[];
  mentions: readonly string[];
}

export interface TrendState {
  response: TrendsResponse | null;
  loading: boolean;
  error: AlmanacError | null;
}

function requestOf(p: TrendParams): TrendsRequest {
  const request: TrendsRequest = { queries: [...p.queries], by: p.by, unit: p.unit, normalise: p.normalise };
  if (p.tags.length > 0) request.tags = [...p.tags];
  if (p.mentions.length > 0) request.mentions = [...p.mentions];
  return request;
}

export function useTrends(api: AlmanacApi, params: TrendParams, revision: number): TrendState {
  const [state, setState] = useState<TrendState>({ response: null, loading: true, error: null });
  const seq = useRef(0);
  const lastQueries = useRef<string | null>(null);
  const key = JSON.stringify(requestOf(params));
  const queriesKey = JSON.stringify(params.queries);

  useEffect(() => {
    const mySeq = ++seq.current;
    const delay = lastQueries.current !== null && lastQueries.current !== queriesKey ? TREND_DEBOUNCE_MS : 0;
    lastQueries.current = queriesKey;
    setState((s) => (s.loading ? s : { ...s, loading: true }));
    const timer = setTimeout(() => {
      api.trends(JSON.parse(key) as TrendsRequest).then(
        (response) => {
          if (mySeq === seq.current) setState({ response, loading: false, error: null });
        },
        (err: unknown) => {
          if (mySeq === seq.current) setState((s) => ({ ...s, loading: false, error: asAlmanacError(err) }));
        },
      );
    }, delay);
    return () => clearTimeout(timer);
  }, [api, key, queriesKey, revision]);

  return state;
}
