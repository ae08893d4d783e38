/**
 * Whether a vault is kept by a note-taking app whose syntax makes `#word` in
 * the text a tag: Obsidian (a `.obsidian/` folder at the vault root) or
 * Logseq (`logseq/config.edn`). Only such vaults have their inline tags read
 * (parse/inline-tags.ts). Read once per index run; reading nothing else of
 * the app's settings, and never writing them.
 */
import { statSync } from 'node:fs';
import path from 'node:path';

function isFolder(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** True when the vault at `root` (its real path) is an Obsidian or Logseq vault. */
export function readsInlineTags(root: string): boolean {
  return isFolder(path.join(root, '.obsidian')) || isFile(path.join(root, 'logseq', 'config.edn'));
}
