/**
 * The vault is never written: every file's and folder's bytes, mode, size,
 * mtime and ctime (nanoseconds), the folder listings, and atime where the
 * mount makes it stable, are identical before and after indexing, watching,
 * searching, show, export and web mode (CLI children and the in-process
 * service).
 *
 * atime: the vault's atimes are set an hour ahead before the first snapshot.
 * Under `relatime` (Linux's default) a read then leaves atime alone (it is
 * newer than mtime and ctime and less than a day old), and under `noatime`
 * nothing updates it, so any atime change would be a write-like touch. Under
 * `strictatime` every read updates atime, so atime is not compared there.
 */
import { lstatSync, lutimesSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeVault } from '../../bench/generate.js';
import { exportSections, writeExportFile } from '../../src/core/export/index.js';
import { AlmanacService } from '../../src/core/service/almanac-service.js';
import { startAutoReindex } from '../../src/core/watch/auto-reindex.js';
import { HOSTILE_CORPUS } from '../helpers/hostile-corpus.js';
import { runCli } from '../helpers/reliability-tools.js';
import { tempDir, type TempDir } from '../helpers/temp-vault.js';
import { CLI_PATH, WORKER_URL } from '../helpers/worker.js';

interface EntryState {
  kind: 'file' | 'dir' | 'symlink';
  mode: bigint;
  size: bigint;
  mtimeNs: bigint;
  ctimeNs: bigint;
  atimeNs: bigint | null;
  /** File bytes (base64), symlink target, or the folder's sorted listing. */
  content: string;
}

/** The mount options of the file system holding `dir` (Linux /proc/self/mountinfo), or '' when unknown. */
function mountOptionsOf(dir: string): string {
  try {
    const mounts = readFileSync('/proc/self/mountinfo', 'utf8')
      .split('\n')
      .map((line) => line.split(' '))
      .filter((f) => f.length > 5)
      .map((f) => ({ point: f[4]!, options: f[5]! }))
      .filter((m) => dir === m.point || dir.startsWith(m.point.endsWith('/') ? m.point : `${m.point}/`))
      .sort((a, b) => b.point.length - a.point.length);
    return mounts[0]?.options ?? '';
  } catch {
    return '';
  }
}

function snapshot(root: string, withAtime: boolean): Map<string, EntryState> {
  const out = new Map<string, EntryState>();
  const visit = (abs: string): void => {
    const st = lstatSync(abs, { bigint: true });
    const rel = path.relative(root, abs) || '.';
    const base = { mode: st.mode, size: st.size, mtimeNs: st.mtimeNs, ctimeNs: st.ctimeNs, atimeNs: withAtime ? st.atimeNs : null };
    if (st.isSymbolicLink()) out.set(rel, { kind: 'symlink', ...base, content: readlinkSync(abs) });
    else if (st.isDirectory()) {
      const names = readdirSync(abs).sort();
      out.set(rel, { kind: 'dir', ...base, content: names.join('\n') });
      for (const n of names) visit(path.join(abs, n));
    } else out.set(rel, { kind: 'file', ...base, content: readFileSync(abs).toString('base64') });
  };
  visit(root);
  return out;
}

/** Sets every entry's atime an hour ahead (mtime kept), so that relatime reads leave it alone. */
function pushAtimesAhead(root: string): void {
  const ahead = new Date(Date.now() + 3_600_000);
  const visit = (abs: string): void => {
    const st = lstatSync(abs);
    if (st.isSymbolicLink()) return lutimesSync(abs, ahead, st.mtime);
    if (st.isDirectory()) for (const n of readdirSync(abs)) visit(path.join(abs, n));
    utimesSync(abs, ahead, st.mtime);
  };
  visit(root);
}

