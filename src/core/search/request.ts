/**
 * A SearchRequest as the engine uses it: the digest filter (the query's
 * operators narrowed by the request's own tags and dates) and the paging.
 * Requests come from untrusted callers, so every field is checked here and a
 * bad one falls back to its default (with a notice where the user typed it).
 */
import type { SearchRequest, SortOrder } from '../../shared/api.js';
import { parseDateBound } from '../../shared/dates.js';
import { notice, type SearchNotice } from '../../shared/notices.js';
import { normalizeText } from '../text/tokenize.js';
import type { Paging } from './aggregate.js';
import type { DigestFilter } from './catalog.js';
import type { ParsedQuery } from './query-parser.js';
import { linkFilterOf } from './sites.js';

const DEFAULT_LIMIT = 20;

function validLimit(limit: number | undefined): number {
  return limit === undefined || !Number.isFinite(limit) || limit < 0 ? DEFAULT_LIMIT : Math.floor(limit);
}

function validOffset(offset: number | undefined): number {
  return offset === undefined || !Number.isFinite(offset) || offset < 0 ? 0 : Math.floor(offset);
}

function validSort(sort: SortOrder | undefined): SortOrder {
  return sort === 'newest' || sort === 'oldest' ? sort : 'relevance';
}

/** The page the request asks for; `sectionsPerDigest` is the engine's default (the request's 0 means all). */
export function pagingOf(req: SearchRequest, sectionsPerDigest: number): Paging {
  const perDigest = req.sectionsPerDigest === undefined ? sectionsPerDigest : req.sectionsPerDigest === 0 ? Infinity : req.sectionsPerDigest;
  return { sort: validSort(req.sort), limit: validLimit(req.limit), offset: validOffset(req.offset), perDigest };
}

/** The query's filters intersected with the request's; unreadable request dates are ignored with a notice. */
export function filterOf(q: ParsedQuery, req: SearchRequest, notices: SearchNotice[]): DigestFilter {
  let from = q.from;
  let to = q.to;
  const bound = (value: unknown, which: 'start' | 'end', name: string): string | null => {
    if (typeof value !== 'string' || value.trim() === '') return null;
    const d = parseDateBound(value, which);
    if (d === null) notices.push(notice('bad-date-filter', { value, name }));
    return d;
  };
  const reqFrom = bound(req.from, 'start', 'from');
  const reqTo = bound(req.to, 'end', 'to');
  if (reqFrom !== null && (from === null || reqFrom > from)) from = reqFrom;
  if (reqTo !== null && (to === null || reqTo < to)) to = reqTo;
  const reqSites = Array.isArray(req.sites) ? req.sites.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : [];
  const reqTags = Array.isArray(req.tags) ? req.tags.filter((t): t is string => typeof t === 'string' && t.trim() !== '') : [];
  const reqMentions = Array.isArray(req.mentions) ? req.mentions.filter((m): m is string => typeof m === 'string' && m.trim() !== '') : [];
  return {
    anyOrAllTags: reqTags.length > 0 ? { tags: reqTags.map((t) => normalizeText(t.trim())), mode: req.tagMode === 'all' ? 'all' : 'any' } : null,
    requiredTags: q.tags,
    excludedTags: q.excludedTags,
    from,
    to,
    folders: q.folders,
    excludedFolders: q.excludedFolders,
    ...linkFilterOf(q, reqSites),
    mentions: [...q.mentions, ...reqMentions],
    excludedMentions: q.excludedMentions,
  };
}
