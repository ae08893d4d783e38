/**
 * SQLite FTS5 with the trigram tokenizer over the same sections as Almanac's
 * index (title, heading, section text, read from our index database so that
 * both see identical text). Build time is insert + optimize of already-parsed
 * sections; parsing is not counted.
 *
 * Trigram MATCH needs terms of at least 3 characters: a query with a shorter
 * term (后门, AI) falls back to LIKE, which is a full scan (reported as
 * `scanQueries`). Filters, facets and ranking beyond bm25 do not apply.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { BenchQuery } from '../queries.js';
import { cpuMsSince, now, round, sqliteBytes, summarize, type LatencySummary } from '../measure.js';
import { storedSections } from '../../src/core/store/section-texts.js';

export interface Fts5TrigramResult {
  sections: number;
  buildMs: number;
  bytes: number;
  latency: LatencySummary;
  /** CPU time per query (compare with Almanac's on a busy machine). */
  cpuLatency: LatencySummary;
  /** Queries that could not use MATCH (a term under 3 characters) and scanned. */
  scanQueries: string[];
  queries: { query: string; ms: number; total: number; mode: 'match' | 'scan' }[];
}

const PAGE = 20;

function matchExpression(terms: readonly string[]): string {
  return terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(' AND ');
}

export function runFts5Trigram(indexDbPath: string, trigramDbPath: string, queries: readonly BenchQuery[], passes: number): Fts5TrigramResult {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(trigramDbPath + suffix, { force: true });
  const source = new Database(indexDbPath, { readonly: true, fileMustExist: true });
  const db = new Database(trigramDbPath);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const started = now();
    db.exec("CREATE VIRTUAL TABLE t USING fts5(title, heading, body, tokenize = 'trigram')");
    const insert = db.prepare('INSERT INTO t(title, heading, body) VALUES (?, ?, ?)');
    let sections = 0;
    db.transaction(() => {
      for (const s of storedSections(source)) {
        insert.run(s.title, s.heading, s.text);
        sections++;
      }
    })();
    db.exec("INSERT INTO t(t) VALUES ('optimize')");
    db.pragma('wal_checkpoint(TRUNCATE)');
    const buildMs = now() - started;

    const matchPage = db.prepare(`SELECT rowid FROM t WHERE t MATCH ? ORDER BY rank LIMIT ${PAGE}`);
    const matchCount = db.prepare('SELECT count(*) AS n FROM t WHERE t MATCH ?');
    const run = (query: BenchQuery): { total: number; mode: 'match' | 'scan' } => {
      const short = query.terms.some((t) => [...t].length < 3);
      if (!short) {
        const expr = matchExpression(query.terms);
        matchPage.all(expr);
        return { total: (matchCount.get(expr) as { n: number }).n, mode: 'match' };
      }
      // No query set has LIKE wildcards (% _) in its terms (a corpus's are letters, digits and CJK), so no escaping is needed.
      const where = query.terms.map(() => '(title LIKE ? OR heading LIKE ? OR body LIKE ?)').join(' AND ');
      const args = query.terms.flatMap((t) => [`%${t}%`, `%${t}%`, `%${t}%`]);
      db.prepare(`SELECT rowid FROM t WHERE ${where} LIMIT ${PAGE}`).all(...args);
      const total = (db.prepare(`SELECT count(*) AS n FROM t WHERE ${where}`).get(...args) as { n: number }).n;
      return { total, mode: 'scan' };
    };

    const usable = queries.filter((q) => q.terms.length > 0);
    const samples: number[] = [];
    const cpuSamples: number[] = [];
    const perQuery: Fts5TrigramResult['queries'] = [];
    const first = usable[0];
    if (first) run(first);
    for (let pass = 0; pass < passes; pass++) {
      for (const query of usable) {
        const cpu = process.cpuUsage();
        const t0 = now();
        const { total, mode } = run(query);
        const ms = now() - t0;
        cpuSamples.push(cpuMsSince(cpu));
        samples.push(ms);
        if (pass === 0) perQuery.push({ query: query.query, ms: round(ms, 2), total, mode });
      }
    }
    return {
      sections,
      buildMs: round(buildMs),
      bytes: sqliteBytes(trigramDbPath),
      latency: summarize(samples),
      cpuLatency: summarize(cpuSamples),
      scanQueries: perQuery.filter((r) => r.mode === 'scan').map((r) => r.query),
      queries: perQuery,
    };
  } finally {
    db.close();
    source.close();
  }
}
