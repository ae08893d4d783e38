/**
 * The section locator maps heading offsets to sections. Every heading asks it
 * once, so it must not scan all sections per question: counted by reads of
 * `start`, not timed.
 */
import { describe, expect, it } from 'vitest';
import type { SectionInfo } from '../../../shared/api.js';
import { sectionLocator } from './sections.js';

function section(id: string, level: number, start: number, end: number): SectionInfo {
  return { id, heading: id, level, headingPath: id, ordinal: 0, start, end };
}

describe('sectionLocator', () => {
  const sections = [section('pre', 0, 0, 10), section('a', 2, 10, 100), section('a1', 3, 40, 70), section('b', 2, 100, 150)];
  const locate = sectionLocator(sections);

  it('finds the section starting at the offset, else the latest-starting one containing it', () => {
    expect(locate(10)?.id).toBe('a');
    expect(locate(40)?.id).toBe('a1');
    expect(locate(50)?.id).toBe('a1');
    expect(locate(80)?.id).toBe('a'); // after the nested a1 ended
    expect(locate(100)?.id).toBe('b');
  });

  it('finds nothing before the first section, past the last one, or without an offset', () => {
    expect(locate(5)).toBeNull(); // level-0 preamble is not a heading's section
    expect(locate(150)).toBeNull();
    expect(locate(undefined)).toBeNull();
    expect(sectionLocator([])(3)).toBeNull();
  });

  it('answers 10,000 headings with O(n log n) reads, not one scan per heading', () => {
    const n = 10_000;
    let reads = 0;
    const many = Array.from({ length: n }, (_, i) => {
      const s = section(`s${i}`, 2, i * 10, i * 10 + 10);
      let start = s.start;
      Object.defineProperty(s, 'start', {
        get: () => {
          reads++;
          return start;
        },
        set: (v: number) => (start = v),
      });
      return s;
    });
    const find = sectionLocator(many);
    const wrong: number[] = [];
    for (let i = 0; i < n; i++) if (find(i * 10)?.id !== `s${i}` || find(i * 10 + 5)?.id !== `s${i}`) wrong.push(i);
    expect(wrong).toEqual([]);
    // A scan per lookup would read `start` about 2 * n * n / 2 = 10^8 times.
    expect(reads).toBeLessThan(60 * n);
  });
});
