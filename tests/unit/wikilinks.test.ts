import { describe, expect, it } from 'vitest';
import { parseDigest } from '../../src/core/parse/parse.js';
import { resolveHref } from '../../src/core/parse/links.js';
import { rewriteWikilinks } from '../../src/core/parse/wikilinks.js';

describe('rewriteWikilinks', () => {
  it.each([
    ['[[2024-W06]]', '[2024-W06](2024-W06)'],
    ['[[2024-W06|下周]]', '[下周](2024-W06)'],
    ['[[2024-W06#模型]]', '[2024-W06 > 模型](2024-W06#模型)'],
    ['[[2024-W06#模型|看模型]]', '[看模型](2024-W06#模型)'],
    ['[[#本周要点]]', '[本周要点](#本周要点)'],
    ['[[weekly/2024-W06]]', '[weekly/2024-W06](/weekly/2024-W06)'],
    ['[[Claude Opus 4.6]]', '[Claude Opus 4.6](<Claude Opus 4.6>)'],
    ['[[100% 完成]]', '[100% 完成](<100%25 完成>)'],
    ['[[a_b*c*]]', '[a\\_b\\*c\\*](a_b*c*)'],
    ['![[chart.png]]', '![chart.png](chart.png)'],
    ['![[img/chart.png|300]]', '![chart.png](/img/chart.png)'],
    ['![[chart.png|300x200]]', '![chart.png](chart.png)'],
    ['![[chart.png|销量图]]', '![销量图](chart.png)'],
    ['![[paper.pdf]]', '[paper.pdf](paper.pdf)'],
    ['![[2024-W05]]', '[2024-W05](2024-W05)'],
    ['| [[a\\|别名]] | x |', '| [别名](a) | x |'],
    ['前 [[a]] 中 [[b|B]] 后', '前 [a](a) 中 [B](b) 后'],
  ])('%s', (input, expected) => {
    expect(rewriteWikilinks(input)).toBe(expected);
  });

  it.each([
    ['a citation: a link whose text is in brackets', '[[1]](https://arxiv.org/abs/2401.1) [[2]][ref]'],
    ['an escaped opening bracket', '\\[[not a link]]'],
    ['an inline code span', 'use `[[name]]` or ``[[x]] ` ``'],
    ['an empty target', '[[]] [[|x]] [[#]]'],
    ['a target with a line break', '[[a\nb]]'],
    ['a target over 400 characters', `[[${'x'.repeat(401)}]]`],
    ['nested brackets', '[[a [b] c]]'],
    ['a nested array in prose', 'flatten [1, [2], [[[5]]]] and [[[x]]]'],
  ])('leaves %s as written', (_what, input) => {
    expect(rewriteWikilinks(input)).toBe(input);
  });

  it('leaves fenced code as written and rewrites after it', () => {
    const body = ['```md', '[[in code]]', '```', '[[after]]', '~~~~', '[[tilde]]', '~~~~'].join('\n');
    expect(rewriteWikilinks(body).split('\n')).toEqual(['```md', '[[in code]]', '```', '[after](after)', '~~~~', '[[tilde]]', '~~~~']);
  });

  it('returns the same string when there is nothing to rewrite', () => {
    const body = '## 模型\n\n[a](b) [[1]](https://x.test)\n';
    expect(rewriteWikilinks(body)).toBe(body);
  });

  it('stays linear on hostile lines (brackets, backtick runs)', () => {
    for (const line of ['[['.repeat(200_000), '`a'.repeat(200_000) + '[[x]]', `[[${'a'.repeat(399)}`.repeat(2_000), '[[a]]('.repeat(100_000)]) {
      const started = performance.now();
      rewriteWikilinks(line);
      // Generous: a quadratic pass over these takes minutes.
      expect(performance.now() - started).toBeLessThan(5_000);
    }
  });
});

describe('wikilinks in a parsed digest', () => {
  it('become links with their alias as text, resolvable as vault paths, and their words are indexed without brackets', () => {
    const parsed = parseDigest('---\ntitle: W05\n---\n\n## 本周\n\n见 [[2024-W06|下周的周报]] 和 [[weekly/2024-W07#模型]]。\n', 'daily/w05.md');
    expect(parsed.links.map((l) => [l.href, l.text])).toEqual([
      ['2024-W06', '下周的周报'],
      ['/weekly/2024-W07#模型', 'weekly/2024-W07 > 模型'],
    ]);
    expect(resolveHref('daily/w05.md', parsed.links[0]!.href)).toMatchObject({ kind: 'internal', key: 'daily/2024-W06' });
    expect(resolveHref('daily/w05.md', parsed.links[1]!.href)).toMatchObject({ kind: 'internal', key: 'weekly/2024-W07', anchor: '模型' });
    const text = parsed.sections.map((s) => s.text).join('\n');
    expect(text).toContain('下周的周报');
    expect(text).not.toContain('[[');
  });

  it('agree between the fast parser and remark', () => {
    const body = '---\ntitle: T\n---\n\n## A\n\n[[x|甲]] ![[c.png]] [[Claude Opus 4.6]] | [[t\\|表]] |\n\n```\n[[code]]\n```\n';
    const fast = parseDigest(body, 'n/a.md', { engine: 'fast' });
    const remark = parseDigest(body, 'n/a.md', { engine: 'remark' });
    expect(fast.links).toEqual(remark.links);
    expect(fast.sections.map((s) => s.text)).toEqual(remark.sections.map((s) => s.text));
  });
});
