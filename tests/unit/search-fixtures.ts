/**
 * Test helper for the search engine: a real Almanac index (the store's own
 * Store class, so digests, tags, sections and FTS postings are written exactly
 * as the indexer writes them) in a temp folder, filled with digests described
 * in a few lines.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { Store } from '../../src/core/store/store.js';
import type { ParsedDigest } from '../../src/core/types.js';

export interface FixtureSection {
  heading?: string;
  /** Defaults to [heading] (or [] for a lead section without heading). */
  headingPath?: string[];
  text: string;
}

export interface FixtureDigest {
  path: string;
  title: string;
  date?: string | null;
  tags?: string[];
  sections: FixtureSection[];
}

function parsedDigest(d: FixtureDigest): ParsedDigest {
  let offset = 0;
  const sections = d.sections.map((s, i) => {
    const md = `${s.heading ? `## ${s.heading}\n\n` : ''}${s.text}\n\n`;
    const start = offset;
    offset += md.length;
    return {
      ordinal: i,
      heading: s.heading ?? '',
      level: s.heading ? 2 : 0,
      headingPath: s.headingPath ?? (s.heading ? [s.heading] : []),
      text: s.text,
      start,
      end: offset,
      md,
    };
  });
  return {
    title: d.title,
    date: d.date ?? null,
    tags: d.tags ?? [],
    description: null,
    meta: {},
    body: sections.map((s) => s.md).join(''),
    sections: sections.map(({ md: _md, ...rest }) => rest),
    links: [],
    warnings: [],
  };
}

export class SearchFixture {
  store: Store;

  private constructor(
    readonly dir: string,
    readonly dbPath: string,
  ) {
    this.store = Store.open(dbPath);
  }

  get db(): Database {
    return this.store.db;
  }

  static create(digests: readonly FixtureDigest[] = []): SearchFixture {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'almanac-search-'));
    const f = new SearchFixture(dir, path.join(dir, 'index.db'));
    f.add(...digests);
    return f;
  }

  add(...digests: readonly FixtureDigest[]): void {
    this.store.batch(() => {
      for (const d of digests) {
        this.store.putDigest({ path: d.path, size: 0, mtimeMs: 0, hash: d.path, encoding: 'utf-8', parsed: parsedDigest(d), links: [], warnings: [] });
      }
    });
  }

  /** Removes a digest and its postings (as the indexer does for a deleted file). */
  remove(digestPath: string): void {
    this.store.batch(() => this.store.removeFile(digestPath));
  }

  /** The stored id of a section, by digest path and ordinal. */
  sectionId(digestPath: string, ordinal: number): string {
    const id = this.db
      .prepare('SELECT s.id FROM section s JOIN digest d ON d.id = s.digest_id WHERE d.path = ? AND s.ordinal = ?')
      .pluck()
      .get(digestPath, ordinal) as string | undefined;
    if (id === undefined) throw new Error(`fixture: no section ${ordinal} in ${digestPath}`);
    return id;
  }

  /** Closes and reopens the index (Store.open rebuilds stale postings). */
  reopen(): void {
    this.store.close();
    this.store = Store.open(this.dbPath);
  }

  close(): void {
    this.store.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
