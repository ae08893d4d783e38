/**
 * Everything the store derives from a parsed digest before writing it: the
 * FTS token strings (owned by search/fts-write.ts), the packed texts
 * (owned by stored-text.ts), the near-duplicate signatures
 * (section-sigs.ts) and the mention row (mention-rows.ts). The parse workers run this, so the main thread,
 * which also serves the UI, only copies bytes into SQLite.
 */
import { lineTokens, sectionTokens, sectionTokensOfLines, titleTokens } from './fts-write.js';
import type { ParsedDigest, PreparedDigest } from '../types.js';
import { packDigestText } from './stored-text.js';
import { prepareLinkData } from './link-data.js';
import { packLinks, storedLinks } from './link-list.js';
import { mentionRowOfDigest } from './mention-rows.js';
import { packSignatures } from './section-sigs.js';
import { sectionSignatures } from '../text/near-dup.js';

/** A digest's links packed for the reader, and their sites and keys for search (link-list.ts, link-data.ts). */
export function prepareLinks(parsed: ParsedDigest): NonNullable<PreparedDigest['links']> {
  const ordinals = parsed.sections.map((s) => s.ordinal);
  const list = parsed.links.length === 0 ? null : packLinks(parsed.body, storedLinks(parsed.links, ordinals));
  return { list, ...prepareLinkData(parsed.links.map((l) => l.href)) };
}

export function prepareDigest(parsed: ParsedDigest): PreparedDigest {
  // A lead of several lines is tokenized line by line: its row is their tokens joined, and its lines are signed apart (near-dup.ts).
  const lead = parsed.sections[0];
  const leadLines = lead !== undefined && lead.level === 0 && lead.text.includes('\n') ? lineTokens(lead.text) : null;
  const sections = parsed.sections.map((s, i) => (i === 0 && leadLines !== null ? sectionTokensOfLines(s.heading, leadLines) : sectionTokens(s.heading, s.text)));
  return {
    titleTokens: titleTokens(parsed.title),
    sections,
    text: packDigestText(
      parsed.body,
      parsed.sections.map((s) => s.text),
    ),
    links: prepareLinks(parsed),
    sigs: packSignatures(sectionSignatures(parsed.sections.map((s, i) => ({ level: s.level, ...sections[i]!, lineTokens: i === 0 ? leadLines : null })))),
    mentions: mentionRowOfDigest(parsed),
  };
}

/**
 * Attaches the prepared form to a digest that leaves the parse worker, and
 * drops the texts it carries (the body and the sections' plain texts, packed
 * in `text`) and its mentions (packed in `mentions`: thousands of small
 * objects in a link-heavy digest): nothing after the worker reads them, and each was otherwise
 * structured-cloned twice more (to the main thread, then to the store
 * writer). At 10k digests that was about 190 MB of strings copied per run.
 */
export function attachPrepared(parsed: ParsedDigest): ParsedDigest {
  const prepared = prepareDigest(parsed);
  return { ...parsed, body: '', sections: parsed.sections.map((s) => ({ ...s, text: '' })), mentions: [], prepared };
}

/**
 * The prepared form of `parsed`: the one the worker attached, else computed
 * now. An attached form that does not fit the sections is refused, not
 * recomputed: the worker dropped the texts it was made from.
 */
export function preparedOf(parsed: ParsedDigest): PreparedDigest {
  const p = parsed.prepared;
  if (p === undefined) return prepareDigest(parsed);
  if (p.sections.length !== parsed.sections.length) {
    throw new Error(`the prepared form has ${p.sections.length} sections for a digest of ${parsed.sections.length}`);
  }
  return p;
}
