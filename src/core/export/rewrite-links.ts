/**
 * Relative links in an exported section. Inside the vault `../weekly_news/news_2026_06`
 * points at another digest; in an export file saved anywhere else it points at
 * nothing (or, worse, at an unrelated file next to the export). So a relative
 * link or image keeps its text and loses its link: the text is followed by the
 * vault-relative path it pointed to, `AI news (vault: \`weekly_news/news_2026_06\`)`,
 * which still tells the reader where to look in the vault. A fragment-only link
 * (`#heading`) or one that climbs out of the vault keeps just its text.
 * In the HTML export, a link to a digest that is itself part of the export
 * becomes a link to that digest's first section in the document (Markdown has
 * no portable anchors, so the Markdown export keeps the vault path).
 * Links with a scheme (http:, mailto:, even javascript:) are left as written:
 * the Markdown is the user's own, and the HTML sanitizer decides what may be clicked.
 * Links are read by the parser's resolveHref, exactly as the index read them.
 */
import type { Definition, Nodes } from 'mdast';
import { resolveHref } from '../parse/links.js';
import { codeSpan, escapeMarkdownInline, parseWithinLimits } from './markdown-text.js';

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** The anchor id in the export document of the digest with this link key (path without .md), or null. */
export type AnchorLookup = (digestKey: string) => string | null;

/** What becomes of a link: kept as written, or unlinked (with the vault file it named, if any). */
type LinkFate = { keep: true } | { keep: false; path: string | null; key: string | null };
type Unlinked = Extract<LinkFate, { keep: false }>;

function linkFate(href: string, digestPath: string): LinkFate {
  const resolved = resolveHref(digestPath, href);
  if (resolved.kind === 'internal') return { keep: false, path: resolved.path, key: resolved.key };
  if (resolved.kind === 'anchor') return { keep: false, path: null, key: null };
  // Invalid without a scheme: it climbs out of the vault or is malformed.
  if (resolved.kind === 'invalid' && !SCHEME.test(href.trim())) return { keep: false, path: null, key: null };
  return { keep: true };
}

interface Edit {
  start: number;
  end: number;
  /** Range whose own edits are applied inside the replacement (a link's text). */
  inner: [number, number] | null;
  /** Text written before/after the inner range (or instead of it). */
  before: string;
  after: string;
}

interface RewriteContext {
  digestPath: string;
  definitions: Map<string, Definition>;
  anchorFor: AnchorLookup;
  keepImage: (src: string) => boolean;
}

function range(node: Nodes | undefined): [number, number] | null {
  const start = node?.position?.start.offset;
  const end = node?.position?.end.offset;
  return start === undefined || end === undefined ? null : [start, end];
}

function childrenRange(node: Nodes): [number, number] | null {
  if (!('children' in node) || node.children.length === 0) return null;
  const first = range(node.children[0]);
  const last = range(node.children[node.children.length - 1]);
  return first && last ? [first[0], last[1]] : null;
}

function vaultNote(path: string | null): string {
  return path === null ? '' : ` (vault: ${codeSpan(path)})`;
}

/** A link to an anchor of the export when its digest is there, else its text and the vault path. */
function linkEdit(start: number, end: number, inner: [number, number] | null, fate: Unlinked, ctx: RewriteContext): Edit {
  const anchor = fate.key === null ? null : ctx.anchorFor(fate.key);
  if (anchor !== null) return { start, end, inner, before: '[', after: `](#${anchor})` };
  return { start, end, inner, before: '', after: vaultNote(fate.path) };
}

function collectDefinitions(node: Nodes, into: Map<string, Definition>): void {
  if (node.type === 'definition' && !into.has(node.identifier)) into.set(node.identifier, node);
  if ('children' in node) for (const child of node.children) collectDefinitions(child, into);
}

function collectEdits(node: Nodes, ctx: RewriteContext, into: Edit[]): void {
  const r = range(node);
  if (r) {
    const [start, end] = r;
    let href: string | undefined;
    if (node.type === 'link' || node.type === 'image' || node.type === 'definition') href = node.url;
    else if (node.type === 'linkReference' || node.type === 'imageReference') href = ctx.definitions.get(node.identifier)?.url;
    const kept = href !== undefined && (node.type === 'image' || node.type === 'imageReference' || node.type === 'definition') && ctx.keepImage(href);
    const fate = href === undefined || kept ? null : linkFate(href, ctx.digestPath);
    if (fate && !fate.keep) {
      if (node.type === 'link' || node.type === 'linkReference') {
        into.push(linkEdit(start, end, childrenRange(node), fate, ctx));
      } else if (node.type === 'image' || node.type === 'imageReference') {
        into.push({ start, end, inner: null, before: escapeMarkdownInline(node.alt ?? ''), after: vaultNote(fate.path) });
      } else if (node.type === 'definition') {
        into.push({ start, end, inner: null, before: '', after: '' });
      }
    }
  }
  if ('children' in node) for (const child of node.children) collectEdits(child, ctx, into);
}

function emit(source: string, from: number, to: number, edits: readonly Edit[]): string {
  let out = '';
  let cursor = from;
  for (const e of edits) {
    if (e.start < cursor || e.start >= to) continue;
    out += source.slice(cursor, e.start) + e.before;
    if (e.inner) out += emit(source, e.inner[0], e.inner[1], edits);
    out += e.after;
    cursor = e.end;
  }
  return out + source.slice(cursor, to);
}

/**
 * `markdown` (a fragment of the digest at `digestPath`) with its relative
 * links and images rewritten as described above; unchanged when it is beyond
 * the parse limits (markdown-text.ts). Images whose source `keepImage`
 * accepts (and their definitions) stay as written: the HTML export embeds
 * them (export-images.ts).
 */
export function rewriteRelativeLinks(
  markdown: string,
  digestPath: string,
  anchorFor: AnchorLookup = () => null,
  keepImage: (src: string) => boolean = () => false,
): string {
  const tree = parseWithinLimits(markdown);
  // Beyond the parse limits the text is exported as plain text anyway (rebase-headings.ts), where links are not links.
  if (typeof tree === 'string') return markdown;
  const definitions = new Map<string, Definition>();
  collectDefinitions(tree, definitions);
  const edits: Edit[] = [];
  collectEdits(tree, { digestPath, definitions, anchorFor, keepImage }, edits);
  if (edits.length === 0) return markdown;
  edits.sort((a, b) => a.start - b.start || b.end - a.end);
  return emit(markdown, 0, markdown.length, edits);
}
