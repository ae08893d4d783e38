/**
 * 521xueweihan/HelloGitHub: `content/HelloGitHubNN.md` (zh) and
 * `content/en/HelloGitHubNN.md` (en), no metadata.
 * - title: the H1 on the first line ("《HelloGitHub》第 100 期", "HelloGitHub Vol.100");
 * - date: none stated anywhere in the files;
 * - series: one per language folder, ordered by the number NN in the file name.
 */
import { otherEntry } from './entry.js';
import { firstLineH1, stem } from './text.js';
import type { ArchiveRules, TruthEntry } from './types.js';

const ISSUE_RE = /^content\/(en\/)?HelloGitHub(\d+)\.md$/;

export const helloGitHub: ArchiveRules = {
  folder: '521xueweihan_HelloGitHub',
  entry(path, text): TruthEntry {
    const m = ISSUE_RE.exec(path);
    if (!m) return otherEntry(path, 'not HelloGitHubNN.md');
    const title = firstLineH1(text()) ?? stem(path);
    return { path, kind: 'issue', titles: [title], date: null, metadata: false, series: m[1] ? 'en' : 'zh', order: [Number(m[2])] };
  },
};
