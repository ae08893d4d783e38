/**
 * Links as data (issue 16): how a URL is read into its site and key
 * (shared/link-site.ts), the packed link list (store/link-list.ts), the
 * site ids (store/link-data.ts), and what the store keeps of a digest's links
 * through writes, replaces, moves and removals, against the hrefs it was given.
 */
import { describe, expect, it } from 'vitest';
import { decodeIds, encodeIds, prepareLinkData } from '../../src/core/store/link-data.js';
import { packLinks, readLinkList, unpackLinks, type StoredLink } from '../../src/core/store/link-list.js';
import type { Store } from '../../src/core/store/store.js';
import { linkKeyOf, linkPrefixOf, siteOf, siteQueryOf } from '../../src/shared/link-site.js';
import { parsedDigest, section } from '../helpers/parsed.js';
import { seededRandom } from '../helpers/reliability-tools.js';
import { digestRecord as record, useStoreFixture } from '../helpers/store-fixture.js';

describe('siteOf / linkKeyOf', () => {
  it.each([
    ['https://WWW.Example.com:8080/a/B/?utm_source=x&id=3#top', 'example.com', 'example.com/a/b/?id=3'],
    ['http://arxiv.org/abs/2401.01234v2', 'arxiv.org', 'arxiv.org/abs/2401.01234v2'],
    ['https://github.com/openai/whisper/', 'github.com', 'github.com/openai/whisper'],
    ['https://github.com', 'github.com', 'github.com'],
    ['https://github.com/?utm_medium=email', 'github.com', 'github.com'],
    ['https://例子.中国/路径', 'xn--fsqu00a.xn--fiqs8s', 'xn--fsqu00a.xn--fiqs8s/%e8%b7%af%e5%be%84'],
    ['https://docs.github.com./en', 'docs.github.com', 'docs.github.com/en'],
  ])('%s -> %s, %s', (href, site, key) => {
    expect(siteOf(href)).toBe(site);
    expect(linkKeyOf(href)).toBe(key);
  });

  it('has none for links that are not http(s): relative, mailto, javascript, data, protocol-relative, garbage', () => {
    for (const href of ['../weekly/a.md', 'mailto:a@b.c', 'javascript:alert(1)', 'data:text/html,x', '//evil.example/x', 'http://', 'not a url', '']) {
      expect(siteOf(href), href).toBeNull();
      expect(linkKeyOf(href), href).toBeNull();
    }
  });

  it('reads link: and site: values the same way, scheme-insensitive, a trailing slash meaning the folder', () => {
    expect(linkPrefixOf('github.com/openai')).toEqual({ prefix: 'github.com/openai', folder: false });
    expect(linkPrefixOf('https://github.com/OpenAI/')).toEqual({ prefix: 'github.com/openai', folder: true });
    expect(linkPrefixOf('http://www.github.com')).toEqual({ prefix: 'github.com', folder: true });
    expect(linkPrefixOf('arxiv.org/abs/2401')).toEqual({ prefix: 'arxiv.org/abs/2401', folder: false });
    expect(siteQueryOf('https://www.arXiv.org/')).toBe('arxiv.org');
    expect(siteQueryOf('arxiv.org/abs')).toBe('arxiv.org');
    for (const bad of ['', '!!!', 'a b', '"x"', '[::1]', '..']) expect(linkPrefixOf(bad), bad).toBeNull();
  });
});

describe('packed link lists', () => {
  const body = 'See [the paper](https://arxiv.org/abs/2401.00001) and\n[多行\n链接](../weekly/a.md) \\ done.';

  it('round-trips hrefs, texts (line feeds, backslashes, CJK) and sections', () => {
    const links: StoredLink[] = [
      { href: 'https://arxiv.org/abs/2401.00001', text: 'the paper', section: 0 },
      { href: '../weekly/a.md', text: '多行\n链接', section: 2 },
      { href: 'x\\n', text: 'a\\b\\\\n\n', section: 2 },
      { href: '', text: '', section: 5 },
    ];
    expect(unpackLinks(body, packLinks(body, links))).toEqual(links);
    expect(unpackLinks('', packLinks('', []))).toEqual([]);
  });

  it('stores a link in a few bytes when the body holds its href and text (the body is the dictionary)', () => {
    const random = seededRandom(7);
    const int = (n: number): number => Math.floor(random() * n);
    const links: StoredLink[] = Array.from({ length: 200 }, (_, i) => ({
      href: `https://example${int(20)}.com/posts/${int(1e6)}-some-slug-${i}`,
      text: `Article number ${i} about ${int(1e4)} things`,
      section: Math.floor(i / 10),
    }));
    const md = links.map((l) => `- [${l.text}](${l.href})`).join('\n');
    const packed = packLinks(md, links);
    expect(packed.length / links.length).toBeLessThan(12);
    expect(() => unpackLinks('another body', packed)).toThrow(/stored link list is damaged/);
  });
});

