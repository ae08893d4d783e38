/**
 * The index schema: one definition of the current version. SQLite is the
 * source of truth for everything derived from the vault; the FTS5 table holds
 * Almanac's own tokens (see core/text/tokenize.ts) and is rebuilt from the
 * stored sections whenever the tokenizer version changes.
 *
 * `PRAGMA user_version` holds SCHEMA_VERSION and `PRAGMA application_id`
 * APPLICATION_ID. The index is derived data, so there are no migrations: an
 * index of ours at an older version is emptied and created again from
 * SCHEMA_SQL in one transaction, and the next run parses the vault again
 * (open-database.ts decides, and also what happens to files that are not ours
 * or are newer). Any change to SCHEMA_SQL must raise SCHEMA_VERSION.
 */

import { BUMP_GENERATION_SQL, META_GENERATION } from './generation.js';
import { CHUNKS_PER_DIGEST } from './stored-text.js';

export const SCHEMA_VERSION = 12;

/** Marks the database as Almanac's (application_id), so a foreign SQLite file is recognised. */
export const APPLICATION_ID = 0x416c6d61; // "Alma"

export { META_GENERATION };

/**
 * A digest's name in lower case: its path key after its folder ("2024-w06"
 * for "weekly/2024-W06"), the expression of the digest_name index. Queries
 * must use it as written (on an unaliased digest table) for SQLite to use
 * the index.
 */
export const DIGEST_NAME_SQL = "lower(substr(path_key, length(folder) + (folder <> '') + 1))";

/** Every table of SCHEMA_SQL (FTS5's own shadow tables aside): an index without one of them is incomplete. */
export const SCHEMA_TABLES: readonly string[] = [
  'meta',
  'file',
  'digest',
  'digest_text',
  'text_chunk',
  'tag',
  'section',
  'section_date',
  'link',
  'digest_link',
  'domain',
  'digest_site',
  'link_fts',
  'mention',
  'index_entry',
  'git_date',
  'section_fts',
  'title_fts',
  'section_sig',
  'section_mark',
  'catalog_snapshot',
];

const FILES = `
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
`;

/*
 * digest holds metadata only, so the rows the search catalog scans stay small.
 * A digest's sections have contiguous rowids first_section ..
 * first_section + section_count - 1 in document order (section-range.ts owns
 * the invariant).
 *
 * date, date_source, date_precision and week are the digest's date as shown:
 * the parser's (its chain of per-file sources), or, when that found none, the
 * vault-wide step's (an index page, git; index/vault-wide.ts), which also
 * reads an ambiguous "03-04-2024" in the order the vault's other dates
 * follow. date_order and date_alt keep the parser's reading of such a date
 * (the order it guessed and the other reading), so that step can decide again
 * when the vault changes. series and series_pos are the series step's
 * (series/series-order.ts): null for a digest in no series; previous and next
 * are the rows at series_pos - 1 and + 1.
 *
 * The texts are stored once, packed per digest (stored-text.ts is the only
 * reader and writer of digest_text and text_chunk): the tail of the blob in
 * digest_text, the rest in text_chunk in pieces that fill pages exactly; the
 * trigger drops the pieces with their row.
 */
const DIGESTS = `
CREATE TABLE digest (
  id             INTEGER PRIMARY KEY,
  path           TEXT NOT NULL UNIQUE REFERENCES file(path) ON DELETE CASCADE,
  path_key       TEXT NOT NULL,
  folder         TEXT NOT NULL,
  title          TEXT NOT NULL,
  date           TEXT,
  week           TEXT,
  description    TEXT,
  meta           TEXT NOT NULL DEFAULT '{}',
  hash           TEXT NOT NULL,
  first_section  INTEGER NOT NULL,
  section_count  INTEGER NOT NULL,
  date_source    TEXT NOT NULL DEFAULT 'none',
  date_precision TEXT,
  date_order     TEXT,
  date_alt       TEXT,
  number         INTEGER,
  series         TEXT,
  series_pos     INTEGER
) STRICT;
CREATE INDEX digest_path_key ON digest(path_key);
CREATE INDEX digest_name ON digest(${DIGEST_NAME_SQL});
CREATE INDEX digest_series ON digest(series, series_pos) WHERE series IS NOT NULL;
CREATE INDEX digest_date ON digest(date);

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
`;

