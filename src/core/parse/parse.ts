/**
 * One digest file -> ParsedDigest: front matter fields with their fallbacks,
 * sections and links from the Markdown body.
 *
 * - title: front matter `title` -> first top-level H1 -> file name without extension.
 * - date: front matter `date` -> a date in the file name (see dateFromFileName) -> null.
 * - tags, description, meta: see fields.ts.
 * Warnings name the problem but not the file; the caller prefixes the path.
 */
import { dateFromFileName } from '../../shared/dates.js';
import type { ParsedDigest, ParsedLink, ParsedSection, ParseEngine, ParseOptions } from '../types.js';
import { fastBodyStructure } from './fast/fast-body.js';
import { frontMatterFields, type FrontMatterFields } from './fields.js';
import { readFrontMatter } from './frontmatter.js';
import { collectLinks } from './links.js';
import { parseMarkdown } from './markdown.js';
import { isStackOverflow } from './pool-protocol.js';
import { splitSections } from './sections.js';
import { dropHiddenTableCells } from './table-cells.js';

/** The text Almanac parses: no byte-order mark, LF line ends (offsets depend on it). */
function normalizeInput(text: string): string {
  const noBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return noBom.includes('\r') ? noBom.replace(/\r\n?/g, '\n') : noBom;
}

/** "weekly/2026-02-06.md" -> "2026-02-06". */
export function fileTitle(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base.replace(/\.(?:md|markdown)$/i, '') || base;
}

function resolveDate(fields: FrontMatterFields, path: string, warnings: string[]): string | null {
  if (fields.date !== null && fields.date !== 'invalid') return fields.date;
  const fromName = dateFromFileName(path);
  if (fields.date === 'invalid') {
    const fallback = fromName ? `date taken from file name (${fromName})` : 'the digest has no date';
    warnings.push(`invalid date ${fields.invalidDate ?? ''} in front matter; ${fallback}`);
  }
  return fromName;
}

function remarkBodyStructure(body: string): { sections: ParsedSection[]; links: ParsedLink[] } {
  const root = parseMarkdown(body);
  dropHiddenTableCells(root);
  const { sections, sectionOfChild } = splitSections(root, body);
  return { sections, links: collectLinks(root, sectionOfChild) };
}

// GFM footnote definitions are containers the fast engine does not model (markdown-it
// would read `[^1]: url` as a link definition); bodies that may hold one take the remark path.
const FOOTNOTE_DEFINITION_RE = /\[\^[^\]\n]*\]:/;

/** Sections and links of a Markdown body (LF line ends) by the chosen engine. */
export function parseBody(body: string, engine: ParseEngine = 'fast'): { sections: ParsedSection[]; links: ParsedLink[] } {
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
  return assembleDigest(text, path, (body) => parseBody(body, options?.engine));
}

/** Front matter, fields and fallbacks around a body split by `structure`: the one place a ParsedDigest is put together. */
function assembleDigest(
  text: string,
  path: string,
  structure: (body: string) => Pick<ParsedDigest, 'sections' | 'links'>,
  extraWarning?: string,
): ParsedDigest {
  const fm = readFrontMatter(normalizeInput(text));
  const fields = frontMatterFields(fm.data, fm.raw);
  const warnings = [...fm.warnings, ...fields.warnings];
  const { sections, links } = structure(fm.body);
  const firstH1 = sections.find((s) => s.level === 1 && s.heading !== '')?.heading ?? null;
  const date = resolveDate(fields, path, warnings);
  if (extraWarning !== undefined) warnings.push(extraWarning);
  return {
    title: fields.title ?? firstH1 ?? fileTitle(path),
    date,
    tags: fields.tags,
    description: fields.description,
    meta: fields.meta,
    body: fm.body,
    sections,
    links,
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
    }),
    reason,
  );
}
