/**
 * Writes and maintains the FTS5 postings (tables section_fts and title_fts,
 * see core/store/schema.ts). The store calls these inside its own
 * transactions, so a section row and its postings always change together.
 *
 * The token strings are computed here only (titleTokens, sectionTokens,
 * sectionRows): the parse workers call them to prepare a digest
 * (core/store/prepare.ts), the boilerplate step to move a section's repeated
 * lines to their own row, and deletes recompute them from the stored values.
 *
 * Rows: section_fts has a row per section (rowid = section rowid: its own
 * heading and its text) and, for a section with some lines that repeat
 * across its series (section-marks.ts: a lead's masthead lines), a second
 * row at BOILER_ROWID_BASE + rowid holding those lines, so a search can tell
 * a match in content from one in boilerplate by its rowid alone. title_fts has a row per digest (rowid =
 * digest id): the title is indexed once, not with every section.
 */
import type { Database, Statement } from 'better-sqlite3';
import { BUMP_GENERATION_SQL } from './generation.js';
import { boilerplateOf, type BoilerLines } from './section-marks.js';
import { storedSections } from './section-texts.js';
import { TOKENIZER_VERSION, indexTokenString } from '../text/tokenize.js';

const TOKENIZER_KEY = 'tokenizer_version';

/**
 * Boilerplate rows of section_fts are at this offset from their section's
 * rowid: above any section rowid an index will reach, and below 2^31, so
 * matches still decode into Int32 arrays.
 */
export const BOILER_ROWID_BASE = 2 ** 30;

/** FTS5's default automerge: merge once 4 segments of a level exist. */
const FTS_AUTOMERGE = 4;

/** The token strings of a section row's heading and body columns. */
export interface SectionTokens {
  headingTokens: string;
  bodyTokens: string;
}

/** The token string of a title row. */
export function titleTokens(title: string): string {
  return indexTokenString(title);
}

/** A section row: its own heading (not the path above it, which belongs to other sections) and its text. */
export function sectionTokens(heading: string, text: string): SectionTokens {
  return { headingTokens: indexTokenString(heading), bodyTokens: indexTokenString(text) };
}

/** A section row from the token strings of its text's lines (lineTokens): the same strings as sectionTokens gives. */
export function sectionTokensOfLines(heading: string, lines: readonly string[]): SectionTokens {
  return { headingTokens: indexTokenString(heading), bodyTokens: lines.filter((t) => t !== '').join(' ') };
}

/**
 * The content row and the boilerplate row of a section whose `boiler` lines
 * (of its plain text, split at '\n') repeat across its series. A section
 * repeated whole ('all') keeps one row: search knows it by its mark
 * (search/repeats.ts), so the repeats step never rewrites its postings.
 * Without boilerplate lines, the content row is sectionTokens.
 */
export function sectionRows(heading: string, text: string, boiler: BoilerLines | null): { content: SectionTokens; boiler: SectionTokens | null } {
  if (boiler === null || boiler === 'all') return { content: sectionTokens(heading, text), boiler: null };
  return rowsOfLines(indexTokenString(heading), lineTokens(text), boiler);
}

/**
 * The token strings of each line of a text: joined with spaces they are the
 * text's (no token spans a line break), so one pass serves every split.
 */
export function lineTokens(text: string): string[] {
  return text.split('\n').map(indexTokenString);
}

function rowsOfLines(headingTokens: string, lines: readonly string[], boiler: BoilerLines | null): { content: SectionTokens; boiler: SectionTokens | null } {
  const join = (keep: (i: number) => boolean): string => lines.filter((t, i) => t !== '' && keep(i)).join(' ');
  if (boiler === null || boiler === 'all') return { content: { headingTokens, bodyTokens: join(() => true) }, boiler: null };
  const moved = new Set(boiler);
  return { content: { headingTokens, bodyTokens: join((i) => !moved.has(i)) }, boiler: { headingTokens: '', bodyTokens: join((i) => moved.has(i)) } };
}

export class FtsWriter {
  private readonly insertStmt: Statement;
  private readonly deleteStmt: Statement;
  private readonly insertTitleStmt: Statement;
  private readonly deleteTitleStmt: Statement;

  constructor(private readonly db: Database) {
    this.insertStmt = db.prepare('INSERT INTO section_fts(rowid, heading, body) VALUES (?, ?, ?)');
    this.deleteStmt = db.prepare("INSERT INTO section_fts(section_fts, rowid, heading, body) VALUES ('delete', ?, ?, ?)");
    this.insertTitleStmt = db.prepare('INSERT INTO title_fts(rowid, title) VALUES (?, ?)');
    this.deleteTitleStmt = db.prepare("INSERT INTO title_fts(title_fts, rowid, title) VALUES ('delete', ?, ?)");
  }