/*
 * tag and link are WITHOUT ROWID: their rows are only ever found by digest,
 * and the clustered key saves a separate primary-key index.
 *
 * section has no index on digest_id and no foreign key: every lookup by digest
 * is its rowid range, and Store deletes the range with the digest (a cascading
 * foreign key would need an index on digest_id just to find them). ancestors
 * is the heading path without the section's own heading (heading-path.ts).
 *
 * section_date holds the date of a section whose own heading carries one
 * (parse/heading-dates.ts), by section rowid: no row for the other sections,
 * so a vault without dated headings stores nothing; deleted with the
 * section's range.
 *
 * link holds only the links into the vault (the rest are in digest_link,
 * see LINKS): link.ordinal is the link's place among all the digest's links,
 * link.section the ordinal of its section in its digest. link_target serves
 * backlink lookups, which ask for one target_key. target_name is the key's
 * last segment in lower case (SQL lower()), and digest_name indexes the same
 * of every digest (DIGEST_NAME_SQL): a link to a missing path is resolved by
 * that name, as wikilinks are (series/links-by-name.ts).
 */
const SECTIONS = `
CREATE TABLE tag (
  digest_id INTEGER NOT NULL REFERENCES digest(id) ON DELETE CASCADE,
  ordinal   INTEGER NOT NULL,
  tag       TEXT NOT NULL,
  tag_norm  TEXT NOT NULL,
  PRIMARY KEY (digest_id, ordinal)
) STRICT, WITHOUT ROWID;
CREATE INDEX tag_norm ON tag(tag_norm, digest_id);

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

CREATE TABLE section_date (
  section_rowid INTEGER PRIMARY KEY,
  date          TEXT NOT NULL,
  precision     TEXT NOT NULL
) STRICT;

CREATE TABLE link (
  digest_id     INTEGER NOT NULL REFERENCES digest(id) ON DELETE CASCADE,
  ordinal       INTEGER NOT NULL,
  section       INTEGER NOT NULL,
  target_key    TEXT NOT NULL,
  target_name   TEXT NOT NULL,
  target_exists INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (digest_id, ordinal)
) STRICT, WITHOUT ROWID;
CREATE INDEX link_target ON link(target_key);
CREATE INDEX link_name ON link(target_name);
`;

/*
 * Links as data (schema V8). digest_link: every link of a digest (href, text,
 * section) as one blob deflated with the body as dictionary (link-list.ts),
 * for the reader. domain, digest_site and link_fts: the sites and link keys
 * of its web links, for the site:/link: operators and the Sources facet
 * (link-data.ts). link_fts keeps no positions (detail=none) and no content;
 * its tokenizer takes every letter, digit, punctuation and symbol as part of
 * a token, so a link key (`github.com/openai/whisper`) is one token and
 * `link:` a prefix query on it. Every index transaction writes a segment;
 * merging two of a level (automerge 2, FTS5's default is 4) keeps fewer copies
 * of the same terms across segments, for little merge work on so small a
 * table (sizes in docs/PERFORMANCE.md).
 */
const LINKS = `
CREATE TABLE digest_link (
  digest_id INTEGER PRIMARY KEY REFERENCES digest(id) ON DELETE CASCADE,
  data      BLOB NOT NULL
) STRICT;

CREATE TABLE domain (
  id   INTEGER PRIMARY KEY,
  host TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE digest_site (
  digest_id INTEGER PRIMARY KEY REFERENCES digest(id) ON DELETE CASCADE,
  sites     BLOB NOT NULL
) STRICT;

CREATE VIRTUAL TABLE link_fts USING fts5(
  keys,
  content = '',
  contentless_delete = 1,
  detail = none,
  tokenize = "unicode61 remove_diacritics 0 categories 'L* N* P* S* M* Co'"
);
INSERT INTO link_fts(link_fts, rank) VALUES ('automerge', 2);
`;

/*
 * Mentions (core/text/mention-name.ts): the names a digest sets apart in bold
 * or as link text, as one row per digest (mention-rows.ts): each name by a
 * hash of its key, each spelling by a hash and, compressed, its text, and the
 * (section ordinal, name) pairs; deleted with the digest.
 */
const MENTIONS = `
CREATE TABLE mention (
  digest_id INTEGER PRIMARY KEY REFERENCES digest(id) ON DELETE CASCADE,
  data      BLOB NOT NULL
) STRICT;
`;

