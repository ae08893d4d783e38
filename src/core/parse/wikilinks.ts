/**
 * Wikilinks, as Obsidian, Foam, Dendron and Logseq vaults write them:
 * `[[2024-W06]]`, `[[2024-W06|next week]]`, `[[2024-W06#模型]]`,
 * `[[weekly/2024-W06]]`, `[[#a heading]]`, and embeds `![[chart.png]]`,
 * `![[chart.png|300]]`. They are rewritten into Markdown links and images
 * before either engine runs (as heading-ids.ts does for `{#id}`), so links,
 * link texts, backlinks, the reader and export see ordinary Markdown, and the
 * stored body, to which section offsets point, is the rewritten text.
 *
 * - The href is the target as written: a path with a folder is read from the
 *   vault root (`/weekly/2024-W06`), as these tools do; a bare name is a
 *   sibling of the digest (`2024-W06`), and when no digest is there it is
 *   found by its name anywhere in the vault (series/series.ts), as Obsidian
 *   finds `[[name]]`.
 * - The text shown is the alias, else the target (`2024-W06 > 模型` for a
 *   heading, as Obsidian shows it).
 * - An embed of an image becomes an image (a size such as `|300` is not its
 *   alt text); an embed of anything else (a note, a PDF) becomes a link: a
 *   reader shows where it points, it does not transclude.
 * - Left as written: fenced code, inline code spans, `\[[escaped]]`,
 *   `[[1]](https://…)` / `[[1]][ref]` (a link whose text is in brackets, as
 *   digests cite sources), and brackets nested deeper (`[[[5]]]`).
 * Linear in the body: one pass per line, which is only walked when the body
 * holds `[[` at all.
 */
import { inCodeSpan, rewriteLinesOutsideFences } from './fences.js';

// Target and alias hold no brackets and no line break; `\|` is the alias bar inside a table row.
// Not inside more brackets (`[[[5]]]`, a nested array in prose) nor followed by a link's `(` or `[`.
const WIKILINK_RE = /(?<!\[)(!?)\[\[([^[\]\n]{1,400}?)\]\](?![([\]])/g;
const IMAGE_EXT_RE = /\.(?:png|jpe?g|gif|webp|avif|svg|bmp)$/i;
// An embed's size, not its alt text: "300" or "300x200".
const SIZE_RE = /^\d+(?:x\d+)?$/;
// Characters that would end or break an inline link destination.
const NEEDS_BRACKETS_RE = /[\s()<>]/;

interface Wikilink {
  embed: boolean;
  target: string;
  heading: string | null;
  alias: string | null;
}

function parseInner(embed: boolean, inner: string): Wikilink | null {
  const bar = inner.search(/\\?\|/);
  const ref = (bar === -1 ? inner : inner.slice(0, bar)).trim();
  const alias = bar === -1 ? null : inner.slice(bar + (inner[bar] === '\\' ? 2 : 1)).trim() || null;
  const hash = ref.indexOf('#');
  const target = (hash === -1 ? ref : ref.slice(0, hash)).trim();
  const heading = hash === -1 ? null : ref.slice(hash + 1).trim() || null;
  if (target === '' && heading === null) return null;
  return { embed, target, heading, alias };
}

/** The href of a wikilink target: root-relative with a folder, a sibling without; `%` escaped (hrefs are percent-decoded). */
function hrefOf(link: Wikilink): string {
  const path = link.target.replace(/%/g, '%25');
  const base = path === '' ? '' : path.includes('/') ? `/${path.replace(/^\/+/, '')}` : path;
  const href = link.heading === null ? base : `${base}#${link.heading.replace(/%/g, '%25')}`;
  return NEEDS_BRACKETS_RE.test(href) ? `<${href}>` : href;
}

/** Markdown text that shows `text` literally inside a link's brackets. */
function escapeText(text: string): string {
  return text.replace(/[\\[\]*_`<]/g, '\\$&');
}

function shownText(link: Wikilink): string {
  if (link.alias !== null && !(link.embed && SIZE_RE.test(link.alias))) return link.alias;
  if (link.target === '') return link.heading ?? '';
  return link.heading === null ? link.target : `${link.target} > ${link.heading}`;
}

function rewriteOne(link: Wikilink): string {
  const href = hrefOf(link);
  if (link.embed && link.heading === null && IMAGE_EXT_RE.test(link.target)) {
    const alt = link.alias !== null && !SIZE_RE.test(link.alias) ? link.alias : link.target.slice(link.target.lastIndexOf('/') + 1);
    return `![${escapeText(alt)}](${href})`;
  }
  return `[${escapeText(shownText(link))}](${href})`;
}

function rewriteLine(line: string): string {
  const inCode = inCodeSpan(line);
  return line.replace(WIKILINK_RE, (whole: string, bang: string, inner: string, offset: number) => {
    if (inCode(offset) || (offset > 0 && line[offset - 1] === '\\')) return whole;
    const link = parseInner(bang === '!', inner);
    return link === null ? whole : rewriteOne(link);
  });
}

/** The body with its wikilinks as Markdown links and images (see the module comment); the body itself when it has none. */
export function rewriteWikilinks(body: string): string {
  return rewriteLinesOutsideFences(body, '[[', rewriteLine);
}
