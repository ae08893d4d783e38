/**
 * aitobox/newsweekly: `docs/AIToBoxWeeklyNews_YYYYMMDD.md`, no metadata.
 * - title: the H1 on the first line ("AIToBox周刊：第 2 期", later "AIToBox周刊：20260629");
 * - date: the file name's YYYYMMDD, a day (one H1 says 20260606 in file 20260607: the name is the stated date);
 * - series: one, ordered by that date.
 */
import { otherEntry } from './entry.js';
import { firstLineH1, statedDay, stem } from './text.js';
import type { ArchiveRules, TruthEntry } from './types.js';

const ISSUE_RE = /^docs\/AIToBoxWeeklyNews_(\d{4})(\d{2})(\d{2})\.md$/;

export const aitobox: ArchiveRules = {
  folder: 'aitobox_newsweekly',
  entry(path, text): TruthEntry {
    const m = ISSUE_RE.exec(path);
    const date = m ? statedDay(Number(m[1]), Number(m[2]), Number(m[3]), 'file name') : null;
    if (!m || !date) return otherEntry(path, 'not AIToBoxWeeklyNews_YYYYMMDD.md');
    const title = firstLineH1(text()) ?? stem(path);
    return { path, kind: 'issue', titles: [title], date, metadata: false, series: 'weekly', order: [date.date] };
  },
};
