/** A dump of an index by natural keys (no row ids, no timestamps), to compare two indexes. */
import type { Database } from 'better-sqlite3';
import { META_GENERATION } from '../../src/core/store/schema.js';
import { readDigestTexts } from '../../src/core/store/stored-text.js';

/** Each digest's texts, unpacked (stored-text.ts), by path. */
function textsByPath(db: Database): Map<string, { body: string; sections: string[] } | null> {
  const rows = db.prepare('SELECT path, id FROM digest').all() as { path: string; id: number }[];
  return new Map(rows.map((r) => [r.path, readDigestTexts(db, r.id)]));
}

export function dumpIndex(db: Database): Record<string, unknown[]> {
  const all = (sql: string): unknown[] => db.prepare(sql).all();
  const texts = textsByPath(db);
  db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.section_fts_vocab USING fts5vocab(main, 'section_fts', 'instance')");
  return {
    file: all('SELECT path, size, hash, encoding, status, reason, warnings FROM file ORDER BY path'),
    digest: (
      all(
        `SELECT path, path_key, folder, title, date, week, date_source, date_precision, date_order, date_alt, number, series, series_pos,
           description, meta, hash, section_count FROM digest ORDER BY path`,
      ) as { path: string }[]
    ).map((d) => ({ ...d, body: texts.get(d.path)?.body })),
    section_date: all('SELECT s.id, sd.date, sd.precision FROM section_date sd JOIN section s ON s.rowid = sd.section_rowid ORDER BY s.id'),
    index_entry: all('SELECT d.path, e.ordinal, e.href, e.date, e.precision FROM index_entry e JOIN digest d ON d.id = e.digest_id ORDER BY d.path, e.ordinal'),
    tag: all('SELECT d.path, t.ordinal, t.tag, t.tag_norm FROM tag t JOIN digest d ON d.id = t.digest_id ORDER BY d.path, t.ordinal'),
    section: (
      all(
        'SELECT s.id, d.path, s.ordinal, s.heading, s.level, s.ancestors, s.start, s.end FROM section s JOIN digest d ON d.id = s.digest_id ORDER BY d.path, s.ordinal',
      ) as { path: string; ordinal: number }[]
    ).map((s) => ({ ...s, text: texts.get(s.path)?.sections[s.ordinal] })),
    link: all(
      'SELECT d.path, l.ordinal, l.section, l.href, l.text, l.external, l.target_key, l.target_exists FROM link l JOIN digest d ON d.id = l.digest_id ORDER BY d.path, l.ordinal',
    ),
    // The index generation counts writes (history, not content), and the vault-wide step's state records it; the catalog snapshot is a cache of digest and tag.
    meta: db.prepare("SELECT key, value FROM meta WHERE key NOT IN ('last_indexed_at', 'vault_wide', ?) ORDER BY key").all(META_GENERATION),
    // The postings themselves: every indexed token of every section, by section id.
    fts: all(
      "SELECT s.id, v.term, v.col, v.offset FROM temp.section_fts_vocab v JOIN section s ON s.rowid = v.doc ORDER BY s.id, v.col, v.offset, v.term",
    ),
  };
}
