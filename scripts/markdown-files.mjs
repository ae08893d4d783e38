// The Markdown files (.md, .markdown, .mdx) of a folder, recursively, hidden
// folders skipped, sorted; a file given instead of a folder is returned alone.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** @param {string} dir @returns {string[]} */
export function markdownFiles(dir) {
  if (statSync(dir).isFile()) return [dir];
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && !entry.name.startsWith('.')) out.push(...markdownFiles(full));
    else if (entry.isFile() && /\.(md|markdown|mdx)$/i.test(entry.name)) out.push(full);
  }
  return out.sort();
}
