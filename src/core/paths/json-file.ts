/** Small JSON files beside the index or in the user-data folder (settings, window state, saved searches), written atomically (temp file + rename). */
import fs from 'node:fs';
import path from 'node:path';

/** The parsed file, or undefined when it is missing or not valid JSON (a crash mid-write of an old version). */
export function readJsonFile(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** Writes to a temp file in the same folder, flushes it, then renames it over the target. */
export function writeJsonFileAtomic(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, `${JSON.stringify(value, null, 2)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}
