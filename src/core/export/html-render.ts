/**
 * Markdown fragment -> inert HTML fragment, with the remark/rehype ecosystem:
 * remark-parse + remark-gfm -> remark-rehype (raw HTML in the Markdown is
 * dropped, never passed through) -> images embedded or made links
 * (exportImage) -> rehype-sanitize
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
import { imageSourceKind, safeUrl } from '../../shared/url-policy.js';
import { EMBED_MAX_BYTES, EMBED_TOTAL_BYTES, exportImageFor, type ExportImages, type ImageOmission } from './export-images.js';
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

/** EXPORT_SANITIZE_SCHEMA that also lets https: images load (the user chose to load remote images). */
const REMOTE_IMAGES_SCHEMA: SanitizeSchema = { ...EXPORT_SANITIZE_SCHEMA, protocols: { ...EXPORT_SANITIZE_SCHEMA.protocols, src: ['data', 'https'] } };

const WEB_URL = /^https?:\/\//i;

/** The images a part's Markdown may show as images: its digest's, as loaded for the export (export-images.ts). */
export interface ImageContext {
  digestPath: string;
  images: ExportImages;
}

function text(value: string): ElementContent {
  return { type: 'text', value };
}

const OMITTED: Record<ImageOmission, string> = {
  'too-large': `larger than ${EMBED_MAX_BYTES / 1024 / 1024} MB`,
  budget: `the export already holds ${EMBED_TOTAL_BYTES / 1024 / 1024} MB of images`,
};

/**
 * What an <img> becomes: a base64 raster image stays; a vault image loaded
 * for the export is embedded, or a note says why it was left out; a remote
 * https: image stays when the user chose to load them; any other web image
 * becomes a link to it, the rest just its alt text.
 */
function exportImage(img: Element, ctx: ImageContext | null): ElementContent {
  const src = typeof img.properties.src === 'string' ? img.properties.src.trim() : '';
  const kind = imageSourceKind(src);
  if (kind === 'inline') return img;
  const alt = typeof img.properties.alt === 'string' && img.properties.alt.trim() !== '' ? img.properties.alt : 'image';
  const found = ctx !== null && kind === 'local' ? exportImageFor(ctx.images, ctx.digestPath, src) : null;
  if (found !== null && 'dataUri' in found) return { ...img, properties: { ...img.properties, src: found.dataUri } };
  if (found !== null) {
    const note = `[${alt}] (image left out of this export, ${OMITTED[found.omitted]}: `;
    return { type: 'element', tagName: 'span', properties: { className: ['image-note'] }, children: [text(note), { type: 'element', tagName: 'code', properties: {}, children: [text(found.path)] }, text(')')] };
  }
  if (kind === 'remote' && ctx?.images.remote) return img;
  if (WEB_URL.test(src)) {
    return { type: 'element', tagName: 'a', properties: { href: src }, children: [text(`[${alt}]`)] };
  }
  return text(`[${alt}]`);
}

function rewriteImages(node: Root | Element, ctx: ImageContext | null): void {
  node.children = node.children.map((child: RootContent) => {
    if (child.type !== 'element') return child;
    if (child.tagName === 'img') return exportImage(child, ctx);
    rewriteImages(child, ctx);
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
 * different parts of one page apart; `images`, the images it may show.
 */
export function renderMarkdownToSafeHtml(markdown: string, idPrefix: string, images: ImageContext | null = null): string {
  // The parse limits of the rest of the export (markdown-text.ts): beyond them, or when remark throws anyway, escaped text.
  if (conversionLimit(markdown) !== null) return plainTextHtml(markdown);
  try {
    return renderWithRemark(markdown, idPrefix, images);
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

function renderWithRemark(markdown: string, idPrefix: string, images: ImageContext | null): string {
  const file = unified()
    .use(remarkParse)
    .use(remarkGfm)
    // Footnotes are labelled below the part's own H3, not with a document-level H2.
    .use(remarkRehype, { allowDangerousHtml: false, clobberPrefix: idPrefix, footnoteLabelTagName: 'h4', footnoteLabelProperties: {} })
    .use(() => (tree: Root) => rewriteImages(tree, images))
    .use(rehypeSanitize, images?.images.remote ? REMOTE_IMAGES_SCHEMA : EXPORT_SANITIZE_SCHEMA)
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
