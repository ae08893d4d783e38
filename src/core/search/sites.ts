/**
 * Links as data in search (store/link-data.ts): the Sources facet, `site:`
 * and `link:` filters, and the request's ticked sites.
 *
 * Every digest's distinct sites are small integers (loaded once per catalog,
 * i.e. per index generation, on the first search that counts or filters
 * them), so counting the sites of thousands of matching digests is a few
 * array increments each. `site:arxiv.org` is the site and its subdomains,
 * decided once per site by the host's ending. `link:github.com/openai` is
 * one FTS5 prefix query on link_fts (the rows are digest ids).
 *
 * Both filter digests, like tag: and in:, not sections: a link's section is
 * rarely the one that discusses it (link lists at the end of an issue,
 * reference definitions), and the question these answer is "which weeks
 * linked to ...". They combine with words and every other filter.
 */
import type { Database } from 'better-sqlite3';
import { linkPrefixOf, siteQueryOf } from '../../shared/link-site.js';
import { decodeIds } from '../store/link-data.js';
import { cachedStatement } from '../store/statements.js';
import { ListCounts } from './facet-counts.js';

/** The Sources facet lists this many sites, the most linked first. */
export const SITE_FACET_LIMIT = 30;

/** The index as columns (catalog-extras.ts stores them beside the catalog snapshot). */
export interface LinkColumns {
  /** Host per site id ('' for an id no digest links to). */
  hosts: string[];
  /** Digest position i's site ids, ascending: ids[start[i] .. start[i + 1]). */
  start: Int32Array;
  ids: Int32Array;
}

export class LinkIndex {
  private readonly lists: ListCounts;

  private constructor(
    private readonly db: Database,
    /** Host per site id (sparse: ids of sites no digest links to any more are empty). */
    private readonly hosts: string[],
    /** Digest position i's site ids, ascending: ids[start[i] .. start[i + 1]). */
    private readonly start: Int32Array,
    private readonly ids: Int32Array,
    /** Digest id -> catalog position. */
    private readonly positionOf: Map<number, number>,
  ) {
    this.lists = new ListCounts(start, ids, hosts.length);
  }

  /** Reads the sites of the digests of a catalog, given as digest id per position (rows of digests it does not hold are left out). */
  static load(db: Database, digestIds: Int32Array): LinkIndex {
    const hosts: string[] = [];
    for (const [id, host] of db.prepare('SELECT id, host FROM domain').raw().all() as [number, string][]) hosts[id] = host;
    const positionOf = new Map<number, number>();
    digestIds.forEach((id, i) => positionOf.set(id, i));
    const perDigest: number[][] = Array.from({ length: digestIds.length }, () => []);
    for (const [digestId, blob] of db.prepare('SELECT digest_id, sites FROM digest_site').raw().all() as [number, Uint8Array][]) {
      const position = positionOf.get(digestId);
      if (position !== undefined) decodeIds(blob, perDigest[position]!);
    }
    const start = new Int32Array(digestIds.length + 1);
    perDigest.forEach((list, i) => (start[i + 1] = start[i]! + list.length));
    return new LinkIndex(db, hosts, start, Int32Array.from(perDigest.flat()), positionOf);
  }

  /** The index made again from its columns, for the digests of a catalog given as digest id per position. */
  static fromColumns(db: Database, digestIds: Int32Array, c: LinkColumns): LinkIndex {
    const positionOf = new Map<number, number>();
    digestIds.forEach((id, i) => positionOf.set(id, i));
    const hosts: string[] = [];
    c.hosts.forEach((host, id) => {
      if (host !== '') hosts[id] = host;
    });
    hosts.length = c.hosts.length;
    return new LinkIndex(db, hosts, c.start, c.ids, positionOf);
  }

  /** The index as columns, to store (see fromColumns). */
  columns(): LinkColumns {
    return { hosts: Array.from(this.hosts, (h) => h ?? ''), start: this.start, ids: this.ids };
  }

  /** A byte per catalog position: 1 for the digests that link to a site `accept` takes. */
  private marksOfSites(accept: (host: string) => boolean): Uint8Array {
    const matching = new Uint8Array(this.hosts.length);
    this.hosts.forEach((host, id) => {
      if (host !== undefined && accept(host)) matching[id] = 1;
    });
    const marks = new Uint8Array(this.start.length - 1);
    for (let i = 0; i < marks.length; i++) {
      for (let k = this.start[i]!, end = this.start[i + 1]!; k < end; k++) {
        if (matching[this.ids[k]!] === 1) {
          marks[i] = 1;
          break;
        }
      }
    }
    return marks;
  }

