import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportSections, loadExportParts } from '../../src/core/export/index.js';
import { AlmanacService } from '../../src/core/service/almanac-service.js';
import { DEFAULT_SETTINGS, type ExportRequest } from '../../src/shared/api.js';
import { digest, snapshotTree, tempDir, type TempDir } from '../helpers/temp-vault.js';
import { WORKER_URL } from '../helpers/worker.js';

let vault: TempDir;
let cache: TempDir;
let db: Database.Database;
const ids = new Map<string, string>();

beforeEach(async () => {
  vault = tempDir('almanac-export-vault-');
  cache = tempDir('almanac-export-cache-');
  vault.write(
    'weekly/2026-01-30.md',
    digest({ title: 'AI 周刊 第 5 期', date: '2026-01-30' }, '本期导读。\n\n## 开源\n\nClaude Opus 4.6 开源工具。\n\n#### 细节\n\n```\n# 代码\n```\n'),
  );
  vault.write(
    'weekly/2026-02-06.md',
    digest(
      { title: 'AI 周刊 第 6 期', date: '2026-02-06' },
      '# 总览\n\n见 [上周](./2026-01-30.md)。\n\n## 模型发布\n\nGPT-5.3-Codex 发布。\n\n### 评测\n\n分数很高。\n',
    ),
  );
  const service = new AlmanacService({
    vaultPath: vault.root,
    dbPath: path.join(cache.root, 'index.db'),
    workerUrl: WORKER_URL,
    poolSize: 0,
    settings: DEFAULT_SETTINGS,
  });
  try {
    await service.reindex();
    for (const p of ['weekly/2026-01-30.md', 'weekly/2026-02-06.md']) {
      for (const s of (await service.getDigest(p)).sections) ids.set(`${p}#${s.heading}`, s.id);
    }
  } finally {
    await service.close();
  }
  db = new Database(path.join(cache.root, 'index.db'), { readonly: true });
});

afterEach(() => {
  db.close();
  ids.clear();
  vault.cleanup();
  cache.cleanup();
});

function id(key: string): string {
  const value = ids.get(key);
  if (value === undefined) throw new Error(`test setup: no section ${key} (have ${[...ids.keys()].join(', ')})`);
  return value;
}

describe('loadExportParts', () => {
  it('loads the exact Markdown slice of each section with its digest, in the order given', () => {
    const parts = loadExportParts(db, [id('weekly/2026-02-06.md#评测'), id('weekly/2026-01-30.md#开源'), id('weekly/2026-02-06.md#评测')]);
    expect(parts.map((p) => [p.digestPath, p.heading, p.level, p.week, p.headingPath])).toEqual([
      ['weekly/2026-02-06.md', '评测', 3, '2026-W06', ['总览', '模型发布', '评测']],
      ['weekly/2026-01-30.md', '开源', 2, '2026-W05', ['开源']],
    ]);
    expect(parts[0]?.markdown).toBe('### 评测\n\n分数很高。\n');
    expect(parts[1]?.markdown).toBe('## 开源\n\nClaude Opus 4.6 开源工具。\n\n#### 细节\n\n```\n# 代码\n```\n');
  });

  it('names every unknown id', () => {
    expect(() => loadExportParts(db, [id('weekly/2026-01-30.md#开源'), 'feedfacefeedface', 'nope'])).toThrow(
      'export: unknown section ids "feedfacefeedface", "nope" (not in the index; re-run a search or re-index)',
    );
  });
});

describe('exportSections', () => {
  it('exports sections of several weeks from the index as Markdown, oldest first', () => {
    const request: ExportRequest = {
      sectionIds: [id('weekly/2026-02-06.md#模型发布'), id('weekly/2026-02-06.md#总览'), id('weekly/2026-01-30.md#'), id('weekly/2026-01-30.md#开源')],
      format: 'md',
    };
    const before = snapshotTree(vault.root);
    const result = exportSections(db, request);
    expect(result.fileName).toBe('almanac-export-2026-W05-to-2026-W06.md');
    expect(result.sectionCount).toBe(4);
    expect(result.content).toBe(`# Almanac export

4 sections from 2 digests, 2026-W05 – 2026-W06.

## 2026-W05 · AI 周刊 第 5 期

### AI 周刊 第 5 期

*Source: AI 周刊 第 5 期 · 2026-01-30 · 2026-W05 · \`weekly/2026-01-30.md\`*

本期导读。

### 开源

*Source: AI 周刊 第 5 期 · 2026-01-30 · 2026-W05 · \`weekly/2026-01-30.md\`*

Claude Opus 4.6 开源工具。

##### 细节

\`\`\`
# 代码
\`\`\`

## 2026-W06 · AI 周刊 第 6 期

### 总览

*Source: AI 周刊 第 6 期 · 2026-02-06 · 2026-W06 · \`weekly/2026-02-06.md\`*

见 上周 (vault: \`weekly/2026-01-30.md\`)。

### 模型发布

*Source: AI 周刊 第 6 期 · 2026-02-06 · 2026-W06 · \`weekly/2026-02-06.md\`*

GPT-5.3-Codex 发布。
`);
    expect(snapshotTree(vault.root)).toEqual(before);
  });

  it('keeps the selection order with order "given" and renders HTML', () => {
    const result = exportSections(db, {
      sectionIds: [id('weekly/2026-02-06.md#评测'), id('weekly/2026-01-30.md#开源')],
      format: 'html',
      order: 'given',
      title: '评测与开源',
    });
    expect(result.fileName).toBe('almanac-export-2026-W05-to-2026-W06.html');
    expect(result.content).toContain('<title>评测与开源</title>');
    expect(result.content.indexOf('<h3>评测</h3>')).toBeLessThan(result.content.indexOf('<h3>开源</h3>'));
  });

  it('refuses bad requests with messages naming the problem', () => {
    const sectionIds = [id('weekly/2026-01-30.md#开源')];
    expect(() => exportSections(db, { sectionIds: [], format: 'md' })).toThrow('export: no sections selected');
    expect(() => exportSections(db, { sectionIds, format: 'pdf' as never })).toThrow("export: format must be 'md' or 'html', got \"pdf\"");
    expect(() => exportSections(db, { sectionIds, format: 'md', groupBy: 'month' as never })).toThrow(
      "export: groupBy must be 'week' or 'heading', got \"month\"",
    );
    expect(() => exportSections(db, { sectionIds: [1] as never, format: 'md' })).toThrow('export: sectionIds must be a list of section ids');
    expect(() => exportSections(db, { sectionIds, format: 'md', dedupe: 'yes' as never })).toThrow('export: dedupe must be true or false');
  });
});
