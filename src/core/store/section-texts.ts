/**
 * Reading sections' plain texts, which are stored packed per digest
 * (stored-text.ts): SectionTexts for the search engine's snippets, and
 * storedSections for whatever walks the whole index (the FTS rebuild, the
 * bench's baselines).
 */
import type { Database } from 'better-sqlite3';
import { headingPathOf, type StoredHeading } from './heading-path.js';
import { SECTION_RANGE_SQL, SectionRange } from './section-range.js';
import { readSectionBlock, readSectionTexts } from './stored-text.js';

/** Digests whose texts are kept: a page of results (20) several times over. */
const CACHED_DIGESTS = 64;

/**
 * The search engine's reader. A page of results asks for the best 3 sections
 * of 20 digests; each digest's texts are read a block at a time (all of them
 * for a digest of usual size, one block of a long one: stored-text.ts), and
 * the texts read of the last digests are kept.
 */
export class SectionTexts {
  /** By digest id: the texts read so far, by ordinal (holes where a block was not read). */
  private readonly cache = new Map<number, (string | undefined)[]>();

  constructor(private readonly db: Database) {}

  /** The plain text of section `ordinal` of a digest; null when the digest or the section is not stored. */
  text(digestId: number, ordinal: number): string | null {
    let texts = this.cache.get(digestId);
    if (texts !== undefined) this.cache.delete(digestId); // most recently used last
    if (texts === undefined || texts[ordinal] === undefined) {
      const block = readSectionBlock(this.db, digestId, ordinal);
      if (block === null) return null;
      texts ??= [];
      block.texts.forEach((t, i) => (texts![block.first + i] = t));
      if (this.cache.size >= CACHED_DIGESTS) this.cache.delete(this.cache.keys().next().value!);
    }
    this.cache.set(digestId, texts);
    return texts[ordinal] ?? null;
  }

  /** Drops the cache (the index changed). */
  clear(): void {
    this.cache.clear();
  }
}

/** A stored section with its digest's title and its plain text. */
export interface StoredSection {
  rowid: number;
  title: string;
  heading: string;
  headingPath: string[];
  text: string;
}

/** Digests read per step of storedSections. */
const PAGE = 100;

/**
 * Every stored section, digest by digest (by digest id), each digest's in
 * document order. Reads a page of digests at a time, so
 * the caller may write to the database between sections (better-sqlite3
 * refuses writes while a read statement is still iterating).
 */
export function* storedSections(db: Database): Generator<StoredSection> {
  const page = db.prepare(
    `SELECT id, title, ${SECTION_RANGE_SQL.columns('digest')} FROM digest WHERE id > ? ORDER BY id LIMIT ${PAGE}`,
  );
  const rowsOf = db.prepare(`SELECT rowid, heading, level, ancestors FROM section WHERE rowid ${SECTION_RANGE_SQL.between} ORDER BY rowid`);
  let last = -1;
  for (;;) {
    const digests = page.all(last) as {
      id: number;
      title: string;
      firstSection: number;
      sectionCount: number;
    }[];
    for (const d of digests) {
      const texts = readSectionTexts(db, d.id);
      if (texts === null) continue;
      const range = SectionRange.of(d);
      const rows = rowsOf.all(range.first, range.last) as (StoredHeading & { rowid: number })[];
      for (const r of rows) {
        yield { rowid: r.rowid, title: d.title, heading: r.heading, headingPath: headingPathOf(r), text: texts[range.ordinalOf(r.rowid)] ?? '' };
      }
    }
    if (digests.length < PAGE) return;
    last = digests[digests.length - 1]!.id;
  }
}
