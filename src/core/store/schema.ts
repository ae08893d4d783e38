/**
 * The index schema. SQLite is the source of truth for everything derived from
 * the vault; the FTS5 table holds Almanac's own tokens (see
 * core/text/tokenize.ts) and is rebuilt from the stored sections whenever
 * the tokenizer version changes.
 *
 * `PRAGMA user_version` holds SCHEMA_VERSION. MIGRATIONS[i] upgrades a
 * database from version i to i+1; open-database.ts runs every step needed in
 * one transaction.
 */

import { CHUNKS_PER_DIGEST } from './stored-text.js';

export const SCHEMA_VERSION = 4;

/** Marks the database as Almanac's (application_id), so a foreign SQLite file is recognised. */
export const APPLICATION_ID = 0x416c6d61; // "Alma"

const V1 = `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE file (
  path      TEXT PRIMARY KEY,
  size      INTEGER NOT NULL,
  mtime_ms  REAL NOT NULL,
  hash      TEXT,
  encoding  TEXT,
  status    TEXT NOT NULL CHECK (status IN ('indexed', 'skipped')),
  reason    TEXT,
  warnings  TEXT NOT NULL DEFAULT '[]'
) STRICT;

CREATE TABLE digest (
  id          INTEGER PRIMARY KEY,
  path        TEXT NOT NULL UNIQUE REFERENCES file(path) ON DELETE CASCADE,
  path_key    TEXT NOT NULL,
  folder      TEXT NOT NULL,
  title       TEXT NOT NULL,
  date        TEXT,
  week        TEXT,
  description TEXT,
  meta        TEXT NOT NULL DEFAULT '{}',
  body        TEXT NOT NULL,
  hash        TEXT NOT NULL
) STRICT;
CREATE INDEX digest_path_key ON digest(path_key);
CREATE INDEX digest_folder_date ON digest(folder, date, path);
CREATE INDEX digest_date ON digest(date);

CREATE TABLE tag (
  digest_id INTEGER NOT NULL REFERENCES digest(id) ON DELETE CASCADE,
  ordinal   INTEGER NOT NULL,
  tag       TEXT NOT NULL,
  tag_norm  TEXT NOT NULL,
  PRIMARY KEY (digest_id, ordinal)
) STRICT;
CREATE INDEX tag_norm ON tag(tag_norm, digest_id);

CREATE TABLE section (
  rowid        INTEGER PRIMARY KEY,
  id           TEXT NOT NULL UNIQUE,
  digest_id    INTEGER NOT NULL REFERENCES digest(id) ON DELETE CASCADE,
  ordinal      INTEGER NOT NULL,
  heading      TEXT NOT NULL,
  level        INTEGER NOT NULL,
  heading_path TEXT NOT NULL,
  text         TEXT NOT NULL,
  start        INTEGER NOT NULL,
  end          INTEGER NOT NULL
) STRICT;
CREATE INDEX section_digest ON section(digest_id, ordinal);

CREATE TABLE link (
  digest_id     INTEGER NOT NULL REFERENCES digest(id) ON DELETE CASCADE,
  ordinal       INTEGER NOT NULL,
  section_id    TEXT NOT NULL,
  href          TEXT NOT NULL,
  text          TEXT NOT NULL,
  external      INTEGER NOT NULL,
  target_key    TEXT,
  target_exists INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (digest_id, ordinal)
) STRICT;
CREATE INDEX link_target ON link(target_key);

-- Contentless: the text lives in section; deletes use FTS5's 'delete' command
-- with the tokens that were inserted (FtsWriter.delete), which keeps BM25's
-- row and token statistics exact (contentless_delete=1 does not decrement
-- them, so scores drifted from a fresh index after incremental updates).
-- categories: every character of our tokens is a token character (combining
-- marks and CJK radicals too), so FTS5 keeps exactly the tokens of tokenize.ts.
CREATE VIRTUAL TABLE section_fts USING fts5(
  title, heading, body,
  content = '',
  tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co M* So' tokenchars '._'"
);
`;

/**
 * V2 keeps the rows that searches scan small (catalog, bm25, snippets) and
 * stores each text once, compressed:
 * - digest has no body; digest_text holds the body and the sections' plain
 *   texts, packed by core/store/stored-text.ts (its only reader and writer).
 * - section has no text. A digest's sections have contiguous rowids
 *   first_section .. first_section + section_count - 1 in document order
 *   (ordinal = rowid - first_section), so the catalog maps FTS rowids to
 *   digests from the digest rows alone.
 * - tag and link are WITHOUT ROWID: their rows are only ever found by
 *   digest, and the clustered key saves a separate primary-key index.
 * The index is derived data: the upgrade from V1 drops everything and the
 * next indexing run parses the vault again.
 */