/*
 * What the vault-wide date step reads (index/vault-wide.ts). index_entry: the
 * links an index page lists under dated headings (index/index-page.ts), by
 * the page's digest; the href is resolved from the page's current path when
 * read, so a moved page needs no rewrite. git_date: the day each Markdown
 * file was first committed, from one git log pass, valid for the HEAD commit
 * recorded in meta (git-dates.ts). Both are empty in vaults without index
 * pages or without git history.
 */
const VAULT_WIDE = `
CREATE TABLE index_entry (
  digest_id INTEGER NOT NULL REFERENCES digest(id) ON DELETE CASCADE,
  ordinal   INTEGER NOT NULL,
  href      TEXT NOT NULL,
  date      TEXT NOT NULL,
  precision TEXT NOT NULL,
  PRIMARY KEY (digest_id, ordinal)
) STRICT, WITHOUT ROWID;

CREATE TABLE git_date (
  path TEXT PRIMARY KEY,
  date TEXT NOT NULL
) STRICT, WITHOUT ROWID;
`;

/*
 * Contentless: the text lives in digest_text; deletes use FTS5's 'delete'
 * command with the tokens that were inserted (FtsWriter.delete), which keeps
 * BM25's row and token statistics exact (contentless_delete=1 does not
 * decrement them, so scores drifted from a fresh index after incremental
 * updates).
 * categories: every character of our tokens is a token character (combining
 * marks and CJK radicals too), so FTS5 keeps exactly the tokens of tokenize.ts.
 * body first: FTS5 writes a two-byte column marker before the positions of
 * every column but the first, in every (term, row) entry, and most entries
 * are body's (docs/PERFORMANCE.md, schema V3).
 * hashsize: FTS5 keeps new postings in memory and writes them as a segment
 * when this many bytes are pending (default 1 MB) and at each commit; merging
 * the many small segments of a large transaction dominated the writer's time
 * (docs/PERFORMANCE.md).
 * Titles have their own table, a row per digest (rowid = digest id): in every
 * section row they made each section of a digest match its title's words
 * (schema V9; fts-write.ts, docs/ARCHITECTURE.md "A hit shows its match").
 * A section's lines that repeat across its series have a second section_fts
 * row at BOILER_ROWID_BASE + its rowid (fts-write.ts).
 */
const OUR_TOKENS = `tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co M* So' tokenchars '._'"`;
const POSTINGS = `
CREATE VIRTUAL TABLE section_fts USING fts5(body, heading, content = '', ${OUR_TOKENS});
INSERT INTO section_fts(section_fts, rank) VALUES ('hashsize', 16777216);
CREATE VIRTUAL TABLE title_fts USING fts5(title, content = '', ${OUR_TOKENS});
`;

/*
 * What the repeats step (index/repeats-step.ts) reads and writes.
 * section_sig: each digest's near-duplicate signatures (text/near-dup.ts),
 * packed in one blob (store/section-sigs.ts), made by the parse worker so the
 * step never reads texts. section_mark: a row only for a section found to
 * repeat across its series, as boilerplate lines or as a repeat cluster
 * (store/section-marks.ts); deleted with its section's range.
 */
const REPEATS = `
CREATE TABLE section_sig (
  digest_id INTEGER PRIMARY KEY REFERENCES digest(id) ON DELETE CASCADE,
  sigs      BLOB NOT NULL
) STRICT;

CREATE TABLE section_mark (
  section_rowid INTEGER PRIMARY KEY,
  boiler        TEXT,
  grp           INTEGER
) STRICT;
`;

/*
 * catalog_snapshot holds the search engine's digest catalog
 * (search/catalog.ts) as one row, stamped with the generation it was built
 * at. Triggers on digest and tag bump the generation and drop the snapshot
 * inside the writing transaction, whichever connection writes, so a snapshot
 * is used only while its generation is current.
 */
const GENERATION = `
CREATE TABLE catalog_snapshot (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  generation INTEGER NOT NULL,
  data       BLOB NOT NULL
) STRICT;
INSERT INTO meta(key, value) VALUES ('${META_GENERATION}', '0');
${generationTriggers()}
`;

function generationTriggers(): string {
  const bump = BUMP_GENERATION_SQL;
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

/** Creates every table, index and trigger of SCHEMA_VERSION in an empty database. */
export const SCHEMA_SQL = [FILES, DIGESTS, SECTIONS, LINKS, MENTIONS, VAULT_WIDE, POSTINGS, REPEATS, GENERATION].join('');
