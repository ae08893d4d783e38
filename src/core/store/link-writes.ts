/**
 * A digest's links as the store writes them: the packed list for the reader
 * (link-list.ts), the sites and link keys for search (link-data.ts), and a
 * `link` row for each link into the vault (targets, backlinks). Called by
 * DigestWrites inside its transactions.
 */
import type { Database } from 'better-sqlite3';
import type { ParsedDigest, PreparedDigest } from '../types.js';
import { deleteLinkData, writeLinkData } from './link-data.js';
import { readLinkList, writeLinkList } from './link-list.js';
import { linkName, type LinkTarget } from './records.js';
import { cachedStatement } from './statements.js';
import { readDigestBody } from './stored-text.js';

/** `link` rows for the links whose target is a vault path (`sections[i]`: link i's stored section). */
function insertTargetRows(db: Database, digestId: number, sections: readonly number[], targets: readonly LinkTarget[]): void {
  // target_name is lower-cased by SQL lower(), as DIGEST_NAME_SQL is (schema.ts), so the two always compare alike.
  const insert = cachedStatement(
    db,
    'INSERT INTO link(digest_id, ordinal, section, target_key, target_name, target_exists) VALUES (?, ?, ?, ?, lower(?), ?)',
  );
  targets.forEach((t, i) => {
    if (t.targetKey !== null) insert.run(digestId, i, sections[i] ?? 0, t.targetKey, linkName(t.targetKey), t.targetExists ? 1 : 0);
  });
}

/** Writes every link row of a new digest; `links` is what the parse worker prepared (PreparedDigest.links). */
export function writeDigestLinks(
  db: Database,
  digestId: number,
  parsed: ParsedDigest,
  links: NonNullable<PreparedDigest['links']>,
  targets: readonly LinkTarget[],
): void {
  writeLinkList(db, digestId, links.list);
  writeLinkData(db, digestId, links);
  const stored = new Map(parsed.sections.map((s, i) => [s.ordinal, i]));
  insertTargetRows(
    db,
    digestId,
    parsed.links.map((l) => stored.get(l.section) ?? 0),
    targets,
  );
}

/** A moved digest's links point elsewhere from its new folder: its `link` rows, made again from `targets` (parallel to its stored links). */
export function retargetLinks(db: Database, digestId: number, targets: readonly LinkTarget[]): void {
  const sections = readLinkList(db, digestId, readDigestBody(db, digestId) ?? '').map((l) => l.section);
  cachedStatement(db, 'DELETE FROM link WHERE digest_id = ?').run(digestId);
  insertTargetRows(db, digestId, sections, targets);
}

/** The hrefs of a stored digest's links in document order. */
export function storedLinkHrefs(db: Database, digestId: number): string[] {
  return readLinkList(db, digestId, readDigestBody(db, digestId) ?? '').map((l) => l.href);
}

/** What goes with a digest's row but not by its foreign key (link_fts is a virtual table). */
export function deleteDigestLinks(db: Database, digestId: number): void {
  deleteLinkData(db, digestId);
}
