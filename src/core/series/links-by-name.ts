/**
 * Links found by name. A link into the vault first names a path (its key,
 * resolved against the linking digest's folder); when no digest has that
 * key, the digest with the same name elsewhere in the vault is its target,
 * as Obsidian, Foam and other wiki-style tools find `[[2024-W06]]` or a
 * "shortest path" Markdown link `[next](2024-W06.md)`. Names compare without
 * letter case (ASCII, SQL lower()). When several digests have the name, the
 * one nearest the linking digest wins: the longest shared folder prefix, then
 * the shorter path, then path order, so each link has exactly one target and
 * outgoing links and backlinks agree.
 */
import type { Database } from 'better-sqlite3';
import { cachedStatement } from '../store/statements.js';
import { DIGEST_NAME_SQL } from '../store/schema.js';
import { linkName } from '../store/records.js';

/** Digests sharing one name: a bound, as `index` or `README` names many. */
const MAX_CANDIDATES = 500;

const CANDIDATES_SQL = `SELECT path FROM digest WHERE ${DIGEST_NAME_SQL} = lower(?) ORDER BY path LIMIT ${MAX_CANDIDATES}`;

function folderSegments(path: string): string[] {
  const parts = path.split('/');
  parts.pop();
  return parts;
}

function sharedFolders(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** Of `candidates` (vault paths), the one nearest `fromPath` (see the module comment); null when there is none. */
export function nearestByName(fromPath: string, candidates: readonly string[]): string | null {
  const from = folderSegments(fromPath);
  let best: string | null = null;
  let bestShared = -1;
  for (const c of candidates) {
    const shared = sharedFolders(from, folderSegments(c));
    if (shared > bestShared || (shared === bestShared && best !== null && (c.length < best.length || (c.length === best.length && c < best)))) {
      best = c;
      bestShared = shared;
    }
  }
  return best;
}

/** The paths of the digests named as the key `key` ends. */
export function digestsNamed(db: Database, key: string): string[] {
  return cachedStatement(db, CANDIDATES_SQL).pluck().all(linkName(key)) as string[];
}

/** The digest a link from `fromPath` to the missing key `key` finds by name, or null. */
export function targetByName(db: Database, fromPath: string, key: string): string | null {
  return nearestByName(fromPath, digestsNamed(db, key));
}

interface NamedLinkRow {
  path: string;
  title: string;
  date: string | null;
  targetKey: string;
}

// Links from other digests whose key names no digest, by the name this digest has.
const NAMED_LINKS_SQL = `SELECT DISTINCT d.path, d.title, d.date, l.target_key AS targetKey
  FROM link l JOIN digest d ON d.id = l.digest_id
  WHERE l.target_name = lower(?) AND d.id != ? AND NOT EXISTS (SELECT 1 FROM digest t WHERE t.path_key = l.target_key)`;

/** The digests whose links find `digest` by name (not by its key). */
export function backlinksByName(db: Database, digest: { id: number; path: string; pathKey: string }): { path: string; title: string; date: string | null }[] {
  const rows = cachedStatement(db, NAMED_LINKS_SQL).all(linkName(digest.pathKey), digest.id) as NamedLinkRow[];
  if (rows.length === 0) return [];
  const candidates = digestsNamed(db, digest.pathKey);
  return rows.filter((r) => nearestByName(r.path, candidates) === digest.path).map(({ path, title, date }) => ({ path, title, date }));
}
