/**
 * Trends against a brute-force oracle: a seeded vault of weekly digests
 * (and a README of weeks dated by their headings) is indexed by the real
 * service; for CJK, Latin, phrase and filtered queries, by week, month and
 * year, each period's count must equal the count of matching sections the
 * test finds itself in the same Markdown (substrings for Chinese, whole
 * words for Latin), normalised by the sections each period holds; and a
 * search of the query in that period answers the same total.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlmanacService } from '../../src/core/service/almanac-service.js';
import { isoWeekOf } from '../../src/shared/calendar.js';
import type { TrendPeriod, TrendsResponse } from '../../src/shared/research.js';
import { seededRandom } from '../helpers/reliability-tools.js';
import { digest, tempDir, type TempDir } from '../helpers/temp-vault.js';
import { WORKER_URL } from '../helpers/worker.js';

const CJK = ['芯片', '后门检测', '智能代理', '模型', '发布', '出货', '团队', '数据'];
const LATIN = ['agent', 'RAG', 'MCP', 'model', 'release', 'benchmark', 'dataset', 'open', 'source', 'team'];

/** One section of the oracle: its text as written (heading line and body), its digest, tags and effective date. */
interface OracleSection {
  text: string;
  digest: string;
  tags: string[];
  date: string;
}

/** A serial in letters ("qa", "qb", ...): a Latin word none of the query words contains. */
function lettersOf(serial: number): string {
  let out = '';
  for (let n = serial; n > 0; n = Math.floor(n / 26)) out = String.fromCharCode(97 + (n % 26)) + out;
  return `q${out}`;
}

function line(rand: () => number, serial: number): string {
  const words: string[] = [];
  const n = 3 + Math.floor(rand() * 6);
  for (let i = 0; i < n; i++) {
    const cjk = rand() < 0.5;
    const list = cjk ? CJK : LATIN;
    words.push(list[Math.floor(rand() * list.length)]!);
  }
  // Words of its own keep a line from resembling another week's on so small a vocabulary (near-identical
  // sections in nearby weeks are folded into one, and numbers are not compared): its serial in letters.
  const own = ['a', 'b', 'c', 'd', 'e', 'f'].map((k) => `${lettersOf(serial)}${k}`).join(' ');
  return `第${serial}条 ${words.join(rand() < 0.5 ? ' ' : '，')} ${own}。`;
}

function generate(vault: TempDir): OracleSection[] {
  const rand = seededRandom(18);
  const sections: OracleSection[] = [];
  let serial = 0;
  for (let d = 0; d < 90; d++) {
    const date = new Date(Date.UTC(2023, 10, 1) + Math.floor(rand() * 900) * 86_400_000).toISOString().slice(0, 10);
    const tags = rand() < 0.4 ? ['AI'] : ['tech'];
    const file = `weekly/issue-${d}.md`;
    let body = '';
    const count = 1 + Math.floor(rand() * 4);
    for (let s = 0; s < count; s++) {
      const heading = `${s + 1}. ${line(rand, ++serial)}`;
      const text = `${line(rand, ++serial)}\n\n${line(rand, ++serial)}`;
      body += `## ${heading}\n\n${text}\n\n`;
      sections.push({ text: `${heading}\n${text}`, digest: file, tags, date });
    }
    vault.write(file, digest({ title: `Weekly ${d}`, date, tags }, body));
  }
  // One file holding many weeks: each section dated by its own heading.
  let readme = '# Changelog\n\n';
  for (let w = 0; w < 12; w++) {
    const date = new Date(Date.UTC(2024, 0, 5) + w * 9 * 86_400_000).toISOString().slice(0, 10);
    const text = line(rand, ++serial);
    readme += `## ${date}\n\n${text}\n\n`;
    sections.push({ text: `${date}\n${text}`, digest: 'README.md', tags: [], date });
  }
  vault.write('README.md', readme);
  return sections;
}

/** Whether a section matches a query of the forms used here: words (all), a quoted phrase, tag: and after: filters. */
function oracleMatches(section: OracleSection, query: string): boolean {
  let rest = query;
  const tag = /tag:(\S+)/.exec(rest);
  if (tag) {
    if (!section.tags.includes(tag[1]!)) return false;
    rest = rest.replace(tag[0], '');
  }
  const after = /after:(\S+)/.exec(rest);
  if (after) {
    if (section.date < after[1]!) return false;
    rest = rest.replace(after[0], '');
  }
  const text = section.text.toLowerCase();
  const phrase = /"([^"]+)"/.exec(rest);
  if (phrase) {
    const words = phrase[1]!.toLowerCase().split(' ');
    if (!new RegExp(`(?<![\\p{L}\\p{N}])${words.join('[\\s，。]+')}(?![\\p{L}\\p{N}])`, 'u').test(text)) return false;
    rest = rest.replace(phrase[0], '');
  }
  return rest
    .split(/\s+/)
    .filter((w) => w !== '')
    .every((w) => (/^[a-z]/i.test(w) ? new RegExp(`(?<![\\p{L}\\p{N}])${w.toLowerCase()}(?![\\p{L}\\p{N}])`, 'u').test(text) : text.includes(w)));
}

function periodOf(date: string, by: TrendPeriod): string {
  return by === 'week' ? isoWeekOf(date) : by === 'month' ? date.slice(0, 7) : date.slice(0, 4);
}

