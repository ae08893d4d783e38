import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureCorpusVault } from '../../bench/corpus/corpus-vault.js';
import { shiftHeaderDates } from '../../bench/corpus/header-dates.js';
import { rewriteLinks } from '../../bench/corpus/links.js';
import { shiftPath } from '../../bench/corpus/path-dates.js';
import { metadataFields } from '../../src/core/parse/fields.js';
import { readMetadata } from '../../src/core/parse/metadata/read-metadata.js';
import { addDays, readFileNameDate, readPathDate } from '../../src/shared/dates.js';
import { snapshotTree, tempDir, type TempDir } from '../helpers/temp-vault.js';

const temps: TempDir[] = [];
function temp(): TempDir {
  const t = tempDir('almanac-bench-corpus-');
  temps.push(t);
  return t;
}

afterEach(() => {
  for (const t of temps.splice(0)) t.cleanup();
});

const BODY = '\n\n## 本周\n\n开源模型的推理速度提升，程序员社区讨论 Rust 编译器和 Python 工具链。\n\nThe Rust compiler ships faster builds for every programmer.\n';

/** A small archive in every spelling the replicator rewrites, with links between dated paths. */
const FILES: Record<string, string> = {
  'weekly/2024-03-01-weekly.md': `---\ntitle: 周刊 1\npubDate: 2024/03/01\ntags:\n  - 开源\n---\n${BODY}`,
  'weekly/2024-03-08-weekly.md': `---\ntitle: 周刊 2\ndate: 2024-03-08\nscheduled: 2024-03-08T09:30:00+08:00\ntags:\n  - 开源\n  - Rust\n---\n${BODY}\n[上周](./2024-03-01-weekly.md) · [上周](2024-03-01-weekly#top)\n\n[ref]: ./2024-03-01-weekly.md\n`,
  'news/this-month-240331.md': `+++\ntitle = "This month"\ndate = "2024-03-31T10:00:00+02:00"\n+++\n${BODY}`,
  'posts/twir-530.md': `Title: This Week 530\nDate: 2024-01-17\nCategory: This Week\n${BODY}`,
  'react/10.md': `---\ntitle: Issue 10\ndate: 08-19-2023\n---\n${BODY}`,
  'react/11.md': `---\ntitle: Issue 11\ndate: 08-26-2023\n---\n${BODY}`,
  'ai/AIWeekly_20240222.md': `# AI 周报\n${BODY}`,
  'w/2024-W10.md': `# Week 10\n${BODY}`,
  'data/2023/issue-12.markdown': `Welcome to issue 12.${BODY}\n[next](../2024/issue-13.markdown)\n`,
  'data/2024/issue-13.markdown': `Welcome to issue 13.${BODY}`,
  'contents/2023/Jan/02/1-parts/01-item.md': `# [Item](#item)${BODY}[header](../../02.md)\n`,
  'contents/2023/Jan/02.md': `# Header${BODY}[item](./02/1-parts/01-item.md)\n`,
  'misc/notes.md': `# Notes${BODY}[week](../weekly/2024-03-08-weekly.md#top) [web](https://example.com/2024-03-08) [root](/weekly/2024-03-08-weekly)\n`,
};

/** The archive in `t`'s folder `archive/`; returns its path. */
function writeCorpus(t: TempDir): string {
  for (const [rel, text] of Object.entries(FILES)) t.write(`archive/${rel}`, text);
  return path.join(t.root, 'archive');
}

function tree(root: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of fs.readdirSync(root, { recursive: true }) as string[]) {
    const abs = path.join(root, p);
    if (fs.statSync(abs).isFile()) out.set(p.split(path.sep).join('/'), fs.readFileSync(abs, 'utf8'));
  }
  return out;
}

function hash(files: Map<string, string>): string {
  const h = crypto.createHash('sha256');
  for (const [p, text] of [...files].sort((a, b) => (a[0] < b[0] ? -1 : 1))) h.update(`${p}\0${text}\0`);
  return h.digest('hex');
}

/** Every date Almanac reads from the file: its header, its name, its folders. */
function readings(rel: string, text: string): { header: string | null; name: string | null; folders: string | null } {
  return {
    header: metadataFields(readMetadata(text)).date?.date ?? null,
    name: readFileNameDate(rel)?.date ?? null,
    folders: readPathDate(rel)?.reading.date ?? null,
  };
}

