/**
 * Stable section ids. An id is the first 16 hex digits of
 * sha1(digest path NUL heading path joined by U+001F NUL occurrence), where
 * occurrence counts earlier sections of the same digest with the same heading
 * path (0 for the first). So an id survives edits elsewhere in the digest and
 * re-indexing from scratch, and two "## 总结" sections of one digest still
 * differ. Ids change when the digest's path changes (the store recomputes them
 * on a rename).
 */
import { createHash } from 'node:crypto';

export function sectionId(digestPath: string, headingPath: readonly string[], occurrence: number): string {
  return createHash('sha1')
    .update(`${digestPath}\0${headingPath.join('\u001f')}\0${occurrence}`)
    .digest('hex')
    .slice(0, 16);
}

/** The ids of a digest's sections, in order (headingPaths in document order). */
export function sectionIds(digestPath: string, headingPaths: readonly (readonly string[])[]): string[] {
  const seen = new Map<string, number>();
  return headingPaths.map((hp) => {
    const key = hp.join('\u001f');
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return sectionId(digestPath, hp, occurrence);
  });
}
