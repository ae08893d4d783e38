/**
 * Compares the two Markdown engines of the indexing parse on one document.
 * Sections (ordinal, heading, level, headingPath, start, end), links
 * (href, text, section) and mentions (name, section) must be identical; plain text is compared separately
 * so a difference there is reported without hiding structural ones. Used by
 * tests/unit/parse-equivalence.test.ts and scripts/check-parse-equivalence.mjs.
 */
import type { ParsedDigest, ParsedLink, ParsedMention, ParsedSection } from '../types.js';
import { parseDigest } from './parse.js';

export interface EngineDifference {
  kind: 'section' | 'link' | 'mention' | 'text';
  /** What differs, with both values (JSON), for a person to read. */
  detail: string;
}

function sectionShape(s: ParsedSection): string {
  return JSON.stringify([s.ordinal, s.heading, s.level, s.headingPath, s.start, s.end]);
}

function linkShape(l: ParsedLink): string {
  return JSON.stringify([l.href, l.text, l.section]);
}

function mentionShape(m: ParsedMention): string {
  return JSON.stringify([m.name, m.section]);
}

// Characters of context shown on each side of the first differing character of two texts.
const TEXT_CONTEXT = 40;

/** Where two strings first differ, with a little text around it from each: whole texts are too long to read. */
function around(remark: string, fast: string): string {
  let at = 0;
  while (at < remark.length && remark[at] === fast[at]) at++;
  const from = Math.max(0, at - TEXT_CONTEXT);
  const excerpt = (s: string): string => JSON.stringify(s.slice(from, at + TEXT_CONTEXT));
  return `at character ${at}: remark ${excerpt(remark)} fast ${excerpt(fast)}`;
}

function firstDifference(kind: EngineDifference['kind'], remark: string[], fast: string[]): EngineDifference[] {
  const n = Math.max(remark.length, fast.length);
  for (let i = 0; i < n; i++) {
    const r = remark[i];
    const f = fast[i];
    if (r !== f) {
      const show = (v: string | undefined): string => (v === undefined ? '(none)' : kind === 'text' ? JSON.stringify(v) : v);
      const what = kind === 'text' && r !== undefined && f !== undefined ? around(r, f) : `remark ${show(r)} fast ${show(f)}`;
      return [{ kind, detail: `#${i} of ${remark.length}/${fast.length}: ${what}` }];
    }
  }
  return [];
}

/** The first difference of each kind between two parses of the same document. */
export function diffParses(remark: ParsedDigest, fast: ParsedDigest): EngineDifference[] {
  return [
    ...firstDifference('section', remark.sections.map(sectionShape), fast.sections.map(sectionShape)),
    ...firstDifference('link', remark.links.map(linkShape), fast.links.map(linkShape)),
    ...firstDifference('mention', (remark.mentions ?? []).map(mentionShape), (fast.mentions ?? []).map(mentionShape)),
    ...firstDifference(
      'text',
      remark.sections.map((s) => s.text),
      fast.sections.map((s) => s.text),
    ),
  ];
}

/** Parses `text` with both engines and returns their differences (none when equivalent). */
export function compareEngines(text: string, path: string): EngineDifference[] {
  return diffParses(parseDigest(text, path, { engine: 'remark' }), parseDigest(text, path, { engine: 'fast' }));
}