let vault: TempDir;
let cache: TempDir;
let service: AlmanacService;
let sections: OracleSection[];

beforeAll(async () => {
  vault = tempDir();
  cache = tempDir();
  sections = generate(vault);
  service = new AlmanacService({ vaultPath: vault.root, dbPath: path.join(cache.root, 'index.db'), workerUrl: WORKER_URL, poolSize: 0 });
  await service.reindex();
}, 60_000);

afterAll(async () => {
  await service.close();
  vault.cleanup();
  cache.cleanup();
});

// Queries end with a space: a trend's last word is then no prefix being typed (as a search's would not be).
const QUERIES = ['芯片 ', '后门检测 ', 'agent ', 'RAG MCP ', '"open source" ', '智能代理 agent ', '芯片 tag:AI ', 'model after:2024-06-01 '];

describe.each<TrendPeriod>(['week', 'month', 'year'])('trends by %s', (by) => {
  let trend: TrendsResponse;
  beforeAll(async () => {
    trend = await service.trends({ queries: QUERIES.slice(0, 6), by, normalise: true });
  });

  it('covers every period from the first dated section to the last, without gaps', () => {
    const keys = sections.map((s) => periodOf(s.date, by)).sort();
    expect(trend.periods[0]!.key).toBe(keys[0]);
    expect(trend.periods[trend.periods.length - 1]!.key).toBe(keys[keys.length - 1]);
    const totals = new Map<string, number>();
    for (const s of sections) totals.set(periodOf(s.date, by), (totals.get(periodOf(s.date, by)) ?? 0) + 1);
    expect(Object.fromEntries(trend.periods.filter((p) => p.total > 0).map((p) => [p.key, p.total]))).toEqual(Object.fromEntries(totals));
  });

  it.each(QUERIES.map((q, i) => [q, i] as const))('%j counts as the oracle, absolute and normalised', async (query) => {
    const r = QUERIES.slice(0, 6).includes(query) ? trend : await service.trends({ queries: [query], by, normalise: true });
    const series = r.series.find((s) => s.query === query)!;
    const expected = new Map<string, number>();
    for (const s of sections) if (oracleMatches(s, query.trim())) expected.set(periodOf(s.date, by), (expected.get(periodOf(s.date, by)) ?? 0) + 1);
    const counted = Object.fromEntries(r.periods.flatMap((p, k) => (series.counts[k]! > 0 ? [[p.key, series.counts[k]!]] : [])));
    expect(counted).toEqual(Object.fromEntries(expected));
    expect(series.total).toBeGreaterThan(0);
    r.periods.forEach((p, k) => expect(series.values[k]).toBeCloseTo(p.total === 0 ? 0 : series.counts[k]! / p.total, 12));
  });
});

describe('trends and search agree', () => {
  it('a period of a trend holds what a search of the query in that period finds', async () => {
    const trend = await service.trends({ queries: ['芯片 ', 'agent '], by: 'month' });
    const checked = trend.periods.filter((_, k) => trend.series[0]!.counts[k]! > 0).slice(0, 5);
    expect(checked.length).toBeGreaterThan(0);
    for (const p of checked) {
      const k = trend.periods.indexOf(p);
      for (const s of trend.series) {
        const r = await service.search({ query: s.query, from: p.from, to: p.to, limit: 1 });
        expect(r.totalSections, `${s.query} in ${p.key}`).toBe(s.counts[k]);
      }
    }
  });

  it('counts digests once per period, and a file of dated sections once in each of its periods', async () => {
    const trend = await service.trends({ queries: ['', '芯片 '], by: 'year', unit: 'digests' });
    const perYear = new Map<string, Set<string>>();
    for (const s of sections) {
      const y = s.date.slice(0, 4);
      if (!perYear.has(y)) perYear.set(y, new Set());
      perYear.get(y)!.add(s.digest);
    }
    expect(trend.periods.map((p) => p.total)).toEqual(trend.periods.map((p) => perYear.get(p.key)?.size ?? 0));
    expect(trend.series[0]!.counts).toEqual(trend.periods.map((p) => p.total));
    const chips = new Map<string, Set<string>>();
    for (const s of sections) if (oracleMatches(s, '芯片')) (chips.get(s.date.slice(0, 4)) ?? chips.set(s.date.slice(0, 4), new Set()).get(s.date.slice(0, 4))!).add(s.digest);
    expect(trend.series[1]!.counts).toEqual(trend.periods.map((p) => chips.get(p.key)?.size ?? 0));
  });

  it('narrows to from/to, and finds nothing for a query with nothing to search', async () => {
    const trend = await service.trends({ queries: ['模型 ', '!!!'], by: 'month', from: '2024-03-15', to: '2024-05-31' });
    expect(trend.periods.map((p) => p.key)).toEqual(['2024-03', '2024-04', '2024-05']);
    const march = sections.filter((s) => s.date >= '2024-03-15' && s.date <= '2024-03-31' && oracleMatches(s, '模型')).length;
    expect(trend.series[0]!.counts[0]).toBe(march);
    expect(trend.series[1]!.counts).toEqual([0, 0, 0]);
    expect(trend.series[1]!.notices.map((n) => n.code)).toContain('nothing-to-search');
  });
});
