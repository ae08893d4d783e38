/**
 * haskellweekly/haskellweekly: `data/newsletter/YYYY/issue-N.markdown`, no
 * metadata and no H1 (the site's code, not this folder, holds the dates).
 * - title: the file name ("issue-538"); "Issue 538" is accepted too;
 * - date: the year folder only: YYYY-01-01 with precision year;
 * - series: one, ordered by N across the year folders.
 */
import { otherEntry } from './entry.js';
import type { ArchiveRules, TruthEntry } from './types.js';

const ISSUE_RE = /^data\/newsletter\/(\d{4})\/issue-(\d+)\.markdown$/;

export const haskellWeekly: ArchiveRules = {
  folder: 'haskellweekly_haskellweekly',
  entry(path): TruthEntry {
    const m = ISSUE_RE.exec(path);
    if (!m) return otherEntry(path, 'not YYYY/issue-N.markdown');
    return {
      path,
      kind: 'issue',
      titles: [`issue-${m[2]}`, `Issue ${m[2]}`],
      date: { date: `${m[1]}-01-01`, precision: 'year', from: 'path' },
      metadata: false,
      series: 'weekly',
      order: [Number(m[2])],
    };
  },
};
