import { describe, expect, it } from 'vitest';
import { collectLinks, resolveHref, type ResolvedHref } from '../../src/core/parse/links.js';
import { digestKey } from '../../src/core/vault/paths.js';
import { parseMarkdown } from '../../src/core/parse/markdown.js';
import { splitSections } from '../../src/core/parse/sections.js';

describe('digestKey', () => {
  it('drops a Markdown extension only', () => {
    expect(digestKey('weekly/2026-02-06.md')).toBe('weekly/2026-02-06');
    expect(digestKey('a/b.MARKDOWN')).toBe('a/b');
    expect(digestKey('newsletter/219/index.mdx')).toBe('newsletter/219/index');
    expect(digestKey('a/b.txt')).toBe('a/b.txt');
    expect(digestKey('a.md/b')).toBe('a.md/b');
  });
});

describe('resolveHref: vault paths', () => {
  it.each<[string, string, ResolvedHref]>([
    [
      'weekly/2026-02-06.md',
      '../weekly_news/news_2026_06',
      { kind: 'internal', key: 'weekly_news/news_2026_06', path: 'weekly_news/news_2026_06', anchor: null },
    ],
    ['issue-150.md', './issue-149', { kind: 'internal', key: 'issue-149', path: 'issue-149', anchor: null }],
    ['issue-150.md', 'issue-149.md', { kind: 'internal', key: 'issue-149', path: 'issue-149.md', anchor: null }],
    ['a/b/c.md', '../../x.markdown', { kind: 'internal', key: 'x', path: 'x.markdown', anchor: null }],
    ['newsletter/219/index.mdx', '../218/index.mdx', { kind: 'internal', key: 'newsletter/218/index', path: 'newsletter/218/index.mdx', anchor: null }],
    ['a/b.md', 'c/./d/../e.md', { kind: 'internal', key: 'a/c/e', path: 'a/c/e.md', anchor: null }],
    ['a/b.md', '/weekly/x.md', { kind: 'internal', key: 'weekly/x', path: 'weekly/x.md', anchor: null }],
    ['a/b.md', 'x.md#%E6%80%BB%E7%BB%93', { kind: 'internal', key: 'a/x', path: 'a/x.md', anchor: '总结' }],
    ['a/b.md', 'x.md?plain=1#top', { kind: 'internal', key: 'a/x', path: 'a/x.md', anchor: 'top' }],
    [
      'weekly/x.md',
      '%E5%91%A8%E6%8A%A5.md',
      { kind: 'internal', key: 'weekly/周报', path: 'weekly/周报.md', anchor: null },
    ],
    ['weekly/x.md', '周报 2026.md', { kind: 'internal', key: 'weekly/周报 2026', path: 'weekly/周报 2026.md', anchor: null }],
    ['x.md', 'news/2026_06/', { kind: 'internal', key: 'news/2026_06', path: 'news/2026_06', anchor: null }],
    ['a/x.md', '..\\y.md', { kind: 'internal', key: 'y', path: 'y.md', anchor: null }],
  ])('from %s, %s', (from, href, expected) => {
    expect(resolveHref(from, href)).toEqual(expected);
  });

  it.each<[string, string, string]>([
    ['weekly/x.md', '../../etc/passwd', "'../../etc/passwd' leaves the vault"],
    ['x.md', '../x.md', "'../x.md' leaves the vault"],
    ['x.md', '%2E%2E/secret.md', "'%2E%2E/secret.md' leaves the vault"],
    ['x.md', '..%5Csecret.md', "'..%5Csecret.md' leaves the vault"],
    ['a/x.md', '..', "'..' points at the vault folder, not a file"],
    ['x.md', '%E5%91%A8%E6.md', "malformed percent-encoding in '%E5%91%A8%E6.md'"],
    ['x.md', 'a%00.md', "NUL character in 'a%00.md'"],
    ['x.md', '', 'empty link'],
    ['x.md', '?q=1', "'?q=1' names no file"],
  ])('from %s, %s is invalid', (from, href, reason) => {
    expect(resolveHref(from, href)).toEqual({ kind: 'invalid', reason });
  });
});

