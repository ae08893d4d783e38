/**
 * The search part of the AlmanacApi contract (src/shared/api.ts re-exports
 * it): requests, hits, facets and the response.
 */
import type { SearchNotice } from './notices.js';

export type SortOrder = 'relevance' | 'newest' | 'oldest';

export interface SearchRequest {
  /** Query in Almanac's query language (see README "Query language"). */
  query: string;
  /** Extra tag filters on top of tag: operators. */
  tags?: string[];
  /** 'any' (default): a digest with at least one tag; 'all': with every tag. */
  tagMode?: 'any' | 'all';
  /** Sites ticked in the Sources facet: a digest must link to one of them (or a subdomain), on top of site: operators. */
  sites?: string[];
  /** Names every digest must mention (as the mentions facet lists them; matched case- and width-insensitively), on top of mention: operators. */
  mentions?: string[];
  /** Inclusive date range, "YYYY-MM-DD". */
  from?: string;
  to?: string;
  sort?: SortOrder;
  offset?: number;
  /** Digests per page; 0 means no limit. Default 20. */
  limit?: number;
  /** Compute facets (default true). */
  facets?: boolean;
  /** Matching sections listed under each digest, best first (default 3; 0 = all of them). */
  sectionsPerDigest?: number;
}

/** [start, end) offsets in UTF-16 code units into the snippet string. */
export type Range = [number, number];

export interface SectionHit {
  id: string;
  heading: string;
  headingPath: string;
  snippet: string;
  ranges: Range[];
  score: number;
  /**
   * The section's date: its own when its heading carries one (a weekly list
   * kept in one file, a changelog's "## 2024-03-08"), else its digest's.
   * Date filters and facets use this date.
   */
  date: string | null;
  week: string | null;
  /** Set when the date names a month or a year (as DigestHit.datePrecision). */
  datePrecision?: 'month' | 'year';
  /** [start, end) ranges of the query's terms in `headingPath` (set when it holds one). */
  headingRanges?: Range[];
  /** The match lies in lines its series repeats in most issues (a masthead, a footer): shown apart, ranked after content. */
  boilerplate?: boolean;
  /** Not a match: the preview (description or first section) of a digest whose title alone holds the query. */
  preview?: boolean;
  /** The same item (nearly the same text) in other weeks of the series, folded into this hit, oldest first. */
  repeats?: RepeatHit[];
}

/** A section folded into a hit because it repeats that hit's item in another week (SectionHit.repeats). */
export interface RepeatHit {
  sectionId: string;
  path: string;
  title: string;
  date: string | null;
  week: string | null;
}

export interface DigestHit {
  path: string;
  title: string;
  date: string | null;
  week: string | null;
  tags: string[];
  score: number;
  /**
   * Set when the date names a month or a year rather than a day or a week (it
   * is then the period's first day, and `week` is null): show it as that period.
   */
  datePrecision?: 'month' | 'year';
  /** Matching sections of this digest, best first (document order when sorted by date). */
  sections: SectionHit[];
  /** How many sections of this digest match in all (sections may be capped). */
  sectionCount: number;
  /** [start, end) ranges of the query's terms in `title` (set when it holds one). */
  titleRanges?: Range[];
  /** Matched by its title alone: `sections` holds only its preview, and sectionCount is 0. */
  titleOnly?: boolean;
}

export interface Facets {
  tags: Record<string, number>;
  weeks: Record<string, number>;
  months: Record<string, number>;
  years: Record<string, number>;
  /** The sites most matching digests link to (Sources), with how many of them do: at most 30, most first. Absent when not counted. */
  sites?: Record<string, number>;
  /** The names most matching digests set apart (bold, link text), with how many of them do: at most 30, most first. Absent when not counted. */
  mentions?: Record<string, number>;
}

export interface SearchResponse {
  /** Total number of matching digests (all pages). */
  total: number;
  /** Total number of matching sections (all pages). */
  totalSections: number;
  tookMs: number;
  results: DigestHit[];
  facets: Facets;
  /** How the query was understood (e.g. degraded syntax): codes with parameters and the English message (shared/notices.ts). */
  notices: SearchNotice[];
  /** Terms to highlight in a reader for this query (normalised, CJK runs whole). */
  highlightTerms: string[];
}
