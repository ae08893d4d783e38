/**
 * Index files as older Almanac versions left them, built minimally: our
 * application_id, their user_version, and the tables in the shape that sets
 * each version apart (columns later versions dropped, FTS5 columns in the old
 * order, foreign keys that cascade, triggers that write meta), with a digest
 * in them. Almanac itself no longer knows these layouts: an older index is
 * emptied and created again (core/store/open-database.ts).
 */
import BetterSqlite3 from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { APPLICATION_ID } from '../../src/core/store/schema.js';

const FILE = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE file (path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ms REAL NOT NULL, hash TEXT, status TEXT NOT NULL) STRICT;
INSERT INTO meta VALUES ('tokenizer_version', '1'), ('index_format', '1');
INSERT INTO file VALUES ('a.md', 10, 1, 'h', 'indexed');
`;

/** V1: the body on the digest row, the plain text on the section row, FTS5 columns title first. */
const V1 = `${FILE}
CREATE TABLE digest (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE REFERENCES file(path) ON DELETE CASCADE, title TEXT NOT NULL, body TEXT NOT NULL) STRICT;
CREATE TABLE section (rowid INTEGER PRIMARY KEY, digest_id INTEGER NOT NULL REFERENCES digest(id) ON DELETE CASCADE, heading_path TEXT NOT NULL, text TEXT NOT NULL) STRICT;
CREATE INDEX section_digest ON section(digest_id);
CREATE VIRTUAL TABLE section_fts USING fts5(title, heading, body, content = '');
INSERT INTO digest VALUES (1, 'a.md', 'A', '## x\ncodex');
INSERT INTO section VALUES (1, 1, '["x"]', 'codex');
INSERT INTO section_fts(rowid, title, heading, body) VALUES (1, 'a', 'x', 'codex');
`;

/** V2: section ranges on the digest, texts packed in digest_text(body, sections), links by section id. */
const V2_TABLES = `${FILE}
CREATE TABLE digest (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE REFERENCES file(path) ON DELETE CASCADE, title TEXT NOT NULL,
  first_section INTEGER NOT NULL, section_count INTEGER NOT NULL) STRICT;
CREATE TABLE digest_text (digest_id INTEGER PRIMARY KEY REFERENCES digest(id) ON DELETE CASCADE, body BLOB NOT NULL, sections BLOB NOT NULL) STRICT;
CREATE TABLE section (rowid INTEGER PRIMARY KEY, digest_id INTEGER NOT NULL REFERENCES digest(id) ON DELETE CASCADE, heading_path TEXT NOT NULL) STRICT;
CREATE TABLE link (digest_id INTEGER NOT NULL REFERENCES digest(id) ON DELETE CASCADE, ordinal INTEGER NOT NULL, section_id TEXT NOT NULL,
  PRIMARY KEY (digest_id, ordinal)) STRICT, WITHOUT ROWID;
INSERT INTO digest VALUES (1, 'a.md', 'A', 1, 1);
INSERT INTO digest_text VALUES (1, x'00', x'00');
INSERT INTO section VALUES (1, 1, '["x"]');
INSERT INTO link VALUES (1, 0, 'abc');
`;
const V2 = `${V2_TABLES}
CREATE VIRTUAL TABLE section_fts USING fts5(title, heading, body, content = '');
INSERT INTO section_fts(rowid, title, heading, body) VALUES (1, 'a', 'x', 'codex');
`;

/** V3: FTS5 columns body first, the catalog snapshot, and triggers that bump the generation in meta. */
const V3 = `${V2_TABLES}
CREATE VIRTUAL TABLE section_fts USING fts5(body, heading, title, content = '');
INSERT INTO section_fts(rowid, body, heading, title) VALUES (1, 'codex', 'x', 'a');
CREATE TABLE catalog_snapshot (id INTEGER PRIMARY KEY CHECK (id = 1), generation INTEGER NOT NULL, data BLOB NOT NULL) STRICT;
INSERT INTO meta VALUES ('catalog_generation', '7');
INSERT INTO catalog_snapshot VALUES (1, 7, x'00');
CREATE TRIGGER digest_delete_catalog AFTER DELETE ON digest BEGIN
  UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'catalog_generation';
  DELETE FROM catalog_snapshot;
END;
`;

/** V4: the digest row without date sources or series, folder-based series, no section dates or index entries. */
const V4 = `${FILE}
CREATE TABLE digest (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE REFERENCES file(path) ON DELETE CASCADE, path_key TEXT NOT NULL,
  folder TEXT NOT NULL, title TEXT NOT NULL, date TEXT, week TEXT, description TEXT, meta TEXT NOT NULL DEFAULT '{}', hash TEXT NOT NULL,
  first_section INTEGER NOT NULL, section_count INTEGER NOT NULL) STRICT;
CREATE INDEX digest_folder_date ON digest(folder, date, path);
CREATE TABLE digest_text (digest_id INTEGER PRIMARY KEY REFERENCES digest(id) ON DELETE CASCADE, tail BLOB NOT NULL) STRICT;
CREATE TABLE section (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, digest_id INTEGER NOT NULL, ordinal INTEGER NOT NULL,
  heading TEXT NOT NULL, level INTEGER NOT NULL, ancestors TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL) STRICT;
CREATE VIRTUAL TABLE section_fts USING fts5(body, heading, title, content = '');
INSERT INTO digest VALUES (1, 'a.md', 'a', '', 'A', '2026-02-06', '2026-W06', NULL, '{}', 'h', 1, 1);
INSERT INTO digest_text VALUES (1, x'00');
INSERT INTO section VALUES (1, '0123456789abcdef', 1, 0, 'x', 2, '', 0, 10);
INSERT INTO section_fts(rowid, body, heading, title) VALUES (1, 'codex', 'x', 'a');
`;

export const LEGACY_VERSIONS = [1, 2, 3, 4] as const;
export type LegacyVersion = (typeof LEGACY_VERSIONS)[number];

const LAYOUTS: Record<LegacyVersion, string> = { 1: V1, 2: V2, 3: V3, 4: V4 };

/**
 * Writes an index of schema `version` at dbPath holding one digest (a.md,
 * whose section's postings match "codex"), then runs `extraSql` and sets
 * `pragmas` (e.g. 'journal_mode = WAL', as V1 left its files).
 */
export function writeLegacyIndex(dbPath: string, version: LegacyVersion, extraSql = '', pragmas: readonly string[] = []): void {
  mkdirSync(path.dirname(dbPath), { recursive: true });
  const db = new BetterSqlite3(dbPath);
  try {
    db.exec(LAYOUTS[version]);
    db.exec(extraSql);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${version}`);
    for (const p of pragmas) db.pragma(p);
  } finally {
    db.close();
  }
}
