import type { Range } from '../../../shared/api.js';
import { splitByRanges } from '../../lib/highlight.js';

/** A snippet with its match ranges as <mark>. */
export function Snippet({ text, ranges }: { text: string; ranges: readonly Range[] }) {
  return (
    <>
      {splitByRanges(text, ranges).map((seg, i) => (seg.mark ? <mark key={i}>{seg.text}</mark> : <span key={i}>{seg.text}</span>))}
    </>
  );
}
