/** Temporary vaults and index folders for tests: real files in os.tmpdir(), removed afterwards. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TempDir {
  root: string;
  /** Writes a file (string as UTF-8, or bytes), creating folders; returns its absolute path. */
  write(rel: string, content: string | Uint8Array): string;
  remove(rel: string): void;
  cleanup(): void;
}

export function tempDir(prefix = 'almanac-test-'): TempDir {
  const root = mkdtempSync(path.join(os.tmpdir(), prefix));
  return {
    root,
    write(rel, content) {
      const abs = path.join(root, rel);
      mkdirSync(path.dirname(abs), { recursive: true });
      writeFileSync(abs, content);
      return abs;
    },
    remove(rel) {
      rmSync(path.join(root, rel), { force: true, recursive: true });
    },
    cleanup() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A digest in the vaults' usual shape: YAML front matter, then Markdown. */
export function digest(front: Record<string, string | string[] | null>, body: string): string {
  const lines = ['---'];
  for (const [k, v] of Object.entries(front)) {
    if (Array.isArray(v)) lines.push(`${k}:`, ...v.map((t) => `  - ${t}`));
    else lines.push(v === null ? `${k}:` : `${k}: ${v}`);
  }
  lines.push('---', body);
  return lines.join('\n');
}

export interface FileSnapshot {
  bytes: string;
  mtimeMs: number;
  size: number;
}

/** Every file below root (recursively) with its content and mtime, to prove nothing was written. */
export function snapshotTree(root: string): Map<string, FileSnapshot> {
  const out = new Map<string, FileSnapshot>();
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) walk(abs);
      else if (e.isFile()) {
        const st = statSync(abs);
        out.set(path.relative(root, abs), { bytes: readFileSync(abs).toString('base64'), mtimeMs: st.mtimeMs, size: st.size });
      }
    }
  };
  walk(root);
  return out;
}