describe('the vault is never written', () => {
  let vault: TempDir;
  let data: TempDir;
  let dbPath: string;
  let before: Map<string, EntryState>;
  let withAtime: boolean;

  beforeAll(() => {
    vault = tempDir('almanac-readonly-vault-');
    data = tempDir('almanac-readonly-data-');
    writeVault(path.join(vault.root, 'generated'), 12, 3);
    for (const e of HOSTILE_CORPUS.filter((x) => x.markdown.length < 20_000)) vault.write(`hostile/${e.name}`, e.markdown);
    vault.write('weekly/2026-02-06.md', '---\ntitle: 周报\ndate: 2026-02-06\ntags: [AI]\n---\n## 模型\n本周 GPT-5.3-Codex 发布。\n');
    vault.write('weekly/image.png', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]));
    vault.write('.obsidian/workspace.json', '{}');
    vault.write('drafts/unfinished.md', '# draft\n');
    vault.write('binary.md', Uint8Array.from([0, 1, 2, 0, 255]));
    mkdirSync(path.join(vault.root, 'empty-folder'));
    symlinkSync('weekly/2026-02-06.md', path.join(vault.root, 'link-to-weekly.md'));
    symlinkSync('/nonexistent/target.md', path.join(vault.root, 'dangling.md'));
    writeFileSync(path.join(vault.root, 'read-only.md'), '## 只读\nread only file\n', { mode: 0o444 });
    dbPath = path.join(data.root, 'index', 'index.db');

    const options = mountOptionsOf(vault.root);
    withAtime = /(^|,)(noatime|relatime)(,|$)/.test(options);
    if (withAtime) pushAtimesAhead(vault.root);
    before = snapshot(vault.root, withAtime);
  });

  afterAll(() => {
    vault?.cleanup();
    data?.cleanup();
  });

  const expectUntouched = (step: string): void => {
    const after = snapshot(vault.root, withAtime);
    expect([...after.keys()], step).toEqual([...before.keys()]);
    for (const [rel, state] of before) expect(after.get(rel), `${step}: ${rel}`).toEqual(state);
  };

  it('the CLI: index, search, show, export', async () => {
    const index = await runCli(['index', vault.root, '--db', dbPath, '--json']);
    expect(index.code, index.stderr).toBe(0);
    expect(JSON.parse(index.stdout).digests).toBeGreaterThan(20);
    expectUntouched('almanac index');

    const search = await runCli(['search', 'GPT', '--vault', vault.root, '--db', dbPath, '--json']);
    expect(search.code, search.stderr).toBe(0);
    const show = await runCli(['show', 'weekly/2026-02-06.md', '--vault', vault.root, '--db', dbPath, '--json']);
    expect(show.code, show.stderr).toBe(0);
    expectUntouched('almanac search / show');

    const out = path.join(data.root, 'export.html');
    const exported = await runCli(['export', '--vault', vault.root, '--db', dbPath, '--query', 'GPT', '--format', 'html', '--out', out]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('<!doctype html>');
    expectUntouched('almanac export');
  }, 120_000);

  it('the service: reindex, watch, search, digest, export', async () => {
    const service = await AlmanacService.open({ vaultPath: vault.root, dbPath: path.join(data.root, 'svc', 'index.db'), workerUrl: WORKER_URL, poolSize: 1 });
    try {
      await service.reindex();
      const watching = await startAutoReindex({ api: service, debounceMs: 50, maxWaitMs: 200 });
      await new Promise((r) => setTimeout(r, 500));
      await watching.close();
      const res = await service.search({ query: 'GPT 模型' });
      expect(res.total).toBeGreaterThan(0);
      const digest = await service.getDigest('weekly/2026-02-06.md');
      const db = (await import('better-sqlite3')).default;
      const conn = new db(path.join(data.root, 'svc', 'index.db'), { readonly: true });
      try {
        const html = exportSections(conn, { sectionIds: digest.sections.map((s) => s.id), format: 'html' });
        await writeExportFile(path.join(data.root, 'svc-export.html'), html.content, {});
      } finally {
        conn.close();
      }
    } finally {
      await service.close();
    }
    expectUntouched('service');
  }, 120_000);

  it('web mode: almanac serve answering API calls', async () => {
    const uiDir = path.join(data.root, 'ui');
    mkdirSync(uiDir, { recursive: true });
    writeFileSync(path.join(uiDir, 'index.html'), '<!doctype html><title>Almanac</title>');
    const child = spawn(process.execPath, [CLI_PATH, 'serve', vault.root, '--db', path.join(data.root, 'web', 'index.db'), '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ALMANAC_UI_DIR: uiDir },
    });
    const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
    try {
      let stdout = '';
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      const url = await new Promise<RegExpExecArray>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`serve did not start: ${stderr}`)), 60_000);
        child.stdout.setEncoding('utf8').on('data', (d: string) => {
          stdout += d;
          const m = /at (http:\/\/127\.0\.0\.1:\d+)\/\?token=([\w-]+)/.exec(stdout);
          if (m) {
            clearTimeout(timer);
            resolve(m);
          }
        });
      });
      const call = async (method: string, args: unknown[]): Promise<{ ok: boolean; result?: unknown }> => {
        const res = await fetch(`${url[1]}/api/${method}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${url[2]}`, 'content-type': 'application/json' },
          body: JSON.stringify({ args }),
        });
        return (await res.json()) as { ok: boolean; result?: unknown };
      };
      expect((await call('reindex', [])).ok).toBe(true);
      expect((await call('search', [{ query: 'GPT' }])).ok).toBe(true);
      expect((await call('getDigest', ['weekly/2026-02-06.md'])).ok).toBe(true);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expectUntouched('almanac serve');
  }, 120_000);
});
