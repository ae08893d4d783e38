/**
 * Image files of the vault, as the reader's image routes serve them and the
 * HTML export embeds them. Every read takes the same path:
 *
 * 1. the vault path is checked lexically (resolveInVault: no NUL, no absolute
 *    path, no `..`; a backslash is refused too: vault paths are POSIX, and a
 *    name holding one is no path we hand out);
 * 2. its real path (symlinks resolved) must stay inside the vault's real
 *    path, else it is answered as missing, so an answer never tells whether a
 *    link's target exists;
 * 3. it must be a regular file of at most MAX_IMAGE_BYTES (checked on the
 *    stat, before reading: a 200 MB sparse file costs nothing);
 * 4. its first bytes must be an image (image-file.ts): the type comes from
 *    the content, never from the name.
 *
 * Answers carry an ETag that is a hash of the content. What a file is (type,
 * size, hash) is cached by real path, size, mtime and inode, so a warm
 * request stats and reads the file once and hashes nothing, and a request
 * whose ETag still matches reads nothing at all.
 */
import { createHash } from 'node:crypto';
import { promises as fsp, type Stats } from 'node:fs';
import { IMAGE_CONTENT_TYPES, IMAGE_HEAD_BYTES, imageSize, sniffImageType, type ImageSize, type ImageType } from './image-file.js';
import { isInsideRoot, resolveInVault } from './paths.js';

/** Images larger than this are refused (served and embedded alike). */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
/** Files whose facts are kept (a few hundred bytes each). */
const CACHE_ENTRIES = 1024;

/** Why an image is not shown. */
export type ImageProblem = 'bad-path' | 'missing' | 'not-an-image' | 'too-large';

/** An image file of the vault, as the reader shows it. */
export interface ImageFacts {
  path: string;
  type: ImageType;
  contentType: string;
  bytes: number;
  size: ImageSize | null;
}

export type ImageLookup = { ok: true; image: ImageFacts } | { ok: false; problem: ImageProblem };

/** What an image route answers. */
export type ImageAnswer =
  | { ok: true; status: 200; contentType: string; etag: string; body: Buffer }
  | { ok: true; status: 304; contentType: string; etag: string }
  | { ok: false; status: 400 | 404 | 413 | 415; problem: ImageProblem; message: string };

interface Known {
  size: number;
  mtimeMs: number;
  ino: number;
  type: ImageType;
  dimensions: ImageSize | null;
  /** The content hash, once the whole file was read. */
  etag: string | null;
}

const STATUS: Readonly<Record<ImageProblem, 400 | 404 | 413 | 415>> = { 'bad-path': 400, missing: 404, 'too-large': 413, 'not-an-image': 415 };

function refusal(problem: ImageProblem, path: string): Extract<ImageAnswer, { ok: false }> {
  const what: Record<ImageProblem, string> = {
    'bad-path': 'is not a vault path',
    missing: 'is not a file in the vault',
    'too-large': `is larger than ${MAX_IMAGE_BYTES} bytes`,
    'not-an-image': 'is not a PNG, JPEG, GIF, WebP, AVIF or SVG image',
  };
  return { ok: false, status: STATUS[problem], problem, message: `image ${JSON.stringify(path)} ${what[problem]}` };
}

/** The ETag of some content: a quoted hash, as HTTP writes entity tags. */
export function contentEtag(content: Uint8Array): string {
  return `"${createHash('sha256').update(content).digest('base64url').slice(0, 32)}"`;
}

/** Whether an If-None-Match header names this ETag (a list, weak tags, or *). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

/** What serves the vault's images to an adapter's image route (AlmanacService.readImage). */
export interface ImageReader {
  readImage(vaultPath: string, ifNoneMatch?: string): Promise<ImageAnswer>;
}

export class VaultImages {
  private readonly known = new Map<string, Known>();

  /** rootReal: the vault's real path (symlinks resolved). */
  constructor(readonly rootReal: string) {}

