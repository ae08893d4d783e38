/**
 * The main process log: `<userData>/logs/main.log`, one line per entry
 * (ISO time, level, message), rotated by size to main.1.log ... main.N.log.
 * Writes are synchronous so the last lines before a crash are on disk.
 */
import fs from 'node:fs';
import path from 'node:path';

export type LogLevel = 'info' | 'warn' | 'error';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
  readonly file: string;
}

export interface FileLoggerOptions {
  /** Rotate when the file would grow past this. Default 1 MiB. */
  maxBytes?: number;
  /** Rotated files kept. Default 3. */
  keep?: number;
  /** Also write to this stream (stderr in development). */
  echo?: NodeJS.WritableStream | null;
}

function errorText(err: unknown): string {
  if (err instanceof Error) return err.stack ?? err.message;
  return String(err);
}

export function createFileLogger(file: string, options: FileLoggerOptions = {}): Logger {
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const keep = options.keep ?? 3;
  const ext = path.extname(file);
  const base = file.slice(0, file.length - ext.length);
  fs.mkdirSync(path.dirname(file), { recursive: true });

  const rotate = (): void => {
    for (let i = keep - 1; i >= 1; i--) {
      const from = `${base}.${i}${ext}`;
      if (fs.existsSync(from)) fs.renameSync(from, `${base}.${i + 1}${ext}`);
    }
    if (keep >= 1) fs.renameSync(file, `${base}.1${ext}`);
    else fs.rmSync(file, { force: true });
  };

  const write = (level: LogLevel, message: string): void => {
    const line = `${new Date().toISOString()} ${level.toUpperCase()} ${message.replace(/\n/g, '\n  ')}\n`;
    try {
      const size = fs.existsSync(file) ? fs.statSync(file).size : 0;
      if (size > 0 && size + Buffer.byteLength(line) > maxBytes) rotate();
      fs.appendFileSync(file, line);
    } catch {
      // Logging must never take the app down (disk full, folder removed).
    }
    options.echo?.write(line);
  };

  return {
    file,
    info: (m) => write('info', m),
    warn: (m) => write('warn', m),
    error: (m, err) => write('error', err === undefined ? m : `${m}: ${errorText(err)}`),
  };
}
