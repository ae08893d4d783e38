/**
 * What an image file is, read from its first bytes, never from its name: a
 * `.png` holding HTML is no image. The raster types browsers show (PNG, JPEG,
 * GIF, WebP, AVIF) by their signatures, and SVG only as a document whose root
 * element is <svg> with no DOCTYPE subset (no entities). Also the pixel size
 * the header states, so the reader can reserve an image's box before it loads.
 * Pure: bytes in, facts out (images.ts reads the files).
 */

export type ImageType = 'png' | 'jpeg' | 'gif' | 'webp' | 'avif' | 'svg';

export const IMAGE_CONTENT_TYPES: Readonly<Record<ImageType, string>> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
};

/** Bytes of a file's start that sniffing and sizing read (a JPEG's size may follow up to 64 KB of metadata). */
export const IMAGE_HEAD_BYTES = 64 * 1024;

export interface ImageSize {
  width: number;
  height: number;
}

const ascii = (bytes: Uint8Array, from: number, length: number): string => String.fromCharCode(...bytes.subarray(from, from + length));
const u16be = (b: Uint8Array, i: number): number => (b[i]! << 8) | b[i + 1]!;
const u16le = (b: Uint8Array, i: number): number => b[i]! | (b[i + 1]! << 8);
const u24le = (b: Uint8Array, i: number): number => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16);
const u32be = (b: Uint8Array, i: number): number => ((b[i]! << 24) >>> 0) + ((b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!);

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const AVIF_BRANDS = new Set(['avif', 'avis']);

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);
}

/** An ISO-BMFF file whose ftyp box names an AVIF brand (major or compatible). */
function isAvif(bytes: Uint8Array): boolean {
  if (bytes.length < 16 || ascii(bytes, 4, 4) !== 'ftyp') return false;
  const size = Math.min(u32be(bytes, 0), bytes.length);
  for (let i = 8; i + 4 <= size; i += 4) {
    if (i === 12) continue; // the minor version, not a brand
    if (AVIF_BRANDS.has(ascii(bytes, i, 4))) return true;
  }
  return false;
}

/** The prolog an SVG file may start with: BOM, spaces, an XML declaration, comments, a DOCTYPE without an internal subset. */
const SVG_PROLOG = /^(?:\uFEFF)?(?:\s+|<\?xml[^>]*\?>|<!--[\s\S]*?-->|<!DOCTYPE\s[^[>]*>)*/;

/** The root <svg> start tag's attributes, or null when the text is not an SVG document (HTML that embeds one is not). */
function svgRootTag(bytes: Uint8Array): string | null {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 8192));
  const rest = text.slice(SVG_PROLOG.exec(text)?.[0].length ?? 0);
  const tag = /^<svg(?=[\s/>])([^>]*)>/.exec(rest);
  return tag ? tag[1]! : null;
}

/** The image type of a file from its first bytes (IMAGE_HEAD_BYTES are plenty), or null for anything else. */
export function sniffImageType(head: Uint8Array): ImageType | null {
  if (startsWith(head, PNG_SIGNATURE)) return 'png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (head.length >= 6 && (ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a')) return 'gif';
  if (head.length >= 12 && ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'WEBP') return 'webp';
  if (isAvif(head)) return 'avif';
  if (svgRootTag(head) !== null) return 'svg';
  return null;
}

function pngSize(b: Uint8Array): ImageSize | null {
  return b.length >= 24 && ascii(b, 12, 4) === 'IHDR' ? { width: u32be(b, 16), height: u32be(b, 20) } : null;
}

function gifSize(b: Uint8Array): ImageSize | null {
  return b.length >= 10 ? { width: u16le(b, 6), height: u16le(b, 8) } : null;
}

function webpSize(b: Uint8Array): ImageSize | null {
  if (b.length < 30) return null;
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8X') return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  if (chunk === 'VP8L') {
    const bits = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8 ') return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  return null;
}

/** SOF markers carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not. */
const isStartOfFrame = (marker: number): boolean => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

/** EXIF orientations 5-8 turn the picture a quarter: its shown width is the stored height. */
function exifTurnsQuarter(b: Uint8Array, start: number, end: number): boolean {
  if (end - start < 14 || ascii(b, start, 6) !== 'Exif\0\0') return false;
  const tiff = start + 6;
  const little = ascii(b, tiff, 2) === 'II';
  const read16 = (i: number): number => (little ? u16le(b, i) : u16be(b, i));
  const read32 = (i: number): number => (little ? u16le(b, i) + u16le(b, i + 2) * 65536 : u32be(b, i));
  const ifd = tiff + read32(tiff + 4);
  if (ifd + 2 > end) return false;
  const entries = read16(ifd);
  for (let k = 0; k < entries; k++) {
    const entry = ifd + 2 + k * 12;
    if (entry + 12 > end) return false;
    if (read16(entry) === 0x0112) return read16(entry + 8) >= 5 && read16(entry + 8) <= 8;
  }
  return false;
}

function jpegSize(b: Uint8Array): ImageSize | null {
  let turned = false;
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    const length = u16be(b, i + 2);
    if (marker === 0xe1) turned ||= exifTurnsQuarter(b, i + 4, Math.min(b.length, i + 2 + length));
    if (isStartOfFrame(marker)) {
      if (i + 9 > b.length) return null;
      const height = u16be(b, i + 5);
      const width = u16be(b, i + 7);
      return turned ? { width: height, height: width } : { width, height };
    }
    i += 2 + length;
  }
  return null;
}

/** The first 'ispe' (image spatial extent) box of the primary item's properties. */
function avifSize(b: Uint8Array): ImageSize | null {
  for (let i = 4; i + 16 <= b.length; i++) {
    if (b[i] === 0x69 && ascii(b, i, 4) === 'ispe') return { width: u32be(b, i + 8), height: u32be(b, i + 12) };
  }
  return null;
}

const SVG_LENGTH = /^\s*([0-9]*\.?[0-9]+)\s*(px)?\s*$/;

function svgAttribute(attributes: string, name: string): string | null {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attributes);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

/** width and height in pixels (or without a unit), else the viewBox's size. */
function svgSize(b: Uint8Array): ImageSize | null {
  const attributes = svgRootTag(b);
  if (attributes === null) return null;
  const width = SVG_LENGTH.exec(svgAttribute(attributes, 'width') ?? '')?.[1];
  const height = SVG_LENGTH.exec(svgAttribute(attributes, 'height') ?? '')?.[1];
  if (width !== undefined && height !== undefined) return { width: Number(width), height: Number(height) };
  const box = (svgAttribute(attributes, 'viewBox') ?? '').trim().split(/[\s,]+/).map(Number);
  if (box.length === 4 && box.every(Number.isFinite)) return { width: box[2]!, height: box[3]! };
  return null;
}

const SIZERS: Readonly<Record<ImageType, (head: Uint8Array) => ImageSize | null>> = {
  png: pngSize,
  jpeg: jpegSize,
  gif: gifSize,
  webp: webpSize,
  avif: avifSize,
  svg: svgSize,
};

/** The size the header states, rounded to whole pixels; null when it states none or an unusable one. */
export function imageSize(head: Uint8Array, type: ImageType): ImageSize | null {
  const size = SIZERS[type](head);
  if (size === null) return null;
  const width = Math.round(size.width);
  const height = Math.round(size.height);
  return width > 0 && height > 0 && width < 1e6 && height < 1e6 ? { width, height } : null;
}