  /** A byte per catalog position: 1 for the digests that link to any of these sites or their subdomains (values as typed). */
  siteMarks(values: readonly string[]): Uint8Array {
    const wanted = values.map(siteQueryOf).filter((s): s is string => s !== null);
    return this.marksOfSites((host) => wanted.some((site) => host === site || host.endsWith(`.${site}`)));
  }

  /** A byte per catalog position: 1 for the digests with a link whose key starts with this `link:` value (see linkPrefixOf). */
  linkMarks(value: string): Uint8Array {
    const prefix = linkPrefixOf(value);
    if (prefix === null) return new Uint8Array(this.start.length - 1);
    // A site alone (`link:github.com`) asks for the links of exactly that host: the site lists answer without a prefix scan.
    if (!/[/?]/.test(prefix.prefix)) return this.marksOfSites((host) => host === prefix.prefix);
    const quoted = prefix.prefix.replaceAll('"', '""');
    // A folder (`github.com/openai/`) is the key itself or a key below it, never github.com/openai-cookbook.
    const match = prefix.folder ? `"${quoted}" OR "${quoted}/" *` : `"${quoted}" *`;
    const marks = new Uint8Array(this.start.length - 1);
    for (const id of cachedStatement(this.db, 'SELECT rowid FROM link_fts WHERE link_fts MATCH ?').pluck().all(match) as number[]) {
      const position = this.positionOf.get(id);
      if (position !== undefined) marks[position] = 1;
    }
    return marks;
  }

  /** The `limit` sites most of these digests link to, with how many of them do: most first, ties by host. */
  count(positions: ArrayLike<number>, limit = SITE_FACET_LIMIT): Record<string, number> {
    const counts = this.lists.count(positions);
    const touched: number[] = [];
    for (let id = 0; id < counts.length; id++) if (counts[id]! > 0) touched.push(id);
    const host = (id: number): string => this.hosts[id] ?? '';
    touched.sort((a, b) => counts[b]! - counts[a]! || (host(a) < host(b) ? -1 : host(a) > host(b) ? 1 : 0));
    return Object.fromEntries(touched.slice(0, limit).map((id) => [host(id), counts[id]!]));
  }
}

/** What a search asks of links (query-parser.ts, request.ts): values as typed. */
export interface LinkFilter {
  /** site: the digest must link to each (or a subdomain); -site: to none. */
  sites: string[];
  excludedSites: string[];
  /** link: the digest must have a link under each prefix; -link: under none. */
  links: string[];
  excludedLinks: string[];
  /** Sites ticked in the Sources facet: the digest must link to one of them. */
  anySites: string[];
}

export function hasLinkFilter(f: LinkFilter | undefined): f is LinkFilter {
  return f !== undefined && f.sites.length + f.excludedSites.length + f.links.length + f.excludedLinks.length + f.anySites.length > 0;
}

/** The link filter as a test per catalog position (each operator's digests marked once), null when it asks nothing. */
export function linkFilterTest(source: { links(): LinkIndex }, f: LinkFilter | undefined): ((position: number) => boolean) | null {
  if (!hasLinkFilter(f)) return null;
  const index = source.links();
  const required = [...f.sites.map((s) => index.siteMarks([s])), ...f.links.map((l) => index.linkMarks(l))];
  if (f.anySites.length > 0) required.push(index.siteMarks(f.anySites));
  const excluded = [...f.excludedSites.map((s) => index.siteMarks([s])), ...f.excludedLinks.map((l) => index.linkMarks(l))];
  return (i) => required.every((marks) => marks[i] === 1) && !excluded.some((marks) => marks[i] === 1);
}

/** The link part of a search's filter: a query's site:/link: operators and the request's ticked sites; empty when it has none. */
export function linkFilterOf(
  q: Pick<LinkFilter, 'sites' | 'excludedSites' | 'links' | 'excludedLinks'>,
  anySites: string[],
): { links?: LinkFilter } {
  const links = { sites: q.sites, excludedSites: q.excludedSites, links: q.links, excludedLinks: q.excludedLinks, anySites };
  return hasLinkFilter(links) ? { links } : {};
}