const V1_TO_V2 = `
DROP TABLE section_fts;
DROP TABLE link;
DROP TABLE section;
DROP TABLE tag;
DROP TABLE digest;
-- meta and file keep their V1 shape; emptied, so the next run parses every file.
DELETE FROM file;
DELETE FROM meta;

CREATE TABLE digest (
  id            INTEGER PRIMARY KEY,
  path          TEXT NOT NULL UNIQUE REFERENCES file(path) ON DELETE CASCADE,
  path_key      TEXT NOT NULL,
  folder        TEXT NOT NULL,
  title         TEXT NOT NULL,
  date          TEXT,
  week          TEXT,
  description   TEXT,
  meta          TEXT NOT NULL DEFAULT '{}',
  hash          TEXT NOT NULL,
  first_section INTEGER NOT NULL,
  section_count INTEGER NOT NULL
) STRICT;
CREATE INDEX digest_path_key ON digest(path_key);
CREATE INDEX digest_folder_date ON digest(folder, date, path);
CREATE INDEX digest_date ON digest(date);

CREATE TABLE digest_text (
  digest_id INTEGER PRIMARY KEY REFERENCES digest(id) ON DELETE CASCADE,
  body      BLOB NOT NULL,
  sections  BLOB NOT NULL
) STRICT;

CREATE TABLE tag (
  digest_id INTEGER NOT NULL REFERENCES digest(id) ON DELETE CASCADE,
  ordinal   INTEGER NOT NULL,
  tag       TEXT NOT NULL,
  tag_norm  TEXT NOT NULL,
  PRIMARY KEY (digest_id, ordinal)
) STRICT, WITHOUT ROWID;
CREATE INDEX tag_norm ON tag(tag_norm, digest_id);

CREATE TABLE section (
  rowid        INTEGER PRIMARY KEY,
  id           TEXT NOT NULL UNIQUE,
  digest_id    INTEGER NOT NULL REFERENCES digest(id) ON DELETE CASCADE,
  ordinal      INTEGER NOT NULL,
  heading      TEXT NOT NULL,
  level        INTEGER NOT NULL,
  heading_path TEXT NOT NULL,
  start        INTEGER NOT NULL,
  end          INTEGER NOT NULL
) STRICT;
CREATE INDEX section_digest ON section(digest_id, ordinal);

CREATE TABLE link (
  digest_id     INTEGER NOT NULL REFERENCES digest(id) ON DELETE CASCADE,
  ordinal       INTEGER NOT NULL,
  section_id    TEXT NOT NULL,
  href          TEXT NOT NULL,
  text          TEXT NOT NULL,
  external      INTEGER NOT NULL,
  target_key    TEXT,
  target_exists INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (digest_id, ordinal)
) STRICT, WITHOUT ROWID;
CREATE INDEX link_target ON link(target_key);

-- Contentless: the text lives in digest_text; deletes use FTS5's 'delete'
-- command with the tokens that were inserted (FtsWriter.delete), which keeps
-- BM25's row and token statistics exact (contentless_delete=1 does not
-- decrement them, so scores drifted from a fresh index after incremental
-- updates).
-- categories: every character of our tokens is a token character (combining
-- marks and CJK radicals too), so FTS5 keeps exactly the tokens of tokenize.ts.
CREATE VIRTUAL TABLE section_fts USING fts5(
  title, heading, body,
  content = '',
  tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co M* So' tokenchars '._'"
);
-- FTS5 keeps new postings in memory and writes them as a segment when this
-- many bytes are pending (default 1 MB) and at each commit; merging the many
-- small segments of a 200-file transaction dominated the writer's time. With
-- 16 MB a 10k-digest cold index took 15-20% less CPU (docs/PERFORMANCE.md).
INSERT INTO section_fts(section_fts, rank) VALUES ('hashsize', 16777216);
`;

/** The meta key of the catalog generation (V3): bumped by triggers whenever a digest or tag row changes. */
export const META_CATALOG_GENERATION = 'catalog_generation';

/**
 * V3 shrinks the postings and lets a reopened index skip rebuilding its
 * search catalog:
 * - section_fts lists body first. FTS5 writes a two-byte column marker before
 *   the positions of every column but the first, in every (term, row) entry;
 *   with body third, 17.8M body entries paid it at 10k digests. Body first
 *   makes the postings 29% smaller (measured on 30k sections: 31.0 -> 21.9 MB).
 * - link_target indexes only links with a target_key (internal links).
 * - catalog_snapshot holds the engine's digest catalog (search/catalog.ts) as
 *   one row, stamped with the catalog generation it was built at. Triggers on
 *   digest and tag bump the generation and drop the snapshot, so a snapshot
 *   is used only while its generation is current, whoever wrote since.
 * Like V2, the upgrade empties the index (derived data) and the next run
 * parses the vault again.
 */
