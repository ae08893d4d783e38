/**
 * Renders digest Markdown to static HTML (react-dom/server, no browser) and
 * checks what reaches the DOM: hostile Markdown produces no executable markup,
 * links are classified, terms are highlighted, headings carry section anchors.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Digest } from '../../../shared/api.js';
import { DigestMarkdown } from './DigestMarkdown.js';
import { sectionDomId } from './sections.js';

function digest(markdown: string, extra: Partial<Digest> = {}): Digest {
  return {
    path: 'weekly/2026-02-06.md',
    title: 'T',
    date: '2026-02-06',
    week: '2026-W06',
    tags: [],
    description: null,
    meta: {},
    markdown,
    sections: [],
    prev: null,
    next: null,
    links: [],
    backlinks: [],
    warnings: [],
    ...extra,
  };
}

function render(d: Digest, terms: string[] = [], externalInNewTab = true, showRemoteImages = false): string {
  return renderToStaticMarkup(
    createElement(DigestMarkdown, { digest: d, terms, onOpenDigest: () => undefined, onExternal: () => undefined, externalInNewTab, showRemoteImages }),
  );
}

describe('DigestMarkdown safety', () => {
  const hostile = [
    '<script>window.__pwned = 1</script>',
    '<img src=x onerror="window.__pwned=1">',
    '<a href="#" onclick="window.__pwned=1">click</a>',
    '<iframe src="https://evil.example"></iframe>',
    '<svg onload="window.__pwned=1"></svg>',
    '<style>body{display:none}</style>',
    '<object data="x.swf"></object><embed src="x.swf"><form action="https://evil.example"><input name=a></form>',
    '[js](javascript:window.__pwned=1) [js2](JAVASCRIPT:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) [vb](vbscript:x)',
    '![img](javascript:alert(1)) ![remote](https://tracker.example/p.png "t")',
    '<div style="position:fixed" id="root">x</div>',
  ].join('\n\n');

  it('renders no script, handler, frame, object, form or dangerous URL', () => {
    const html = render(digest(hostile));
    expect(html).not.toMatch(/<script|<iframe|<object|<embed|<form|<input|<svg[^>]*onload|<style/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/javascript:|vbscript:|data:text/i);
    expect(html).not.toContain('id="root"');
    // Raw HTML is dropped, not shown as markup text either.
    expect(html).not.toContain('__pwned');
  });

  it('shows remote images as a labelled placeholder link, never an <img>, until they are allowed', () => {
    const html = render(digest('![chart of results](https://cdn.example/c.png)'));
    expect(html).not.toContain('<img');
    expect(html).toContain('Remote image (not loaded): chart of results');
    expect(html).toContain('href="https://cdn.example/c.png"');
    const allowed = render(digest('![chart of results](https://cdn.example/c.png)'), [], true, true);
    expect(allowed).toContain('<img class="md-image md-image-remote" src="https://cdn.example/c.png" alt="chart of results" loading="lazy" decoding="async" referrerPolicy="no-referrer"/>');
  });

  it('never loads http:, file:, javascript: or data: document images, even with remote images allowed', () => {
    const md = '![a](http://cdn.example/a.png) ![b](file:///etc/passwd) ![c](javascript:alert(1)) ![d](data:text/html,<script>alert(1)</script>) ![e](//evil.example/e.png)';
    const html = render(digest(md), [], true, true);
    expect(html).not.toContain('<img');
    expect(html.match(/md-image-blocked/g)).toHaveLength(5);
  });
});

describe('DigestMarkdown vault images', () => {
  const md = '![chart](images/chart%20one.png) ![shot](/img/shot.png) ![gone](images/none.png) ![fake](images/page.png) ![unknown](images/other.png)';
  const d = digest(md, {
    images: [
      { src: 'images/chart one.png', kind: 'local', path: 'weekly/images/chart one.png', width: 640, height: 480, url: '/api/image/cap/weekly/images/chart%20one.png' },
      { src: '/img/shot.png', kind: 'local', path: 'static/img/shot.png', url: '/api/image/cap2/static/img/shot.png' },
      { src: 'images/none.png', kind: 'local', problem: 'missing' },
      { src: 'images/page.png', kind: 'local', problem: 'not-an-image' },
    ],
  });

  it('draws found images from their URL, lazily, with the size their header states so their box is reserved', () => {
    const html = render(d);
    expect(html).toContain('<img class="md-image" src="/api/image/cap/weekly/images/chart%20one.png" alt="chart" width="640" height="480" loading="lazy" decoding="async"/>');
    expect(html).toContain('<img class="md-image" src="/api/image/cap2/static/img/shot.png" alt="shot" loading="lazy" decoding="async"/>');
  });

  it('marks missing and refused images with their path, and any source the service did not list as missing', () => {
    const html = render(d);
    expect(html).toContain('Missing image: images/none.png');
    expect(html).toContain('Not an image, not shown: images/page.png');
    expect(html).toContain('Missing image: images/other.png');
    expect(html.match(/md-image-missing/g)).toHaveLength(3);
  });
});

describe('DigestMarkdown links', () => {
  const md = '[next week](../weekly/2026-02-13.md) [gone](missing.md) [site](https://example.com) [pdf](files/a.pdf)';
  const d = digest(md, {
    links: [
      { href: '../weekly/2026-02-13.md', text: 'next week', target: 'weekly/2026-02-13.md', external: false, broken: false, sectionId: 's' },
      { href: 'missing.md', text: 'gone', target: null, external: false, broken: true, sectionId: 's' },
      { href: 'https://example.com', text: 'site', target: null, external: true, broken: false, sectionId: 's' },
    ],
  });

  it('marks vault links, broken links and external links', () => {
    const html = render(d);
    expect(html).toMatch(/<a href="\.\.\/weekly\/2026-02-13\.md" class="md-link-internal" title="weekly\/2026-02-13\.md">next week<\/a>/);
    expect(html).toMatch(/class="md-link-broken" title="Broken link"/);
    expect(html).toMatch(/href="https:\/\/example\.com"[^>]*target="_blank"[^>]*rel="noopener noreferrer"/);
    expect(html).toMatch(/class="md-link-local" title="files\/a\.pdf"/);
  });

  it('does not open external links in a new tab on the desktop (the OS opens them)', () => {
    expect(render(d, [], false)).not.toContain('target="_blank"');
  });
});

describe('DigestMarkdown highlighting and anchors', () => {
  it('highlights query terms in text (CJK and Latin), not inside attributes', () => {
    const html = render(digest('新的后门检测方法，来自 Claude 团队。[Claude](https://claude.example)'), ['后门检测', 'claude']);
    expect(html).toContain('<mark class="term-hit">后门检测</mark>');
    expect(html).toContain('<mark class="term-hit">Claude</mark> 团队');
    expect(html).toContain('href="https://claude.example"');
  });

  it('gives headings the id of the section they open', () => {
    const markdown = '# Title\n\nintro\n\n## 模型发布\n\ntext\n\n### Claude Opus\n\nmore\n';
    const h2 = markdown.indexOf('## ');
    const h3 = markdown.indexOf('### ');
    const d = digest(markdown, {
      sections: [
        { id: 'p#0', heading: '', level: 0, headingPath: '', ordinal: 0, start: 0, end: h2 },
        { id: 'p#1', heading: '模型发布', level: 2, headingPath: '模型发布', ordinal: 1, start: h2, end: h3 },
        { id: 'p#2', heading: 'Claude Opus', level: 3, headingPath: '模型发布 > Claude Opus', ordinal: 2, start: h3, end: markdown.length },
      ],
    });
    const html = render(d);
    expect(html).toContain(`<h2 id="${sectionDomId('p#1')}" data-section-id="p#1" tabindex="-1">模型发布</h2>`);
    expect(html).toContain(`<h3 id="${sectionDomId('p#2')}" data-section-id="p#2" tabindex="-1">Claude Opus</h3>`);
    expect(html).toContain('<h1>Title</h1>');
  });
});

describe('DigestMarkdown depth limit', () => {
  it('shows a digest nested too deeply for react-markdown as plain text with a notice, at once', () => {
    for (const markdown of ['- '.repeat(10_000) + 'x', '>'.repeat(10_000) + ' deep quote']) {
      const started = performance.now();
      const html = render(digest(`## 深层\n\n${markdown}\n`));
      // react-markdown itself needs about a minute for the list before it overflows its stack.
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(html).toContain('nests lists or quotes too deeply to format; shown as plain text');
      expect(html).toContain('md-plain');
      expect(html).not.toContain('<li>');
      expect(html).not.toContain('<blockquote>');
    }
  });

  it('shows a digest with more emphasis markers than micromark pairs in time as plain text with a notice, at once', () => {
    const started = performance.now();
    const html = render(digest(`${'*a '.repeat(3_000)}x${' a*'.repeat(3_000)}\n`));
    // react-markdown needs seconds for it and then overflows its stack.
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(html).toContain('too many emphasis or link markers to format; shown as plain text');
    expect(html).not.toContain('<em>');
  });

  it('still renders ordinary nesting as Markdown', () => {
    const html = render(digest('- a\n  - b\n    > c\n'));
    expect(html).toContain('<li>');
    expect(html).toContain('<blockquote>');
    expect(html).not.toContain('md-plain');
  });
});
