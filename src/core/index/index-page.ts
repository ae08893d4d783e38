/**
 * The `index-page` date source, part 1: a page of the vault that lists other
 * digests under dated headings, as ruanyf/weekly's README does:
 *
 *     ## 2024
 *     **四月**
 *     - [第 300 期：…](docs/issue-300.md)
 *
 * or with headings only (`### 2024-04`, `## April 2024`). scanIndexPage reads
 * such a page line by line (linear in its length; a heading's date is read
 * from its first 200 characters) and returns each relative link under a dated
 * heading or bold line with that date: a month-level date under a month, a
 * day under a heading that names a day, the year under a year alone. A bold
 * line or heading without a year takes it from the enclosing dated heading.
 *
 * A page is an index page by its content, not its name: it must list at least
 * MIN_INDEX_ENTRIES distinct links this way (the vault-wide step then checks
 * that they name digests). The page's first heading, when it is a level-1
 * title, dates nothing: a digest titled "# Weekly 2024-03-08" that links to
 * older issues is not an index of them. Code blocks are skipped. What the
 * links resolve to is decided later, from the page's path (vault-dates.ts):
 * links leaving the vault or naming no digest give nothing.
 */
import type { DatePrecision } from '../../shared/dates.js';
import { headingDate } from '../parse/heading-dates.js';
import type { IndexEntry } from '../store/store.js';

/** Fewer distinct dated links than this, and the page is not an index page. */
export const MIN_INDEX_ENTRIES = 3;
/** Entries kept per page at most (a hostile page cannot fill the index). */
export const MAX_INDEX_ENTRIES = 20_000;

const HEADING_RE = /^ {0,3}(#{1,6})(?:[ \t]|$)/;
const BOLD_LINE_RE = /^ {0,3}(?:[-*+][ \t]+)?(\*\*|__)([^*_\n]{1,60})\1[ \t]*[:：]?[ \t]*$/;
const FENCE_RE = /^ {0,3}(`{3,}|~{3,})/;
const SCHEME_RE = /^(?:[a-z][a-z0-9+.-]*:|\/\/|#)/i;
const INLINE_LINK_RE = /\[([^\]]{0,200})\]\([^)]{0,500}\)/g;
/** A bold line sits below any heading. */
const BOLD_LEVEL = 7;

interface Context {
  level: number;
  date: string | null;
  precision: DatePrecision | null;
}

/** The text of a heading or bold line as a date reader sees it: its start, without a closing `#` run, link syntax or emphasis. */
function plainHeading(text: string): string {
  let s = text.slice(0, 200).trimEnd();
  let end = s.length;
  while (end > 0 && s[end - 1] === '#') end--;
  if (end < s.length && (end === 0 || s[end - 1] === ' ' || s[end - 1] === '\t')) s = s.slice(0, end);
  return s.replace(INLINE_LINK_RE, '$1').replace(/[*_`]/g, '').trim();
}

/** The relative link targets of one line: every `](target)`, in one left-to-right pass. */
export function lineHrefs(line: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (;;) {
    const i = line.indexOf('](', from);
    if (i < 0) return out;
    let j = i + 2;
    while (j < line.length && line[j] !== ')' && line[j] !== ' ' && line[j] !== '\t') j++;
    const href = line.slice(i + 2, j);
    if (href !== '' && !SCHEME_RE.test(href)) out.push(href);
    from = Math.max(j, i + 2);
  }
}

class DatedContexts {
  private readonly stack: Context[] = [];

  /** Enters a heading (or bold line) of `level`: it replaces those at its level and below. */
  enter(level: number, text: string): void {
    while (this.stack.length > 0 && this.stack[this.stack.length - 1]!.level >= level) this.stack.pop();
    const outer = this.current();
    const year = outer.date === null ? undefined : Number(outer.date.slice(0, 4));
    const reading = headingDate(plainHeading(text), year === undefined ? {} : { year });
    // An undated heading inside a dated one keeps its date (a "### Highlights" under "## 2024").
    this.stack.push(reading ? { level, date: reading.date, precision: reading.precision } : { ...outer, level });
  }

  /** A heading that dates nothing (the page's title). */
  enterUndated(level: number): void {
    while (this.stack.length > 0 && this.stack[this.stack.length - 1]!.level >= level) this.stack.pop();
    this.stack.push({ level, date: null, precision: null });
  }

  current(): Context {
    return this.stack[this.stack.length - 1] ?? { level: 0, date: null, precision: null };
  }
}

/** The dated entries of an index page, or [] when the page is not one (see the module comment). */
export function scanIndexPage(text: string): IndexEntry[] {
  const contexts = new DatedContexts();
  const entries: IndexEntry[] = [];
  const distinct = new Set<string>();
  let fence: string | null = null;
  let seenHeading = false;
  for (const line of text.split('\n')) {
    const f = FENCE_RE.exec(line);
    if (f) {
      if (fence === null) fence = f[1]!;
      else if (f[1]![0] === fence[0] && f[1]!.length >= fence.length) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const h = HEADING_RE.exec(line);
    if (h) {
      const level = h[1]!.length;
      if (!seenHeading && level === 1) contexts.enterUndated(level);
      else contexts.enter(level, line.slice(h[0].length));
      seenHeading = true;
      continue;
    }
    const bold = BOLD_LINE_RE.exec(line);
    if (bold) {
      contexts.enter(BOLD_LEVEL, bold[2]!);
      continue;
    }
    const { date, precision } = contexts.current();
    if (date === null || precision === null || !line.includes('](')) continue;
    for (const href of lineHrefs(line)) {
      if (entries.length >= MAX_INDEX_ENTRIES) break;
      entries.push({ href, date, precision });
      distinct.add(href);
    }
  }
  return distinct.size >= MIN_INDEX_ENTRIES ? entries : [];
}
