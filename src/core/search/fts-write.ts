/**
 * Writes and maintains the FTS5 postings (table section_fts, see
 * core/store/schema.ts). The store calls these inside its own transactions, so
 * a section row and its postings always change together.
 */
import type { Database, Statement } from 'better-sqlite3';
import { TOKENIZER_VERSION, indexTokenString } from './tokenize.js';

const TOKENIZER_KEY = 'tokenizer_version';

/** The token strings of the three FTS columns (title, heading, body). */
function columns(title: string, headingPath: readonly string[], text: string): [string, string, string] {
  return [indexTokenString(title), indexTokenString(headingPath.join(' \u203a ')), indexTokenString(text)];
}
/** Sections read per step of a rebuild. */
const REBUILD_PAGE = 500;

export class FtsWriter {
  private readonly insertStmt: Statement;
  private readonly deleteStmt: Statement;

  constructor(private readonly db: Database) {
    this.insertStmt = db.prepare('INSERT INTO section_fts(rowid, title, heading, body) VALUES (?, ?, ?, ?)');
    this.deleteStmt = db.prepare(
      "INSERT INTO section_fts(section_fts, rowid, title, heading, body) VALUES ('delete', ?, ?, ?, ?)",
    );
  }

  insert(rowid: number | bigint, title: string, headingPath: readonly string[], text: string): void {
    this.insertStmt.run(rowid, ...columns(title, headingPath, text));
  }

  /**
   * Removes a section's postings. The table is contentless, so FTS5 needs the
   * values that were inserted: pass the section's stored title, heading path
   * and text (tokenizing is deterministic for a TOKENIZER_VERSION).
   */
  delete(rowid: number | bigint, title: string, headingPath: readonly string[], text: string): void {
    this.deleteStmt.run(rowid, ...columns(title, headingPath, text));
  }

  /** True when the stored postings were made by another tokenizer version (or never). */
  isStale(): boolean {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(TOKENIZER_KEY) as { value: string } | undefined;
    return row?.value !== String(TOKENIZER_VERSION);
  }

  /** Re-tokenizes every section from the store. Call inside a transaction. */
  rebuildAll(): void {
    this.db.exec("INSERT INTO section_fts(section_fts) VALUES ('delete-all')");
    // Pages by rowid: better-sqlite3 cannot write while a read statement is still iterating.
    const page = this.db.prepare(
      `SELECT s.rowid AS rowid, d.title AS title, s.heading_path AS headingPath, s.text AS text
       FROM section s JOIN digest d ON d.id = s.digest_id WHERE s.rowid > ? ORDER BY s.rowid LIMIT ${REBUILD_PAGE}`,
    );
    let last = -1;
    for (;;) {
      const rows = page.all(last) as { rowid: number; title: string; headingPath: string; text: string }[];
      for (const r of rows) this.insert(r.rowid, r.title, JSON.parse(r.headingPath) as string[], r.text);
      if (rows.length < REBUILD_PAGE) break;
      last = rows[rows.length - 1]!.rowid;
    }
    this.db.exec("INSERT INTO section_fts(section_fts) VALUES ('optimize')");
    this.db.prepare('INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)').run(TOKENIZER_KEY, String(TOKENIZER_VERSION));
  }
}
