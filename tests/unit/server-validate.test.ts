/** The shared argument validators (src/shared/validate.ts) that both the IPC and HTTP adapters use. */
import { describe, expect, it } from 'vitest';
import { API_METHODS } from '../../src/shared/api.js';
import { externalUrl, isApiMethod, validateArgs, vaultRelativePath, ValidationError } from '../../src/shared/validate.js';

describe('validateArgs', () => {
  it('has a validator for every contract method and knows no others', () => {
    for (const method of API_METHODS) expect(isApiMethod(method)).toBe(true);
    for (const name of ['onEvent', 'constructor', '__proto__', 'toString', 'close']) expect(isApiMethod(name)).toBe(false);
  });

  it('returns the arguments in the shape the service takes, leaving out absent optional fields', () => {
    expect(validateArgs('search', [{ query: '', limit: 0, facets: false, tags: undefined }])).toEqual([{ query: '', limit: 0, facets: false }]);
    expect(validateArgs('openVault', [])).toEqual([]);
    expect(validateArgs('openVault', [undefined])).toEqual([]);
    expect(validateArgs('related', ['0123456789abcdef', 5])).toEqual(['0123456789abcdef', 5]);
    expect(validateArgs('updateSettings', [{ exclude: ['drafts', 'archive/**'], language: 'zh-CN' }])).toEqual([{ exclude: ['drafts', 'archive/**'], language: 'zh-CN' }]);
    expect(validateArgs('exportSections', [{ sectionIds: ['0123456789abcdef'], format: 'html', groupBy: 'week', dedupe: true }])).toEqual([
      { sectionIds: ['0123456789abcdef'], format: 'html', groupBy: 'week', dedupe: true },
    ]);
  });

  it('refuses non-array argument lists and prototype tricks', () => {
    expect(() => validateArgs('getStatus', { length: 0 })).toThrow('getStatus: arguments must be an array, got an object');
    expect(() => validateArgs('search', [JSON.parse('{"query":"x","__proto__":{"limit":5}}')])).toThrow('has an unknown field "__proto__"');
  });

  it('throws ValidationError (the adapters answer it as a client error)', () => {
    expect(() => validateArgs('getDigest', ['/x.md'])).toThrow(ValidationError);
  });
});

describe('vaultRelativePath', () => {
  it('accepts vault-relative POSIX paths, CJK names and dots inside names', () => {
    for (const p of ['weekly/2026-02-06.md', './a.md', 'a//b.md', '周报/第六周.md', 'notes/v1.2..md']) {
      expect(vaultRelativePath('p', p)).toBe(p);
    }
  });

  it('refuses what could leave the vault or name something else', () => {
    const cases: [unknown, string][] = [
      ['', 'p must not be empty'],
      ['.', 'p "." names the vault itself, not a file'],
      ['/etc/passwd', 'is absolute'],
      ['//server/share/x.md', 'is absolute'],
      ['C:x.md', 'is absolute'],
      ['\\\\server\\share', 'contains a backslash'],
      ['a/../../b.md', 'contains ".."'],
      ['..', 'contains ".."'],
      ['a\0b', 'contains a NUL character'],
      ['x'.repeat(2000), 'is too long (2000 characters; at most 1024)'],
      [null, 'p must be a string, got null'],
    ];
    for (const [value, message] of cases) expect(() => vaultRelativePath('p', value), String(value).slice(0, 20)).toThrow(message);
  });
});

describe('externalUrl', () => {
  it('normalises allowed URLs and names the scheme of refused ones', () => {
    expect(externalUrl('u', 'HTTPS://Example.com/a b')).toBe('https://example.com/a%20b');
    expect(() => externalUrl('u', 'JavaScript:alert(1)')).toThrow('uses the scheme "javascript:"');
    expect(() => externalUrl('u', 'data:text/html,<script>')).toThrow('uses the scheme "data:"');
    expect(() => externalUrl('u', 'file://server/share')).toThrow('uses the scheme "file:"');
  });
});