describe('site ids as delta varints', () => {
  it('round-trips any ascending set, large ids included, and drops repeats', () => {
    const ids = [0, 1, 127, 128, 300, 16_383, 16_384, 2 ** 31 - 1];
    const out: number[] = [];
    decodeIds(encodeIds([...ids].reverse().concat(128)), out);
    expect(out).toEqual(ids);
    expect(encodeIds([1, 2, 3]).length).toBe(3);
  });

  it('prepares the distinct sites and keys of a digest, web links only', () => {
    expect(prepareLinkData(['https://a.com/x', 'http://www.a.com/x', 'https://b.a.com/', '../c.md', 'mailto:x@y.z'])).toEqual({
      sites: ['a.com', 'b.a.com'],
      keys: 'a.com/x b.a.com',
    });
  });
});

describe("a digest's links in the store", () => {
  const fx = useStoreFixture('almanac-links-');
  let store: Store;

  const body = '## A\n\n[p](https://arxiv.org/abs/1) [q](https://cs.arxiv.org/abs/2) [w](../weekly/w) [m](mailto:a@b.c)\n';
  const parsed = parsedDigest({
    body,
    sections: [section(0, ['A'], 'p q w m')],
    links: [
      { href: 'https://arxiv.org/abs/1', text: 'p', section: 0 },
      { href: 'https://cs.arxiv.org/abs/2', text: 'q', section: 0 },
      { href: '../weekly/w', text: 'w', section: 0 },
      { href: 'mailto:a@b.c', text: 'm', section: 0 },
    ],
  });
  const targets = [
    { external: true, targetKey: null, targetExists: false },
    { external: true, targetKey: null, targetExists: false },
    { external: false, targetKey: 'weekly/w', targetExists: false },
    { external: true, targetKey: null, targetExists: false },
  ];
  const sitesOf = (path: string): string[] => {
    const row = store.db.prepare('SELECT s.sites FROM digest_site s JOIN digest d ON d.id = s.digest_id WHERE d.path = ?').pluck().get(path) as Uint8Array | undefined;
    const ids: number[] = [];
    if (row) decodeIds(row, ids);
    return ids.map((id) => store.db.prepare('SELECT host FROM domain WHERE id = ?').pluck().get(id) as string).sort();
  };
  const keyRows = (key: string): number[] => store.db.prepare('SELECT rowid FROM link_fts WHERE link_fts MATCH ?').pluck().all(`"${key}"`) as number[];

  it('keeps every link for the reader, vault links as rows, and the sites and keys of web links', () => {
    store = fx.open();
    store.batch(() => store.putDigest(record('weekly/a.md', { parsed, links: targets })));
    const d = store.digestByPath('weekly/a.md')!;
    expect(readLinkList(store.db, d.id, d.body)).toEqual(parsed.links.map((l) => ({ href: l.href, text: l.text, section: 0 })));
    expect(store.linkHrefs('weekly/a.md')).toEqual(parsed.links.map((l) => l.href));
    expect(store.db.prepare('SELECT ordinal, section, target_key FROM link').all()).toEqual([{ ordinal: 2, section: 0, target_key: 'weekly/w' }]);
    expect(sitesOf('weekly/a.md')).toEqual(['arxiv.org', 'cs.arxiv.org']);
    expect(keyRows('arxiv.org/abs/1')).toEqual([d.id]);
    expect(keyRows('cs.arxiv.org/abs/2')).toEqual([d.id]);
  });

  it('drops them all with the digest, and a replace leaves only the new ones', () => {
    store = fx.open();
    store.batch(() => store.putDigest(record('weekly/a.md', { parsed, links: targets })));
    const other = parsedDigest({ body: '[x](https://example.com/x)', sections: [section(0, [], 'x')], links: [{ href: 'https://example.com/x', text: 'x', section: 0 }] });
    store.batch(() => store.putDigest(record('weekly/a.md', { parsed: other, links: [targets[0]!] })));
    expect(sitesOf('weekly/a.md')).toEqual(['example.com']);
    expect(keyRows('arxiv.org/abs/1')).toEqual([]);
    expect(store.db.prepare('SELECT count(*) FROM link').pluck().get()).toBe(0);
    store.batch(() => store.removeFile('weekly/a.md'));
    for (const table of ['digest_link', 'digest_site', 'link']) expect(store.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
    expect(keyRows('example.com/x')).toEqual([]);
    // Sites stay interned: ids never change meaning.
    expect(store.db.prepare('SELECT host FROM domain ORDER BY id').pluck().all()).toEqual(['arxiv.org', 'cs.arxiv.org', 'example.com']);
  });

  it('retargets vault links when the digest moves, keeping the list, sites and keys', () => {
    store = fx.open();
    store.batch(() => store.putDigest(record('drafts/a.md', { parsed, links: targets })));
    const moved = [...targets.slice(0, 2), { external: false, targetKey: null, targetExists: false }, targets[3]!];
    store.batch(() => store.moveFile('drafts/a.md', 'a.md', 1, 2, moved));
    const d = store.digestByPath('a.md')!;
    expect(store.db.prepare('SELECT count(*) FROM link').pluck().get()).toBe(0);
    expect(readLinkList(store.db, d.id, d.body).map((l) => l.href)).toEqual(parsed.links.map((l) => l.href));
    expect(sitesOf('a.md')).toEqual(['arxiv.org', 'cs.arxiv.org']);
    expect(keyRows('arxiv.org/abs/1')).toEqual([d.id]);
  });
});
