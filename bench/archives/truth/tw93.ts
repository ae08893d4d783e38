/**
 * tw93/weekly: `src/pages/posts/N-标题.md`; issues 1-99 have no metadata, later
 * ones YAML `date: 2023/10/23` (and sometimes `image`); no H1 anywhere.
 * - title: the file name ("239-山顶咖啡"); its name part alone ("山顶咖啡") is accepted too;
 * - date: front matter `date`, a day; issues without front matter state none;
 * - series: one, ordered by N (the numbers run 1-239; issues 104 and 105 carry
 *   December dates between November ones: the number is the archive's order).
 */
import { otherEntry } from './entry.js';
import { frontMatter, numberedStem, writtenDay } from './text.js';
import type { ArchiveRules, TruthEntry } from './types.js';

export const tw93: ArchiveRules = {
  folder: 'tw93_weekly',
  entry(path, text): TruthEntry {
    const numbered = numberedStem(path);
    if (!path.startsWith('src/pages/posts/') || numbered === null) return otherEntry(path, 'not posts/N-title.md');
    const { name, number } = numbered;
    const { style, fields } = frontMatter(text());
    const date = fields.date ? writtenDay(fields.date, 'front matter') : null;
    const titles = [name, name.replace(/^\d+-/, '')];
    return { path, kind: 'issue', titles, date, metadata: style !== null, series: 'weekly', order: [number] };
  },
};
