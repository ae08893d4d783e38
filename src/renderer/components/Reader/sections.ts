/** Which section a rendered heading opens, from its offset in the body Markdown. */
import type { SectionInfo } from '../../../shared/api.js';

/**
 * The section whose source range starts at (or, failing that, contains) `offset`.
 * Section ranges come from the same body Markdown that the reader renders, so the
 * heading's position from the Markdown parser lines up with them.
 */
export function sectionAtOffset(sections: readonly SectionInfo[], offset: number | undefined): SectionInfo | null {
  if (offset === undefined) return null;
  let best: SectionInfo | null = null;
  for (const s of sections) {
    if (s.level <= 0) continue;
    if (s.start === offset) return s;
    if (s.start <= offset && offset < s.end && (!best || s.start > best.start)) best = s;
  }
  return best;
}

/** DOM id of a section's heading in the reader. */
export function sectionDomId(sectionId: string): string {
  return `section-${encodeURIComponent(sectionId).replace(/%/g, '_')}`;
}
