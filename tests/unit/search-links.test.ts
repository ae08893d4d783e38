/**
 * site:, link: and the Sources facet (issue 16) against an oracle: a seeded
 * vault of digests whose links are drawn from a pool of sites, subdomains,
 * paths, schemes, tracking parameters and relative links is indexed by the
 * real indexer; every query's digests (and the facet's counts) must equal
 * what plain string checks over the generated hrefs say, alone and combined
 * with words, tag: and other link operators.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexVault } from '../../src/core/index/indexer.js';
import type { ParsePool } from '../../src/core/parse/pool.js';
import { SearchEngine } from '../../src/core/search/engine.js';
import { parseQuery } from '../../src/core/search/query-parser.js';
import { Store } from '../../src/core/store/store.js';
import type { SearchRequest } from '../../src/shared/api.js';
import { seededRandom } from '../helpers/reliability-tools.js';
import { digest, tempDir, type TempDir } from '../helpers/temp-vault.js';
import { inProcessPool } from '../helpers/worker.js';

const HOSTS = ['arxiv.org', 'export.arxiv.org', 'cs.arxiv.org', 'github.com', 'www.github.com', 'gist.github.com', 'githubusercontent.com', 'Example.COM', 'notarxiv.org'];
const PATHS = ['/openai/whisper', '/openai-cookbook/x', '/OpenAI/gym/', '/abs/2401.00123', '/abs/2312.99999v2', '/', '', '/openai', '/a/b/c?id=3', '/openai/whisper?utm_source=news#readme'];
const WORDS = ['transformer', 'diffusion', 'agent', 'robotics', '量子', '芯片'];
const TAGS = ['ai', 'research', 'tools'];

interface Generated {
  path: string;
  hrefs: string[];
  words: string[];
  tags: string[];
  /** Made-up words of its own, so that no two digests are near-duplicates (search folds those into one hit). */
  filler: string;
}

/** A name without digits: digests named alike (w/001, w/002) form a series, whose repeated lines search treats as boilerplate. */
function letters(i: number): string {
  return [Math.floor(i / 676), Math.floor(i / 26) % 26, i % 26].map((k) => String.fromCharCode(97 + k)).join('');
}

function generate(seed: number, count: number): Generated[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const hrefs = Array.from({ length: Math.floor(random() * 6) }, () => {
      if (random() < 0.15) return pick(['../notes/x.md', 'mailto:a@b.c', '#top', 'javascript:void(0)']);
      return `${pick(['https://', 'http://', 'HTTPS://'])}${pick(HOSTS)}${pick(PATHS)}`;
    });
    const filler = Array.from({ length: 40 }, () => Array.from({ length: 7 }, () => String.fromCharCode(97 + Math.floor(random() * 26))).join('')).join(' ');
    return { path: `${letters(i)}.md`, hrefs, words: [pick(WORDS), pick(WORDS)], tags: random() < 0.5 ? [pick(TAGS)] : [], filler };
  });
}

