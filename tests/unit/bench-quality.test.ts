/**
 * The search-quality bench's measures (bench/quality/metrics.ts) against
 * hand-computed values, and its corpus reading (bench/quality/corpus.ts):
 * the substring oracle and the repeated-line rule on a vault written here,
 * and the grading rubric (bench/quality/rubric.ts) on another.
 */
import { describe, expect, it } from 'vitest';
import { readCorpus, showsRepeatedLine, substringOracle } from '../../bench/quality/corpus.js';
import { mean, ndcgAt, precisionAt, setAgreement } from '../../bench/quality/metrics.js';
import { gradeQuery, occurrences, termsOf } from '../../bench/quality/rubric.js';
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

describe('grading rubric', () => {
  it('grades by title, topical headings and mentions, not by a masthead or a standing column', async () => {
    const vault = tempDir('almanac-rubric-');
    try {
      // In every issue, naming the query twice: never counted.
      const masthead = '每周五发布：量子计算、量子通信与芯片的科技内容，欢迎投稿。';
      const issue = (title: string, rest: string): string => digest({ title }, `${masthead}\n\n${rest}`);
      vault.write('a.md', issue('量子周刊', '## 新闻\n\n芯片公司发布新品。\n'));
      vault.write('b.md', issue('第二期', '## 量子快讯\n\n没有新闻。\n\n## 量子纠错\n\n一项研究。\n'));
      vault.write('c.md', issue('第三期', '## 量子快讯\n\n量子比特，量子门，量子退火。\n'));
      vault.write('d.md', issue('第四期', '## 量子快讯\n\n提到量子一次。\n'));
      vault.write('e.md', issue('第五期', '## 量子快讯\n\n别的事情。\n'));
      vault.write('f.md', issue('第六期', '## 其他\n\n无。\n'));
      const corpus = await readCorpus(vault.root);
      // '量子快讯' heads most issues (a standing column: a mention, not the subject); '量子纠错' one.
      expect(gradeQuery(corpus, '量子')).toEqual({ 'a.md': 2, 'b.md': 2, 'c.md': 2, 'd.md': 1, 'e.md': 1 });
      // Every word must be there: a's 芯片 once, the masthead's not at all.
      expect(gradeQuery(corpus, '量子 芯片')).toEqual({ 'a.md': 1 });
    } finally {
      vault.cleanup();
    }
  });

  it('keeps Latin words together as a phrase and counts whole words only', () => {
    expect(termsOf('React Compiler')).toEqual(['React Compiler']);
    expect(termsOf('Python 爬虫')).toEqual(['Python', '爬虫']);
    expect(termsOf(' 开源  数据库 ')).toEqual(['开源', '数据库']);
    // Spelt with a hyphen, a space or nothing between, but not inside a longer word.
    expect(occurrences('The React-Compiler, the react compiler, ReactCompiler, reactcompilers', 'react compiler')).toBe(3);
    expect(occurrences('uv, uvloop and UV', 'uv')).toBe(2);
    expect(occurrences('见 https://example.com/量子 与量子', '量子')).toBe(1);
  });
});
