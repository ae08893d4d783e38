import { describe, expect, it } from 'vitest';
import { buildHtmlExport, EXPORT_CSP, type ExportPart } from '../../src/core/export/index.js';
import { plainTextHtml, renderMarkdownToSafeHtml } from '../../src/core/export/html-render.js';
import { MAX_RUN } from '../../src/shared/long-text.js';
import { W05_OPEN_SOURCE, W05_QUOTE, W06_MODELS, W07_QUOTE } from './export-fixtures.js';

const HOSTILE_MARKDOWN = [
  '## 攻击 <img src=x onerror=alert(0)>',
  '',
  "<script>alert('x')</script>",
  '',
  '<img src=x onerror=alert(1)>',
  '',
  '<iframe src="https://evil.example/"></iframe>',
  '<embed src="x.swf"><object data="x.swf"></object>',
  '<form action="https://evil.example/"><input name="a"><button>go</button></form>',
  '<base href="https://evil.example/">',
  '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
  '<svg onload="alert(1)"><circle onclick="alert(1)"/><script>alert(1)</script></svg>',
  '<style>body { background: url(https://evil.example/x.png) }</style>',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '',
  'Inline <span onclick="alert(1)">span</span> and <a href="javascript:alert(1)">raw link</a>.',
  '',
  '[js](javascript:alert(1)) [JS](JAVASCRIPT:alert(1)) [tab](java\tscript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=)',
  '[file](file:///etc/passwd) [vb](vbscript:msgbox) [ok](https://example.com/a?b=1) [mail](mailto:a@example.com)',
  '[rel](notes/x.md) [frag](#top) [ref][evil] <javascript:alert(2)> <https://example.org/auto>',
  '',
  '![remote](https://evil.example/track.png) ![svg](data:image/svg+xml;base64,PHN2Zz4=) ![proto](//evil.example/p.png)',
  '![png](data:image/png;base64,iVBORw0KGgo=) ![local](img/x.png)',
  '',
  '```html',
  '</pre><script>alert(3)</script>',
  '```',
  '',
  '<pre>',
  '</pre><script>alert(4)</script>',
  '',
  '[evil]: javascript:alert(5)',
  '',
].join('\n');

const HOSTILE: ExportPart = {
  sectionId: 'evil',
  digestPath: 'weekly/<evil>".md',
  digestTitle: '</title><script>alert(6)</script>',
  date: '2026-02-06',
  week: '2026-W06',
  heading: '攻击 <img src=x onerror=alert(0)>',
  headingPath: ['攻击'],
  level: 2,
  ordinal: 1,
  markdown: HOSTILE_MARKDOWN,
};

interface Tag {
  name: string;
  attributes: Map<string, string>;
  raw: string;
}

/** Every start tag of `html` with its attributes (text `<` is always escaped by the serializer). */
function tags(html: string): Tag[] {
  return Array.from(html.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/g), (m) => ({
    name: (m[1] as string).toLowerCase(),
    attributes: new Map(Array.from((m[2] as string).matchAll(/([^\s=]+)(?:="([^"]*)")?/g), (a) => [(a[1] as string).toLowerCase(), a[2] ?? ''])),
    raw: m[0],
  }));
}

function decode(value: string): string {
  return value.replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16))).replace(/&amp;/g, '&');
}

