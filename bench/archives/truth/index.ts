/** The nine archives of the corpus, each with its own rules (one module per archive). */
import path from 'node:path';
import { aitobox } from './aitobox.js';
import { ascoders } from './ascoders.js';
import { haskellWeekly } from './haskell-weekly.js';
import { helloGitHub } from './hellogithub.js';
import { neovim } from './neovim.js';
import { pythonWeekly } from './python-weekly.js';
import { redox } from './redox.js';
import { thisWeekInReact } from './this-week-in-react.js';
import { tw93 } from './tw93.js';
import { markdownFiles, readText } from './text.js';
import type { ArchiveRules, TruthEntry } from './types.js';

export const ARCHIVES: readonly ArchiveRules[] = [
  helloGitHub,
  aitobox,
  pythonWeekly,
  redox,
  tw93,
  neovim,
  ascoders,
  thisWeekInReact,
  haskellWeekly,
];

/** What the archive in `corpus/<rules.folder>` states about each of its Markdown files. */
export function extractTruth(rules: ArchiveRules, corpus: string): TruthEntry[] {
  const vault = path.join(corpus, rules.folder);
  return markdownFiles(vault).map((rel) => rules.entry(rel, () => readText(vault, rel)));
}
