/**
 * Writes an export file atomically: the content goes to a temporary file with
 * a random name in the destination's folder, is flushed to disk, and only then
 * takes the destination's name (link(2) when the destination must not exist,
 * which refuses atomically if it appeared meanwhile; rename(2) when
 * overwriting). On any error the temporary file is removed, so an interrupted
 * export never leaves a partial file at the destination or a stray temp file.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** The file operations writeExportFile uses; tests inject failures through them. */
export interface ExportFileIo {
  open(file: string, flags: string, mode: number): Promise<fs.FileHandle>;
  write(handle: fs.FileHandle, data: Buffer): Promise<void>;
  sync(handle: fs.FileHandle): Promise<void>;
  link(existing: string, newPath: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
}

export const NODE_EXPORT_FILE_IO: ExportFileIo = {
  open: (file, flags, mode) => fs.open(file, flags, mode),
  write: async (handle, data) => {
    await handle.writeFile(data);
  },
  sync: (handle) => handle.sync(),
  link: (existing, newPath) => fs.link(existing, newPath),
  rename: (from, to) => fs.rename(from, to),
  unlink: (file) => fs.unlink(file),
};

export interface WriteExportFileOptions {
  /** Replace an existing file at the destination. Default false: an existing file is an error. */
  overwrite?: boolean;
  io?: Partial<ExportFileIo>;
}

export class ExportFileExistsError extends Error {
  override name = 'ExportFileExistsError';
  constructor(readonly path: string) {
    super(`refusing to overwrite existing file: ${path}`);
  }
}

function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Link errors meaning "this file system has no hard links", not "the destination exists". */
const NO_LINK_SUPPORT = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);

async function exists(file: string): Promise<boolean> {
  try {
    await fs.lstat(file);
    return true;
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return false;
    throw err;
  }
}

/**
 * Writes `content` (a string as UTF-8, or bytes such as a printed PDF) to `destPath` as described above. Throws
 * ExportFileExistsError ("refusing to overwrite existing file: <path>") when
 * the destination exists and `overwrite` is not set; the destination's folder
 * must exist.
 */
export async function writeExportFile(
  destPath: string,
  content: string | Uint8Array,
  options: WriteExportFileOptions = {},
): Promise<void> {
  const io: ExportFileIo = { ...NODE_EXPORT_FILE_IO, ...options.io };
  const dest = path.resolve(destPath);
  if (!options.overwrite && (await exists(dest))) throw new ExportFileExistsError(dest);

  const temp = path.join(path.dirname(dest), `.${path.basename(dest).slice(0, 64)}.${randomBytes(6).toString('hex')}.tmp`);
  let tempCreated = false;
  try {
    const handle = await io.open(temp, 'wx', 0o644);
    tempCreated = true;
    try {
      await io.write(handle, typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content.buffer, content.byteOffset, content.byteLength));
      await io.sync(handle);
    } finally {
      await handle.close();
    }
    if (options.overwrite) {
      await io.rename(temp, dest);
      tempCreated = false;
      return;
    }
    try {
      await io.link(temp, dest);
    } catch (err) {
      if (errorCode(err) === 'EEXIST') throw new ExportFileExistsError(dest);
      if (!NO_LINK_SUPPORT.has(errorCode(err) ?? '')) throw err;
      // No hard links here (FAT, some network shares): check, then rename.
      if (await exists(dest)) throw new ExportFileExistsError(dest);
      await io.rename(temp, dest);
      tempCreated = false;
      return;
    }
    await io.unlink(temp);
    tempCreated = false;
  } finally {
    if (tempCreated) await fs.rm(temp, { force: true }).catch(() => undefined);
  }
}
