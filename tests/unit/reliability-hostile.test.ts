/**
 * The hostile-content corpus (tests/helpers/hostile-corpus.ts) through the
 * whole pipeline: read -> parse (worker pool with a time budget) -> index ->
 * reopen -> search -> getDigest -> HTML and Markdown export. Nothing crashes,
 * nothing executes, every indexed file stays findable, and the exported HTML
 * is inert (no script, no handlers, no dangerous URLs, no remote loads).
 */
import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportSections } from '../../src/core/export/index.js';
import { indexVault } from '../../src/core/index/indexer.js';
import { parseDigest } from '../../src/core/parse/parse.js';
import { ParsePool } from '../../src/core/parse/pool.js';
import { readDigestFile } from '../../src/core/read/read.js';
import { AlmanacService } from '../../src/core/service/almanac-service.js';
import { Store } from '../../src/core/store/store.js';
import type { IndexSummary } from '../../src/shared/api.js';
import { BACKTRACKING_EXCLUDE_PATTERN, BAD_EXCLUDE_PATTERNS, EVIL_HOST, HOSTILE_CORPUS, writeHostileVault } from '../helpers/hostile-corpus.js';
import { findActiveHtml } from '../helpers/html-inertness.js';
import { tempDir, type TempDir } from '../helpers/temp-vault.js';
import { WORKER_URL } from '../helpers/worker.js';

declare global {
  var __pwned: unknown;
}

const INDEXED = HOSTILE_CORPUS.filter((e) => e.indexed);

