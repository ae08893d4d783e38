import { describe, expect, it } from 'vitest';
import { chipLabel, queryChips, removeChip } from './query-chips.js';

describe('queryChips', () => {
  it('finds recognised operators with their positions, quoted values and negation', () => {
    const q = '后门 tag:ai -tag:"open source" after:2026-01 http://x.com foo:bar';
    const chips = queryChips(q);
    expect(chips.map(chipLabel)).toEqual(['tag:ai', '-tag:open source', 'after:2026-01']);
    expect(q.slice(chips[1]!.start, chips[1]!.end)).toBe('-tag:"open source"');
  });

  it('removes exactly one chip from the query', () => {
    const q = '后门 tag:ai week:2026-W06 检测';
    const [tag] = queryChips(q);
    expect(removeChip(q, tag!)).toBe('后门 week:2026-W06 检测');
  });

  it('ignores words that only contain a colon inside', () => {
    expect(queryChips('GPT-5:fast 12:30')).toEqual([]);
  });
});
