/** Which section a rendered heading opens, from its offset in the body Markdown. */
import type { SectionInfo } from '../../../shared/api.js';

/** Finds the section a heading at a body offset opens; built once per digest. */
export type SectionLocator = (offset: number | undefined) => SectionInfo | null;

/**
 * A locator for the section whose source range starts at (or, failing that,
 * contains) `offset`. Section ranges come from the same body Markdown that the
 * reader renders, so the heading's position from the Markdown parser lines up
 * with them. Built in O(n log n) and answering by map or binary search, so a
 * digest with thousands of headings is not scanned once per heading.
 */
export function sectionLocator(sections: readonly SectionInfo[]): SectionLocator {
  const byStart = new Map<number, SectionInfo>();
  const ordered: SectionInfo[] = [];
  for (const s of sections) {
    if (s.level <= 0) continue;
    if (!byStart.has(s.start)) byStart.set(s.start, s);
    ordered.push(s);
  }
  ordered.sort((a, b) => a.start - b.start);
  return (offset) => {
    if (offset === undefined) return null;
    const exact = byStart.get(offset);
    if (exact) return exact;
    // The latest-starting section that contains the offset: from the last start at or before it, step back
    // past sections that already ended (only nested ranges make this loop run more than once).
    for (let i = lastStartAtOrBefore(ordered, offset); i >= 0; i--) {
      const s = ordered[i]!;
      if (offset < s.end) return s;
    }
    return null;
  };
}

function lastStartAtOrBefore(ordered: readonly SectionInfo[], offset: number): number {
  let lo = 0;
  let hi = ordered.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ordered[mid]!.start <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** DOM id of a section's heading in the reader. */
export function sectionDomId(sectionId: string): string {
  return `section-${encodeURIComponent(sectionId).replace(/%/g, '_')}`;
}
