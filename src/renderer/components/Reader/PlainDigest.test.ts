/**
 * Digests over the size threshold are shown as plain text with a notice; each
 * section keeps its heading anchor so the TOC and "open at section" work.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Digest, SectionInfo } from '../../../shared/api.js';
import { DigestMarkdown } from './DigestMarkdown.js';
import { PLAIN_TEXT_THRESHOLD, plainParts } from './PlainDigest.js';
import { sectionDomId } from './sections.js';

function sectionsOf(markdown: string): SectionInfo[] {
  const a = markdown.indexOf('## 模型');
  const b = markdown.indexOf('### Opus');
  return [
    { id: 'p#0', heading: '', level: 0, headingPath: '', ordinal: 0, start: 0, end: a },
    { id: 'p#1', heading: '模型', level: 2, headingPath: '模型', ordinal: 1, start: a, end: markdown.length },
    { id: 'p#2', heading: 'Opus', level: 3, headingPath: '模型 > Opus', ordinal: 2, start: b, end: markdown.length },
  ];
}

describe('plainParts', () => {
  it('cuts the body at each heading line, keeping the text before the first section', () => {
    const md = 'intro\n\n## 模型\n\nGPT **bold**\n\n### Opus\n\nlast\n';
    expect(plainParts(md, sectionsOf(md)).map((p) => [p.section?.id ?? null, p.text])).toEqual([
      [null, 'intro\n\n'],
      ['p#1', '\nGPT **bold**\n\n'],
      ['p#2', '\nlast\n'],
    ]);
  });
});

describe('DigestMarkdown over the size threshold', () => {
  it('shows plain text with a notice and keeps the section anchors', () => {
    const filler = 'GPT-5.3-Codex 模型发布 '.repeat(Math.ceil(PLAIN_TEXT_THRESHOLD / 19));
    const markdown = `intro\n\n## 模型\n\n**not bold** ${filler}\n\n### Opus\n\n<b>raw</b> last\n`;
    const d: Digest = {
      path: 'w.md', title: 'T', date: null, week: null, tags: [], description: null, meta: {},
      markdown, sections: sectionsOf(markdown), prev: null, next: null, links: [], backlinks: [], warnings: [],
    };
    const html = renderToStaticMarkup(
      createElement(DigestMarkdown, { digest: d, terms: [], onOpenDigest: () => undefined, onExternal: () => undefined, externalInNewTab: true }),
    );
    expect(html).toContain('This digest is very large; shown as plain text.');
    expect(html).toContain(`<h2 id="${sectionDomId('p#1')}" data-section-id="p#1" tabindex="-1">模型</h2>`);
    expect(html).toContain(`<h3 id="${sectionDomId('p#2')}" data-section-id="p#2" tabindex="-1">Opus</h3>`);
    // Markdown and HTML stay text: nothing parsed, nothing executable.
    expect(html).toContain('**not bold**');
    expect(html).toContain('&lt;b&gt;raw&lt;/b&gt; last');
    expect(html).not.toContain('<strong>');
    expect(html).not.toContain('<b>');
  });
});
