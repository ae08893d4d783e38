import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indexVault } from '../../src/core/index/indexer.js';
import type { ParsePool } from '../../src/core/parse/pool.js';
import { backlinks, neighbours, outgoingLinks } from '../../src/core/series/series.js';
import { resolveHref } from '../../src/core/parse/links.js';
import { Store, type DigestRow } from '../../src/core/store/store.js';
import { digest, snapshotTree, tempDir, type TempDir } from '../helpers/temp-vault.js';
import { countingParser, inProcessPool } from '../helpers/worker.js';

let vault: TempDir;
let cache: TempDir;
let store: Store;
let pool: ParsePool;
let parser: ReturnType<typeof countingParser>;

async function index(): Promise<void> {
  parser.calls.length = 0;
  await indexVault({ vaultPath: vault.root, store, pool: parser, settings: { exclude: [], maxFileBytes: 1 << 20 } });
}

function issue(p: string, title: string, date: string | null, body = '## 正文\n\n内容。\n'): void {
  vault.write(p, digest(date === null ? { title } : { title, date }, body));
}

function nav(p: string) {
  const d = store.digestByPath(p);
  if (!d) throw new Error(`not indexed: ${p}`);
  const { prev, next } = neighbours(store.db, d);
  return { prev: prev?.path ?? null, next: next?.path ?? null };
}

/** A stored digest's links as the reader gets them (service/digest-view.ts passes the same section ids and rule). */
function linksOf(d: DigestRow) {
  const ids = store.sectionsOf(d.id).map((s) => s.id);
  return outgoingLinks(store.db, d, ids, (href) => resolveHref(d.path, href).kind === 'external');
}

beforeEach(() => {
  vault = tempDir('almanac-series-');
  cache = tempDir('almanac-series-cache-');
  store = Store.open(path.join(cache.root, 'index.db'));
  pool = inProcessPool();
  parser = countingParser(pool);
});

afterEach(async () => {
  store.close();
  await pool.close();
  vault.cleanup();
  cache.cleanup();
});

describe('series navigation', () => {
  it('orders a folder by date, breaks ties by path, keeps folders apart and gives undated digests no neighbours', async () => {
    issue('weekly/c.md', 'W06 b', '2026-02-06');
    issue('weekly/a.md', 'W05', '2026-01-30');
    issue('weekly/b.md', 'W06 a', '2026-02-06');
    issue('weekly/z.md', 'W07', '2026-02-13');
    issue('weekly/undated.md', '无日期', null);
    issue('research/r1.md', '研究', '2026-02-01');
    await index();
    expect(nav('weekly/a.md')).toEqual({ prev: null, next: 'weekly/b.md' });
    expect(nav('weekly/b.md')).toEqual({ prev: 'weekly/a.md', next: 'weekly/c.md' });
    expect(nav('weekly/c.md')).toEqual({ prev: 'weekly/b.md', next: 'weekly/z.md' });
    expect(nav('weekly/z.md')).toEqual({ prev: 'weekly/c.md', next: null });
    expect(nav('weekly/undated.md')).toEqual({ prev: null, next: null });
    expect(nav('research/r1.md')).toEqual({ prev: null, next: null });
    const d = store.digestByPath('weekly/b.md')!;
    expect(neighbours(store.db, d).prev).toEqual({ path: 'weekly/a.md', title: 'W05', date: '2026-01-30' });
  });

  it('treats the vault root as a series of its own', async () => {
    issue('2026-01-30.md', 'root 1', '2026-01-30');
    issue('2026-02-06.md', 'root 2', '2026-02-06');
    issue('weekly/x.md', 'other', '2026-02-01');
    await index();
    expect(nav('2026-01-30.md')).toEqual({ prev: null, next: '2026-02-06.md' });
  });
});

