/**
 * Export within limits: sections too long, nested too deeply or too full of
 * emphasis markers are exported as plain text with a note, checked before any
 * parse (a 20 KB list nested 10,000 deep held exportSections for 39 s and then
 * overflowed the stack); large exports build in a worker whose budget falls
 * back to a plain export; and the service builds them there.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildExport, type ExportJob } from '../../src/core/export/build.js';
import { buildHtmlExport, buildMarkdownExport, exportSections, exportWorkerBeside, type ExportPart } from '../../src/core/export/index.js';
import { conversionLimit, MAX_CONVERTED_MARKDOWN_CHARS, parseMarkdown } from '../../src/core/export/markdown-text.js';
import { buildExportOffThread, EXPORT_WORKER_FILE, IN_THREAD_CHARS } from '../../src/core/export/off-thread.js';
import { rebaseSection } from '../../src/core/export/rebase-headings.js';
import { indexVault } from '../../src/core/index/indexer.js';
import { ParsePool } from '../../src/core/parse/pool.js';
import { AlmanacService } from '../../src/core/service/almanac-service.js';
import { Store } from '../../src/core/store/store.js';
import { DEFAULT_SETTINGS } from '../../src/shared/api.js';
import { inlineDelimiterWork, MAX_INLINE_DELIMITER_WORK } from '../../src/shared/markdown-delimiters.js';
import { digest, tempDir, type TempDir } from '../helpers/temp-vault.js';
import { WORKER_URL } from '../helpers/worker.js';
import { W05_QUOTE, W06_MODELS } from './export-fixtures.js';

const LIST_BOMB = `${'- '.repeat(10_000)}x`;
const INDENT_BOMB = Array.from({ length: 200 }, (_, i) => `${' '.repeat(2 * i)}- level ${i}`).join('\n');
const DELIMITERS = `${'*a '.repeat(10_000)}${'b* '.repeat(10_000)}`;
const REPEATED = 'zebrafish '.repeat(80_000);

function part(name: string, body: string, over: Partial<ExportPart> = {}): ExportPart {
  return { ...W06_MODELS, sectionId: name, heading: name, headingPath: [name], markdown: `## ${name}\n\n${body}\n`, ...over };
}

describe('conversionLimit (checked before any parse)', () => {
  it.each([
    ['a list nested 10,000 deep on one line', 'nesting', LIST_BOMB],
    ['lists indented 200 levels deep', 'nesting', INDENT_BOMB],
    ['20,000 unmatched emphasis markers in one paragraph', 'delimiters', DELIMITERS],
    ['800 KB of one word', 'size', REPEATED],
    ['a normal section', null, W06_MODELS.markdown],
    ['a long list of bold links', null, Array.from({ length: 500 }, (_, i) => `- **item ${i}**: [link](https://example.com/${i})`).join('\n')],
  ])('%s -> %s', (_name, limit, markdown) => {
    expect(conversionLimit(markdown)).toBe(limit);
  });

  it('counts emphasis markers per inline run, squared', () => {
    expect(inlineDelimiterWork('*a* _b_\n\n*c*')).toBe(16 + 4);
    expect(inlineDelimiterWork('- *a*\n- *b*')).toBe(4 + 4); // each list item is a run of its own
    expect(inlineDelimiterWork('a* '.repeat(2_001))).toBeGreaterThan(MAX_INLINE_DELIMITER_WORK);
  });
});

describe('sections beyond the limits', () => {
  it('rebaseSection returns the raw body and the reason, without parsing', () => {
    expect(rebaseSection(`## Bomb\n\n${LIST_BOMB}\n`, 2, 'Bomb')).toEqual({ heading: '### Bomb', body: LIST_BOMB, plain: 'nesting' });
    expect(rebaseSection(`Setext\n---\n\n${DELIMITERS}`, 2, 'Setext')).toEqual({ heading: '### Setext', body: DELIMITERS.trimEnd(), plain: 'delimiters' });
    expect(rebaseSection(LIST_BOMB, 0, 'Lead')).toMatchObject({ heading: '### Lead', body: LIST_BOMB, plain: 'nesting' });
  });

  it('are fenced in the Markdown export, under a note, and the next part stays Markdown', () => {
    const md = buildMarkdownExport([part('Bomb', `${LIST_BOMB}\n\n\`\`\`\`not closed`), W05_QUOTE], { order: 'given' });
    expect(md).toContain('*Shown as plain text: the section nests lists or quotes too deeply.*\n\n`````\n- - - ');
    // The fence outlasts the backticks inside: what follows is Markdown again.
    const tree = parseMarkdown(md.replace(LIST_BOMB, 'bomb'));
    expect(tree.children.some((n) => n.type === 'heading' && n.depth === 3 && JSON.stringify(n).includes('每周一句'))).toBe(true);
  });

  it('are preformatted text in the HTML export, with the note and the plain heading', () => {
    const html = buildHtmlExport([part('Delimiters', DELIMITERS), part('Long', REPEATED, { sectionId: 'long' })]);
    expect(html).toContain('<h3>Delimiters</h3>');
    expect(html).toContain('<p class="source">Shown as plain text: the section has too many emphasis or link markers.</p>\n<pre class="plain-text"><span>*a *a');
    expect(html).toContain(`<p class="source">Shown as plain text: the section is longer than ${MAX_CONVERTED_MARKDOWN_CHARS.toLocaleString('en')} characters.</p>`);
  });

  it('a plain export (after a worker ran out of time) parses nothing and says why on every part', () => {
    const result = buildExport({ parts: [W06_MODELS, part('Bomb', LIST_BOMB)], format: 'html', options: {} }, 'time');
    expect(result.content.match(/Shown as plain text: converting this export took too long\./g)).toHaveLength(2);
    expect(result.content).toContain('<h3>模型发布</h3>');
    expect(result.content).toContain('[AI news — 2026-06](../weekly_news/news_2026_06)');
  });
});

describe('buildExportOffThread', () => {
  /** Enough normal sections to be over the in-thread size. */
  const many: ExportJob = {
    parts: Array.from({ length: 60 }, (_, i) => ({ ...W06_MODELS, sectionId: `p${i}`, markdown: `${W06_MODELS.markdown}\n段落 ${i} ${'文字'.repeat(300)}\n` })),
    format: 'html',
    options: {},
  };
  const workerUrl = exportWorkerBeside(WORKER_URL);

  it('finds the worker beside the parse worker', () => {
    expect(workerUrl.href).toBe(new URL(EXPORT_WORKER_FILE, WORKER_URL).href);
    expect(exportWorkerBeside(WORKER_URL.pathname).href).toBe(workerUrl.href);
  });

  it('builds in the worker exactly what the calling thread builds', async () => {
    expect(many.parts.reduce((n, p) => n + p.markdown.length, 0)).toBeGreaterThan(IN_THREAD_CHARS);
    expect(await buildExportOffThread(many, { workerUrl })).toEqual(buildExport(many));
  });

  it('falls back to a plain export when the worker runs over its budget', async () => {
    const result = await buildExportOffThread(many, { workerUrl, timeBudgetMs: 1 });
    expect(result).toEqual(buildExport(many, 'time'));
  });

  it('builds on the calling thread when the worker cannot start', async () => {
    const missing = new URL('./no-such-export-worker.js', WORKER_URL);
    expect(await buildExportOffThread(many, { workerUrl: missing })).toEqual(buildExport(many));
  });
});

