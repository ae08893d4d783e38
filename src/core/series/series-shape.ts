/**
 * Which series a file could belong to, from its path alone: a series is a run
 * of digests of one naming pattern under one root.
 *
 * | rule | examples |
 * |---|---|
 * | the root is the folders without date and number partitions, which do not cut a series | `content/cn/2025-06/2025-06-30.md` -> `content/cn`; `2021/9/slug.md`, `2019/issue-172.md` -> the vault root |
 * | other folders are part of the root, so language folders are series of their own | `content/en/`, `docs/ja/`, `i18n/fr/…` |
 * | a page bundle is named by its folder and lives in the folder above | `2024-06/index.md`, `219/index.mdx`, `posts/my-post/index.md` |
 * | a file below a day folder is a part of the issue that folder holds, named by it | `contents/2023/Jan/02/3-new-plugins/01-treesj.md` is a part of `contents/2023/Jan/02` |
 * | the pattern is the name with its numbers as `#` | `issue-172` -> `issue-#`, `HelloGitHub09` -> `HelloGitHub#`, `110` -> `#` |
 * | a number followed by words is `#*` (the words are its title) | `239-山顶咖啡`, `1.精读《…》`, `109-and-previous` |
 * | a date followed by words keeps them (`2023-05-13-weekly` -> `#-weekly`, not `#-sweekly`); a pattern only one file has is a title after all (`#*`: `2024-01-01-my-first-post`), see series-order.ts | |
 * | names without digits share the pattern `*` (slug-named posts, ordered by date) | `move-to-gitlab`, `eevdf` |
 * | pages that are not issues are in no series | README, `_index.md`, an `index.md` at the vault root, LICENSE, CHANGELOG, CONTRIBUTING, SUMMARY, files starting with `_`, folders `_template/`, `templates/`, `drafts/`, `archetypes/` |
 *
 * Index pages found by their content (index/index-page.ts) are also in no
 * series; the series step (series-order.ts) is told which they are.
 */
import { fileStem, readPathDate } from '../../shared/dates.js';

export interface SeriesShape {
  /** The folders that hold the series, partitions left out ('' for the vault root). */
  root: string;
  /** The naming pattern (numbers as `#`, a title after a leading number as `*`). */
  pattern: string;
}

const NOT_ISSUE_STEMS = new Set([
  'readme',
  '_index',
  'license',
  'licence',
  'copying',
  'changelog',
  'changes',
  'history',
  'contributing',
  'code_of_conduct',
  'security',
  'authors',
  'contributors',
  'summary',
  'sidebar',
  'template',
]);
const NOT_ISSUE_FOLDER_RE = /^_?(?:templates?|drafts?|includes|layouts|partials|archetypes)$/i;
const BUNDLE_STEM = 'index';

const MONTH_NAME_RE = /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)$/i;
const PARTITION_RES = [
  /^\d+$/, // a year, month, ISO week, day or issue number
  /^\d{4}[-_.]\d{1,2}(?:[-_.]\d{1,2})?$/, // year-month, day
  /^\d{4}-?w\d{1,2}$/i, // ISO week
  /^\d{1,4}\s*[年月日]$/, // 2024年, 4月
  /^[一二三四五六七八九十]{1,3}月$/, // 四月
];
// Two-letter codes, with a region or script ("zh-CN", "pt_BR", "zh-Hans"), and the usual locale roots.
const LANGUAGE_RE = /^(?:[a-z]{2}(?:[-_][a-z]{2,4})?|cn|jp|kr|i18n|l10n|locales?|lang)$/i;

/** A folder that partitions a series by date or number: left out of the series' root. */
export function isPartitionFolder(segment: string): boolean {
  return PARTITION_RES.some((re) => re.test(segment)) || MONTH_NAME_RE.test(segment);
}

/** A folder named as a language (or locale root): its digests are a series of their own, never merged with a sibling's. */
export function isLanguageFolder(segment: string): boolean {
  return LANGUAGE_RE.test(segment);
}

// A date leading a name: a day ("2023-05-13", "20230513"), a year-month or an ISO week.
const LEADING_DATE_RE = /^(?:\d{4}[-_.]\d{1,2}(?:[-_.]\d{1,2})?|\d{8}|\d{4}-?w\d{1,2})(?!\d)/i;
const DIGIT_RUNS_RE = /\d+(?:[-_.]\d+)*/g;

/** The naming pattern of a file (or bundle folder) name: see the module comment. */
export function namePattern(name: string): string {
  const n = name.normalize('NFKC').trim();
  if (!/\d/.test(n)) return '*';
  if (!/^\d/.test(n)) return n.replace(DIGIT_RUNS_RE, '#');
  const date = LEADING_DATE_RE.exec(n);
  if (date) return `#${n.slice(date[0].length).replace(DIGIT_RUNS_RE, '#')}`;
  return /^\d+$/.test(n) ? '#' : '#*';
}

/** A pattern that keeps the words after a leading date ("#-weekly"): one file alone with it is titled, not patterned. */
export function isDatedWordsPattern(pattern: string): boolean {
  return pattern.startsWith('#') && pattern !== '#' && pattern !== '#*';
}

/** The series key of a shape: its root and pattern, "docs/issue-#" (the pattern alone at the vault root). */
export function seriesKey(shape: SeriesShape): string {
  return shape.root === '' ? shape.pattern : `${shape.root}/${shape.pattern}`;
}

/** The index of the day folder a file lies below ("2023/Jan/02/x/y.md" -> 2), or -1. */
function dayFolderIndex(path: string, folders: readonly string[]): number {
  const pathDate = readPathDate(path);
  if (pathDate === null || pathDate.usesFileName || pathDate.reading.precision !== 'day') return -1;
  for (let i = folders.length - 1; i >= 0; i--) if (isPartitionFolder(folders[i]!)) return i;
  return -1;
}

/** The root and pattern of a vault path, or null for a page that is not an issue. */
export function seriesShape(path: string): SeriesShape | null {
  const segments = path.split('/');
  const file = segments.pop()!;
  const stem = fileStem(file).toLowerCase();
  if (file.startsWith('_') || NOT_ISSUE_STEMS.has(stem)) return null;
  if (segments.some((s) => NOT_ISSUE_FOLDER_RE.test(s))) return null;
  let name = fileStem(file);
  const day = dayFolderIndex(path, segments);
  if (day >= 0) {
    name = segments[day]!;
    segments.length = day;
  } else if (stem === BUNDLE_STEM) {
    if (segments.length === 0) return null; // the vault's own index page
    name = segments.pop()!;
  }
  const root = segments.filter((s) => !isPartitionFolder(s)).join('/');
  return { root, pattern: namePattern(name) };
}