describe('real-text corpus replication', () => {
  it('moves every date a file states by whole weeks per replica, in every spelling, and keeps its links working', () => {
    const t = temp();
    const source = writeCorpus(t);
    const before = snapshotTree(source);
    const n = Object.keys(FILES).length;
    const { dir, manifest } = ensureCorpusVault([source], n * 3, 1, path.join(t.root, 'cache'));
    expect(snapshotTree(source)).toEqual(before);
    expect(manifest).toMatchObject({ files: n * 3, replicas: 3, sourceFiles: n });
    const [facts] = manifest.corpora;
    expect(facts!.shiftWeeks % 1).toBe(0);
    const out = tree(dir);
    expect(out.size).toBe(n * 3);
    // The first replica is the corpus as it is.
    for (const [rel, text] of Object.entries(FILES)) expect(out.get(`r01/archive/${rel}`)).toBe(text);
    for (const replica of [2, 3]) {
      const days = -(replica - 1) * facts!.shiftWeeks * 7;
      const prefix = `r0${replica}/archive/`;
      const moved = (rel: string): string => `${prefix}${shiftPath(rel, days, null)}`;
      const text = (rel: string): string => out.get(moved(rel)) ?? '';
      // Front matter, TOML, Pelican and US-order dates: the same day, weeks earlier, as Almanac reads them.
      for (const [rel, date] of [
        ['weekly/2024-03-08-weekly.md', '2024-03-08'],
        ['weekly/2024-03-01-weekly.md', '2024-03-01'],
        ['news/this-month-240331.md', '2024-03-31'],
        ['posts/twir-530.md', '2024-01-17'],
        ['react/10.md', '2023-08-19'],
      ] as const) {
        expect(readings(moved(rel), text(rel)).header, rel).toBe(addDays(date, days));
      }
      // One date in several spellings of one file stays one date.
      const week2 = readings(moved('weekly/2024-03-08-weekly.md'), text('weekly/2024-03-08-weekly.md'));
      expect(week2.name).toBe(week2.header);
      expect(text('weekly/2024-03-08-weekly.md')).toContain(`scheduled: ${addDays('2024-03-08', days)}T09:30:00+08:00`);
      expect(text('news/this-month-240331.md')).toContain(`date = "${addDays('2024-03-31', days)}T10:00:00+02:00"`);
      expect(readings(moved('news/this-month-240331.md'), '').name).toBe(addDays('2024-03-31', days));
      expect(readings(moved('ai/AIWeekly_20240222.md'), '').name).toBe(addDays('2024-02-22', days));
      expect(readings(moved('w/2024-W10.md'), '').name).toBe(addDays('2024-03-04', days));
      expect(readings(moved('contents/2023/Jan/02/1-parts/01-item.md'), '').folders).toBe(addDays('2023-01-02', days));
      expect(readings(moved('contents/2023/Jan/02.md'), '').folders).toBe(addDays('2023-01-02', days));
      const year = readings(moved('data/2023/issue-12.markdown'), '').folders;
      expect(year).toMatch(/^\d{4}-01-01$/);
      expect(Number(year!.slice(0, 4))).toBe(Number(addDays('2023-07-01', days).slice(0, 4)));
    }
    // Relative links in every full replica still reach their targets; the rest stay as written.
    for (const replica of ['r02', 'r03']) {
      for (const [p, text] of out) {
        if (!p.startsWith(`${replica}/`)) continue;
        for (const m of text.matchAll(/\]\(([^)\s]+)\)|^\[ref\]: (\S+)/gm)) {
          const target = (m[1] ?? m[2])!.replace(/#.*$/, '');
          if (target === '' || target.startsWith('/') || target.includes(':')) continue;
          const abs = path.posix.join(path.posix.dirname(p), target);
          const exists = [abs, `${abs}.md`].some((c) => out.has(c));
          // The last replica is a sample: a link may point at a file it did not take.
          if (replica === 'r02') expect(exists, `${p} -> ${target}`).toBe(true);
        }
        if (p.endsWith('misc/notes.md')) expect(text).toContain('[web](https://example.com/2024-03-08) [root](/weekly/2024-03-08-weekly)');
      }
    }
  });

  it('gives every digest its own path, tiles time backwards without overlap and samples the last replica by seed', () => {
    const t = temp();
    const root = t.root;
    const source = writeCorpus(t);
    const n = Object.keys(FILES).length;
    const a = ensureCorpusVault([source], n * 2 + 5, 1, path.join(root, 'a'));
    const b = ensureCorpusVault([source], n * 2 + 5, 1, path.join(root, 'b'));
    const c = ensureCorpusVault([source], n * 2 + 5, 2, path.join(root, 'c'));
    const ta = tree(a.dir);
    expect(ta.size).toBe(n * 2 + 5);
    expect(hash(tree(b.dir))).toBe(hash(ta));
    expect(b.manifest.queries).toEqual(a.manifest.queries);
    expect([...tree(c.dir).keys()].filter((p) => p.startsWith('r03/')).sort()).not.toEqual([...ta.keys()].filter((p) => p.startsWith('r03/')).sort());
    // Dates of each replica lie before every date of the replica after it.
    const dates = (replica: string): string[] =>
      [...ta].filter(([p]) => p.startsWith(`${replica}/`)).map(([p, text]) => readings(p, text).header ?? readings(p, text).name).filter((d): d is string => d !== null).sort();
    expect(dates('r02').at(-1)! < dates('r01')[0]!).toBe(true);
    expect(dates('r03').at(-1)! < dates('r02')[0]!).toBe(true);
    // A second call reuses the cached vault.
    expect(ensureCorpusVault([source], n * 2 + 5, 1, path.join(root, 'a')).reused).toBe(true);
  });

  it('never writes into a corpus and names a folder that is not one', () => {
    const t = temp();
    const root = t.root;
    const source = writeCorpus(t);
    expect(() => ensureCorpusVault([source], 10, 1, path.join(source, 'cache'))).toThrow(/inside the corpus/);
    expect(() => ensureCorpusVault([path.join(root, 'missing')], 10, 1, path.join(root, 'cache'))).toThrow(/missing is not a folder/);
  });

  it('draws its fixed queries from the corpus: its words, tags, dates and replica folders', () => {
    const t = temp();
    const root = t.root;
    const source = writeCorpus(t);
    const { manifest } = ensureCorpusVault([source], 40, 3, path.join(root, 'cache'));
    const text = Object.values(FILES).join('\n').toLowerCase();
    const queries = manifest.queries;
    expect(queries.length).toBeGreaterThan(10);
    for (const q of queries.filter((x) => x.kind !== 'typo')) {
      for (const term of q.terms) expect(text, `${q.query}: ${term}`).toContain(term.toLowerCase());
    }
    const filters = queries.filter((x) => x.kind === 'filter').map((x) => x.query);
    expect(filters.some((f) => /^tag:(开源|Rust)(\s|$)/.test(f))).toBe(true);
    expect(filters.some((f) => f.startsWith('in:r01'))).toBe(true);
    expect(queries.some((x) => x.kind === 'cjk')).toBe(true);
    expect(queries.some((x) => x.kind === 'english')).toBe(true);
  });
});

