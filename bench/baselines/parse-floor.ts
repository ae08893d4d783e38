/**
 * The single-threaded parse floor: read + gray-matter + remark-parse (+gfm)
 * of every Markdown file, in one thread, with nothing stored. Almanac's cold
 * index must beat a fraction of it (it parses in worker threads).
 */
import fs from 'node:fs';
import path from 'node:path';
import { isMarkdownPath } from '../../src/core/vault/paths.js';
import { cpuMsSince, now, round } from '../measure.js';

export interface ParseFloorResult {
  files: number;
  bytes: number;
  ms: number;
  /** CPU time (one thread, plus GC helpers). */
  cpuMs: number;
  mbPerS: number;
  /** Nodes in all trees (keeps the parse from being optimised away, and a sanity check). */
  nodes: number;
}

function markdownFiles(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) markdownFiles(p, out);
    else if (entry.isFile() && isMarkdownPath(entry.name)) out.push(p);
  }
  return out;
}

function countNodes(node: { children?: unknown[] }): number {
  let n = 1;
  for (const child of node.children ?? []) n += countNodes(child as { children?: unknown[] });
  return n;
}

/** The parser modules load on demand, so that other bench processes (serving RSS) do not carry them. */
export async function runParseFloor(vaultPath: string): Promise<ParseFloorResult> {
  const [{ default: matter }, { default: remarkGfm }, { default: remarkParse }, { unified }] = await Promise.all([
    import('gray-matter'),
    import('remark-gfm'),
    import('remark-parse'),
    import('unified'),
  ]);
  const started = now();
  const cpu = process.cpuUsage();
  const processor = unified().use(remarkParse).use(remarkGfm);
  let bytes = 0;
  let nodes = 0;
  const files = markdownFiles(vaultPath);
  for (const file of files) {
    const buf = fs.readFileSync(file);
    bytes += buf.length;
    // An options object bypasses gray-matter's global cache (see PLATFORM.md).
    const fm = matter(buf.toString('utf8'), {});
    nodes += countNodes(processor.parse(fm.content));
  }
  const ms = now() - started;
  return { files: files.length, bytes, ms: round(ms), cpuMs: cpuMsSince(cpu), mbPerS: round(bytes / 1024 / 1024 / (ms / 1000), 2), nodes };
}
