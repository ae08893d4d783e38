/** A dump of an index by natural keys (no row ids, no timestamps), to compare two indexes. */
import type { Database } from 'better-sqlite3';

export function dumpIndex(db: Database): Record<string, unknown[]> {
  const all = (sql: string): unknown[] => db.prepare(sql).all();
  db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.section_fts_vocab USING fts5vocab(main, 'section_fts', 'instance')");
  return {
    file: all('SELECT path, size, hash, encoding, status, reason, warnings FROM file ORDER BY path'),
    digest: all('SELECT path, path_key, folder, title, date, week, description, meta, body, hash FROM digest ORDER BY path'),
    tag: all('SELECT d.path, t.ordinal, t.tag, t.tag_norm FROM tag t JOIN digest d ON d.id = t.digest_id ORDER BY d.path, t.ordinal'),
    section: all(
      'SELECT s.id, d.path, s.ordinal, s.heading, s.level, s.heading_path, s.text, s.start, s.end FROM section s JOIN digest d ON d.id = s.digest_id ORDER BY d.path, s.ordinal',
    ),
    link: all(
      'SELECT d.path, l.ordinal, l.section_id, l.href, l.text, l.external, l.target_key, l.target_exists FROM link l JOIN digest d ON d.id = l.digest_id ORDER BY d.path, l.ordinal',
    ),
    meta: all("SELECT key, value FROM meta WHERE key != 'last_indexed_at' ORDER BY key"),
    // The postings themselves: every indexed token of every section, by section id.
    fts: all(
      "SELECT s.id, v.term, v.col, v.offset FROM temp.section_fts_vocab v JOIN section s ON s.rowid = v.doc ORDER BY s.id, v.col, v.offset, v.term",
    ),
  };
}
