import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sectionId } from '../../src/core/store/section-id.js';
import { runCli } from '../helpers/cli.js';
import { digest, snapshotTree, tempDir, type TempDir } from '../helpers/temp-vault.js';

// One vault and index for the whole file (each CLI run re-checks it incrementally); a fresh output folder per test.
let vault: TempDir;
let cache: TempDir;
let out: TempDir;
let env: NodeJS.ProcessEnv;

const W05_MODELS = sectionId('weekly/2026-01-30.md', ['模型'], 0);
const W06_SAFETY = sectionId('weekly/2026-02-06.md', ['安全'], 0);

beforeAll(() => {
  vault = tempDir('almanac-export-cli-vault-');
  cache = tempDir('almanac-export-cli-cache-');
  env = { ALMANAC_CACHE_DIR: cache.root };
  vault.write('weekly/2026-01-30.md', digest({ title: 'AI 周刊 第 5 期', date: '2026-01-30' }, '## 模型\n\nKimi K2.5 开源。\n'));
  vault.write(
    'weekly/2026-02-06.md',
    digest({ title: 'AI 周刊 第 6 期', date: '2026-02-06' }, '## 模型\n\nGPT-5.3-Codex 发布。\n\n## 安全\n\n后门检测。\n'),
  );
});

afterAll(() => {
  vault.cleanup();
  cache.cleanup();
});

beforeEach(() => {
  out = tempDir('almanac-export-cli-out-');
});

afterEach(() => {
  out.cleanup();
});

const EXPECTED_MD = `# Almanac export

2 sections from 2 digests, 2026-W05 – 2026-W06.

## 2026-W05 · AI 周刊 第 5 期

### 模型

*Source: AI 周刊 第 5 期 · 2026-01-30 · 2026-W05 · \`weekly/2026-01-30.md\`*

Kimi K2.5 开源。

## 2026-W06 · AI 周刊 第 6 期

### 安全

*Source: AI 周刊 第 6 期 · 2026-02-06 · 2026-W06 · \`weekly/2026-02-06.md\`*

后门检测。
`;

describe('almanac export', () => {
  it('prints the export of sections (ids as `show --json` prints them) on standard output, leaving the vault untouched', async () => {
    const shown = await runCli(['show', 'weekly/2026-02-06.md', '--vault', vault.root, '--json'], { env });
    expect(shown.code, shown.stderr).toBe(0);
    const sections = (JSON.parse(shown.stdout) as { sections: { id: string; heading: string }[] }).sections;
    expect(sections.find((x) => x.heading === '安全')?.id).toBe(W06_SAFETY);
    const before = snapshotTree(vault.root);
    const run = await runCli(['export', '--vault', vault.root, '--section', W06_SAFETY, '--section', W05_MODELS], { env });
    expect(run.stderr).toBe('');
    expect(run).toMatchObject({ code: 0, stdout: EXPECTED_MD });
    expect(snapshotTree(vault.root)).toEqual(before);
  });

  it('refuses to overwrite an existing --out file without --force, and replaces it with --force', async () => {
    const dest = out.write('export.md', 'mine');
    const args = ['export', '--vault', vault.root, '--section', W05_MODELS, '--section', W06_SAFETY, '--out', dest];
    const refused = await runCli(args, { env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`refusing to overwrite existing file: ${dest}`);
    expect(readFileSync(dest, 'utf8')).toBe('mine');
    const forced = await runCli([...args, '--force'], { env });
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toBe('');
    expect(readFileSync(dest, 'utf8')).toBe(EXPECTED_MD);
    expect(readdirSync(out.root)).toEqual(['export.md']);
  });

  it('exports every section hit of --query as self-contained HTML into a new file', async () => {
    const dest = path.join(out.root, 'models.html');
    const run = await runCli(['export', '--vault', vault.root, '--query', '模型', '--out', dest], { env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`exported 2 sections to ${dest}`);
    const html = readFileSync(dest, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<p class="query">Query: <code>模型</code></p>');
    expect(html).toContain('<p>Kimi K2.5 开源。</p>');
    expect(html).toContain('<p>GPT-5.3-Codex 发布。</p>');
    expect(html).not.toContain('后门检测');
  });

  it('exits 1 for a bad command line and 2 for unknown sections or a missing --out folder', async () => {
    const both = await runCli(['export', '--vault', vault.root, '--section', 'abc', '--query', 'x'], { env });
    expect(both.code).toBe(1);
    expect(both.stderr).toContain('export: give either --section or --query, not both');
    const neither = await runCli(['export', '--vault', vault.root], { env });
    expect(neither.code).toBe(1);
    expect(neither.stderr).toContain('export: missing --section ID or --query Q');
    const badFormat = await runCli(['export', '--vault', vault.root, '--section', 'abc', '--format', 'pdf'], { env });
    expect(badFormat.code).toBe(1);
    expect(badFormat.stderr).toContain('export: PDF export needs the desktop app');
    const otherFormat = await runCli(['export', '--vault', vault.root, '--section', 'abc', '--format', 'docx'], { env });
    expect(otherFormat.code).toBe(1);
    expect(otherFormat.stderr).toContain('export: --format must be md or html, got "docx"');
    const unknown = await runCli(['export', '--vault', vault.root, '--section', 'feedfacefeedface'], { env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('"feedfacefeedface"');
    const noFolder = await runCli(['export', '--vault', vault.root, '--section', 'abc', '--out', path.join(out.root, 'no', 'x.md')], { env });
    expect(noFolder.code).toBe(2);
    expect(noFolder.stderr).toContain(`the folder of --out does not exist: ${path.join(out.root, 'no')}`);
    expect(existsSync(path.join(out.root, 'no'))).toBe(false);
  });

  it('refuses --out inside the vault: the vault is read-only to Almanac', async () => {
    const before = snapshotTree(vault.root);
    const dest = path.join(vault.root, 'export.md');
    const run = await runCli(['export', '--vault', vault.root, '--section', W05_MODELS, '--out', dest], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`export: --out ${dest} is inside the vault ${vault.root}; Almanac never writes into a vault`);
    expect(snapshotTree(vault.root)).toEqual(before);
  });
});
