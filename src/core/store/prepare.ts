/**
 * Everything the store derives from a parsed digest before writing it: the
 * FTS token strings (owned by search/fts-write.ts) and the packed texts
 * (owned by stored-text.ts). The parse workers run this, so the main thread,
 * which also serves the UI, only copies bytes into SQLite.
 */
import { sectionTokens, titleTokens } from '../search/fts-write.js';
import type { ParsedDigest, PreparedDigest } from '../types.js';
import { packDigestText } from './stored-text.js';

export function prepareDigest(parsed: ParsedDigest): PreparedDigest {
  return {
    titleTokens: titleTokens(parsed.title),
    sections: parsed.sections.map((s) => sectionTokens(s.headingPath, s.text)),
    text: packDigestText(
      parsed.body,
      parsed.sections.map((s) => s.text),
    ),
  };
}

/** The prepared form of `parsed`: the one the worker attached when it still fits the sections, else computed now. */
export function preparedOf(parsed: ParsedDigest): PreparedDigest {
  const p = parsed.prepared;
  return p !== undefined && p.sections.length === parsed.sections.length ? p : prepareDigest(parsed);
}