const V2_TO_V3 = `
DROP TABLE section_fts;
DELETE FROM link;
DELETE FROM section;
DELETE FROM tag;
DELETE FROM digest_text;
DELETE FROM digest;
DELETE FROM file;
DELETE FROM meta;

CREATE VIRTUAL TABLE section_fts USING fts5(
  body, heading, title,
  content = '',
  tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co M* So' tokenchars '._'"
);
INSERT INTO section_fts(section_fts, rank) VALUES ('hashsize', 16777216);

-- Backlink lookups ask for one target_key; external links (three in four) have none.
DROP INDEX link_target;
CREATE INDEX link_target ON link(target_key) WHERE target_key IS NOT NULL;

CREATE TABLE catalog_snapshot (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  generation INTEGER NOT NULL,
  data       BLOB NOT NULL
) STRICT;
INSERT INTO meta(key, value) VALUES ('${META_CATALOG_GENERATION}', '0');
${catalogTriggers()}
`;

function catalogTriggers(): string {
  const bump = `UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = '${META_CATALOG_GENERATION}';
  DELETE FROM catalog_snapshot;`;
  return ['digest', 'tag']
    .flatMap((table) =>
      ['INSERT', 'UPDATE', 'DELETE'].map(
        (event) => `CREATE TRIGGER ${table}_${event.toLowerCase()}_catalog AFTER ${event} ON ${table} BEGIN
  ${bump}
END;`,
      ),
    )
    .join('\n');
}

/**
 * V4 stores the same rows in less space (docs/PERFORMANCE.md, index size):
 * - digest_text holds only the tail of a digest's packed text; the rest is in
 *   text_chunk, in pieces that fill pages exactly, and the body is Brotli
 *   instead of deflate (core/store/stored-text.ts, the tables' only owner).
 * - section.ancestors replaces heading_path: the path without the section's
 *   own heading, which is in heading (core/store/heading-path.ts).
 * - link.section is the ordinal of the link's section in its digest instead
 *   of the section's 16-character id, which also lets a rename leave links
 *   alone.
 * - section has no index on digest_id and no foreign key: a digest's sections
 *   are the rowids first_section .. first_section + section_count - 1, so
 *   every lookup by digest is a rowid range, and Store deletes them by that
 *   range with the digest (a cascading foreign key would need the 1.6 MB
 *   index at 10k to find them).
 * Like V2 and V3, the upgrade empties the index and the next run parses the
 * vault again.
 */
const V3_TO_V4 = `
DROP TABLE link;
DROP TABLE section;
DROP TABLE digest_text;
DELETE FROM tag;
DELETE FROM digest;
DELETE FROM file;
DELETE FROM meta WHERE key != '${META_CATALOG_GENERATION}';
DELETE FROM catalog_snapshot;
INSERT INTO section_fts(section_fts) VALUES ('delete-all');

CREATE TABLE digest_text (
  digest_id INTEGER PRIMARY KEY REFERENCES digest(id) ON DELETE CASCADE,
  tail      BLOB NOT NULL
) STRICT;
CREATE TABLE text_chunk (
  key  INTEGER PRIMARY KEY,
  data BLOB NOT NULL
) STRICT;
CREATE TRIGGER digest_text_delete_chunks AFTER DELETE ON digest_text BEGIN
  DELETE FROM text_chunk WHERE key BETWEEN old.digest_id * ${CHUNKS_PER_DIGEST} AND old.digest_id * ${CHUNKS_PER_DIGEST} + ${CHUNKS_PER_DIGEST - 1};
END;

CREATE TABLE section (
  rowid     INTEGER PRIMARY KEY,
  id        TEXT NOT NULL UNIQUE,
  digest_id INTEGER NOT NULL,
  ordinal   INTEGER NOT NULL,
  heading   TEXT NOT NULL,
  level     INTEGER NOT NULL,
  ancestors TEXT NOT NULL,
  start     INTEGER NOT NULL,
  end       INTEGER NOT NULL
) STRICT;

CREATE TABLE link (
  digest_id     INTEGER NOT NULL REFERENCES digest(id) ON DELETE CASCADE,
  ordinal       INTEGER NOT NULL,
  section       INTEGER NOT NULL,
  href          TEXT NOT NULL,
  text          TEXT NOT NULL,
  external      INTEGER NOT NULL,
  target_key    TEXT,
  target_exists INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (digest_id, ordinal)
) STRICT, WITHOUT ROWID;
CREATE INDEX link_target ON link(target_key) WHERE target_key IS NOT NULL;
`;

/** MIGRATIONS[i] takes user_version i to i + 1. */
export const MIGRATIONS: readonly string[] = [V1, V1_TO_V2, V2_TO_V3, V3_TO_V4];
