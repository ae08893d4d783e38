/** The results list as flat rows (a digest header, then its section hits) for the virtual list. */
import type { DigestHit, SectionHit } from '../../../shared/api.js';

export type ResultRow =
  | { kind: 'digest'; key: string; hit: DigestHit }
  | { kind: 'section'; key: string; hit: DigestHit; section: SectionHit; hitIndex: number; last: boolean };

export function resultRows(hits: readonly DigestHit[]): ResultRow[] {
  const rows: ResultRow[] = [];
  let hitIndex = 0;
  for (const hit of hits) {
    rows.push({ kind: 'digest', key: `d:${hit.path}`, hit });
    hit.sections.forEach((section, i) => {
      rows.push({ kind: 'section', key: `s:${hit.path}#${section.id}`, hit, section, hitIndex: hitIndex++, last: i === hit.sections.length - 1 });
    });
  }
  return rows;
}

/** Row index of every section hit, in order (keyboard navigation moves along these). */
export function sectionRowIndexes(rows: readonly ResultRow[]): number[] {
  const out: number[] = [];
  rows.forEach((row, i) => {
    if (row.kind === 'section') out.push(i);
  });
  return out;
}
