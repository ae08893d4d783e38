/**
 * Related sections: sections of other digests that share a section's most
 * distinctive words and CJK bigrams (tf x idf from the index vocabulary),
 * best first, at most one per digest.
 */
import type { Database } from 'better-sqlite3';
import type { RelatedSection } from '../../shared/api.js';
import { cachedStatement } from '../store/statements.js';
import { indexTokens, isCjkChar } from '../text/tokenize.js';
import type { DigestCatalog } from './catalog.js';
import { VOCAB_TABLE, ensureVocabTable } from './fuzzy.js';
import { roundScore, type SectionReader } from './hits.js';
import type { HighlightTerm } from './query-builder.js';
import { rankedRows } from './ranking.js';
import { makeSnippet } from './snippet.js';

const DEFAULT_RELATED = 5;
const MAX_RELATED = 100;
/** Candidates read per related section asked for (same-digest and unreadable ones are skipped). */
const CANDIDATES_PER_RESULT = 8;
/** Terms weighed by document frequency: each lookup walks that term's postings. */
const WEIGHED_TERMS = 60;
/** Terms the related query is built from. */
const QUERY_TERMS = 12;
/** A term in more than this share of all sections says little. */
const COMMON_SHARE = 0.2;

function validRelatedLimit(limit: number): number {
  return Number.isFinite(limit) && limit > 0 ? Math.min(Math.floor(limit), MAX_RELATED) : DEFAULT_RELATED;
}

/** Up to QUERY_TERMS terms of `text` by tf x idf, skipping numbers, single characters and very common terms. */
export function distinctiveTerms(db: Database, text: string, sectionTotal: number): string[] {
  const tf = new Map<string, number>();
  for (const t of indexTokens(text)) {
    if (Array.from(t).length < 2 || /^[\d._]+$/.test(t)) continue;
    tf.set(t, (tf.get(t) ?? 0) + 1);
  }
  const n = sectionTotal;
  if (n === 0) return [];
  ensureVocabTable(db);
  const df = cachedStatement(db, `SELECT doc FROM ${VOCAB_TABLE} WHERE term = ?`).pluck();
  const candidates = [...tf].sort((a, b) => b[1] - a[1]).slice(0, WEIGHED_TERMS);
  const scored: [string, number][] = [];
  for (const [term, count] of candidates) {
    const docs = (df.get(term) as number | undefined) ?? 0;
    // A term only this section has relates to nothing.
    if (docs < 2 || docs > Math.max(2, n * COMMON_SHARE)) continue;
    scored.push([term, count * Math.log(n / docs)]);
  }
  scored.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return scored.slice(0, QUERY_TERMS).map(([t]) => t);
}

/** Sections related to the section `sectionId` (none for an unknown id or a section without distinctive terms). */
export function relatedSections(
  db: Database,
  catalog: DigestCatalog,
  reader: SectionReader,
  sectionId: string,
  limit: number = DEFAULT_RELATED,
): RelatedSection[] {
  const row = reader.rowidOf(sectionId);
  const source = row === null ? null : reader.record(row);
  if (row === null || source === null) return [];
  const max = validRelatedLimit(limit);
  const terms = distinctiveTerms(db, `${source.headingPath} ${source.text}`, catalog.sectionTotal);
  if (terms.length === 0) return [];
  const match = terms.map((t) => `"${t}"`).join(' OR ');
  const sourceIndex = catalog.digestIndexOfSection(row);
  const sameDigest = sourceIndex < 0 ? 0 : catalog.sectionCountOf(sourceIndex);
  const rows = rankedRows(db, match, max * CANDIDATES_PER_RESULT + sameDigest);
  const highlight: HighlightTerm[] = terms.map((t) => ({ parts: [{ kind: isCjkChar(Array.from(t)[0]!) ? 'cjk' : 'word', text: t }], prefixLast: false }));
  const out: RelatedSection[] = [];
  const seen = new Set<number>([sourceIndex]);
  for (const [rowid, rank] of rows) {
    if (out.length >= max) break;
    const i = catalog.digestIndexOfSection(rowid);
    if (i < 0 || seen.has(i)) continue;
    const d = catalog.digest(i);
    seen.add(i);
    const rec = reader.record(rowid);
    if (!rec) continue;
    out.push({
      id: rec.id,
      path: d.path,
      title: d.title,
      date: catalog.sectionDate(i, rowid).date,
      heading: rec.heading,
      headingPath: rec.headingPath,
      snippet: makeSnippet(rec.text, highlight).snippet,
      score: roundScore(-rank),
    });
  }
  return out;
}
