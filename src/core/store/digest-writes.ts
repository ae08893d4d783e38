/**
 * The store's write path: a file's rows (file, digest, its text, tags,
 * sections, links, mentions) and the FTS postings of its sections, written, replaced,
 * moved and deleted together. Called by Store inside its transactions, so a
 * section row and its postings always change together.
 *
 * A digest's sections take the next free rowids as one contiguous range
 * (section-range.ts); they have no foreign key and are deleted by that range.
 */
import type { Database, Statement } from 'better-sqlite3';
import { encodeFileProblem, type FileProblem } from '../../shared/file-problems.js';
import { digestKey } from '../vault/paths.js';
import type { FtsWriter } from './fts-write.js';
import { encodeHeadingPath, headingPathOf, type StoredHeading } from './heading-path.js';
import { deleteDigestLinks, retargetLinks, writeDigestLinks } from './link-writes.js';
import { mentionRowOfDigest, writeMentionRow } from './mention-rows.js';
import { prepareLinks, preparedOf } from './prepare.js';
import {
  folderOf,
  normalizeTag,
  parseWarnings,
  SECTIONS_OF_DIGEST,
  weekOf,
  type DigestRecord,
  type FileRow,
  type IndexEntry,
  type LinkTarget,
  type RawFileRow,
} from './records.js';
import { sectionIds } from './section-id.js';
import { SECTION_RANGE_SQL, SectionRange } from './section-range.js';
import { boilerplateOf, deleteMarksIn } from './section-marks.js';
import { writeSignatures } from './section-sigs.js';
import { cachedStatement } from './statements.js';
import { readDigestTexts, writeDigestText } from './stored-text.js';

type StoredSectionHeading = StoredHeading & { rowid: number };

export class DigestWrites {
  constructor(
    private readonly db: Database,
    private readonly fts: FtsWriter,
  ) {}

  private stmt(sql: string): Statement {
    return cachedStatement(this.db, sql);
  }