describe('AlmanacService.exportSections of hostile digests', () => {
  let vault: TempDir;
  let cache: TempDir;

  beforeEach(() => {
    vault = tempDir('almanac-export-limits-vault-');
    cache = tempDir('almanac-export-limits-cache-');
    vault.write('bomb.md', digest({ title: 'bomb', date: '2026-02-06' }, `## Bomb\n\n${LIST_BOMB}\n`));
    vault.write('zebra.md', digest({ title: 'zebra', date: '2026-02-13' }, `## Zebra\n\n${REPEATED}\n`));
    vault.write('normal.md', digest({ title: 'normal', date: '2026-02-20' }, W06_MODELS.markdown));
  });

  afterEach(() => {
    vault.cleanup();
    cache.cleanup();
  });

  it('exports them as plain text, in the worker, and the same as this thread would', async () => {
    const dbPath = path.join(cache.root, 'index.db');
    // Indexed first with a short parse budget: the list bomb runs the parse worker out of time (the index keeps it as plain text).
    const pool = new ParsePool({ workerUrl: WORKER_URL, size: 1, timeBudgetMs: 1000 });
    const store = Store.open(dbPath);
    try {
      await indexVault({ vaultPath: vault.root, store, pool, settings: { ...DEFAULT_SETTINGS } });
    } finally {
      store.close();
      await pool.destroy();
    }
    const service = await AlmanacService.open({ vaultPath: vault.root, dbPath, workerUrl: WORKER_URL, poolSize: 0 });
    try {
      const ids: string[] = [];
      for (const p of ['bomb.md', 'zebra.md', 'normal.md']) ids.push(...(await service.getDigest(p)).sections.map((s) => s.id));
      for (const format of ['md', 'html'] as const) {
        const result = await service.exportSections({ sectionIds: ids, format });
        expect(result.content.match(/Shown as plain text/g), format).toHaveLength(2);
        expect(result.content, format).toContain('GPT-5.3-Codex');
        const db = (service as unknown as { store: { db: Parameters<typeof exportSections>[0] } }).store.db;
        expect(result).toEqual(exportSections(db, { sectionIds: ids, format }));
      }
    } finally {
      await service.close();
    }
  });
});
