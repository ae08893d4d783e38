/**
 * redox-os/website `content/news/`: TOML `+++` front matter (a few posts YAML `---`),
 * `title` and `date` ("2024-01-31", "2015-10-06T16:42:56+02:00", "2017-09-25 22:55:55 +0100").
 * - title: front matter `title`;
 * - date: front matter `date`, the day as written (the zone does not move it), a day;
 * - series: "This Week in Redox" (`this-week-in-redox-N.md`, by N) and "This Month in
 *   Redox" (`this-month-YYMMDD.md`, by date); every other news post is a page, in no series.
 */
import { otherEntry } from './entry.js';
import { frontMatter, stem, writtenDay } from './text.js';
import type { ArchiveRules, TruthEntry } from './types.js';

const WEEK_RE = /^this-week-in-redox-(\d+)$/;
const MONTH_RE = /^this-month-\d{6}$/;

export const redox: ArchiveRules = {
  folder: 'redox-os_website',
  entry(path, text): TruthEntry {
    if (!path.startsWith('content/news/')) return otherEntry(path, 'not a news post');
    const { style, fields } = frontMatter(text());
    const date = fields.date ? writtenDay(fields.date, 'front matter') : null;
    const base = { path, titles: [fields.title ?? stem(path)], date, metadata: style !== null };
    const name = stem(path);
    const week = WEEK_RE.exec(name);
    if (week) return { ...base, kind: 'issue', series: 'this-week-in-redox', order: [Number(week[1])] };
    if (MONTH_RE.test(name)) return { ...base, kind: 'issue', series: 'this-month-in-redox', order: [date?.date ?? name] };
    return { ...base, kind: 'page', note: 'news post outside the two newsletters' };
  },
};
