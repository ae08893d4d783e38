/**
 * The desktop journey in the real Electron app (Playwright's _electron):
 * open a vault given on the command line, see its status, search, change a
 * file on disk and see the results follow. Runs where the Electron binary and
 * a better-sqlite3 built for it exist (`npm start` prepares both); elsewhere
 * it reports itself skipped with the reason.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { digest, ROOT } from './helpers/server.js';

/** The Electron executable, found without require('electron') (which would try to download it). */
function electronBinary(): { exe: string } | { skip: string } {
  const pkgDir = path.join(ROOT, 'node_modules', 'electron');
  try {
    const rel = fs.readFileSync(path.join(pkgDir, 'path.txt'), 'utf8').trim();
    const exe = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(pkgDir, 'dist'), rel);
    if (fs.existsSync(exe)) return { exe };
    return { skip: `the Electron binary is not installed (${exe} is missing; it is downloaded on the first \`npm start\`)` };
  } catch {
    return { skip: 'the Electron binary is not installed (node_modules/electron/path.txt is missing; it is downloaded on the first `npm start`)' };
  }
}

function electronSqlite(): string | null {
  const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
  const binding = path.join(ROOT, '.native', `electron-${version}`, 'better_sqlite3.node');
  return fs.existsSync(binding) ? binding : null;
}

const found = electronBinary();
const binding = electronSqlite();

test('desktop: open a vault, search, and follow an edit on disk', async () => {
  test.skip('skip' in found, 'skip' in found ? found.skip : '');
  test.skip(binding === null, 'better-sqlite3 is not built for Electron yet (.native/electron-<version>/); run `npm start` once');
  const exe = (found as { exe: string }).exe;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'almanac-electron-'));
  const vault = path.join(tmp, 'vault');
  fs.mkdirSync(path.join(vault, 'weekly'), { recursive: true });
  fs.writeFileSync(path.join(vault, 'weekly', '2026-02-06.md'), digest({ title: 'AI 周报 2026-02-06', date: '2026-02-06', body: '## 模型\n\nGPT-5.3-Codex 发布。' }));
  const app = await electron.launch({
    executablePath: exe,
    args: [ROOT, vault],
    cwd: ROOT,
    env: { ...process.env, ALMANAC_SQLITE_BINDING: binding as string, ALMANAC_USER_DATA: path.join(tmp, 'userData') },
  });
  try {
    const page = await app.firstWindow();
    expect(page.url()).toBe('app://almanac/index.html');
    // The renderer sees only the bridge: no Node, no ipcRenderer.
    const globals = await page.evaluate(() => {
      const g = globalThis as { require?: unknown; process?: unknown; almanac?: object };
      return { require: typeof g.require, process: typeof g.process, bridge: Object.keys(g.almanac ?? {}) };
    });
    expect(globals.require).toBe('undefined');
    expect(globals.process).toBe('undefined');
    expect(globals.bridge).toContain('search');

    await expect(page.getByText(/Index up to date|索引已是最新/)).toBeVisible({ timeout: 30_000 });
    const box = page.getByRole('searchbox', { name: /^(Search|搜索)$/ });
    const results = page.getByRole('listbox', { name: /^(Results|搜索结果)$/ });
    await box.fill('Codex');
    await expect(results.getByRole('button', { name: 'AI 周报 2026-02-06' })).toBeVisible();

    await box.fill('量子纠错');
    fs.writeFileSync(path.join(vault, 'weekly', '2026-02-13.md'), digest({ title: 'AI 周报 2026-02-13', date: '2026-02-13', body: '## 研究\n\n量子纠错。' }));
    await expect(results.getByRole('button', { name: 'AI 周报 2026-02-13' })).toBeVisible({ timeout: 20_000 });
  } finally {
    await app.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
