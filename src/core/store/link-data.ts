/**
 * What search needs of a digest's links out of the vault, stored compactly
 * (shared/link-site.ts reads a URL into its site and key):
 *
 * - `domain`: every site once (id, host);
 * - `digest_site`: per digest its distinct site ids, ascending, as one blob
 *   of delta varints (a few bytes per site), for the Sources facet and
 *   `site:` (search/sites.ts loads them once per index generation);
 * - `link_fts`: per digest (rowid = digest id) one row whose tokens are its
 *   distinct link keys, in an FTS5 table with `detail=none` (no positions,
 *   only which rows hold a term) and front-coded terms, for `link:` prefix
 *   queries; `contentless_delete` lets a row go without its tokens.
 *
 * Sites are interned when written and never deleted: a site no digest links
 * to any more keeps its row (a few bytes) and id.
 */
import type { Database } from 'better-sqlite3';
import { siteAndKeyOf } from '../../shared/link-site.js';
import { cachedStatement } from './statements.js';

/** A digest's link data as the parse worker prepares it. */
export interface PreparedLinks {
  /** Distinct sites of its http(s) links, in order of first use. */
  sites: string[];
  /** Its distinct link keys, space-joined: the link_fts row's text. */
  keys: string;
}

/** The sites and link keys of some hrefs (anything but http(s) has neither). */
export function prepareLinkData(hrefs: readonly string[]): PreparedLinks {
  const sites = new Set<string>();
  const keys = new Set<string>();
  for (const href of hrefs) {
    const read = siteAndKeyOf(href);
    if (read === null) continue;
    sites.add(read.site);
    keys.add(read.key);
  }
  return { sites: [...sites], keys: [...keys].join(' ') };
}

/** Ascending integers as delta varints. */
export function encodeIds(ids: readonly number[]): Uint8Array {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const out: number[] = [];
  let previous = 0;
  for (const id of sorted) {
    let delta = id - previous;
    previous = id;
    while (delta >= 0x80) {
      out.push((delta & 0x7f) | 0x80);
      delta = Math.floor(delta / 0x80);
    }
    out.push(delta);
  }
  return Uint8Array.from(out);
}

/** The integers of encodeIds, appended to `into`. */
export function decodeIds(bytes: Uint8Array, into: number[]): void {
  let previous = 0;
  let value = 0;
  let scale = 1;
  for (const b of bytes) {
    value += (b & 0x7f) * scale;
    if (b & 0x80) {
      scale *= 0x80;
      continue;
    }
    previous += value;
    into.push(previous);
    value = 0;
    scale = 1;
  }
}

/** Interns sites (inserted when new; looked up by their unique host, no cache: a rolled-back savepoint would leave an id naming nothing). */
function siteIds(db: Database, sites: readonly string[]): number[] {
  const intern = cachedStatement(db, 'INSERT INTO domain(host) VALUES (?) ON CONFLICT(host) DO NOTHING');
  const idOf = cachedStatement(db, 'SELECT id FROM domain WHERE host = ?').pluck();
  return sites.map((host) => {
    intern.run(host);
    return idOf.get(host) as number;
  });
}

/** Writes a digest's sites and link keys (nothing for a digest without web links). */
export function writeLinkData(db: Database, digestId: number, data: PreparedLinks): void {
  if (data.sites.length > 0) cachedStatement(db, 'INSERT INTO digest_site(digest_id, sites) VALUES (?, ?)').run(digestId, encodeIds(siteIds(db, data.sites)));
  if (data.keys !== '') cachedStatement(db, 'INSERT INTO link_fts(rowid, keys) VALUES (?, ?)').run(digestId, data.keys);
}

/** Deletes a digest's link keys (its digest_site row goes with the digest). */
export function deleteLinkData(db: Database, digestId: number): void {
  cachedStatement(db, 'DELETE FROM link_fts WHERE rowid = ?').run(digestId);
}
