/**
 * Markdown fragment -> inert HTML fragment, with the remark/rehype ecosystem:
 * remark-parse + remark-gfm -> remark-rehype (raw HTML in the Markdown is
 * dropped, never passed through) -> images made local-only -> rehype-sanitize
 * with a strict schema -> rehype-stringify. The export page's CSP is the
 * second wall: even a sanitizer miss can neither run nor load anything.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkRehype from 'remark-rehype';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { rehypeSplitLongText, splitLongText } from '../../shared/long-text.js';
import { safeUrl } from '../../shared/url-policy.js';
import { conversionLimit } from './markdown-text.js';

const FORBIDDEN_TAGS = new Set([
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'input', 'button',
  'textarea', 'select', 'base', 'meta', 'link', 'svg', 'math', 'picture', 'source', 'video', 'audio', 'template',
]);
// Attributes that only make sense on forms or image maps, or that load something.
const FORBIDDEN_ATTRIBUTES = new Set(['action', 'method', 'encType', 'accept', 'acceptCharset', 'useMap', 'isMap', 'longDesc', 'srcSet']);

const defaultAttributes = defaultSchema.attributes ?? {};

/** GitHub's schema, narrowed: no forms, no embedded content, only http/https/mailto/#/relative hrefs, only data: images. */
export const EXPORT_SANITIZE_SCHEMA: SanitizeSchema = {
  ...defaultSchema,
  tagNames: (defaultSchema.tagNames ?? []).filter((t) => !FORBIDDEN_TAGS.has(t)),
  strip: ['script', 'style', 'template', 'textarea', 'title'],
  attributes: Object.fromEntries(
    Object.entries(defaultAttributes)
      .filter(([tag]) => !FORBIDDEN_TAGS.has(tag))
      .map(([tag, attrs]) => [
        tag,
        attrs.filter((a) => !FORBIDDEN_ATTRIBUTES.has(typeof a === 'string' ? a : String(a[0]))),
      ]),
  ),
  protocols: { href: ['http', 'https', 'mailto'], cite: ['http', 'https'], src: ['data'] },
  // Ids only come from remark-rehype (footnotes), which already gets a per-part prefix.
  clobber: [],
  clobberPrefix: '',
};

/** Raster images embedded as base64 are the only images an export shows inline. */
const SAFE_DATA_IMAGE = /^data:image\/(?:png|gif|jpe?g|webp|avif);base64,[a-z0-9+/=\s]*$/i;
const WEB_URL = /^https?:\/\//i;

function text(value: string): ElementContent {
  return { type: 'text', value };
}

/** An <img> that would load something becomes a link to it (http/https) or just its alt text. */
function localImage(img: Element): ElementContent {
  const src = typeof img.properties.src === 'string' ? img.properties.src.trim() : '';
  if (SAFE_DATA_IMAGE.test(src)) return img;
  const alt = typeof img.properties.alt === 'string' && img.properties.alt.trim() !== '' ? img.properties.alt : 'image';
  if (WEB_URL.test(src)) {
    return { type: 'element', tagName: 'a', properties: { href: src }, children: [text(`[${alt}]`)] };
  }
  return text(`[${alt}]`);
}

function rewriteImages(node: Root | Element): void {
  node.children = node.children.map((child: RootContent) => {
    if (child.type !== 'element') return child;
    if (child.tagName === 'img') return localImage(child);
    rewriteImages(child);
    return child;
  }) as typeof node.children;
}

/** A link's href when the reader's URL policy allows it (the sanitizer passes protocol-relative URLs as relative ones). */
function withAllowedHref(link: Element): Element {
  const href = link.properties.href;
  if (typeof href === 'string' && safeUrl(href) === '') delete link.properties.href;
  return link;
}

/**
 * After sanitizing: links whose href the sanitizer or the URL policy removed become plain text; web links get rel="noopener noreferrer"; the footnote
 * label's fixed id ("footnote-label", not covered by remark-rehype's prefix)
 * gets the part's prefix so that parts do not share ids.
 */
function finishElements(node: Root | Element, idPrefix: string): void {
  // A link without an allowed href (javascript:, //host ...) is just its text.
  node.children = node.children.flatMap((child: RootContent) =>
    child.type === 'element' && child.tagName === 'a' && withAllowedHref(child).properties.href === undefined && child.properties.id === undefined
      ? child.children
      : [child],
  ) as typeof node.children;
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    const p = child.properties;
    if (child.tagName === 'a' && typeof p.href === 'string' && WEB_URL.test(p.href)) p.rel = ['noopener', 'noreferrer'];
    if (p.id === 'footnote-label') p.id = `${idPrefix}footnote-label`;
    if (Array.isArray(p.ariaDescribedBy)) p.ariaDescribedBy = p.ariaDescribedBy.map((v) => (v === 'footnote-label' ? `${idPrefix}${v}` : v));
    finishElements(child, idPrefix);
  }
}

/**
 * `markdown` rendered to sanitized HTML. `idPrefix` keeps footnote ids of
 * different parts of one page apart.
 */
export function renderMarkdownToSafeHtml(markdown: string, idPrefix: string): string {
  // The parse limits of the rest of the export (markdown-text.ts): beyond them, or when remark throws anyway, escaped text.
  if (conversionLimit(markdown) !== null) return plainTextHtml(markdown);
  try {
    return renderWithRemark(markdown, idPrefix);
  } catch {
    return plainTextHtml(markdown);
  }
}

/**
 * Text shown as written: preformatted and escaped, in short runs (one huge
 * text node under pre-wrap takes Chromium minutes to lay out; see long-text.ts).
 */
export function plainTextHtml(text: string): string {
  return `<pre class="plain-text">${splitLongText(text).map((run) => `<span>${escapeHtml(run)}</span>`).join('')}</pre>`;
}

function renderWithRemark(markdown: string, idPrefix: string): string {
  const file = unified()
    .use(remarkParse)
    .use(remarkGfm)
    // Footnotes are labelled below the part's own H3, not with a document-level H2.
    .use(remarkRehype, { allowDangerousHtml: false, clobberPrefix: idPrefix, footnoteLabelTagName: 'h4', footnoteLabelProperties: {} })
    .use(() => rewriteImages)
    .use(rehypeSanitize, EXPORT_SANITIZE_SCHEMA)
    .use(() => (tree: Root) => finishElements(tree, idPrefix))
    .use(rehypeSplitLongText)
    .use(rehypeStringify)
    .processSync(markdown);
  return String(file);
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Plain text for HTML text or a quoted attribute value. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);
}
