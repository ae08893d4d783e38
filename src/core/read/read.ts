/**
 * Bytes -> text for one digest file: size cap (checked before reading),
 * binary detection, UTF-8 with or without BOM, UTF-16 with its BOM (Windows
 * Notepad's "Unicode"), a GB18030 fallback for files written by older Chinese
 * tools, and line endings normalised to LF.
 * Never throws for a bad file: problems come back as `{ ok: false, problem }` (a code, shared/file-problems.ts).
 */
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { fileProblem } from '../../shared/file-problems.js';
import type { ReadOptions, ReadResult } from '../types.js';

/** Default `maxFileBytes`: 8 MiB. */
export const DEFAULT_MAX_FILE_BYTES = 8 * 1024 * 1024;

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

/** SHA-256 of raw bytes as lowercase hex; identifies unchanged or renamed content. */
export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function trimNumber(n: number): string {
  return n.toFixed(1).replace(/\.0$/, '');
}

/** "9.1 MB", "8 MB", "12 KB", "100 bytes" (binary units, as the cap is in MiB). */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${trimNumber(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${trimNumber(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

function tooLarge(size: number, max: number): ReadResult {
  return { ok: false, problem: fileProblem('too-large', { size: formatSize(size), limit: formatSize(max) }), hash: null };
}

function errorCode(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string') return err.code;
  return err instanceof Error ? err.message : String(err);
}

function cannotRead(err: unknown): ReadResult {
  return { ok: false, problem: fileProblem('cannot-read-file', { error: errorCode(err) }), hash: null };
}

/**
 * Reads at most `limit` bytes, so a file that grew after its stat cannot make
 * us read an unbounded amount.
 */
async function readUpTo(absPath: string, limit: number): Promise<Uint8Array> {
  const handle = await fsp.open(absPath, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    while (total < limit) {
      const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, limit - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead));
      total += bytesRead;
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}

function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2];
}

/**
 * The UTF-16 byte order a BOM states, or null. Only a BOM is trusted: UTF-16
 * without one is indistinguishable from binary, and stays refused as such.
 */
function utf16Bom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', hash: string): ReadResult {
  try {
    const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(2));
    if (text.includes('\0')) return { ok: false, problem: fileProblem('binary'), hash };
    return { ok: true, text: normaliseLineEndings(text), encoding, hash, warnings: [] };
  } catch {
    return { ok: false, problem: fileProblem('not-text'), hash };
  }
}

function normaliseLineEndings(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/** Decodes already-read file bytes; exported for callers that hold the bytes (tests, watcher). */
export function decodeDigestBytes(bytes: Uint8Array): ReadResult {
  const hash = hashBytes(bytes);
  const utf16 = utf16Bom(bytes);
  if (utf16 !== null) return decodeUtf16(bytes, utf16, hash);
  if (bytes.includes(0)) return { ok: false, problem: fileProblem('binary'), hash };
  const bom = hasUtf8Bom(bytes);
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bom ? bytes.subarray(3) : bytes);
    return { ok: true, text: normaliseLineEndings(text), encoding: bom ? 'utf-8-bom' : 'utf-8', hash, warnings: [] };
  } catch {
    // Not UTF-8: older Chinese Windows tools write GBK/GB18030.
  }
  try {
    const text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    return {
      ok: true,
      text: normaliseLineEndings(text),
      encoding: 'gb18030',
      hash,
      warnings: ['decoded as GB18030 (not valid UTF-8)'],
    };
  } catch {
    return { ok: false, problem: fileProblem('not-text'), hash };
  }
}

/** Reads and decodes one digest file (see the module comment). */
export async function readDigestFile(absPath: string, options: ReadOptions = {}): Promise<ReadResult> {
  const max = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  let size: number;
  try {
    const st = await fsp.stat(absPath);
    if (!st.isFile()) return { ok: false, problem: fileProblem('not-regular-file'), hash: null };
    size = st.size;
  } catch (err) {
    return cannotRead(err);
  }
  if (size > max) return tooLarge(size, max);
  let bytes: Uint8Array;
  try {
    bytes = await readUpTo(absPath, max + 1);
  } catch (err) {
    return cannotRead(err);
  }
  if (bytes.length > max) return tooLarge(bytes.length, max);
  return decodeDigestBytes(bytes);
}
