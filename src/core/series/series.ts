/**
 * Series navigation, served from the index: a digest's previous and next are
 * the digests of its series (series/series-order.ts decides membership and
 * order after every index run that changed something; see
 * index/vault-wide.ts) at the positions next to its own. Links to digests are
 * resolved at read time by a JOIN on digest.path_key, so a link to a week
 * indexed after the linking digest resolves without re-indexing it.
 */
import type { Database } from 'better-sqlite3';
import type { DigestRef, LinkInfo } from '../../shared/api.js';
import { SECTION_RANGE_SQL } from '../store/section-range.js';
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

interface LinkRow {
  href: string;
  text: string;
  external: number;
  target_key: string | null;
  target_exists: number;
  section_id: string;
  target: string | null;
}

// link.section is the ordinal of the link's section in its digest; '' when the digest has no such section.
const LINKS_SQL = `SELECT l.href, l.text, l.external, l.target_key, l.target_exists, coalesce(s.id, '') AS section_id,
    (SELECT t.path FROM digest t WHERE t.path_key = l.target_key ORDER BY t.path LIMIT 1) AS target
  FROM link l JOIN digest d ON d.id = l.digest_id
    LEFT JOIN section s ON ${SECTION_RANGE_SQL.sectionAt('d', 'l.section', 's')}
  WHERE l.digest_id = ? ORDER BY l.ordinal`;

/** The digest's links in document order, each resolved to a vault digest where one exists. */
export function outgoingLinks(db: Database, digestId: number): LinkInfo[] {
  const rows = cachedStatement(db, LINKS_SQL).all(digestId) as LinkRow[];
  return rows.map((r) => ({
    href: r.href,
    text: r.text,
    target: r.target,
    external: r.external === 1,
    broken: r.target_key !== null && r.target === null && r.target_exists === 0,
    sectionId: r.section_id,
  }));
}

const BACKLINKS_SQL = `SELECT d.path, d.title, d.date FROM digest d
  WHERE d.id != ? AND EXISTS (SELECT 1 FROM link l WHERE l.digest_id = d.id AND l.target_key = ?)
  ORDER BY d.date IS NULL, d.date, d.path`;

/** Digests that link to this one (itself excluded), once each, oldest first; undated last. */
export function backlinks(db: Database, digest: { id: number; pathKey: string }): DigestRef[] {
  return cachedStatement(db, BACKLINKS_SQL).all(digest.id, digest.pathKey) as DigestRef[];
}
