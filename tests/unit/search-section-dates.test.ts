/**
 * Sections dated by their own headings in the search (issue 14, item 5): one
 * README holding twelve weeks (dair-ai's "## Top ML Papers of the Week (June
 * 23 - June 29) - 2025" and changelog-style "## 2024-03-08" headings) beside
 * ordinary digests, indexed by the real service. Date filters, facets, hits,
 * the timeline and `search --json` are checked against an oracle written from
 * the fixture: every section with the date it should have.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import { DigestCatalog } from '../../src/core/search/catalog.js';
import { AlmanacService } from '../../src/core/service/almanac-service.js';
import type { SearchRequest, SearchResponse } from '../../src/shared/api.js';
import { isoWeekOf } from '../../src/shared/dates.js';
import { runCli } from '../helpers/cli.js';
import { digest, tempDir, type TempDir } from '../helpers/temp-vault.js';
import { WORKER_URL } from '../helpers/worker.js';

/** One section of the fixture: where it is, its heading, its words and the date it must be found by (null: undated). */
interface OracleSection {
  path: string;
  heading: string;
  words: string;
  date: string | null;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function addDays(ymd: string, days: number): string {
  return new Date(Date.parse(`${ymd}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** "June 23" */
function monthDay(ymd: string): string {
  return `${MONTHS[Number(ymd.slice(5, 7)) - 1]} ${Number(ymd.slice(8, 10))}`;
}

/** The README's twelve dated weeks: eight Mondays back from 2025-06-23 in dair-ai's style, four changelog days of March 2024. */
function readmeSections(): OracleSection[] {
  const out: OracleSection[] = [];
  for (let k = 0; k < 8; k++) {
    const monday = addDays('2025-06-23', -7 * k);
    const heading = `Top ML Papers of the Week (${monthDay(monday)} - ${monthDay(addDays(monday, 6))}) - 2025`;
    out.push({ path: 'README.md', heading, words: `papers agents topic${k}${k % 2 === 0 ? ' even' : ''}`, date: monday });
  }
  for (const [k, day] of ['2024-03-08', '2024-03-15', '2024-03-22', '2024-04-02'].entries()) {
    out.push({ path: 'README.md', heading: day, words: `papers changelog entry${k}`, date: day });
  }
  return out;
}

const README_INTRO: OracleSection = { path: 'README.md', heading: 'ML Papers of the Week', words: 'papers collected weekly', date: null };

/** Ordinary digests: dated by their front matter, in weeks the README also holds and in others. */
const DIGESTS: { path: string; title: string; date: string; sections: [heading: string, words: string][] }[] = [
  { path: 'weekly/2025-06-27.md', title: 'Weekly 26', date: '2025-06-27', sections: [['Papers', 'papers agents even'], ['Tools', 'tools only']] },
  { path: 'weekly/2024-03-06.md', title: 'Weekly 10', date: '2024-03-06', sections: [['Papers', 'papers changelog']] },
  { path: 'weekly/2025-01-10.md', title: 'Weekly 2', date: '2025-01-10', sections: [['Papers', 'papers even']] },
];

function oracle(): OracleSection[] {
  const ordinary = DIGESTS.flatMap((d) => d.sections.map(([heading, words]) => ({ path: d.path, heading, words, date: d.date })));
  return [README_INTRO, ...readmeSections(), ...ordinary];
}

function writeVault(vault: TempDir): void {
  const body = readmeSections().map((s) => `## ${s.heading}\n\n${s.words}.\n`);
  vault.write('README.md', `# ${README_INTRO.heading}\n\n${README_INTRO.words}.\n\n${body.join('\n')}`);
  for (const d of DIGESTS) {
    vault.write(d.path, digest({ title: d.title, date: d.date }, d.sections.map(([h, w]) => `## ${h}\n\n${w}.\n`).join('\n')));
  }
}

const weekOf = (date: string | null): string | null => (date === null ? null : isoWeekOf(date));

/** The sections the oracle says match `word` (every one for '') and pass `test` by their date. */
function expected(word: string, test: (date: string | null) => boolean): string[] {
  return oracle()
    .filter((s) => (word === '' || s.words.split(' ').includes(word)) && test(s.date))
    .map((s) => `${s.path} › ${s.heading}`)
    .sort();
}

/**
 * What a query of filters only lists (expected('', test) are the sections it
 * counts): an ordinary digest shows its lead section, the README each of its
 * sections in the dates asked for.
 */
function expectedListing(test: (date: string | null) => boolean): string[] {
  const leads = new Set(DIGESTS.map((d) => `${d.path} › ${d.sections[0]![0]}`));
  return expected('', test).filter((s) => s.startsWith('README.md') || leads.has(s));
}

/** Every section a response lists (all of them: the requests ask for every digest and every section). */
function listed(r: SearchResponse): string[] {
  return r.results.flatMap((h) => h.sections.map((s) => `${h.path} › ${s.heading || h.title}`)).sort();
}

/** Week facets the oracle gives: per week, the digests with a matching section dated in it. */
function expectedWeeks(word: string): Record<string, number> {
  const digests = new Map<string, Set<string>>();
  for (const s of oracle()) {
    const week = weekOf(s.date);
    if (week === null || (word !== '' && !s.words.split(' ').includes(word))) continue;
    digests.set(week, (digests.get(week) ?? new Set()).add(s.path));
  }
  return Object.fromEntries([...digests].map(([w, set]) => [w, set.size]));
}

let vault: TempDir;
let cache: TempDir;
let service: AlmanacService;
const dbPath = (): string => path.join(cache.root, 'index.db');
const all = (req: SearchRequest): Promise<SearchResponse> => service.search({ limit: 0, sectionsPerDigest: 0, ...req });

beforeAll(async () => {
  vault = tempDir('almanac-section-dates-');
  cache = tempDir('almanac-section-dates-cache-');
  writeVault(vault);
  service = new AlmanacService({ vaultPath: vault.root, dbPath: dbPath(), workerUrl: WORKER_URL, poolSize: 0, settings: { gitDates: false } });
  await service.reindex();
});

afterAll(async () => {
  await service.close();
  vault.cleanup();
  cache.cleanup();
});

describe('a section dated by its own heading', () => {
  it('is stored with its date: the README has twelve dated sections and no date of its own', async () => {
    const d = await service.getDigest('README.md');
    expect(d.date).toBeNull();
    expect(d.sections.filter((s) => s.date !== undefined).map((s) => s.date)).toEqual(readmeSections().map((s) => s.date));
  });

  it('passes week: exactly when its own week is asked for, for every week of the fixture, with and without words, ranked or by date', async () => {
    const weeks = [...new Set(oracle().map((s) => weekOf(s.date)).filter((w): w is string => w !== null))];
    expect(weeks.length).toBeGreaterThanOrEqual(12);
    for (const week of [...weeks, '2025-W30']) {
      for (const word of ['', 'papers', 'even']) {
        const inWeek = (date: string | null): boolean => weekOf(date) === week;
        const r = await all({ query: `${word} week:${week}`.trim() });
        expect([week, word, listed(r)]).toEqual([week, word, word === '' ? expectedListing(inWeek) : expected(word, inWeek)]);
        expect(r.totalSections).toBe(expected(word, inWeek).length);
        // The same sections when the page is cut from the date order instead of ranked.
        expect(listed(await all({ query: `${word} week:${week}`.trim(), sort: 'newest' }))).toEqual(listed(r));
      }
    }
  });

  it('passes after:, before:, date: and the request range by its own date', async () => {
    const inside = (from: string, to: string) => (date: string | null) => date !== null && date >= from && date <= to;
    expect(listed(await all({ query: 'papers after:2025-06-01 before:2025-07' }))).toEqual(expected('papers', inside('2025-06-01', '2025-06-30')));
    expect(listed(await all({ query: 'date:2024-03' }))).toEqual(expectedListing(inside('2024-03-01', '2024-03-31')));
    expect(listed(await all({ query: 'agents', from: '2025-05-01', to: '2025-05-31' }))).toEqual(expected('agents', inside('2025-05-01', '2025-05-31')));
    // The undated intro never passes a date filter; without one it is found like any section.
    expect(listed(await all({ query: 'collected after:2000' }))).toEqual([]);
    expect(listed(await all({ query: 'collected' }))).toEqual(['README.md › ML Papers of the Week']);
  });

  it('is counted in the week, month and year facets by its own date, once per digest and period', async () => {
    for (const word of ['', 'papers', 'even', 'changelog']) {
      const r = await all({ query: word });
      expect([word, r.facets.weeks]).toEqual([word, expectedWeeks(word)]);
    }
    const months = (await all({ query: 'changelog' })).facets.months;
    // entry0..2 in March 2024 and the weekly of 2024-03-06: two digests in March; entry3 alone in April.
    expect(months).toEqual({ '2024-03': 2, '2024-04': 1 });
    expect((await all({ query: 'papers' })).facets.years).toEqual({ '2024': 2, '2025': 3 });
  });

  it('shows its own date and week on its hit; the digest header keeps the digest', async () => {
    const r = await all({ query: 'topic0 OR collected' });
    const readme = r.results.find((h) => h.path === 'README.md')!;
    expect([readme.date, readme.week]).toEqual([null, null]);
    expect(readme.sections.map((s) => [s.heading, s.date, s.week])).toEqual([
      [README_INTRO.heading, null, null],
      [readmeSections()[0]!.heading, '2025-06-23', '2025-W26'],
    ]);
    const weekly = (await all({ query: 'tools' })).results[0]!;
    expect(weekly.sections.map((s) => [s.date, s.week])).toEqual([['2025-06-27', '2025-W26']]);
  });

  it('puts the README in the timeline once per dated week, each entry opening its section', async () => {
    const entries = (await service.timeline()).filter((e) => e.path === 'README.md');
    expect(entries.map((e) => [e.date, e.week, e.heading])).toEqual(
      readmeSections()
        .map((s) => [s.date, weekOf(s.date), s.heading])
        .sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
    );
    const ids = new Set((await service.getDigest('README.md')).sections.map((s) => s.id));
    expect(entries.every((e) => e.sectionId !== undefined && ids.has(e.sectionId))).toBe(true);
    expect((await service.timeline()).filter((e) => e.sectionId === undefined).map((e) => e.path)).toEqual([
      'weekly/2024-03-06.md',
      'weekly/2025-01-10.md',
      'weekly/2025-06-27.md',
    ]);
  });

  it('gives the same answers from the catalog snapshot a closed service leaves', async () => {
    const requests: SearchRequest[] = [{ query: 'papers week:2025-W26' }, { query: 'date:2024-03' }, { query: 'papers' }];
    const before = await Promise.all(requests.map(all));
    await service.close();
    const db = new BetterSqlite3(dbPath(), { readonly: true });
    try {
      const catalog = DigestCatalog.load(db);
      expect(catalog.fromSnapshot).toBe(true);
      expect(catalog.sectionDates.positions.length).toBe(1);
    } finally {
      db.close();
    }
    service = new AlmanacService({ vaultPath: vault.root, dbPath: dbPath(), workerUrl: WORKER_URL, poolSize: 0, settings: { gitDates: false } });
    const after = await Promise.all(requests.map(all));
    expect(after.map((r) => ({ ...r, tookMs: 0 }))).toEqual(before.map((r) => ({ ...r, tookMs: 0 })));
  });

  it('is printed with its date and week by search --json (the real CLI)', async () => {
    const r = await runCli(['search', 'papers week:2024-W10', '--vault', vault.root, '--db', path.join(cache.root, 'cli.db'), '--json', '--limit', '0']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { results: { path: string; date: string | null; sections: { heading: string; date: string | null; week: string | null }[] }[] };
    const hits = out.results.map((h) => [h.path, h.date, h.sections.map((s) => [s.heading, s.date, s.week])]);
    expect(hits.sort()).toEqual([
      ['README.md', null, [['2024-03-08', '2024-03-08', '2024-W10']]],
      ['weekly/2024-03-06.md', '2024-03-06', [['Papers', '2024-03-06', '2024-W10']]],
    ]);
  });
});

describe('a vault without dated headings', () => {
  it('takes no per-section path: no section dates in the catalog, a plain digest test for date filters', async () => {
    const plain = tempDir('almanac-section-dates-plain-');
    const plainCache = tempDir('almanac-section-dates-plain-cache-');
    try {
      for (const d of DIGESTS) plain.write(d.path, digest({ title: d.title, date: d.date }, '## Papers\n\npapers.\n'));
      const s = new AlmanacService({ vaultPath: plain.root, dbPath: path.join(plainCache.root, 'index.db'), workerUrl: WORKER_URL, poolSize: 0 });
      await s.reindex();
      await s.close();
      const db = new BetterSqlite3(path.join(plainCache.root, 'index.db'), { readonly: true });
      try {
        const catalog = DigestCatalog.load(db);
        expect(catalog.sectionDates.any).toBe(false);
        const pass = catalog.filterCheck({ anyOrAllTags: null, requiredTags: [], excludedTags: [], from: '2025-01-01', to: null, folders: [], excludedFolders: [], mentions: [], excludedMentions: [] });
        expect(pass).not.toBeNull();
        expect(pass!.section).toBeUndefined();
      } finally {
        db.close();
      }
    } finally {
      plain.cleanup();
      plainCache.cleanup();
    }
  });
});
