/**
 * The images an HTML export embeds. An export is one file meant to be read
 * anywhere, offline: a vault image is embedded as a data: URI (the type
 * sniffed from its content, vault/images.ts), up to EMBED_MAX_BYTES each and
 * EMBED_TOTAL_BYTES in all, in the order of the selection; one left out gets
 * a note in its place. Remote images stay links unless the user chose to
 * load them (ExportRequest.remoteImages): then they stay images, and the
 * export's policy allows https: images.
 *
 * Loaded before the export is built, since reading files is asynchronous and
 * the build may run in the export worker; this is plain data (structured
 * clone safe).
 */
import { markdownUrlKey, imageSourceKind } from '../../shared/url-policy.js';
import { imageCandidates, imageRefs } from '../parse/image-refs.js';
import type { VaultImages } from '../vault/images.js';
import type { ExportPart } from './types.js';

export const EMBED_MAX_BYTES = 2 * 1024 * 1024;
export const EMBED_TOTAL_BYTES = 20 * 1024 * 1024;

/** Why a vault image is not in the export: over the size of one image, or past the budget of all. */
export type ImageOmission = 'too-large' | 'budget';

export interface ExportImages {
  /** exportImageKey -> the image as a data: URI. */
  embedded: Record<string, string>;
  /** exportImageKey -> why it was left out, and the vault path it names. */
  omitted: Record<string, { reason: ImageOmission; path: string }>;
  /** Remote https: images stay images (the user chose to load them). */
  remote: boolean;
}

export function exportImageKey(digestPath: string, src: string): string {
  return `${digestPath}\u0000${markdownUrlKey(src)}`;
}

/** What the export shows for a local image source of a digest: embedded, left out, or null (not found in the vault). */
export function exportImageFor(images: ExportImages, digestPath: string, src: string): { dataUri: string } | { omitted: ImageOmission; path: string } | null {
  const key = exportImageKey(digestPath, src);
  const dataUri = images.embedded[key];
  if (dataUri !== undefined) return { dataUri };
  const omitted = images.omitted[key];
  return omitted ? { omitted: omitted.reason, path: omitted.path } : null;
}

/** Whether the export shows this image source of a digest itself (embedded or with a note), instead of its alt text and vault path. */
export function exportHandlesImage(images: ExportImages | null, digestPath: string, src: string): boolean {
  if (images === null) return false;
  const key = exportImageKey(digestPath, src);
  return key in images.embedded || key in images.omitted;
}

/** Reads the vault images the parts show, within the limits above. */
export async function loadExportImages(parts: readonly ExportPart[], vault: VaultImages, remote: boolean): Promise<ExportImages> {
  const out: ExportImages = { embedded: {}, omitted: {}, remote };
  let total = 0;
  for (const part of parts) {
    for (const src of imageRefs(part.markdown)) {
      const key = exportImageKey(part.digestPath, src);
      if (imageSourceKind(src) !== 'local' || key in out.embedded || key in out.omitted) continue;
      const found = await vault.locate(imageCandidates(part.digestPath, src));
      if (!found.ok) continue;
      const { path, bytes } = found.image;
      if (bytes > EMBED_MAX_BYTES || total + bytes > EMBED_TOTAL_BYTES) {
        out.omitted[key] = { reason: bytes > EMBED_MAX_BYTES ? 'too-large' : 'budget', path };
        continue;
      }
      const file = await vault.serve(path);
      if (!file.ok || file.status !== 200) continue;
      total += file.body.length;
      out.embedded[key] = `data:${file.contentType};base64,${file.body.toString('base64')}`;
    }
  }
  return out;
}
