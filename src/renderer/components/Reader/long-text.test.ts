/**
 * Long text is cut into short runs (Chromium lays out one huge text node in
 * super-linear time). Checked by structure, not by timing: the runs give the
 * text back exactly, each is short, and there are only about n / max of them.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Digest } from '../../../shared/api.js';
import { DigestMarkdown } from './DigestMarkdown.js';
import { MAX_RUN, splitLongText } from '../../../shared/long-text.js';

describe('splitLongText', () => {
  it('leaves short text whole', () => {
    expect(splitLongText('GPT-5.3-Codex 模型发布')).toEqual(['GPT-5.3-Codex 模型发布']);
    expect(splitLongText('')).toEqual(['']);
  });

  it('cuts a 1 MB line into short runs that give it back, after whitespace, in about n / max runs', () => {
    const text = 'GPT-5.3-Codex 模型发布 '.repeat(1024 * 1024 / 20);
    const runs = splitLongText(text);
    expect(runs.join('')).toBe(text);
    expect(Math.max(...runs.map((r) => r.length))).toBeLessThanOrEqual(MAX_RUN);
    // Every run but the last ends at whitespace and is longer than max - lookback: the run count is linear.
    expect(runs.slice(0, -1).filter((r) => !r.endsWith(' ') || r.length <= MAX_RUN - 256)).toEqual([]);
    expect(runs.length).toBeLessThanOrEqual(Math.ceil(text.length / (MAX_RUN - 256)) + 1);
  });

  it('prefers a line break to a space', () => {
    const text = `${'a '.repeat(40)}\n${'b '.repeat(10)}`;
    const [first] = splitLongText(text, 100, 60);
    expect(first).toBe(`${'a '.repeat(40)}\n`);
  });

  it('never cuts a surrogate pair, even with no whitespace at all', () => {
    const text = '😀'.repeat(5000) + 'x'.repeat(3);
    const runs = splitLongText(text, 101, 50);
    expect(runs.join('')).toBe(text);
    for (const r of runs) {
      expect(r.length).toBeLessThanOrEqual(101);
      expect(/^[\uDC00-\uDFFF]/.test(r)).toBe(false);
      expect(/[\uD800-\uDBFF]$/.test(r)).toBe(false);
    }
  });
});

describe('rehypeSplitLongText in the reader', () => {
  it('renders a long paragraph as short spans with the same text, keeping highlights', () => {
    const line = 'Claude Opus 4.6 发布 '.repeat(3000);
    const d: Digest = {
      path: 'w.md', title: 'T', date: null, week: null, tags: [], description: null, meta: {},
      markdown: `## Models\n\n${line}\n`, sections: [], prev: null, next: null, links: [], backlinks: [], warnings: [],
    };
    const html = renderToStaticMarkup(
      createElement(DigestMarkdown, { digest: d, terms: ['opus'], onOpenDigest: () => undefined, onExternal: () => undefined, externalInNewTab: true }),
    );
    const paragraph = /<p>([\s\S]*)<\/p>/.exec(html)?.[1] ?? '';
    const texts = [...paragraph.matchAll(/>([^<]*)</g)].map((m) => m[1]!);
    expect(Math.max(...texts.map((t) => t.length))).toBeLessThanOrEqual(MAX_RUN);
    expect(paragraph.replace(/<[^>]+>/g, '')).toBe(line.trimEnd());
    expect(paragraph.split('<mark class="term-hit">Opus</mark>').length - 1).toBe(3000);
  });
});
