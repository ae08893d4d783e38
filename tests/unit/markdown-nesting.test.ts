import { describe, expect, it } from 'vitest';
import { isTooDeeplyNested, markdownNestingDepth, MAX_MARKDOWN_NESTING } from '../../src/shared/markdown-nesting.js';

describe('markdownNestingDepth', () => {
  it.each([
    ['plain text', 'Hello, 世界.\n\nA paragraph with *emphasis* and **strong** text.', 0],
    ['a flat list', '- a\n- b\n- c', 1],
    ['a list nested by indentation', '- a\n  - b\n    - c\n      - d', 4],
    ['a list nested by indentation of four columns (over-estimated, never under)', '1. a\n    1. b\n        1. c', 5],
    ['tabs', '- a\n\t- b\n\t\t- c', 5],
    ['markers on one line', '- - - x', 3],
    ['quotes', '> a\n>> b\n> > > c', 3],
    ['quotes and lists mixed', '> - > - x', 4],
    ['ordered markers with ) and .', '1) 2. 3) x', 3],
    ['not markers: -x, +1, 1.5, **bold**, *em*', '-x\n+1 vote\n1.5 mm\n**bold**\n*em*', 0],
    ['a marker at the end of a line', '-\n  -', 2],
  ])('%s', (_name, markdown, depth) => {
    expect(markdownNestingDepth(markdown)).toBe(depth);
  });

  it('finds the pathological digests of the hardening review, quickly (linear, stops past the limit)', () => {
    const cases = ['- '.repeat(10_000) + 'x', '>'.repeat(10_000) + ' x', Array.from({ length: 800 }, (_, i) => `${' '.repeat(2 * i)}- item ${i}`).join('\n')];
    for (const markdown of cases) {
      const started = performance.now();
      expect(isTooDeeplyNested(markdown)).toBe(true);
      expect(performance.now() - started).toBeLessThan(200);
    }
    const huge = `${'- item\n'.repeat(400_000)}`;
    const started = performance.now();
    expect(isTooDeeplyNested(huge)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('accepts what real digests do: a few levels of lists and quotes', () => {
    const digest = ['## 模型发布', '', '- OpenAI 发布 GPT-5.3-Codex', '  - 主打长任务编程', '    > 引用：“更快”', '', '1. 第一', '2. 第二'].join('\n');
    expect(isTooDeeplyNested(digest)).toBe(false);
    expect(markdownNestingDepth(`${'  '.repeat(MAX_MARKDOWN_NESTING - 1)}- deepest`)).toBe(MAX_MARKDOWN_NESTING);
    expect(isTooDeeplyNested(`${'  '.repeat(MAX_MARKDOWN_NESTING - 1)}- deepest`)).toBe(false);
    expect(isTooDeeplyNested(`${'  '.repeat(MAX_MARKDOWN_NESTING)}- deeper`)).toBe(true);
  });
});
