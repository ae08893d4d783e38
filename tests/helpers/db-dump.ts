/** A dump of an index by natural keys (no row ids, no timestamps), to compare two indexes. */
import type { Database } from 'better-sqlite3';
import { BOILER_ROWID_BASE } from '../../src/core/store/fts-write.js';
import { META_GENERATION } from '../../src/core/store/schema.js';
import { decodeIds } from '../../src/core/store/link-data.js';
import { readLinkList } from '../../src/core/store/link-list.js';
import { readDigestTexts } from '../../src/core/store/stored-text.js';

/** Each digest's texts, unpacked (stored-text.ts), by path. */
function textsByPath(db: Database): Map<string, { body: string; sections: string[] } | null> {
  const rows = db.prepare('SELECT path, id FROM digest').all() as { path: string; id: number }[];
  return new Map(rows.map((r) => [r.path, readDigestTexts(db, r.id)]));
}

/** Links as data by natural keys: each digest's link list, its sites by host (ids depend on history), and the link keys with how many digests hold each. */
function linkData(db: Database, texts: ReturnType<typeof textsByPath>): Record<string, unknown[]> {
  const digests = db.prepare('SELECT id, path FROM digest ORDER BY path').all() as { id: number; path: string }[];
  const hosts = new Map((db.prepare('SELECT id, host FROM domain').raw().all() as [number, string][]).map(([id, host]) => [id, host]));
  const siteRow = db.prepare('SELECT sites FROM digest_site WHERE digest_id = ?').pluck();
  db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.link_fts_vocab USING fts5vocab(main, 'link_fts', 'row')");
  return {
    linkList: digests.map((d) => ({ path: d.path, links: readLinkList(db, d.id, texts.get(d.path)?.body ?? '') })),
    sites: digests.map((d) => {
      const ids: number[] = [];
      const blob = siteRow.get(d.id) as Uint8Array | undefined;
      if (blob) decodeIds(blob, ids);
      return { path: d.path, sites: ids.map((id) => hosts.get(id)).sort() };
    }),
    linkKeys: db.prepare('SELECT term, doc FROM temp.link_fts_vocab ORDER BY term').all(),
  };
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
    link: all('SELECT d.path, l.ordinal, l.section, l.target_key, l.target_exists FROM link l JOIN digest d ON d.id = l.digest_id ORDER BY d.path, l.ordinal'),
    ...linkData(db, texts),
    // The index generation counts writes (history, not content), and the vault-wide step's state records it; the catalog snapshot is a cache of digest and tag.
    // The repeats step's state too (digest ids and a stamp: history); its marks are compared below, by section id.
    meta: db
      .prepare("SELECT key, value FROM meta WHERE key NOT IN ('last_indexed_at', 'vault_wide', 'repeats_step', 'section_marks_version', ?) ORDER BY key")
      .all(META_GENERATION),
    // A repeat cluster is named by its lowest section rowid (history): compared by that section's id.
    section_mark: all(
      'SELECT s.id, m.boiler, g.id AS grp FROM section_mark m JOIN section s ON s.rowid = m.section_rowid LEFT JOIN section g ON g.rowid = m.grp ORDER BY s.id',
    ),
    titles: (() => {
      db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.title_fts_vocab USING fts5vocab(main, 'title_fts', 'instance')");
      return all('SELECT d.path, v.term, v.offset FROM temp.title_fts_vocab v JOIN digest d ON d.id = v.doc ORDER BY d.path, v.offset, v.term');
    })(),
    // The postings themselves: every indexed token of every section, by section id.
    // A section's boilerplate row (fts-write.ts BOILER_ROWID_BASE + rowid) is listed under its id too, its columns marked.
    fts: all(
      `SELECT s.id, v.term, CASE WHEN v.doc >= ${BOILER_ROWID_BASE} THEN 'boiler:' || v.col ELSE v.col END AS col, v.offset
       FROM temp.section_fts_vocab v JOIN section s ON s.rowid = (CASE WHEN v.doc >= ${BOILER_ROWID_BASE} THEN v.doc - ${BOILER_ROWID_BASE} ELSE v.doc END)
       ORDER BY s.id, col, v.offset, v.term`,
    ),
  };
}
