/**
 * An image the digest's Markdown shows (shared/url-policy.ts imageSourceKind;
 * base64 raster data: images are drawn from the Markdown and not listed).
 * Local images are looked up in the vault when the digest is shown
 * (AlmanacApi.getDigest: Digest.images).
 */
export interface DigestImage {
  /** The source as the Markdown writes it. */
  src: string;
  /** 'local': a vault file; 'remote': an https: URL, loaded only when the user allows it; 'blocked': never loaded (http:, file:, javascript:, data: documents...). */
  kind: 'local' | 'remote' | 'blocked';
  /** Local: the vault path of the image file; absent when none was found or it is refused (see problem). */
  path?: string;
  /** Local, not shown: no such file in the vault (or it leaves the vault), not an image by its content, or larger than the limit. */
  problem?: 'bad-path' | 'missing' | 'not-an-image' | 'too-large';
  /** Pixel size its header states, when it states one. */
  width?: number;
  height?: number;
  /** Where this app serves the file (set by the desktop and web adapters; absent in the CLI). */
  url?: string;
}