describe('buildHtmlExport with hostile content', () => {
  const html = buildHtmlExport([HOSTILE, W06_MODELS], { title: '</title><script>alert(7)</script>', query: '<b>q</b>' });
  const all = tags(html);
  const head = html.slice(0, html.indexOf('</head>'));
  const body = html.slice(html.indexOf('<body>'));

  it('contains no script, frame, form, base, embedded object, SVG or external style sheet', () => {
    expect(html).not.toMatch(/<script/i);
    for (const name of ['script', 'iframe', 'frame', 'embed', 'object', 'form', 'input', 'button', 'base', 'svg', 'link', 'circle']) {
      expect(all.filter((t) => t.name === name).map((t) => t.raw)).toEqual([]);
    }
    // The only <style> and <meta> elements are Almanac's own, in the head.
    expect(all.filter((t) => t.name === 'style')).toHaveLength(1);
    expect(body).not.toMatch(/<style|<meta/i);
    expect(html).not.toMatch(/http-equiv="refresh"/i);
  });

  it('has no event-handler attributes and no dangerous URLs', () => {
    for (const t of all) {
      for (const [name, value] of t.attributes) {
        expect(name, t.raw).not.toMatch(/^on/);
        expect(decode(value).replace(/\s/g, ''), t.raw).not.toMatch(/^(?:javascript|vbscript|file|data:text)/i);
      }
    }
  });

  it('loads nothing: every src is an embedded raster image, every href an anchor, mailto, web link or relative path', () => {
    const srcs = all.flatMap((t) => (t.attributes.has('src') ? [t.attributes.get('src') as string] : []));
    expect(srcs).toEqual(['data:image/png;base64,iVBORw0KGgo=']);
    for (const t of all.filter((x) => x.attributes.has('href'))) {
      expect(t.name, t.raw).toBe('a');
      expect(t.attributes.get('href')).toMatch(/^(?:#|mailto:|https?:\/\/|(?![/\\]{2})[^:]*$)/);
    }
    const hrefs = all.filter((t) => t.name === 'a').map((t) => t.attributes.get('href'));
    expect(hrefs).toContain('https://evil.example/track.png'); // remote image: a link to click, not a load
    expect(hrefs).toContain('https://example.com/a?b=1');
    expect(hrefs).toContain('mailto:a@example.com');
    expect(html).toContain('>[remote]</a>');
    expect(html).toContain('local (vault: <code>weekly/img/x.png</code>)');
    expect(html).toContain('[proto]');
  });

  it('keeps code and text inert and escaped', () => {
    expect(html).toContain('&#x3C;/pre>&#x3C;script>alert(3)&#x3C;/script>');
    expect(html).toContain('<title>&lt;/title&gt;&lt;script&gt;alert(7)&lt;/script&gt;</title>');
    expect(html).toContain('<h2>2026-W06 · &lt;/title&gt;&lt;script&gt;alert(6)&lt;/script&gt;</h2>');
    expect(html).toContain('<p class="query">Query: <code>&lt;b&gt;q&lt;/b&gt;</code></p>');
    expect(html).toContain('<code>weekly/&lt;evil&gt;&quot;.md</code>');
    expect(html).toContain('>攻击 &lt;img src=x onerror=alert(0)&gt;</a>');
  });

  it('is self-contained: charset first, strict CSP, embedded CSS without any URL', () => {
    expect(head).toMatch(/^<!doctype html>\n<html lang="zh">\n<head>\n<meta charset="utf-8">\n/);
    expect(head).toContain(`<meta http-equiv="Content-Security-Policy" content="${EXPORT_CSP}">`);
    expect(EXPORT_CSP).toMatch(/^default-src 'none'; style-src 'unsafe-inline'; img-src data:/);
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    expect(css).toContain('@media (prefers-color-scheme: dark)');
    expect(css).toContain('@media print');
    expect(css).not.toMatch(/url\(|@import|https?:/i);
  });
});

describe('buildHtmlExport with protocol-relative links', () => {
  // Opened from disk, //host/x is file://host/x: on Windows an SMB request that can leak credentials.
  const part: ExportPart = {
    ...W06_MODELS,
    markdown: [
      '## Links',
      '',
      '[pr](//evil.example/pr) [triple](///evil.example/t) [unc](\\\\evil.example\\share) [mixed](/\\evil.example/m)',
      '[tab](/\t/evil.example/tab) [ref][r] [ok](https://example.com/ok)',
      '',
      '[r]: //evil.example/ref',
      '',
    ].join('\n'),
  };
  const html = buildHtmlExport([part]);
  const hrefs = tags(html).flatMap((t) => (t.attributes.has('href') ? [decode(t.attributes.get('href') as string)] : []));

  it('keeps their text and drops the link', () => {
    expect(hrefs.filter((h) => /^\s*[/\\]{2}|^\/\s*\//.test(h))).toEqual([]);
    expect(hrefs.some((h) => h.includes('evil.example'))).toBe(false);
    for (const text of ['pr', 'triple', 'unc', 'mixed', 'tab', 'ref']) expect(html).toMatch(new RegExp(`\\b${text}\\b`));
    expect(hrefs).toContain('https://example.com/ok');
  });
});

describe('buildHtmlExport structure', () => {
  it('has the same groups and parts as the Markdown export, a table of contents and page breaks for print', () => {
    const html = buildHtmlExport([W06_MODELS, W07_QUOTE, W05_OPEN_SOURCE, W05_QUOTE]);
    expect(html).toContain(
      '<nav class="toc" aria-labelledby="toc-title"><h2 id="toc-title">Contents</h2><ol>' +
        '<li><a href="#g1">2026-W05 · AI 周刊 第 5 期</a><ol><li><a href="#g1-p1">开源</a></li><li><a href="#g1-p2">每周一句</a></li></ol></li>\n' +
        '<li><a href="#g2">2026-W06 · AI 周刊 第 6 期</a><ol><li><a href="#g2-p1">模型发布</a></li></ol></li></ol></nav>',
    );
    expect(html).toContain('<section class="group" id="g1">\n<h2>2026-W05 · AI 周刊 第 5 期</h2>\n<section class="part" id="g1-p1">\n<h3>开源</h3>\n');
    expect(html).toContain(
      '<p class="source">Identical section also in: <cite>AI 周刊 第 7 期</cite> · 2026-02-13 · 2026-W07 · <code>weekly/2026-02-13.md</code></p>',
    );
    expect(html).toContain('<pre><code class="language-bash"># not a heading\n## neither\n</code></pre>\n<h5>更深</h5>\n<h6>最深</h6>\n<h4>Setext 小节</h4>');
    expect(html).toContain('<a href="https://example.com" rel="noopener noreferrer">外链</a>');
    expect(html).toMatch(/section\.group \{ break-before: page; \}/);
  });

  it('turns links between exported digests into links inside the document', () => {
    const html = buildHtmlExport([W06_MODELS, W05_OPEN_SOURCE]);
    // W06 links to last week's digest, which is group g1 of this export; the other link leaves it.
    expect(html).toContain('见 <a href="#g1">上周</a> 与 AI news — 2026-06 (vault: <code>weekly_news/news_2026_06</code>)。');
    const byHeading = buildHtmlExport([W06_MODELS, W05_OPEN_SOURCE], { groupBy: 'heading' });
    expect(byHeading).toContain('见 <a href="#g1-p1">上周</a>');
  });

  it('keeps footnote ids of different parts apart', () => {
    const a: ExportPart = { ...W05_QUOTE, markdown: '## A\n\nx[^1]\n\n[^1]: note a\n' };
    const b: ExportPart = { ...W06_MODELS, markdown: '## B\n\ny[^1]\n\n[^1]: note b\n' };
    const html = buildHtmlExport([a, b]);
    const ids = Array.from(html.matchAll(/\sid="([^"]+)"/g), (m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of html.matchAll(/href="#([^"]+)"/g)) expect(ids).toContain(m[1]);
  });
});

describe('long text in the HTML export', () => {
  // Chromium lays out one huge text node in super-linear time (a 1 MB line shown as plain text took minutes to open).
  const longestTextRun = (html: string): number => Math.max(...html.split(/<[^>]*>/).map((t) => t.length));

  it('cuts a 1 MB plain-text section and a long paragraph into short runs, keeping the text', () => {
    const line = 'GPT-5.3-Codex 模型发布 '.repeat(1024 * 1024 / 20);
    const plain = plainTextHtml(line);
    expect(longestTextRun(plain)).toBeLessThanOrEqual(MAX_RUN);
    expect(plain.replace(/<[^>]*>/g, '')).toBe(line.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
    const paragraph = renderMarkdownToSafeHtml('word '.repeat(5000), 'p');
    expect(longestTextRun(paragraph)).toBeLessThanOrEqual(MAX_RUN);
  });
});
