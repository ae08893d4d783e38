/**
 * The search-quality bench's measures (bench/quality/metrics.ts) against
 * hand-computed values, and its corpus reading (bench/quality/corpus.ts):
 * the substring oracle and the repeated-line rule on a vault written here.
 */
import { describe, expect, it } from 'vitest';
import { readCorpus, showsRepeatedLine, substringOracle } from '../../bench/quality/corpus.js';
import { mean, ndcgAt, precisionAt, setAgreement } from '../../bench/quality/metrics.js';
import { digest, tempDir } from '../helpers/temp-vault.js';

describe('quality measures', () => {
  const judgments = { a: 2, b: 1, c: 1 };

  it('gives nDCG@10 1 for the ideal order and less for a worse one', () => {
    expect(ndcgAt(['a', 'b', 'c'], judgments)).toBe(1);
    // DCG of [1, 3, 1] gains against the ideal [3, 1, 1].
    const dcg = 1 / Math.log2(2) + 3 / Math.log2(3) + 1 / Math.log2(4);
    const ideal = 3 / Math.log2(2) + 1 / Math.log2(3) + 1 / Math.log2(4);
    expect(ndcgAt(['b', 'a', 'c'], judgments)).toBeCloseTo(dcg / ideal, 10);
    expect(ndcgAt(['x', 'y'], judgments)).toBe(0);
    expect(ndcgAt([], {})).toBe(1);
  });

  it('counts precision@10 over ten places, whatever the number of results', () => {
    expect(precisionAt(['a', 'x', 'b'], judgments)).toBeCloseTo(0.2, 10);
    expect(precisionAt(['a', 'b', 'c', 'a', 'b', 'c', 'a', 'b', 'c', 'a', 'b'], judgments)).toBe(1);
  });

  it('measures a result set against an oracle set', () => {
    expect(setAgreement(['a', 'b', 'x'], new Set(['a', 'b', 'c', 'd']))).toEqual({ precision: 2 / 3, recall: 0.5 });
    expect(setAgreement([], new Set())).toEqual({ precision: 1, recall: 1 });
    expect(mean([1, 2, 6])).toBe(3);
  });
});

describe('quality corpus', () => {
  it('finds CJK substrings in titles, headings and texts, and the lines most files repeat', async () => {
    const vault = tempDir('almanac-quality-');
    try {
      const masthead = '这里记录每周值得分享的科技内容，周五发布。';
      vault.write('a.md', digest({ title: '量子计算周刊' }, `${masthead}\n\n## 新闻\n\n芯片公司发布新品。\n`));
      vault.write('b.md', digest({ title: '第二期' }, `${masthead}\n\n## 量子\n\n没有别的。\n`));
      vault.write('c.md', digest({ title: '第三期' }, '只有这一行，提到量子计算机。\n'));
      const corpus = await readCorpus(vault.root);
      expect([...substringOracle(corpus, '量子计算')].sort()).toEqual(['a.md', 'c.md']);
      expect([...substringOracle(corpus, '量子')].sort()).toEqual(['a.md', 'b.md', 'c.md']);
      expect(showsRepeatedLine(corpus, `${masthead} 芯片公司`, ['分享'])).toBe(true);
      // A repeated line beside the match does not count: the match must lie in it.
      expect(showsRepeatedLine(corpus, `${masthead} 芯片公司`, ['芯片'])).toBe(false);
    } finally {
      vault.cleanup();
    }
  });
});