describe('links and backlinks', () => {
  it('resolves links to digests, other vault files and missing files; external links are marked', async () => {
    vault.write('img/chart.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    issue('weekly/a.md', 'A', '2026-01-30');
    issue(
      'weekly/b.md',
      'B',
      '2026-02-06',
      [
        '## 链接',
        '',
        '[上一期](../weekly/a) [同一期 md](a.md#模型) [图表](../img/chart.png) [缺图](../img/missing.png)',
        '[OpenAI](https://openai.com) [锚点](#链接) [越界](../../etc/passwd)',
      ].join('\n'),
    );
    await index();
    const b = store.digestByPath('weekly/b.md')!;
    const links = linksOf(b);
    expect(links.map((l) => [l.text, l.target, l.external, l.broken])).toEqual([
      ['上一期', 'weekly/a.md', false, false],
      ['同一期 md', 'weekly/a.md', false, false],
      ['图表', null, false, false],
      ['缺图', null, false, true],
      ['OpenAI', null, true, false],
      ['锚点', null, false, false],
      ['越界', null, false, false],
    ]);
    expect(new Set(links.map((l) => l.sectionId))).toEqual(new Set([store.sectionsOf(b.id)[0]!.id]));
  });

  it('lists backlinks once per digest, oldest first, undated last, without the digest itself', async () => {
    issue('weekly/target.md', 'T', '2026-02-06', '## 自己\n\n[自己](target.md)\n');
    issue('weekly/late.md', 'Late', '2026-03-06', '[T](target) [T 又一次](target.md)\n');
    issue('weekly/early.md', 'Early', '2026-01-02', '[T](./target.md#x)\n');
    issue('notes/undated.md', 'U', null, '[T](/weekly/target)\n');
    issue('notes/none.md', 'N', '2026-01-01', '[别处](other.md)\n');
    await index();
    const t = store.digestByPath('weekly/target.md')!;
    expect(backlinks(store.db, t).map((r) => r.path)).toEqual(['weekly/early.md', 'weekly/late.md', 'notes/undated.md']);
  });

  it('finds wikilinks and bare-name links by name anywhere in the vault, the nearest of same-named digests, and lists them as backlinks', async () => {
    issue('weekly/2024-W06.md', 'W06', '2024-02-09');
    issue('archive/2023/2024-W06.md', 'W06 (旧副本)', '2024-02-09');
    issue('projects/agents/Claude Opus 4.6.md', 'Opus', '2024-02-01');
    issue(
      'daily/2024-02-05.md',
      'Mon',
      '2024-02-05',
      [
        '## 链接',
        '',
        '[[2024-W06]] [[2024-w06|下周]] [[Claude Opus 4.6#模型]] [[projects/agents/Claude Opus 4.6|全路径]] [md 链接](2024-W06.md) [[不存在的周]]',
        '`[[代码里的]]` [[1]](https://example.com/cite)',
      ].join('\n'),
    );
    issue('archive/2023/notes.md', 'Old', '2023-12-01', '[[2024-W06]]\n');
    await index();
    const mon = store.digestByPath('daily/2024-02-05.md')!;
    expect(linksOf(mon).map((l) => [l.text, l.target, l.broken])).toEqual([
      ['2024-W06', 'weekly/2024-W06.md', false],
      ['下周', 'weekly/2024-W06.md', false],
      ['Claude Opus 4.6 > 模型', 'projects/agents/Claude Opus 4.6.md', false],
      ['全路径', 'projects/agents/Claude Opus 4.6.md', false],
      ['md 链接', 'weekly/2024-W06.md', false],
      ['不存在的周', null, true],
      ['[1]', null, false],
    ]);
    // The same name from inside archive/2023 finds the copy next to it.
    const old = store.digestByPath('archive/2023/notes.md')!;
    expect(linksOf(old)[0]).toMatchObject({ target: 'archive/2023/2024-W06.md' });
    expect(backlinks(store.db, store.digestByPath('weekly/2024-W06.md')!).map((r) => r.path)).toEqual(['daily/2024-02-05.md']);
    expect(backlinks(store.db, store.digestByPath('archive/2023/2024-W06.md')!).map((r) => r.path)).toEqual(['archive/2023/notes.md']);
    expect(backlinks(store.db, store.digestByPath('projects/agents/Claude Opus 4.6.md')!).map((r) => r.path)).toEqual(['daily/2024-02-05.md']);
    // The body keeps the code span as written, and the link texts (not the brackets) are the indexed words.
    expect(mon.body).toContain('`[[代码里的]]`');
    expect(mon.body).toContain('[下周](2024-w06)');
  });

  it('a link to a week added later resolves without parsing the linking digest again', async () => {
    issue('weekly/2026-02-06.md', 'W06', '2026-02-06', '## 下期预告\n\n[下一期](2026-02-13)\n');
    await index();
    const w06 = store.digestByPath('weekly/2026-02-06.md')!;
    expect(linksOf(w06)[0]).toMatchObject({ target: null, broken: true });

    issue('weekly/2026-02-13.md', 'W07', '2026-02-13');
    await index();
    expect(parser.calls).toEqual(['weekly/2026-02-13.md']);
    expect(linksOf(w06)[0]).toMatchObject({ target: 'weekly/2026-02-13.md', broken: false });
    const w07 = store.digestByPath('weekly/2026-02-13.md')!;
    expect(backlinks(store.db, w07)).toEqual([{ path: 'weekly/2026-02-06.md', title: 'W06', date: '2026-02-06' }]);
    expect(neighbours(store.db, store.digestByPath('weekly/2026-02-06.md')!).next?.path).toBe('weekly/2026-02-13.md');
  });
});

describe('the bundled sample vault', () => {
  it('indexes 12 digests in two series, warns about its imperfect files and flags its one broken link', async () => {
    const sample = fileURLToPath(new URL('../../resources/sample-vault', import.meta.url));
    const before = snapshotTree(sample);
    const summary = await indexVault({ vaultPath: sample, store, pool: parser, settings: { exclude: [], maxFileBytes: 1 << 20 } });
    expect(snapshotTree(sample)).toEqual(before);
    expect(summary).toMatchObject({ files: 12, indexed: 12, skipped: [], digests: 12 });
    expect(summary.warnings.map((w) => w.path)).toEqual(['research/2026-02-25-chip-notes.md', 'weekly/2026-02-20-ai-weekly.md']);
    const folders = store.db.prepare('SELECT folder, count(*) AS n FROM digest GROUP BY folder ORDER BY folder').all();
    expect(folders).toEqual([
      { folder: 'research', n: 3 },
      { folder: 'weekly', n: 9 },
    ]);
    // Every weekly issue but the first links back to the previous one, which resolves.
    const weekly = store.db.prepare("SELECT path FROM digest WHERE folder = 'weekly' ORDER BY date").pluck().all() as string[];
    for (let i = 1; i < weekly.length; i++) {
      const d = store.digestByPath(weekly[i]!)!;
      expect(neighbours(store.db, d).prev?.path).toBe(weekly[i - 1]);
      expect(linksOf(d).map((l) => l.target)).toContain(weekly[i - 1]);
    }
    const all = store.db.prepare('SELECT path FROM digest ORDER BY path').pluck().all() as string[];
    const broken = all.flatMap((p) =>
      linksOf(store.digestByPath(p)!)
        .filter((l) => l.broken)
        .map((l) => [p, l.href]),
    );
    expect(broken).toEqual([['weekly/2026-02-27-ai-weekly.md', '../weekly/2026-03-06-ai-weekly']]);
    const dates = store.timeline().map((t) => t.date);
    expect(dates.at(-1)! <= '2026-11-30').toBe(true);
  });
});
