import { describe, expect, it } from 'vitest';
import { splitByPattern, splitByRanges, termPattern } from './highlight.js';

const marked = (segs: { text: string; mark: boolean }[]) => segs.filter((s) => s.mark).map((s) => s.text);

describe('splitByRanges', () => {
  it('marks UTF-16 ranges in Chinese text', () => {
    const text = '检测后门攻击的新方法';
    const segs = splitByRanges(text, [[2, 4]]);
    expect(segs).toEqual([
      { text: '检测', mark: false },
      { text: '后门', mark: true },
      { text: '攻击的新方法', mark: false },
    ]);
  });

  it('merges overlapping and unsorted ranges and clamps out-of-bounds ones', () => {
    const text = 'Claude Opus 4.6 ships';
    const segs = splitByRanges(text, [[7, 11], [0, 6], [5, 9], [18, 99], [-4, -1]]);
    expect(marked(segs)).toEqual(['Claude Opus', 'ips']);
    expect(segs.map((s) => s.text).join('')).toBe(text);
  });

  it('never splits a surrogate pair', () => {
    const text = 'a😀b';
    const segs = splitByRanges(text, [[2, 3]]);
    expect(marked(segs)).toEqual(['😀']);
    expect(segs.map((s) => s.text).join('')).toBe(text);
  });

  it('returns the whole text unmarked without ranges, and one segment for empty text', () => {
    expect(splitByRanges('abc', [])).toEqual([{ text: 'abc', mark: false }]);
    expect(splitByRanges('', [[0, 3]])).toEqual([{ text: '', mark: false }]);
  });
});

describe('termPattern / splitByPattern', () => {
  it('matches Latin terms case-insensitively and CJK runs as substrings', () => {
    const re = termPattern(['claude', '后门检测']);
    expect(marked(splitByPattern('Claude 发布了后门检测工具；CLAUDE again', re))).toEqual(['Claude', '后门检测', 'CLAUDE']);
  });

  it('prefers the longest term and lets phrases span any whitespace', () => {
    const re = termPattern(['claude', 'claude opus']);
    expect(marked(splitByPattern('Claude  Opus and Claude', re))).toEqual(['Claude  Opus', 'Claude']);
  });

  it('escapes regular-expression characters in terms', () => {
    const re = termPattern(['c++', 'a.b']);
    expect(marked(splitByPattern('c++ and axb and a.b', re))).toEqual(['c++', 'a.b']);
  });

  it('marks a Latin term at the start of a word, never inside one, and CJK terms anywhere', () => {
    const re = termPattern(['ai', 'detect', '5.3', '模型']);
    expect(marked(splitByPattern('email said AI模型 人工智能AI (ai) detection GPT-5.3 大模型', re))).toEqual([
      'AI',
      '模型',
      'AI',
      'ai',
      'detect',
      '5.3',
      '模型',
    ]);
    expect(marked(splitByPattern('naïve aïoli', termPattern(['ve', 'oli'])))).toEqual([]);
    // ー continues a CJK run (the tokenizer's class), so a word after it starts there.
    expect(marked(splitByPattern('パーティーAI', termPattern(['ai'])))).toEqual(['AI']);
  });

  it('is null for no usable terms, leaving text untouched', () => {
    expect(termPattern(['', '  '])).toBeNull();
    expect(splitByPattern('text', null)).toEqual([{ text: 'text', mark: false }]);
  });
});
