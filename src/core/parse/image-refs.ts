/**
 * The images a digest's Markdown shows, and where a local one may be in the
 * vault. Read when a digest is shown or exported, not stored: image files
 * change apart from the Markdown (a screenshot replaced, a folder of images
 * copied in later), so they are looked up each time (core/vault/images.ts
 * caches what a file is).
 *
 * Where a local source points (imageCandidates):
 * - relative (`images/chart.png`, a page bundle's `./diagram.png`): from the
 *   digest's folder, `..` allowed while it stays inside the vault;
 * - root-relative (`/img/shot.png`, as Hugo, Zola, Docusaurus or Jekyll sites
 *   write them): the vault root, then the static folders (STATIC_FOLDERS) of
 *   the digest's folder and of each folder above it, nearest first, so a site
 *   kept in a sub-folder of the vault finds its own `static/`;
 * - a bare name (`chart.png`, `![[chart.png]]`): the digest's folder, then
 *   its attachment folders (ATTACHMENT_FOLDERS), then the same for each
 *   folder above, nearest first, where note-taking tools put pasted images.
 * The path is percent-decoded, `?query` and `#fragment` are dropped and
 * backslashes count as separators (resolveHref, as for links); a source
 * that climbs out of the vault has no candidate.
 */
import type { Token } from 'markdown-it';
import { readerPlainReason } from '../../shared/reader-markdown.js';
import { imageSourceKind } from '../../shared/url-policy.js';
import { fastMarkdown } from './fast/markdown-it.js';
import { resolveHref } from './links.js';

/** Folders of a site whose files the site serves from its root. */
export const STATIC_FOLDERS: readonly string[] = ['static', 'public', 'website/static', 'assets'];

/** Folders where note-taking tools (Obsidian, Logseq, Typora) put the images pasted into a note. */
export const ATTACHMENT_FOLDERS: readonly string[] = ['attachments', 'Attachments', '_attachments', 'assets', 'images', 'img', 'media'];

/** The sources of one inline token's images (an image inside a link's text too; not the images in an image's alt text, which are text). */
function inlineImages(children: readonly Token[], out: Set<string>): void {
  for (const t of children) if (t.type === 'image') out.add(String(t.attrGet('src') ?? ''));
}

/**
 * The distinct image sources of a Markdown text, in document order. Empty for
 * a text the reader shows as plain text (too large, nested too deeply, too many
 * markers: shared/reader-markdown.ts), whose images it never draws; the
 * limits also keep this parse linear.
 */
export function imageRefs(markdown: string): string[] {
  if (!markdown.includes('![') || readerPlainReason(markdown) !== null) return [];
  const found = new Set<string>();
  for (const t of fastMarkdown.parse(markdown, {})) if (t.type === 'inline') inlineImages(t.children ?? [], found);
  found.delete('');
  return [...found];
}

/** The folders from `folder` up to the vault root (''), nearest first. */
function foldersUp(folder: string): string[] {
  const out: string[] = [];
  let f = folder;
  for (;;) {
    out.push(f);
    if (f === '') return out;
    const slash = f.lastIndexOf('/');
    f = slash < 0 ? '' : f.slice(0, slash);
  }
}

/** The vault paths a local image source in the digest `fromPath` may name, in the order to try them; empty when it names none. */
export function imageCandidates(fromPath: string, src: string): string[] {
  if (imageSourceKind(src) !== 'local') return [];
  const resolved = resolveHref(fromPath, src.trim());
  if (resolved.kind !== 'internal') return [];
  const folder = fromPath.includes('/') ? fromPath.slice(0, fromPath.lastIndexOf('/')) : '';
  const under = (base: string, sub: string, name: string): string => [base, sub, name].filter((p) => p !== '').join('/');
  const out = [resolved.path];
  if (/^[/\\]/.test(src.trim())) {
    for (const base of foldersUp(folder)) for (const stat of STATIC_FOLDERS) out.push(under(base, stat, resolved.path));
  } else if (!/[/\\]/.test(src.trim())) {
    // A bare name (`chart.png`, as a wikilink embed `![[chart.png]]` names it): the folders above, and their attachment folders.
    const name = resolved.path.slice(resolved.path.lastIndexOf('/') + 1);
    for (const base of foldersUp(folder)) for (const sub of ['', ...ATTACHMENT_FOLDERS]) out.push(under(base, sub, name));
  }
  return [...new Set(out)];
}