  /** See Store.putDigest. */
  putDigest(rec: DigestRecord): void {
    const { parsed } = rec;
    const prepared = preparedOf(parsed);
    this.deleteDigestRows(rec.path);
    this.upsertFile({ ...rec, status: 'indexed', reason: null });
    const first = this.stmt('SELECT coalesce(max(rowid), 0) + 1 FROM section').pluck().get() as number;
    const range = new SectionRange(first, parsed.sections.length);
    const info = this.stmt(
      `INSERT INTO digest(path, path_key, folder, title, date, week, description, meta, hash, first_section, section_count,
         date_source, date_precision, date_order, date_alt, number)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      rec.path,
      digestKey(rec.path),
      folderOf(rec.path),
      parsed.title,
      parsed.date,
      weekOf(parsed.date, parsed.datePrecision ?? 'day'),
      parsed.description,
      JSON.stringify(parsed.meta),
      rec.hash,
      range.first,
      range.count,
      parsed.date === null ? 'none' : (parsed.dateSource ?? 'front-matter'),
      parsed.date === null ? null : (parsed.datePrecision ?? 'day'),
      parsed.dateOrder ?? null,
      parsed.dateAlternative ?? null,
      parsed.number ?? null,
    );
    const digestId = Number(info.lastInsertRowid);
    writeDigestText(this.db, digestId, prepared.text);
    if (prepared.sigs) writeSignatures(this.db, digestId, prepared.sigs);
    const insertTag = this.stmt('INSERT INTO tag(digest_id, ordinal, tag, tag_norm) VALUES (?, ?, ?, ?)');
    parsed.tags.forEach((tag, i) => insertTag.run(digestId, i, tag, normalizeTag(tag)));

    const ids = sectionIds(
      rec.path,
      parsed.sections.map((s) => s.headingPath),
    );
    const insertSection = this.stmt(
      `INSERT INTO section(rowid, id, digest_id, ordinal, heading, level, ancestors, start, end)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertSectionDate = this.stmt('INSERT INTO section_date(section_rowid, date, precision) VALUES (?, ?, ?)');
    parsed.sections.forEach((s, i) => {
      const rowid = range.rowidOf(i);
      insertSection.run(rowid, ids[i], digestId, i, s.heading, s.level, encodeHeadingPath(s.headingPath, s.heading, s.level), s.start, s.end);
      if (s.date) insertSectionDate.run(rowid, s.date, s.datePrecision ?? 'day');
      this.fts.insert(rowid, prepared.sections[i]!);
    });
    this.fts.insertTitle(digestId, prepared.titleTokens);
    writeDigestLinks(this.db, digestId, parsed, prepared.links ?? prepareLinks(parsed), rec.links);
    writeMentionRow(this.db, digestId, prepared.mentions !== undefined ? prepared.mentions : mentionRowOfDigest(parsed));
    this.insertIndexEntries(digestId, rec.indexEntries ?? []);
  }

  private insertIndexEntries(digestId: number, entries: readonly IndexEntry[]): void {
    if (entries.length === 0) return;
    const insert = this.stmt('INSERT INTO index_entry(digest_id, ordinal, href, date, precision) VALUES (?, ?, ?, ?, ?)');
    entries.forEach((e, i) => insert.run(digestId, i, e.href, e.date, e.precision));
  }

  /** See Store.putSkipped. */
  putSkipped(file: { path: string; size: number; mtimeMs: number; hash: string | null }, problem: FileProblem): void {
    this.deleteDigestRows(file.path);
    this.upsertFile({ ...file, encoding: null, status: 'skipped', reason: encodeFileProblem(problem), warnings: [] });
  }

  touchFile(path: string, size: number, mtimeMs: number): void {
    this.stmt('UPDATE file SET size = ?, mtime_ms = ? WHERE path = ?').run(size, mtimeMs, path);
  }

  removeFile(path: string): void {
    this.deleteDigestRows(path);
    this.stmt('DELETE FROM file WHERE path = ?').run(path);
  }

  /** See Store.moveFile. */
  moveFile(from: string, to: string, size: number, mtimeMs: number, links: readonly LinkTarget[]): void {
    const row = this.stmt('SELECT * FROM file WHERE path = ?').get(from) as RawFileRow | undefined;
    if (!row) throw new Error(`almanac index: cannot move ${from}: it is not in the index`);
    this.removeFile(to);
    this.upsertFile({ ...row, path: to, size, mtimeMs, warnings: parseWarnings(row.warnings) });
    const digest = this.stmt('SELECT id FROM digest WHERE path = ?').get(from) as { id: number } | undefined;
    if (digest) {
      this.stmt('UPDATE digest SET path = ?, path_key = ?, folder = ? WHERE id = ?').run(to, digestKey(to), folderOf(to), digest.id);
      const sections = this.stmt(`SELECT s.rowid, s.heading, s.level, s.ancestors FROM ${SECTIONS_OF_DIGEST}`).all(digest.id) as StoredSectionHeading[];
      const newIds = sectionIds(to, sections.map(headingPathOf));
      const updateSection = this.stmt('UPDATE section SET id = ? WHERE rowid = ?');
      sections.forEach((s, i) => updateSection.run(newIds[i], s.rowid));
      retargetLinks(this.db, digest.id, links);
    }
    this.stmt('DELETE FROM file WHERE path = ?').run(from);
  }

  private upsertFile(f: FileRow): void {
    this.stmt(
      `INSERT INTO file(path, size, mtime_ms, hash, encoding, status, reason, warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(path) DO UPDATE SET size = excluded.size, mtime_ms = excluded.mtime_ms, hash = excluded.hash,
         encoding = excluded.encoding, status = excluded.status, reason = excluded.reason, warnings = excluded.warnings`,
    ).run(f.path, f.size, f.mtimeMs, f.hash, f.encoding, f.status, f.reason, JSON.stringify(f.warnings));
  }

  /** Deletes the digest of a path with its FTS postings and its sections (text, tags, links and mentions cascade). */
  private deleteDigestRows(path: string): void {
    const d = this.stmt(`SELECT id, title, ${SECTION_RANGE_SQL.columns('digest')} FROM digest WHERE path = ?`).get(path) as
      | { id: number; title: string; firstSection: number; sectionCount: number }
      | undefined;
    if (!d) return;
    const range = SectionRange.of(d);
    const texts = readDigestTexts(this.db, d.id)?.sections ?? [];
    const sections = this.stmt(`SELECT rowid, heading, level, ancestors FROM section WHERE rowid ${SECTION_RANGE_SQL.between}`).all(
      range.first,
      range.last,
    ) as StoredSectionHeading[];
    const boiler = boilerplateOf(this.db, range);
    for (const s of sections) this.fts.delete(s.rowid, s.heading, texts[range.ordinalOf(s.rowid)] ?? '', boiler.get(s.rowid) ?? null);
    this.fts.deleteTitle(d.id, d.title);
    deleteMarksIn(this.db, range.first, range.last);
    this.stmt(`DELETE FROM section WHERE rowid ${SECTION_RANGE_SQL.between}`).run(range.first, range.last);
    this.stmt(`DELETE FROM section_date WHERE section_rowid ${SECTION_RANGE_SQL.between}`).run(range.first, range.last);
    deleteDigestLinks(this.db, d.id);
    this.stmt('DELETE FROM digest WHERE id = ?').run(d.id);
  }
}
