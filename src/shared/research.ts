/**
 * The research part of the AlmanacApi contract (api.ts extends ResearchApi):
 * trends of queries over time and saved searches that count the new digests
 * matching them. Types only, plus the limits the validators and the UI share.
 */
import type { SearchRequest } from './api.js';
import type { SearchNotice } from './notices.js';

/** The periods a trend counts by. */
export type TrendPeriod = 'week' | 'month' | 'year';
/** What a trend counts: matching sections, or digests with a matching section. */
export type TrendUnit = 'sections' | 'digests';

/** Queries compared in one trend. */
export const MAX_TREND_QUERIES = 6;
/** Periods one trend answers at most: the newest are kept (see TrendsResponse.clippedBefore). */
export const MAX_TREND_PERIODS = 2_000;

/** The filters of a search beside its query (SearchRequest's). */
export type SearchFilters = Pick<SearchRequest, 'tags' | 'tagMode' | 'mentions' | 'from' | 'to'>;

/**
 * A trend: `tags`, `tagMode` and `mentions` filter every query as in a
 * search; `from` and `to` also keep only the periods that overlap them.
 */
export interface TrendsRequest extends SearchFilters {
  /** 1 to MAX_TREND_QUERIES queries in the query language (filters included); each is one line. */
  queries: string[];
  by: TrendPeriod;
  /** Default 'sections'. */
  unit?: TrendUnit;
  /** Divide each count by what the period holds (all its sections or digests). Default false. */
  normalise?: boolean;
}

export interface TrendBucket {
  /** "2026-W06", "2026-02" or "2026". */
  key: string;
  /** The period's first and last day ("YYYY-MM-DD"). */
  from: string;
  to: string;
  /** Sections (or digests) the whole index holds in this period: what `normalise` divides by. */
  total: number;
}

export interface TrendSeries {
  query: string;
  /** Matching sections (or digests) per period, in the order of TrendsResponse.periods. */
  counts: number[];
  /** counts, or counts / period total when normalised (0 for an empty period). */
  values: number[];
  /** Sum of counts. */
  total: number;
  /** How the query was understood (as SearchResponse.notices). */
  notices: SearchNotice[];
}

export interface TrendsResponse {
  by: TrendPeriod;
  unit: TrendUnit;
  normalise: boolean;
  /**
   * Every period from the first to the last the index holds a dated section
   * in (narrowed to from/to), gaps included, oldest first. A section counts
   * in the period of its effective date: its own heading's, else its
   * digest's; a digest dated by a month or a year has no week.
   */
  periods: TrendBucket[];
  series: TrendSeries[];
  /** Set when older periods were left out (more than MAX_TREND_PERIODS): the first day counted. */
  clippedBefore?: string;
  tookMs: number;
}

/** A search kept under a name: the query and filters of a SearchRequest. */
export interface SavedSearchInput extends SearchFilters {
  /** 1 to 100 characters, unique per vault (saving under a name in use replaces it). */
  name: string;
  query: string;
}

export interface SavedSearch extends SavedSearchInput {
  /** ISO timestamps. */
  createdAt: string;
  openedAt: string;
  /** Matching digests that were not among its matches when it was last opened (or saved). */
  newCount: number;
}

export const MAX_SAVED_SEARCHES = 200;
export const MAX_SAVED_NAME = 100;

/** The methods of the contract for research (see api.ts). */
export interface ResearchApi {
  /** Counts of matching sections (or digests) per period for up to MAX_TREND_QUERIES queries. */
  trends(request: TrendsRequest): Promise<TrendsResponse>;
  /** The open vault's saved searches, by name, each with its count of new matching digests. */
  savedSearches(): Promise<SavedSearch[]>;
  /** Saves a search (replacing one of the same name); its current matches count as seen. Returns the list. */
  saveSearch(search: SavedSearchInput): Promise<SavedSearch[]>;
  /** Removes a saved search by name (an unknown name is an error naming it). Returns the list. */
  removeSavedSearch(name: string): Promise<SavedSearch[]>;
  /** Marks a saved search's current matches seen and returns it; the caller then runs its search. */
  openSavedSearch(name: string): Promise<SavedSearch>;
}
