/**
 * Several processes on one index at once, as when the desktop app,
 * `almanac serve` and the CLI share it: `almanac index` and `almanac search`
 * (which indexes first) in loops, a serve process re-indexing over HTTP, and
 * the vault changing underneath. Every process either waits for the write
 * lock (busy_timeout) and succeeds, or says clearly that the index is busy
 * (exit code 3, naming the index file); nothing corrupts the index, and a
 * final run matches a clean index.
 */
import BetterSqlite3 from 'better-sqlite3';
import { appendFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeVault } from '../../bench/generate.js';
import { EXIT } from '../../src/cli/command.js';
import { checkIntegrity, firstDifference, indexSnapshot, movedAsideFiles, runCli, seededRandom, type CliRun } from '../helpers/reliability-tools.js';
import { tempDir } from '../helpers/temp-vault.js';
import { CLI_PATH } from '../helpers/worker.js';

const QUERIES = ['模型', 'GPT', 'tag:AI', 'OpenAI 发布'];
const ROUNDS = 3;

/** A CLI run on a shared index either succeeded or reported "busy" clearly. */
function expectOkOrBusy(run: CliRun, dbPath: string, what: string): void {
  if (run.code === EXIT.busy) {
    expect(run.stderr, what).toContain(dbPath);
    expect(run.stderr, what).toMatch(/busy/i);
    return;
  }
  expect(run.code, `${what}: ${run.stderr}`).toBe(EXIT.ok);
}

interface Served {
  child: ChildProcess;
  origin: string;
  token: string;
  exited: Promise<number | null>;
  stderr: () => string;
}

function startServe(vault: string, dbPath: string, uiDir: string): Promise<Served> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_PATH, 'serve', vault, '--db', dbPath, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ALMANAC_UI_DIR: uiDir },
    });
    let stdout = '';
    let stderr = '';
    const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${stderr}`)), 60_000);
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      const m = /at (http:\/\/127\.0\.0\.1:\d+)\/\?token=([\w-]+)/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve({ child, origin: m[1]!, token: m[2]!, exited, stderr: () => stderr });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}: ${stderr}`));
    });
  });
}

async function httpReindex(served: Served): Promise<{ ok: boolean; message?: string }> {
  const res = await fetch(`${served.origin}/api/reindex`, {
    method: 'POST',
    headers: { authorization: `Bearer ${served.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ args: [] }),
  });
  const body = (await res.json()) as { ok: boolean; error?: { message: string } };
  return { ok: body.ok, message: body.error?.message };
}

describe('the CLI, almanac serve and the app on one index at once', () => {
  const data = tempDir('almanac-concurrency-');
  afterAll(() => data.cleanup());

  it('waits or reports busy, never corrupts, and ends identical to a clean index', async () => {
    const vault = path.join(data.root, 'vault');
    writeVault(vault, 8, 9);
    const dbDir = path.join(data.root, 'shared');
    const dbPath = path.join(dbDir, 'index.db');
    const uiDir = path.join(data.root, 'ui');
    mkdirSync(uiDir);
    writeFileSync(path.join(uiDir, 'index.html'), '<!doctype html><title>Almanac</title>');
    const files = (readdirSync(vault, { recursive: true }) as string[]).filter((p) => p.endsWith('.md')).sort();
    const random = seededRandom(4848);

    const served = await startServe(vault, dbPath, uiDir);
    let editing = true;
    const edits = (async () => {
      for (let n = 0; editing; n++) {
        try {
          appendFileSync(path.join(vault, files[Math.floor(random() * files.length)]!), `\n\n## 并发 ${n}\n\n并发修改 concurrent edit ${n}。\n`);
        } catch {
          return; // the test ended (timed out) and removed the vault
        }
        await new Promise((r) => setTimeout(r, 1000));
      }
    })();

    const indexRuns: CliRun[] = [];
    const searchRuns: CliRun[] = [];
    const httpRuns: { ok: boolean; message?: string }[] = [];
    try {
      await Promise.all([
        (async () => {
          for (let i = 0; i < ROUNDS; i++) indexRuns.push(await runCli(['index', vault, '--db', dbPath, '--json']));
        })(),
        (async () => {
          for (let i = 0; i < ROUNDS; i++) searchRuns.push(await runCli(['search', 'GPT', '模型', '--vault', vault, '--db', dbPath, '--json']));
        })(),
        (async () => {
          for (let i = 0; i < ROUNDS; i++) httpRuns.push(await httpReindex(served));
        })(),
      ]);
    } finally {
      editing = false;
      await edits;
      served.child.kill('SIGTERM');
    }
    expect(await served.exited, served.stderr()).toBe(0);

    indexRuns.forEach((r, i) => expectOkOrBusy(r, dbPath, `index run ${i}`));
    searchRuns.forEach((r, i) => expectOkOrBusy(r, dbPath, `search run ${i}`));
    for (const r of searchRuns.filter((s) => s.code === EXIT.ok)) expect(JSON.parse(r.stdout)).toMatchObject({ total: expect.any(Number) });
    httpRuns.forEach((r, i) => {
      if (!r.ok) expect(r.message, `reindex over HTTP ${i}`).toMatch(/busy|locked/i);
    });
    expect(served.stderr()).not.toMatch(/malformed|corrupt/i);

    expect(checkIntegrity(dbPath)).toBe('ok');
    expect(movedAsideFiles(dbDir)).toEqual([]);
    const db = new BetterSqlite3(dbPath, { readonly: true });
    db.close();

    const final = await runCli(['index', vault, '--db', dbPath, '--json']);
    expect(final.code, final.stderr).toBe(0);
    const cleanDb = path.join(data.root, 'clean', 'index.db');
    const clean = await runCli(['index', vault, '--db', cleanDb, '--json']);
    expect(clean.code, clean.stderr).toBe(0);
    expect(firstDifference(indexSnapshot(dbPath, QUERIES), indexSnapshot(cleanDb, QUERIES))).toBeNull();
  }, 300_000);

  it('a writer that cannot get the lock in time exits with code 3 and names the index', async () => {
    const vault = path.join(data.root, 'vault-busy');
    writeVault(vault, 3, 5);
    const dbPath = path.join(data.root, 'busy', 'index.db');
    const first = await runCli(['index', vault, '--db', dbPath, '--json']);
    expect(first.code, first.stderr).toBe(0);
    appendFileSync(path.join(vault, (readdirSync(vault, { recursive: true }) as string[]).find((p) => p.endsWith('.md'))!), '\n\nchanged\n');

    // Another process holds the write lock for longer than the CLI waits.
    const holder = new BetterSqlite3(dbPath);
    holder.exec('BEGIN IMMEDIATE');
    try {
      const run = await runCli(['index', vault, '--db', dbPath, '--json']);
      expect(run.code, run.stderr).toBe(EXIT.busy);
      expect(run.stderr).toContain(dbPath);
      expect(run.stderr).toMatch(/busy/i);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(checkIntegrity(dbPath)).toBe('ok');
    const after = await runCli(['index', vault, '--db', dbPath, '--json']);
    expect(after.code, after.stderr).toBe(0);
    expect(JSON.parse(after.stdout)).toMatchObject({ indexed: 1 });
  }, 60_000);
});
