/** The one URL policy of the reader and the HTML export (src/shared/url-policy.ts). */
import { describe, expect, it } from 'vitest';
import { isExternalUrl, isProtocolRelative, safeUrl, schemeOf } from '../../src/shared/url-policy.js';

describe('safeUrl', () => {
  it.each(['https://example.com/a?b=1', 'http://example.com', 'mailto:me@example.com', '../weekly_news/news_2026_06', 'notes/a.md#x', '#section'])(
    'keeps %s',
    (url) => expect(safeUrl(url)).toBe(url),
  );

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    ' javascript:alert(1)',
    '\u0001javascript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'app://almanac/index.html',
    '//evil.example/x',
    '///evil.example/x',
    '\\\\evil.example\\share',
    '/\\evil.example/x',
    '\\/evil.example/x',
    ' //evil.example/x',
    '/\t/evil.example/x',
    '\u0001//evil.example/x',
  ])('drops %j', (url) => expect(safeUrl(url)).toBe(''));
});

describe('isProtocolRelative', () => {
  it('is true only for URLs that start by naming a host', () => {
    for (const url of ['//h/x', '///h', '\\\\h\\s', '/\\h', '\\/h', '\n//h', '/\r\n/h']) expect(isProtocolRelative(url), url).toBe(true);
    for (const url of ['/h/x', 'h//x', './/h', '#//h', 'https://h', '\\h', '/ /h']) expect(isProtocolRelative(url), url).toBe(false);
  });
});

describe('schemeOf / isExternalUrl', () => {
  it('reads the scheme in lower case, ignoring characters browsers strip', () => {
    expect(schemeOf('HTTPS://x')).toBe('https');
    expect(schemeOf('ja\nvascript:x')).toBe('javascript');
    expect(schemeOf('relative/path')).toBeNull();
  });

  it('treats only http, https and mailto as external', () => {
    expect(isExternalUrl('https://x')).toBe(true);
    expect(isExternalUrl('mailto:a@b')).toBe(true);
    expect(isExternalUrl('../x.md')).toBe(false);
    expect(isExternalUrl('javascript:x')).toBe(false);
  });
});
