/**
 * One digest file -> ParsedDigest: metadata fields with their fallbacks,
 * sections and links from the Markdown body.
 *
 * - metadata: any style (metadata/read-metadata.ts), fields read by fields.ts;
 * - body: for .mdx files without what MDX adds (mdx.ts), without `{#id}`
 *   heading suffixes (heading-ids.ts) and with wikilinks as Markdown links
 *   (wikilinks.ts), before either engine runs: the stored
 *   body is that text, so section offsets, the reader and export agree;
 * - title: metadata title -> the body's only level-1 heading, when it comes first -> the file name (title.ts);
 * - tags: the metadata's, and in a note-taking app's vault the text's `#tags` (inline-tags.ts);
 * - date: the chain of date-chain.ts (front matter, file name, path, heading);
 * - number: issue-number.ts; section dates: heading-dates.ts.
 * Warnings name the problem but not the file; the caller prefixes the path.
 */
import type { ParsedDigest, ParseEngine, ParseOptions } from '../types.js';
import { isMdxPath } from '../vault/paths.js';
import { readPathDate } from '../../shared/dates.js';
import { runDateChain } from './date-chain.js';
import { fastBodyStructure, type BodyStructure } from './fast/fast-body.js';
import { metadataFields, type MetadataFields } from './fields.js';
import { dateSections } from './heading-dates.js';
import { dropHeadingIds } from './heading-ids.js';
import { issueNumber } from './issue-number.js';
import { collectLinks } from './links.js';
import { parseMarkdown } from './markdown.js';
import { collectStrong, mentionsOf } from './mentions.js';
import { stripMdx } from './mdx.js';
import { readMetadata } from './metadata/read-metadata.js';
import { isStackOverflow } from './pool-protocol.js';
import { splitSections } from './sections.js';
import { dropHiddenTableCells } from './table-cells.js';
import { rewriteWikilinks } from './wikilinks.js';
import { inlineTags } from './inline-tags.js';
import { fileTitle, titleHeading } from './title.js';

/** The text Almanac parses: no byte-order mark, LF line ends (offsets depend on it). */
function normalizeInput(text: string): string {
  const noBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return noBom.includes('\r') ? noBom.replace(/\r\n?/g, '\n') : noBom;
}

/** The Markdown both engines parse and the store keeps: see the module comment. */
function markdownBody(body: string, path: string): string {
  return rewriteWikilinks(dropHeadingIds(isMdxPath(path) ? stripMdx(body) : body));
}

function remarkBodyStructure(body: string): BodyStructure {
  const root = parseMarkdown(body);
  dropHiddenTableCells(root);
  const { sections, sectionOfChild } = splitSections(root, body);
  return { sections, links: collectLinks(root, sectionOfChild), strong: collectStrong(root, sectionOfChild) };
}

// GFM footnote definitions are containers the fast engine does not model (markdown-it
// would read `[^1]: url` as a link definition); bodies that may hold one take the remark path.
const FOOTNOTE_DEFINITION_RE = /\[\^[^\]\n]*\]:/;

/** Sections, links and bold spans of a Markdown body (LF line ends) by the chosen engine. */
export function parseBody(body: string, engine: ParseEngine = 'fast'): BodyStructure {
  if (engine === 'fast' && !FOOTNOTE_DEFINITION_RE.test(body)) {
    try {
      const fast = fastBodyStructure(body);
      if (fast) return fast;
    } catch (err) {
      // Nesting too deep for markdown-it's recursion: remark may still manage (or fail the same way).
      if (!isStackOverflow(err)) throw err;
    }
  }
  return remarkBodyStructure(body);
}

/**
 * Parses one digest. `text` is the decoded file (LF line ends); `path` is the
 * vault-relative POSIX path, used for the title and date fallbacks. The time
 * and memory budgets in `options` are enforced by the worker pool, not here;
 * `options.engine` picks the Markdown engine (default 'fast', see parseBody).
 */
export function parseDigest(text: string, path: string, options?: ParseOptions): ParsedDigest {
  const digest = assembleDigest(text, path, (body) => parseBody(body, options?.engine));
  return options?.inlineTags ? { ...digest, tags: withInlineTags(digest.tags, inlineTags(digest.body)) } : digest;
}

/** The metadata's tags, then the text's tags not among them (by lower-case form). */
function withInlineTags(tags: readonly string[], inline: readonly string[]): string[] {
  const seen = new Set(tags.map((t) => t.toLowerCase()));
  return [...tags, ...inline.filter((t) => !seen.has(t.toLowerCase()))];
}

/** The date-chain's answer as the digest's date fields, with a warning for a metadata date that is no date. */
function dateFields(
  fields: MetadataFields,
  facts: { path: string; statedTitle: string | null; firstHeading: string | null },
  warnings: string[],
): Pick<ParsedDigest, 'date' | 'dateSource' | 'datePrecision' | 'dateOrder' | 'dateAlternative'> {
  const { reading, source } = runDateChain({ ...facts, metadataDate: fields.date });
  if (fields.invalidDate !== null) {
    const fallback = reading ? `date taken from ${source.replace('-', ' ')} (${reading.date})` : 'the digest has no date';
    warnings.push(`invalid date ${fields.invalidDate} in front matter; ${fallback}`);
  }
  return {
    date: reading?.date ?? null,
    dateSource: source,
    datePrecision: reading?.precision ?? null,
    dateOrder: reading?.order ?? null,
    dateAlternative: reading?.alternative ?? null,
  };
}

/** Metadata, fields and fallbacks around a body split by `structure`: the one place a ParsedDigest is put together. */
function assembleDigest(
  text: string,
  path: string,
  structure: (body: string) => BodyStructure,
  extraWarning?: string,
): ParsedDigest {
  const metadata = readMetadata(normalizeInput(text));
  const fields = metadataFields(metadata);
  const warnings = [...metadata.warnings, ...fields.warnings];
  const body = markdownBody(metadata.body, path);
  const { sections, links, strong } = structure(body);
  const statedTitle = fields.title ?? titleHeading(sections);
  const firstHeading = sections.find((s) => s.level > 0)?.heading ?? null;
  const dates = dateFields(fields, { path, statedTitle, firstHeading }, warnings);
  dateSections(sections, dates.date);
  if (extraWarning !== undefined) warnings.push(extraWarning);
  return {
    title: statedTitle ?? fileTitle(path),
    ...dates,
    number: issueNumber(path, statedTitle, readPathDate(path)),
    tags: fields.tags,
    description: fields.description,
    meta: fields.meta,
    body,
    sections,
    links,
    mentions: mentionsOf(strong, links),
    warnings,
  };
}

/**
 * The fallback when a Markdown parse exceeds its time or memory budget: front
 * matter is still read (it is size-capped and walked with a budget, so it is
 * cheap and safe), the whole body becomes one lead section whose text is the
 * body as written, no links are extracted, and `reason` is added as a warning.
 */
export function plainTextDigest(text: string, path: string, reason: string): ParsedDigest {
  // No heading is parsed here, so the title never comes from a first H1.
  return assembleDigest(
    text,
    path,
    (body) => ({
      sections: body.trim() === '' ? [] : [{ ordinal: 0, heading: '', level: 0, headingPath: [], text: body, start: 0, end: body.length }],
      links: [],
      strong: [],
    }),
    reason,
  );
}