  /** Adds a section's content row from its prepared token strings. */
  insert(rowid: number | bigint, section: SectionTokens): void {
    this.insertStmt.run(rowid, section.headingTokens, section.bodyTokens);
  }

  /** Adds a section's rows as sectionRows splits them. */
  insertRows(rowid: number, rows: { content: SectionTokens; boiler: SectionTokens | null }): void {
    this.insert(rowid, rows.content);
    if (rows.boiler !== null) this.insert(BOILER_ROWID_BASE + rowid, rows.boiler);
  }

  /**
   * Removes a section's rows. The table is contentless, so FTS5 needs the
   * values that were inserted: pass the section's stored heading and text and
   * the boilerplate lines it was split by (tokenizing is deterministic for a
   * TOKENIZER_VERSION).
   */
  delete(rowid: number, heading: string, text: string, boiler: BoilerLines | null): void {
    const rows = sectionRows(heading, text, boiler);
    this.deleteStmt.run(rowid, rows.content.headingTokens, rows.content.bodyTokens);
    if (rows.boiler !== null) this.deleteStmt.run(BOILER_ROWID_BASE + rowid, rows.boiler.headingTokens, rows.boiler.bodyTokens);
  }

  /**
   * Splits a section's rows anew after its boilerplate lines changed from
   * `before` to `after`: deletes the rows made with `before`, inserts those of
   * `after`, tokenizing the text once.
   */
  resplit(rowid: number, heading: string, text: string, before: BoilerLines | null, after: BoilerLines | null): void {
    const headingTokens = indexTokenString(heading);
    const lines = lineTokens(text);
    const old = rowsOfLines(headingTokens, lines, before);
    this.deleteStmt.run(rowid, old.content.headingTokens, old.content.bodyTokens);
    if (old.boiler !== null) this.deleteStmt.run(BOILER_ROWID_BASE + rowid, old.boiler.headingTokens, old.boiler.bodyTokens);
    this.insertRows(rowid, rowsOfLines(headingTokens, lines, after));
  }

  /**
   * Runs `fn` (which may await) with FTS5's automatic merging of section_fts
   * off: a few rewritten rows after a cold index would otherwise make it
   * merge large segments at once and leave a tenth of the file free (they are
   * merged with later writes instead). The setting is stored; it is put back
   * when `fn` ends, however it ends (a crash leaves it off until the next
   * step, merging only later).
   */
  async withoutMerging<T>(fn: () => Promise<T>): Promise<T> {
    this.db.exec("INSERT INTO section_fts(section_fts, rank) VALUES ('automerge', 0)");
    try {
      return await fn();
    } finally {
      this.db.exec(`INSERT INTO section_fts(section_fts, rank) VALUES ('automerge', ${FTS_AUTOMERGE})`);
    }
  }

  insertTitle(digestId: number | bigint, tokens: string): void {
    this.insertTitleStmt.run(digestId, tokens);
  }

  deleteTitle(digestId: number, title: string): void {
    this.deleteTitleStmt.run(digestId, titleTokens(title));
  }

  /** True when the stored postings were made by another tokenizer version (or never). */
  isStale(): boolean {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(TOKENIZER_KEY) as { value: string } | undefined;
    return row?.value !== String(TOKENIZER_VERSION);
  }

  /** Re-tokenizes every section and title from the store, keeping each section's boilerplate split. Call inside a transaction. */
  rebuildAll(): void {
    this.db.exec("INSERT INTO section_fts(section_fts) VALUES ('delete-all'); INSERT INTO title_fts(title_fts) VALUES ('delete-all')");
    const boiler = boilerplateOf(this.db);
    let rows = 0;
    for (const s of storedSections(this.db)) {
      this.insertRows(s.rowid, sectionRows(s.heading, s.text, boiler.get(s.rowid) ?? null));
      rows++;
    }
    const titles = this.db.prepare('SELECT id, title FROM digest').raw().all() as [number, string][];
    rows += titles.length;
    for (const [id, title] of titles) this.insertTitle(id, titleTokens(title));
    this.db.exec("INSERT INTO section_fts(section_fts) VALUES ('optimize'); INSERT INTO title_fts(title_fts) VALUES ('optimize')");
    this.db.prepare('INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)').run(TOKENIZER_KEY, String(TOKENIZER_VERSION));
    // No digest row changed, so no trigger moved the generation: readers' typo vocabularies and cached texts are stale now
    // (a new, empty index has nothing a reader could have cached: it stays at generation 0).
    if (rows > 0) this.db.exec(BUMP_GENERATION_SQL);
  }
}
