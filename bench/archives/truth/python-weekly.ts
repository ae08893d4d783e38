/**
 * chinesehuazhou/python-weekly: `docs/[en/|ja/]YYYY-MM-DD-weekly.md`; YAML
 * front matter (`title`, `pubDate`) until May 2025, then only an H1.
 * - title: front matter `title`; else the H1 on the body's first line; else the file name;
 * - date: front matter `pubDate`, else the file name's date (they agree wherever both exist), a day;
 * - series: one per language folder (docs/, docs/en/, docs/ja/), ordered by date.
 *   `-sweekly`, `-iweekly`, `-lweekly` files are season collections: pages, in no series.
 */
import { otherEntry } from './entry.js';
import { firstLineH1, frontMatter, stem, writtenDay } from './text.js';
import type { ArchiveRules, TruthEntry } from './types.js';

const FILE_RE = /^docs\/(?:(en|ja)\/)?(\d{4}-\d{2}-\d{2})-([a-z]?)weekly\.md$/;

export const pythonWeekly: ArchiveRules = {
  folder: 'chinesehuazhou_python-weekly',
  entry(path, text): TruthEntry {
    const m = FILE_RE.exec(path);
    if (!m) return otherEntry(path, 'not YYYY-MM-DD-weekly.md');
    const { style, fields, body } = frontMatter(text());
    const title = fields.title ?? firstLineH1(body) ?? stem(path);
    const date = (fields.pubDate ? writtenDay(fields.pubDate, 'front matter') : null) ?? writtenDay(m[2]!, 'file name');
    const base = { path, titles: [title], date, metadata: style !== null };
    if (m[3] !== '') return { ...base, kind: 'page', note: `season collection (-${m[3]}weekly)` };
    return { ...base, kind: 'issue', series: m[1] ?? 'zh', order: [m[2]!] };
  },
};
