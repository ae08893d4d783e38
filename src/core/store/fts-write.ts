/**
 * Writes and maintains the FTS5 postings (table section_fts, see
 * core/store/schema.ts). The store calls these inside its own transactions, so
 * a section row and its postings always change together.
 *
 * The token strings of the columns are computed here only (titleTokens,
 * sectionTokens): the parse workers call them to prepare a digest
 * (core/store/prepare.ts), and deletes recompute them from the stored values.
 */
import type { Database, Statement } from 'better-sqlite3';
import { formatHeadingPath } from './heading-path.js';
import { storedSections } from './section-texts.js';
import { TOKENIZER_VERSION, indexTokenString } from '../text/tokenize.js';

const TOKENIZER_KEY = 'tokenizer_version';

/** The token strings of a section's heading and body columns. */
export interface SectionTokens {
  headingTokens: string;
  bodyTokens: string;
}

/** The token string of the title column. */
export function titleTokens(title: string): string {
  return indexTokenString(title);
}

export function sectionTokens(headingPath: readonly string[], text: string): SectionTokens {
  return { headingTokens: indexTokenString(formatHeadingPath(headingPath)), bodyTokens: indexTokenString(text) };
}

export class FtsWriter {
  private readonly insertStmt: Statement;
  private readonly deleteStmt: Statement;

  constructor(private readonly db: Database) {
    this.insertStmt = db.prepare('INSERT INTO section_fts(rowid, title, heading, body) VALUES (?, ?, ?, ?)');
    this.deleteStmt = db.prepare(
      "INSERT INTO section_fts(section_fts, rowid, title, heading, body) VALUES ('delete', ?, ?, ?, ?)",
    );
  }

  /** Adds a section's postings from its prepared token strings. */
  insert(rowid: number | bigint, title: string, section: SectionTokens): void {
    this.insertStmt.run(rowid, title, section.headingTokens, section.bodyTokens);
  }

  /**
   * Removes a section's postings. The table is contentless, so FTS5 needs the
   * values that were inserted: pass the section's stored title, heading path
   * and text (tokenizing is deterministic for a TOKENIZER_VERSION).
   */
  delete(rowid: number | bigint, title: string, headingPath: readonly string[], text: string): void {
    const s = sectionTokens(headingPath, text);
    this.deleteStmt.run(rowid, titleTokens(title), s.headingTokens, s.bodyTokens);
  }

  /** True when the stored postings were made by another tokenizer version (or never). */
  isStale(): boolean {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(TOKENIZER_KEY) as { value: string } | undefined;
    return row?.value !== String(TOKENIZER_VERSION);
  }

  /** Re-tokenizes every section from the store. Call inside a transaction. */
  rebuildAll(): void {
    this.db.exec("INSERT INTO section_fts(section_fts) VALUES ('delete-all')");
    for (const s of storedSections(this.db)) this.insert(s.rowid, titleTokens(s.title), sectionTokens(s.headingPath, s.text));
    this.db.exec("INSERT INTO section_fts(section_fts) VALUES ('optimize')");
    this.db.prepare('INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)').run(TOKENIZER_KEY, String(TOKENIZER_VERSION));
  }
}
