/**
 * slorber/this-week-in-react `website/newsletter/`: `N.mdx` or `N/index.mdx`,
 * YAML front matter with `title` and `date: MM-DD-YYYY` (US order).
 * - title: front matter `title`;
 * - date: front matter `date`, month first, a day;
 * - series: issues 110-294, ordered by N;
 * - pages: `109-and-previous.mdx` (a landing page for older issues) and `conferences/…` recaps;
 * - other: `_template/` (a placeholder issue) and `_support.mdx` (an include).
 */
import { otherEntry } from './entry.js';
import { frontMatter, statedDay, stem } from './text.js';
import type { ArchiveRules, StatedDate, TruthEntry } from './types.js';

const ROOT = 'website/newsletter/';
const ISSUE_RE = /^website\/newsletter\/(\d+)(?:\.mdx|\/index\.mdx)$/;

function usDate(value: string | undefined): StatedDate | null {
  const m = /^(\d{2})-(\d{2})-(\d{4})$/.exec(value ?? '');
  return m ? statedDay(Number(m[3]), Number(m[1]), Number(m[2]), 'front matter') : null;
}

export const thisWeekInReact: ArchiveRules = {
  folder: 'slorber_this-week-in-react',
  entry(path, text): TruthEntry {
    if (!path.startsWith(ROOT)) return otherEntry(path, 'outside the newsletter folder');
    if (path.startsWith(`${ROOT}_template/`)) return otherEntry(path, 'template of a new issue');
    if (path === `${ROOT}_support.mdx`) return otherEntry(path, 'include (imported by issues)');
    const { style, fields } = frontMatter(text());
    const base = { path, titles: [fields.title ?? stem(path)], date: usDate(fields.date), metadata: style !== null };
    const m = ISSUE_RE.exec(path);
    if (m) return { ...base, kind: 'issue', series: 'weekly', order: [Number(m[1])] };
    return { ...base, kind: 'page', note: path.includes('/conferences/') ? 'conference recap' : 'landing page for older issues' };
  },
};