/** The oracle's reading of an href: host and key by plain string rules (no URL parser). */
function oracleLink(href: string): { host: string; key: string } | null {
  const m = /^https?:\/\/([^/?#]+)([^#]*)/i.exec(href);
  if (!m) return null;
  const host = m[1]!.toLowerCase().replace(/^www\./, '');
  let rest = m[2]!.replace(/[?&]utm_[a-z]+=[^&]*/gi, '').replace(/^(\/[^?]*)&/, '$1?');
  if (rest === '/') rest = '';
  return { host, key: `${host}${rest}`.replace(/\/+$/, '').toLowerCase() };
}

const corpus = generate(20260316, 120);
const links = (d: Generated) => d.hrefs.map(oracleLink).filter((l): l is { host: string; key: string } => l !== null);
const bySite = (site: string) => (d: Generated) => links(d).some((l) => l.host === site || l.host.endsWith(`.${site}`));
const byPrefix = (prefix: string) => (d: Generated) => links(d).some((l) => l.key.startsWith(prefix));
const byFolder = (prefix: string) => (d: Generated) => links(d).some((l) => l.key === prefix || l.key.startsWith(`${prefix}/`));

let vault: TempDir;
let store: Store;
let pool: ParsePool;
let engine: SearchEngine;

beforeAll(async () => {
  vault = tempDir('almanac-links-vault-');
  for (const d of corpus) {
    const body = ['## Links', '', `${d.words.join(' ')} ${d.filler}`, '', ...d.hrefs.map((h, i) => `- [link ${i}](${h})`)].join('\n');
    vault.write(d.path, digest({ title: d.path, date: '2026-01-09', tags: d.tags.length > 0 ? d.tags : null }, body));
  }
  store = Store.open(`${vault.root}-index/index.db`);
  pool = inProcessPool();
  await indexVault({ vaultPath: vault.root, store, pool, settings: { exclude: [], maxFileBytes: 1 << 20 } });
  engine = new SearchEngine(store.db);
}, 60_000);

afterAll(async () => {
  store.close();
  await pool.destroy();
  vault.cleanup();
  rmSync(`${vault.root}-index`, { recursive: true, force: true });
});

const paths = (req: SearchRequest): string[] => engine.search({ limit: 0, facets: false, ...req }).results.map((r) => r.path).sort();
const expected = (keep: (d: Generated) => boolean): string[] => corpus.filter(keep).map((d) => d.path).sort();

describe('site: and link: against the oracle', () => {
  const cases: [string, (d: Generated) => boolean][] = [
    ['site:arxiv.org', bySite('arxiv.org')],
    ['site:export.arxiv.org', bySite('export.arxiv.org')],
    ['site:github.com', bySite('github.com')],
    ['site:www.github.com', bySite('github.com')],
    ['site:https://GitHub.com/', bySite('github.com')],
    ['site:example.com', bySite('example.com')],
    ['-site:github.com', (d) => !bySite('github.com')(d)],
    ['link:github.com/openai', byPrefix('github.com/openai')],
    ['link:github.com/openai/', byFolder('github.com/openai')],
    ['link:https://www.github.com/OpenAI/gym', byPrefix('github.com/openai/gym')],
    ['link:arxiv.org/abs/2401', byPrefix('arxiv.org/abs/2401')],
    ['link:github.com', byFolder('github.com')],
    ['link:example.com/a/b/c?id=3', byPrefix('example.com/a/b/c?id=3')],
    ['site:arxiv.org -link:arxiv.org/abs/2312', (d) => bySite('arxiv.org')(d) && !byPrefix('arxiv.org/abs/2312')(d)],
    ['site:arxiv.org site:github.com', (d) => bySite('arxiv.org')(d) && bySite('github.com')(d)],
  ];
  it.each(cases)('%s', (query, keep) => {
    expect(paths({ query })).toEqual(expected(keep));
  });

  it('combines with words and tag: like every other filter', () => {
    expect(paths({ query: 'site:arxiv.org transformer' })).toEqual(expected((d) => bySite('arxiv.org')(d) && d.words.includes('transformer')));
    expect(paths({ query: 'link:github.com/openai tag:ai' })).toEqual(expected((d) => byPrefix('github.com/openai')(d) && d.tags.includes('ai')));
    expect(paths({ query: '芯片 -site:arxiv.org' })).toEqual(expected((d) => d.words.includes('芯片') && !bySite('arxiv.org')(d)));
  });

  it("ticked sites (the request's sites) keep the digests linking to any of them", () => {
    expect(paths({ query: '', sites: ['arxiv.org', 'example.com'] })).toEqual(expected((d) => bySite('arxiv.org')(d) || bySite('example.com')(d)));
    expect(paths({ query: 'agent', sites: ['gist.github.com'] })).toEqual(expected((d) => d.words.includes('agent') && bySite('gist.github.com')(d)));
  });

  it('counts the Sources facet over the matching digests, by exact site, most linked first', () => {
    const response = engine.search({ query: 'transformer', limit: 1 });
    const matching = corpus.filter((d) => d.words.includes('transformer'));
    const counts = new Map<string, number>();
    for (const d of matching) for (const host of new Set(links(d).map((l) => l.host))) counts.set(host, (counts.get(host) ?? 0) + 1);
    const oracle = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    expect(Object.entries(response.facets.sites ?? {})).toEqual(oracle);
    // The facet follows the query: a site: filter leaves only digests linking there.
    const narrowed = engine.search({ query: 'transformer site:arxiv.org', limit: 1 }).facets.sites ?? {};
    expect(Object.keys(narrowed).some((host) => host === 'arxiv.org' || host.endsWith('.arxiv.org'))).toBe(true);
    expect(Object.values(narrowed).every((n) => n <= response.total)).toBe(true);
  });
});

describe('site: and link: syntax', () => {
  it('reads a value that names no site as text, with a notice', () => {
    for (const query of ['site:!!!', 'link:"a b"']) {
      const q = parseQuery(query);
      expect(q.sites.concat(q.links), query).toEqual([]);
      expect(q.notices.map((n) => n.code), query).toContain('bad-link-value');
    }
    expect(parseQuery('site:').notices.map((n) => n.code)).toEqual(['nothing-to-search']);
  });

  it('takes a filter alone as something to search (it lists the digests linking there)', () => {
    expect(parseQuery('link:github.com/openai').nothingToSearch).toBe(false);
    expect(paths({ query: 'site:nowhere.example' })).toEqual([]);
  });
});
