/**
 * ascoders/weekly: `<topic>/N.精读《…》.md` in 11 topic folders, no metadata;
 * most files have no H1, others use `#` headings as sections ("# 1 引言").
 * - title: the file name ("1.精读《js 模块化发展》"), which the repository lists; also
 *   accepted: the name without "N." and, where a file opens with its only H1, that H1;
 * - date: none stated;
 * - series: one, ordered by N: the numbers 1-295 are one weekly sequence across the topic folders.
 */
import { otherEntry } from './entry.js';
import { numberedStem, soleTopH1 } from './text.js';
import type { ArchiveRules, TruthEntry } from './types.js';

export const ascoders: ArchiveRules = {
  folder: 'ascoders_weekly',
  entry(path, text): TruthEntry {
    const numbered = numberedStem(path);
    if (!path.includes('/') || numbered === null) return otherEntry(path, 'not <topic>/N.title.md');
    const { name, number } = numbered;
    const titles = [name, name.replace(/^\d+\.\s*/, '')];
    const h1 = soleTopH1(text());
    if (h1 !== null) titles.push(h1);
    return { path, kind: 'issue', titles, date: null, metadata: false, series: 'weekly', order: [number] };
  },
};