describe('resolveHref: anchors and external links', () => {
  it('resolves same-page anchors', () => {
    expect(resolveHref('x.md', '#section-2')).toEqual({ kind: 'anchor', anchor: 'section-2' });
    expect(resolveHref('x.md', '#%E6%80%BB%E7%BB%93')).toEqual({ kind: 'anchor', anchor: '总结' });
    expect(resolveHref('x.md', '?x#top')).toEqual({ kind: 'anchor', anchor: 'top' });
  });

  it('records the scheme of external links', () => {
    expect(resolveHref('x.md', 'https://example.com/a?b#c')).toEqual({
      kind: 'external',
      url: 'https://example.com/a?b#c',
      scheme: 'https',
    });
    expect(resolveHref('x.md', 'HTTP://EXAMPLE.COM')).toEqual({ kind: 'external', url: 'HTTP://EXAMPLE.COM', scheme: 'http' });
    expect(resolveHref('x.md', 'mailto:a@b.c')).toEqual({ kind: 'external', url: 'mailto:a@b.c', scheme: 'mailto' });
    expect(resolveHref('x.md', '//cdn.example.com/x.png')).toEqual({
      kind: 'external',
      url: 'https://cdn.example.com/x.png',
      scheme: 'https',
    });
    expect(resolveHref('x.md', 'zotero://select/items/1')).toMatchObject({ kind: 'external', scheme: 'zotero' });
  });

  it.each([
    ['javascript:alert(1)', "'javascript:' links are not followed"],
    ['JavaScript:alert(1)', "'javascript:' links are not followed"],
    [' \tjava\nscript:alert(1)', "'javascript:' links are not followed"],
    ['vbscript:msgbox', "'vbscript:' links are not followed"],
    ['data:text/html,<script>alert(1)</script>', "'data:' links are not followed"],
    ['file:///etc/passwd', "'file:' links are not followed"],
    ['C:\\Users\\me\\x.md', "absolute file path 'C:\\Users\\me\\x.md' is not a vault link"],
  ])('%s is never clickable', (href, reason) => {
    expect(resolveHref('x.md', href)).toEqual({ kind: 'invalid', reason });
  });
});

describe('collectLinks', () => {
  function linksOf(body: string) {
    const root = parseMarkdown(body);
    return collectLinks(root, splitSections(root, body).sectionOfChild);
  }

  it('finds inline, reference, autolink and literal links with their section', () => {
    const body = [
      'Lead [首页](./index.md) and ![图](pic.png).',
      '',
      '## One',
      '',
      'See [the spec][Spec], [again][spec] and <https://auto.example>.',
      '',
      '> quoted www.example.com and mail@example.com',
      '',
      '### Two',
      '',
      '- [**bold** link](../x.md#top "title")',
      '- [![logo](l.png)](https://img.link)',
      '- [missing][nodef] stays text',
      '',
      '[spec]: https://spec.example/a',
      '[SPEC]: https://second.example/ignored',
      '',
    ].join('\n');
    expect(linksOf(body)).toEqual([
      { href: './index.md', text: '首页', section: 0 },
      { href: 'https://spec.example/a', text: 'the spec', section: 1 },
      { href: 'https://spec.example/a', text: 'again', section: 1 },
      { href: 'https://auto.example', text: 'https://auto.example', section: 1 },
      { href: 'http://www.example.com', text: 'www.example.com', section: 1 },
      { href: 'mailto:mail@example.com', text: 'mail@example.com', section: 1 },
      { href: '../x.md#top', text: 'bold link', section: 2 },
      { href: 'https://img.link', text: 'logo', section: 2 },
    ]);
  });

  it('finds links in headings, tables and footnotes, and none in code', () => {
    const body = [
      '## [Linked](a.md) heading',
      '',
      '| name | link |',
      '|---|---|',
      '| x | [cell](b.md) |',
      '',
      '`[not](code.md)`',
      '',
      '```',
      '[not](fence.md)',
      '```',
      '',
      'Note[^1].',
      '',
      '[^1]: See [c](c.md).',
      '',
    ].join('\n');
    expect(linksOf(body).map((l) => l.href)).toEqual(['a.md', 'b.md', 'c.md']);
  });
});