  /** The real path and stat of a vault path, or why it is not an image file we may read. */
  private async open(vaultPath: string): Promise<{ real: string; stat: Stats } | ImageProblem> {
    if (typeof vaultPath !== 'string' || vaultPath.includes('\\')) return 'bad-path';
    let lexical: string;
    try {
      lexical = resolveInVault(this.rootReal, vaultPath);
    } catch {
      return 'bad-path';
    }
    try {
      const real = await fsp.realpath(lexical);
      if (!isInsideRoot(this.rootReal, real)) return 'missing';
      const stat = await fsp.stat(real);
      if (!stat.isFile()) return 'missing';
      if (stat.size > MAX_IMAGE_BYTES) return 'too-large';
      return { real, stat };
    } catch {
      return 'missing';
    }
  }

  private cached(real: string, stat: Stats): Known | null {
    const k = this.known.get(real);
    return k !== undefined && k.size === stat.size && k.mtimeMs === stat.mtimeMs && k.ino === stat.ino ? k : null;
  }

  private remember(real: string, known: Known): Known {
    this.known.delete(real);
    this.known.set(real, known);
    if (this.known.size > CACHE_ENTRIES) this.known.delete(this.known.keys().next().value as string);
    return known;
  }

  /** Facts of a file from its first bytes; null when they are no image. */
  private learn(real: string, stat: Pick<Stats, 'size' | 'mtimeMs' | 'ino'>, head: Uint8Array, etag: string | null): Known | null {
    const type = sniffImageType(head);
    if (type === null) return null;
    return this.remember(real, { size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino, type, dimensions: imageSize(head, type), etag });
  }

  /** What the image at a vault path is (its first bytes only), or why it is not shown. */
  async describe(vaultPath: string): Promise<ImageLookup> {
    const opened = await this.open(vaultPath);
    if (typeof opened === 'string') return { ok: false, problem: opened };
    let known = this.cached(opened.real, opened.stat);
    if (known === null) {
      const head = await readHead(opened.real);
      known = head === null ? null : this.learn(opened.real, opened.stat, head, null);
      if (known === null) return { ok: false, problem: head === null ? 'missing' : 'not-an-image' };
    }
    return {
      ok: true,
      image: { path: vaultPath, type: known.type, contentType: IMAGE_CONTENT_TYPES[known.type], bytes: known.size, size: known.dimensions },
    };
  }

  /** The first of these vault paths that is an image, or the problem of the first one that exists (else 'missing'). */
  async locate(candidates: readonly string[]): Promise<ImageLookup> {
    let first: ImageLookup | null = null;
    for (const path of candidates) {
      const found = await this.describe(path);
      if (found.ok) return found;
      if (first === null && found.problem !== 'missing') first = found;
    }
    return first ?? { ok: false, problem: 'missing' };
  }

  /** The whole file for an image route (or an export), with its ETag; 304 when `ifNoneMatch` names it. */
  async serve(vaultPath: string, ifNoneMatch?: string): Promise<ImageAnswer> {
    const opened = await this.open(vaultPath);
    if (typeof opened === 'string') return refusal(opened, vaultPath);
    const before = this.cached(opened.real, opened.stat);
    if (before?.etag && etagMatches(ifNoneMatch, before.etag)) {
      return { ok: true, status: 304, contentType: IMAGE_CONTENT_TYPES[before.type], etag: before.etag };
    }
    let body: Buffer;
    try {
      body = await fsp.readFile(opened.real);
    } catch {
      return refusal('missing', vaultPath);
    }
    if (body.length > MAX_IMAGE_BYTES) return refusal('too-large', vaultPath);
    // A file rewritten between the stat and the read is learnt again from what was read.
    const stat = { size: body.length, mtimeMs: opened.stat.mtimeMs, ino: opened.stat.ino };
    const known = before !== null && body.length === before.size ? before : this.learn(opened.real, stat, body.subarray(0, IMAGE_HEAD_BYTES), null);
    if (known === null) return refusal('not-an-image', vaultPath);
    known.etag ??= contentEtag(body);
    const etag = known.etag;
    if (etagMatches(ifNoneMatch, etag)) return { ok: true, status: 304, contentType: IMAGE_CONTENT_TYPES[known.type], etag };
    return { ok: true, status: 200, contentType: IMAGE_CONTENT_TYPES[known.type], etag, body };
  }
}

async function readHead(real: string): Promise<Uint8Array | null> {
  let handle: fsp.FileHandle | null = null;
  try {
    handle = await fsp.open(real, 'r');
    const buffer = Buffer.alloc(IMAGE_HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, IMAGE_HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } catch {
    return null;
  } finally {
    await handle?.close();
  }
}
