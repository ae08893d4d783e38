/**
 * A digest's title: the metadata's title; else a level-1 heading that is the
 * first heading of the body and its only level-1 heading (a `#` heading
 * further down, after `##` ones, is a section such as This Week in Rust's
 * "Quote of the Week"; a body of several `#` headings, "# 1 引言", "# 2 精读",
 * uses them as sections: neither is a title); else the file name. The file name is kept as written, issue number included
 * ("239-山顶咖啡", "issue-150"): researchers cite issues by number. Page
 * bundles (`index.md`, `_index.md`, `README.md`) are named by their folder.
 */
import { fileStem } from '../../shared/dates.js';
import type { ParsedSection } from '../types.js';

const BUNDLE_PAGE_RE = /^(?:_?index|readme)$/i;

/** "weekly/2026-02-06.md" -> "2026-02-06"; "2024-06/index.md" -> "2024-06". */
export function fileTitle(path: string): string {
  const stem = fileStem(path);
  if (!BUNDLE_PAGE_RE.test(stem)) return stem;
  const segments = path.split('/');
  return segments.length >= 2 ? segments[segments.length - 2]! : stem;
}

/** True when the file is a page bundle's page, named by its folder. */
export function isBundlePage(path: string): boolean {
  return BUNDLE_PAGE_RE.test(fileStem(path)) && path.includes('/');
}

/** The body's title heading (see the module comment), or null. */
export function titleHeading(sections: readonly ParsedSection[]): string | null {
  const first = sections.find((s) => s.level > 0);
  if (!first || first.level !== 1 || first.heading === '') return null;
  return sections.some((s) => s.level === 1 && s !== first) ? null : first.heading;
}
