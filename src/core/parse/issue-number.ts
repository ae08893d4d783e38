/**
 * The issue number a digest states, from its file name first, then its title:
 *
 * | rule                         | examples                                              |
 * |------------------------------|-------------------------------------------------------|
 * | a marker and a number        | `issue-9`, `Issue #9`, `No. 12`, `Vol. 5`, `第 300 期`, `#322` |
 * | a name that is a number      | `116.mdx`, `219/index.mdx` (a bundle: its folder)     |
 * | a number leading the name    | `239-山顶咖啡.md`, `248.精读《…》.md`                 |
 * | a number ending the name     | `HelloGitHub09`, `kernel-10`                          |
 * | a number ending the title    | "This Week in Rust 528"                               |
 *
 * Markers win over positions, the file name over the title. Numbers that are
 * dates are not issue numbers: a date after a marker ("issue-2026-01-30") is
 * none; a name with a date in it, or whose digits the path's date used
 * ("2025-06/11.md"), gives its number only through a marker, and so does a
 * file inside a day folder ("2023/Jan/02/3-new-plugins/01-treesj.md" is the
 * first item of one issue). A four-digit year (1900-2099) at either
 * end of a name or title is a year, not an issue.
 */
import { fileStem, readFileNameDate, type PathDate } from '../../shared/dates.js';
import { isBundlePage } from './title.js';

const MAX_ISSUE = 999_999;
// A marker word or sign, then the number (leading zeros allowed).
const MARKER_RES = [
  /(?<![A-Za-z])(?:issue|vol(?:ume)?|no|nº|number|episode|ep)[ \t._#-]*#?[ \t]*(\d{1,6})(?!\d)/i,
  /第[ \t]*(\d{1,6})[ \t]*[期号回篇]/,
  /(?<![\w&])#[ \t]?(\d{1,6})(?!\d)/,
];
// A year a month or a week follows is a date after a marker ("issue-2026-01-30"), not a number.
const DATE_START_RE = /^(?:19|20)\d{2}[-_./ ](?:\d{1,2}|W\d{1,2})(?!\d)/i;
const WHOLE_RE = /^(\d{1,6})$/;
const LEADING_RE = /^(\d{1,6})(?=[-_. ])/;
// Not after a dot: "release-0.5.0" ends a version, not an issue.
const TRAILING_NAME_RE = /(?<=[^\d\s.])[-_ ]?(\d{1,6})$/;
// A parenthesised or bracketed tail ("Weekly 40 (2024-03-02)") is set aside first.
const TRAILING_TITLE_RE = /(?<=\S)[ \t]+(\d{1,6})(?:[ \t]*[(（[【][^)）\]】]*[)）\]】])?$/;

function asIssue(digits: string | undefined, positional: boolean): number | null {
  if (digits === undefined) return null;
  const n = Number(digits);
  if (!Number.isSafeInteger(n) || n > MAX_ISSUE) return null;
  // A year at either end of a name is a year ("finances-2020", "ChinaJoy 2024").
  if (positional && digits.length === 4 && n >= 1900 && n <= 2099) return null;
  return n;
}

function byMarker(text: string): number | null {
  for (const re of MARKER_RES) {
    const m = re.exec(text);
    if (m === null || DATE_START_RE.test(text.slice(m.index + m[0].length - m[1]!.length))) continue;
    const n = asIssue(m[1], false);
    if (n !== null) return n;
  }
  return null;
}

function byPosition(name: string): number | null {
  for (const re of [WHOLE_RE, LEADING_RE, TRAILING_NAME_RE]) {
    const n = asIssue(re.exec(name)?.[1], true);
    if (n !== null) return n;
  }
  return null;
}

/**
 * The issue number, or null (rules in the module comment). `title` is the
 * title the metadata or the first heading states; `pathDate` what the folders say.
 */
export function issueNumber(path: string, title: string | null, pathDate: PathDate | null): number | null {
  const segments = path.split('/');
  const name = isBundlePage(path) ? segments[segments.length - 2]! : fileStem(path);
  const dated = readFileNameDate(name) !== null || pathDate?.usesFileName === true;
  const insideDayFolder = pathDate?.reading.precision === 'day' && !pathDate.usesFileName;
  const fromName = byMarker(name) ?? (dated || insideDayFolder ? null : byPosition(name));
  if (fromName !== null) return fromName;
  const stated = title?.trim() ?? '';
  if (stated === '') return null;
  return byMarker(stated) ?? asIssue(TRAILING_TITLE_RE.exec(stated)?.[1], true);
}
