/**
 * Series navigation, served from the index: a digest's previous and next are
 * the digests of its series (series/series-order.ts decides membership and
 * order after every index run that changed something; see
 * index/vault-wide.ts) at the positions next to its own. Links to digests are
 * resolved at read time by a JOIN on digest.path_key, so a link to a week
 * indexed after the linking digest resolves without re-indexing it; a key
 * that names no digest is found by its name (links-by-name.ts).
 */
import type { Database } from 'better-sqlite3';
import type { DigestRef, LinkInfo } from '../../shared/api.js';
import { readLinkList } from '../store/link-list.js';
import { backlinksByName, targetByName } from './links-by-name.js';
import { cachedStatement } from '../store/statements.js';

/** Where a digest sits: enough to find its neighbours. */
export interface SeriesPosition {
  series: string | null;
  seriesPos: number | null;
}

export interface SeriesNeighbours {
  prev: DigestRef | null;
  next: DigestRef | null;
}

const AT_SQL = 'SELECT path, title, date FROM digest WHERE series = ? AND series_pos = ?';

/** The digests before and after this one in its series; a digest in no series has neither. */
export function neighbours(db: Database, digest: SeriesPosition): SeriesNeighbours {
  if (digest.series === null || digest.seriesPos === null) return { prev: null, next: null };
  const at = cachedStatement(db, AT_SQL);
  const prev = at.get(digest.series, digest.seriesPos - 1) as DigestRef | undefined;
  const next = at.get(digest.series, digest.seriesPos + 1) as DigestRef | undefined;
  return { prev: prev ?? null, next: next ?? null };
}

interface TargetRow {
  ordinal: number;
  target_key: string;
  target_exists: number;
  target: string | null;
}

// Only links into the vault have a row; the digest a key names is found when read (a week indexed later resolves).
const TARGETS_SQL = `SELECT l.ordinal, l.target_key, l.target_exists,
    (SELECT t.path FROM digest t WHERE t.path_key = l.target_key ORDER BY t.path LIMIT 1) AS target
  FROM link l WHERE l.digest_id = ?`;

/** A link row's target: the digest its key names, else (no file there either) the digest its name finds (links-by-name.ts). */
function targetOf(db: Database, fromPath: string, row: TargetRow): string | null {
  if (row.target !== null || row.target_exists === 1) return row.target;
  return targetByName(db, fromPath, row.target_key);
}

/**
 * The digest's links in document order (store/link-list.ts), each resolved to
 * a vault digest where one exists. `body` is its Markdown body, `sectionIds`
 * its sections' ids in order, `isExternal` whether an href leaves the vault.
 */
export function outgoingLinks(
  db: Database,
  digest: { id: number; path: string; body: string },
  sectionIds: readonly string[],
  isExternal: (href: string) => boolean,
): LinkInfo[] {
  const targets = new Map((cachedStatement(db, TARGETS_SQL).all(digest.id) as TargetRow[]).map((r) => [r.ordinal, r]));
  return readLinkList(db, digest.id, digest.body).map((link, i) => {
    const t = targets.get(i);
    const target = t === undefined ? null : targetOf(db, digest.path, t);
    return {
      href: link.href,
      text: link.text,
      target,
      external: isExternal(link.href),
      broken: t !== undefined && target === null && t.target_exists === 0,
      sectionId: sectionIds[link.section] ?? '',
    };
  });
}

const BACKLINKS_SQL = `SELECT d.path, d.title, d.date FROM digest d
  WHERE d.id != ? AND EXISTS (SELECT 1 FROM link l WHERE l.digest_id = d.id AND l.target_key = ?)
  ORDER BY d.date IS NULL, d.date, d.path`;

function oldestFirst(a: DigestRef, b: DigestRef): number {
  if ((a.date === null) !== (b.date === null)) return a.date === null ? 1 : -1;
  if (a.date !== b.date) return a.date! < b.date! ? -1 : 1;
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** Digests that link to this one, by its key or by its name (itself excluded), once each, oldest first; undated last. */
export function backlinks(db: Database, digest: { id: number; path: string; pathKey: string }): DigestRef[] {
  const byKey = cachedStatement(db, BACKLINKS_SQL).all(digest.id, digest.pathKey) as DigestRef[];
  const byName = backlinksByName(db, digest);
  if (byName.length === 0) return byKey;
  const seen = new Set(byKey.map((r) => r.path));
  const all = [...byKey];
  for (const r of byName) {
    if (seen.has(r.path)) continue;
    seen.add(r.path);
    all.push(r);
  }
  return all.sort(oldestFirst);
}
