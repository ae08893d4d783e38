/**
 * The images of a digest as the reader shows them (Digest.images): each
 * source of its Markdown once, local ones looked up in the vault (where they
 * may be: parse/image-refs.ts; what the file is: vault/images.ts), with the
 * pixel size their header states so the reader reserves their box.
 */
import type { DigestImage } from '../../shared/api.js';
import { imageSourceKind } from '../../shared/url-policy.js';
import { imageCandidates, imageRefs } from '../parse/image-refs.js';
import { realpathSync } from 'node:fs';
import { VaultImages } from '../vault/images.js';

async function localImage(images: VaultImages, digestPath: string, src: string): Promise<DigestImage> {
  const candidates = imageCandidates(digestPath, src);
  if (candidates.length === 0) return { src, kind: 'local', problem: 'bad-path' };
  const found = await images.locate(candidates);
  if (!found.ok) return { src, kind: 'local', problem: found.problem };
  const { path, size } = found.image;
  return { src, kind: 'local', path, ...(size ? { width: size.width, height: size.height } : {}) };
}

/** The images `markdown` (the body of the digest at `digestPath`) shows, in document order. */
export async function digestImages(images: VaultImages, digestPath: string, markdown: string): Promise<DigestImage[]> {
  const out: Promise<DigestImage>[] = [];
  for (const src of imageRefs(markdown)) {
    const kind = imageSourceKind(src);
    if (kind === 'local') out.push(localImage(images, digestPath, src));
    else if (kind !== 'inline') out.push(Promise.resolve({ src, kind }));
  }
  return Promise.all(out);
}

/** The image files of the vault at `vaultPath`, by its real path (a missing vault: every lookup answers 'missing'). */
export function vaultImagesOf(vaultPath: string): VaultImages {
  try {
    return new VaultImages(realpathSync(vaultPath));
  } catch {
    return new VaultImages(vaultPath);
  }
}