describe('hostile corpus through the pipeline', () => {
  let vault: TempDir;
  let data: TempDir;
  let dbPath: string;
  let summary: IndexSummary;
  let service: AlmanacService;

  beforeAll(async () => {
    vault = tempDir('almanac-hostile-vault-');
    data = tempDir('almanac-hostile-db-');
    writeHostileVault(vault.root);
    dbPath = path.join(data.root, 'index.db');
    // A short budget: the slow entries (1 MB line, huge table, deep nesting) fall back to plain text quickly.
    const pool = new ParsePool({ workerUrl: WORKER_URL, size: 2, timeBudgetMs: 3000 });
    const store = Store.open(dbPath);
    try {
      summary = await indexVault({ vaultPath: vault.root, store, pool, settings: { exclude: [], maxFileBytes: 8 * 1024 * 1024 } });
    } finally {
      store.close();
      await pool.destroy();
    }
    service = await AlmanacService.open({ vaultPath: vault.root, dbPath, workerUrl: WORKER_URL, poolSize: 1 });
  }, 120_000);

  afterAll(async () => {
    await service?.close();
    vault?.cleanup();
    data?.cleanup();
  });

  it('indexes every entry except the binary one, which is skipped with a reason', () => {
    expect(summary.files).toBe(HOSTILE_CORPUS.length);
    expect(summary.digests).toBe(INDEXED.length);
    expect(summary.skipped).toEqual([{ path: 'nul-bytes.md', code: 'binary', params: {}, reason: 'binary file (NUL bytes)' }]);
  });

  it('runs no front matter code (---js) and reads every file without throwing', async () => {
    for (const e of HOSTILE_CORPUS) {
      const read = await readDigestFile(path.join(vault.root, e.name));
      expect(read.ok, e.name).toBe(e.indexed);
    }
    for (const name of ['front-matter-js.md', 'front-matter-injection.md', 'yaml-alias-bomb.md']) {
      const e = HOSTILE_CORPUS.find((x) => x.name === name)!;
      const parsed = parseDigest(e.markdown, e.name);
      expect(JSON.stringify(parsed).length, name).toBeLessThan(100_000);
    }
    expect(globalThis.__pwned).toBeUndefined();
    const js = await service.getDigest('front-matter-js.md');
    expect(js.title).not.toBe('pwned');
    expect(js.warnings.join('\n')).toMatch(/js/i);
  });

  it('finds every indexed entry by its marker word, and nothing else matches it', async () => {
    for (const e of INDEXED) {
      const res = await service.search({ query: e.marker, limit: 0 });
      expect(res.results.map((r) => r.path), e.name).toEqual([e.name]);
    }
    const nul = await service.search({ query: 'hmknul' });
    expect(nul.total).toBe(0);
    // The word repeated 80,000 times: one hit, its snippet highlighted (the snippet window is linear in the matches).
    const zebra = await service.search({ query: 'zebrafish' });
    expect(zebra.results.map((r) => r.path)).toEqual(['repeated-word.md']);
    expect(zebra.results[0]!.sections[0]!.ranges.length).toBeGreaterThan(0);
  });

  it('refuses exclude patterns that would exclude the whole vault or climb out, and keeps indexing', async () => {
    for (const pattern of BAD_EXCLUDE_PATTERNS) {
      await expect(service.updateSettings({ exclude: [pattern] }), pattern).rejects.toThrow(JSON.stringify(pattern));
    }
    expect((await service.getSettings()).exclude).toEqual([]);
    // Accepted, and matched in linear time against every path of the vault.
    await service.updateSettings({ exclude: [BACKTRACKING_EXCLUDE_PATTERN] });
    const summary = await service.reindex();
    expect(summary.digests).toBe(INDEXED.length);
    expect((await service.getStatus()).state).not.toBe('error');
    await service.updateSettings({ exclude: [] });
  });

  it('serves every digest with its Markdown verbatim (rendering is the reader’s job)', async () => {
    for (const e of INDEXED) {
      const digest = await service.getDigest(e.name);
      expect(digest.path).toBe(e.name);
      expect(digest.sections.length, e.name).toBeGreaterThan(0);
      expect(digest.markdown, e.name).toContain(e.marker);
    }
    const fm = await service.getDigest('front-matter-injection.md');
    expect(fm.title).toContain('<script>'); // kept as text: escaping happens where it is shown
    expect(fm.tags).toContain('javascript:window.__pwned=1;alert(1)');
  });

  it('answers hostile queries without throwing', async () => {
    const queries = [
      '<script>alert(1)</script>',
      'javascript:alert(1)',
      '"unbalanced',
      'tag:<img',
      'tag:"javascript:window.__pwned=1;alert(1)"',
      'NEAR(a b',
      'title:* OR *',
      '-',
      '"" "" ""',
      '\u202Egnp.exe',
      'a\u0000b',
      '(((((((((((',
      'onerror=',
      '列0 col0',
      '*'.repeat(1000),
    ];
    for (const query of queries) {
      await expect(service.search({ query: query.replace(/\u0000/g, ' ') }), query).resolves.toBeDefined();
    }
  });

  it('exports every section of every hostile digest as inert HTML, and as Markdown', async () => {
    const db = new BetterSqlite3(dbPath, { readonly: true });
    try {
      const ids: string[] = [];
      for (const e of INDEXED) ids.push(...(await service.getDigest(e.name)).sections.map((s) => s.id));
      // One export of everything: sections beyond the parse limits come out as plain text, so this stays fast.
      const html = exportSections(db, { sectionIds: ids, format: 'html', title: '<script>alert(1)</script>' }).content;
      expect(await findActiveHtml(html)).toEqual([]);
      // Raw-text checks on top of the DOM walk, inside tags only (text may show quotes unescaped).
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<[a-z][^<>]*\son\w+\s*=/i);
      expect(html).not.toMatch(/<[a-z][^<>]*\s(href|src)\s*=\s*["']?\s*javascript:/i);
      expect(html).not.toMatch(/<[a-z][^<>]*\ssrc\s*=\s*["']?(https?:)?\/\//i);
      for (const e of INDEXED) expect(html, e.name).toContain(e.marker);
      // Protocol-relative links keep their text and lose their link.
      expect(html).not.toMatch(new RegExp(`href="[/\\\\]{2}[^"]*${EVIL_HOST.replace('.', '\\.')}`));

      const md = exportSections(db, { sectionIds: ids, format: 'md' }).content;
      for (const e of INDEXED) expect(md, e.name).toContain(e.marker);
    } finally {
      db.close();
    }
  }, 60_000);

  it('the inertness check itself catches each kind of active HTML', async () => {
    const cases: [string, RegExp][] = [
      ['<script>x</script>', /<script>/],
      ['<img src="x" onerror="y">', /onerror/],
      ['<a href="javascript:x">a</a>', /javascript/],
      ['<a href="java\tscript:x">a</a>', /script/],
      ['<img src="http://evil.example/p.png">', /loads remotely/],
      ['<img src="//evil.example/p.png">', /loads remotely/],
      ['<a href="//evil.example/pr">x</a>', /protocol-relative/],
      ['<a href="/\\evil.example/pr">x</a>', /protocol-relative/],
      ['<div style="background:url(http://evil.example/b.png)">', /url/],
      ['<style>@import url(x.css)</style>', /@import/],
      ['<meta http-equiv="refresh" content="0;url=http://evil.example">', /refresh/],
      ['<iframe srcdoc="x"></iframe>', /iframe/],
      ['<svg><a href="#">x</a></svg>', /svg/],
    ];
    for (const [html, problem] of cases) expect((await findActiveHtml(html)).join('\n'), html).toMatch(problem);
    expect(await findActiveHtml('<p><a href="https://example.com">ok</a><img src="data:image/png;base64,AA=="></p>')).toEqual([]);
  });
});
