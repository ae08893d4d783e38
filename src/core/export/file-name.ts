/**
 * File names for exports: safe on Windows, macOS and Linux whatever the input
 * (a digest title, a query, a name typed in a dialog), never a path.
 */
import type { ExportFormat } from '../../shared/api.js';
import type { ExportPart } from './types.js';

export const DEFAULT_EXPORT_FILE_STEM = 'almanac-export';
/** Most file systems allow 255 bytes per name; leave room for a temp-file prefix/suffix. */
export const MAX_FILE_NAME_BYTES = 200;

const RESERVED_WINDOWS = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
// Characters Windows refuses in names (path separators are handled before).
const INVALID_CHARS = /[<>:"|?*]/g;
// C0/C1 controls, DEL, and bidi/zero-width format characters that disguise an extension.
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** Longest prefix of `s` (whole code points) within `maxBytes` bytes of UTF-8. */
function truncateUtf8(s: string, maxBytes: number): string {
  let out = '';
  let bytes = 0;
  for (const ch of s) {
    const len = utf8Length(ch);
    if (bytes + len > maxBytes) break;
    out += ch;
    bytes += len;
  }
  return out;
}

function splitExtension(name: string): [string, string] {
  const m = /^(.+?)(\.[A-Za-z0-9]{1,10})$/.exec(name);
  return m ? [m[1] as string, m[2] as string] : [name, ''];
}

/** Leading/trailing dots, spaces and dashes go (a hidden file, a Windows-invalid end, a name read as an option). */
function trimEnds(s: string): string {
  return s.replace(/^[\s.-]+/, '').replace(/[\s.-]+$/, '');
}

/**
 * `name` made into one safe file name: path segments joined with '-' (so
 * "../" and absolute paths lose their meaning), control and bidi characters
 * removed, characters Windows refuses replaced by '-', leading/trailing dots,
 * spaces and dashes removed, reserved Windows device names (CON, NUL, COM1, LPT9 ... with
 * or without extension) prefixed with '_', capped at MAX_FILE_NAME_BYTES bytes
 * of UTF-8 keeping the extension and never splitting a character; an empty
 * result becomes "almanac-export".
 */
export function sanitizeFileName(name: string): string {
  const segments = name
    .normalize('NFC')
    .replace(CONTROL_CHARS, '')
    .split(/[/\\]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '' && s !== '.' && s !== '..');
  let safe = trimEnds(segments.join('-').replace(INVALID_CHARS, '-').replace(/-{2,}/g, '-'));
  if (safe === '') return DEFAULT_EXPORT_FILE_STEM;

  const [rawStem, ext] = splitExtension(safe);
  let stem = rawStem;
  if (RESERVED_WINDOWS.test(trimEnds(stem.split('.')[0] ?? ''))) stem = `_${stem}`;
  if (utf8Length(stem + ext) > MAX_FILE_NAME_BYTES) {
    stem = trimEnds(truncateUtf8(stem, MAX_FILE_NAME_BYTES - utf8Length(ext)));
  }
  safe = trimEnds(stem + ext);
  if (stem === '' || safe === '') safe = `${DEFAULT_EXPORT_FILE_STEM}${ext}`;
  return safe;
}

/** What a save dialog offers per format (PDF is the HTML export printed by Electron or the browser). */
export const EXPORT_FILE_TYPES = {
  md: { name: 'Markdown', extensions: ['md'] },
  html: { name: 'HTML (self-contained)', extensions: ['html'] },
  pdf: { name: 'PDF', extensions: ['pdf'] },
} as const;

/** "almanac-export-2026-W05-to-2026-W07.md", "almanac-export-2026-W06.html", or "almanac-export.md" when no part is dated. */
export function suggestedFileName(parts: readonly Pick<ExportPart, 'week'>[], format: ExportFormat | 'pdf'): string {
  const weeks = parts.map((p) => p.week).filter((w): w is string => w !== null).sort();
  const first = weeks[0];
  const last = weeks[weeks.length - 1];
  let stem = DEFAULT_EXPORT_FILE_STEM;
  if (first !== undefined && last !== undefined) stem += first === last ? `-${first}` : `-${first}-to-${last}`;
  return sanitizeFileName(`${stem}.${format}`);
}