describe('replication spellings', () => {
  it('rewrites only header date keys and keeps each spelling', () => {
    const yaml = '---\ntitle: 2024-01-05 notes\ndate: 2024/1/5\nupdated: "2024-01-05"\n---\nOn 2024-01-05 we met.\n';
    expect(shiftHeaderDates(yaml, -7, null)).toBe('---\ntitle: 2024-01-05 notes\ndate: 2023/12/29\nupdated: "2023-12-29"\n---\nOn 2024-01-05 we met.\n');
    expect(shiftHeaderDates('---\r\ndate: 19.08.2023\r\n---\r\nx', -14, null)).toBe('---\r\ndate: 05.08.2023\r\n---\r\nx');
    expect(shiftHeaderDates('Date: 2024-01-03\n\n# Body Date: 2024-01-03', -7, null)).toBe('Date: 2023-12-27\n\n# Body Date: 2024-01-03');
    expect(shiftHeaderDates('# No header\ndate: 2024-01-03\n', -7, null)).toBe('# No header\ndate: 2024-01-03\n');
    // Both numbers could be the month: the corpus's order decides.
    expect(shiftHeaderDates('---\ndate: 03-04-2024\n---\n', -7, 'day-first')).toBe('---\ndate: 27-03-2024\n---\n');
    expect(shiftHeaderDates('---\ndate: 03-04-2024\n---\n', -7, 'month-first')).toBe('---\ndate: 02-26-2024\n---\n');
  });

  it('rewrites dated names and folders, a month or year with the file\'s own date', () => {
    expect(shiftPath('2024/2024-12-30-weekly.md', -7, '2024-12-30')).toBe('2024/2024-12-23-weekly.md');
    expect(shiftPath('2025/2025-01-03-weekly.md', -7, '2025-01-03')).toBe('2024/2024-12-27-weekly.md');
    expect(shiftPath('contents/2022/Aug/01.md', -7, null)).toBe('contents/2022/Jul/25.md');
    expect(shiftPath('2021/9/slug.md', -7, null)).toBe('2021/8/slug.md');
    expect(shiftPath('news/news_2026_01.md', -7, null)).toBe('news/news_2025_52.md');
    expect(shiftPath('2025-06/11.md', -14, null)).toBe('2025-05/28.md');
    expect(shiftPath('notes/plain.md', -7, null)).toBe('notes/plain.md');
  });

  it('re-points a relative link only when its target or its file moved', () => {
    const renamed = new Map([
      ['a/2024-01-05.md', 'a/2023-12-29.md'],
      ['b/x.md', 'b/x.md'],
    ]);
    const rename = (p: string): string | null => renamed.get(p) ?? null;
    const text = '[p](./2024-01-05) [q](2024-01-05.md#h) [r](<2024-01-05.md>) [s](../b/x.md) [t](https://e.org/2024-01-05.md)';
    expect(rewriteLinks(text, 'a/2024-01-12.md', 'a/2024-01-05.md', rename)).toBe(
      '[p](./2023-12-29) [q](2023-12-29.md#h) [r](<2023-12-29.md>) [s](../b/x.md) [t](https://e.org/2024-01-05.md)',
    );
    expect(rewriteLinks('[s](../../b/x.md)', '2024/Jan/y.md', '2023/Dec/y.md', rename)).toBe('[s](../../b/x.md)');
  });
});
