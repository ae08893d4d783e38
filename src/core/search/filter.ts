/**
 * The digest filter of a search (tags, dates, folders) as a test per catalog
 * position, run over the catalog's columns: tags are compared as facet ids,
 * dates once per distinct date and paths only when a folder is named. Each
 * digest's verdict is kept for the rest of the search.
 *
 * Dates are a section's effective date (section-dates.ts): a digest holding
 * sections with their own dates passes the digest test on its tags and
 * folders alone, and its sections are tested one by one (`DigestPass.section`).
 */
import type { CatalogTable } from './catalog-snapshot.js';
import type { FacetIndex } from './facets.js';
import type { MentionIndex } from './mentions.js';
import type { SectionCheck, SectionDates } from './section-dates.js';
import { hasLinkFilter, linkFilterTest, type LinkFilter, type LinkIndex } from './sites.js';

export interface DigestFilter {
  /** Tags from the request (matched by normalised form) and how to combine them. */
  anyOrAllTags: { tags: string[]; mode: 'any' | 'all' } | null;
  /** Tags that must all be present (tag: operators). */
  requiredTags: string[];
  excludedTags: string[];
  /** Inclusive "YYYY-MM-DD" bounds; a digest without a date fails any bound. */
  from: string | null;
  to: string | null;
  /** Folder prefixes: the digest must be under one of them. */
  folders: string[];
  excludedFolders: string[];
  /** site:, link: and the sites ticked in the Sources facet (sites.ts); absent: none. */
  links?: LinkFilter;
  /** Names the digest must all mention / may not mention, as typed (matched by mention key). */
  mentions: string[];
  excludedMentions: string[];
}

/**
 * Whether the digest at a catalog position passes. `section` is set only when
 * a date bound applies and some digest has sections with their own dates:
 * then a section of such a digest counts only when `section` passes it too.
 */
export interface DigestPass {
  (position: number): boolean;
  readonly section?: SectionCheck | null;
}

/** What the filter reads: the catalog's columns, its facet ids, its section dates and paths. */
export interface FilterSource {
  readonly table: CatalogTable;
  readonly facets: FacetIndex;
  readonly sectionDates: SectionDates;
  pathOf(position: number): string;
  /** The digests' sites and link keys, asked for only when the filter names some. */
  links(): LinkIndex;
  /** The mention index, asked for only when the filter names mentions. */
  mentions(): MentionIndex;
}

function isEmptyFilter(f: DigestFilter): boolean {
  return (
    f.anyOrAllTags === null &&
    f.requiredTags.length === 0 &&
    f.excludedTags.length === 0 &&
    f.from === null &&
    f.to === null &&
    f.folders.length === 0 &&
    f.excludedFolders.length === 0 &&
    f.mentions.length === 0 &&
    f.excludedMentions.length === 0
  );
}

function underFolder(path: string, folder: string): boolean {
  const p = path.toLowerCase();
  const f = folder.toLowerCase();
  return p.startsWith(`${f}/`);
}

/** Whether a date (by its string reference, -1: none) is inside [from, to]; decided once per distinct date. */
function dateBounds(table: CatalogTable, from: string | null, to: string | null): (ref: number) => boolean {
  const verdict = new Uint8Array(table.stringCount); // 0 unknown, 1 pass, 2 fail
  return (ref) => {
    if (ref < 0) return false;
    if (verdict[ref] === 0) {
      const date = table.string(ref);
      verdict[ref] = (from !== null && date < from) || (to !== null && date > to) ? 2 : 1;
    }
    return verdict[ref] === 1;
  };
}

/** The mention part of a filter as a per-position test, null when it names none. */
function mentionTest(source: FilterSource, filter: DigestFilter): ((position: number) => boolean) | null {
  if (filter.mentions.length === 0 && filter.excludedMentions.length === 0) return null;
  const index = source.mentions();
  const required = filter.mentions.map((m) => index.keyId(m));
  const excluded = filter.excludedMentions.map((m) => index.keyId(m)).filter((id) => id >= 0);
  return (i) => required.every((id) => id >= 0 && index.has(i, id)) && !excluded.some((id) => index.has(i, id));
}

/** The filter as a per-position test, null when nothing is filtered. */
export function digestPass(source: FilterSource, filter: DigestFilter): DigestPass | null {
  if (isEmptyFilter(filter) && !hasLinkFilter(filter.links)) return null;
  const { table: t, facets, sectionDates } = source;
  const ids = (norms: readonly string[]): number[] => norms.map((norm) => facets.tagId(norm));
  const required = ids(filter.requiredTags);
  const excluded = ids(filter.excludedTags).filter((id) => id >= 0);
  const some = filter.anyOrAllTags !== null && filter.anyOrAllTags.tags.length > 0 ? ids(filter.anyOrAllTags.tags) : null;
  const all = filter.anyOrAllTags?.mode === 'all';
  const { from, to, folders, excludedFolders } = filter;
  const dated = from !== null || to !== null;
  const inBounds = dated ? dateBounds(t, from, to) : null;
  const mentioned = mentionTest(source, filter);
  const perSection = inBounds !== null && sectionDates.any;
  const verdict = new Uint8Array(t.n);
  const linked = linkFilterTest(source, filter.links);
  const passes = (i: number): boolean => {
    if (linked !== null && !linked(i)) return false;
    if (inBounds !== null && !(perSection && sectionDates.has(i)) && !inBounds(t.dateRef[i]!)) return false;
    for (const id of required) if (id < 0 || !facets.hasTag(i, id)) return false;
    for (const id of excluded) if (facets.hasTag(i, id)) return false;
    if (some !== null) {
      const has = (id: number): boolean => id >= 0 && facets.hasTag(i, id);
      if (all ? !some.every(has) : !some.some(has)) return false;
    }
    if (mentioned !== null && !mentioned(i)) return false;
    if (folders.length > 0 || excludedFolders.length > 0) {
      const path = source.pathOf(i);
      if (folders.length > 0 && !folders.some((folder) => underFolder(path, folder))) return false;
      if (excludedFolders.some((folder) => underFolder(path, folder))) return false;
    }
    return true;
  };
  const test = (i: number): boolean => {
    let v = verdict[i]!;
    if (v === 0) {
      v = passes(i) ? 1 : 2;
      verdict[i] = v;
    }
    return v === 1;
  };
  if (!perSection) return test;
  const section: SectionCheck = (i, rowid) => !sectionDates.has(i) || inBounds(sectionDates.dateRefOf(i, rowid));
  return Object.assign(test, { section });
}
