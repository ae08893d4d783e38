/**
 * The e2e fixture every browser spec can use: writes a vault into a temp
 * folder, starts `node bin/almanac.js serve <vault> --port 0 --db <tmp>/index.db`
 * (the real CLI, the built UI), parses the printed URL, and stops the server
 * with SIGINT after the test (like Ctrl-C). Needs `npm run build` first.
 *
 *   import { test, expect, digest } from './helpers/server.js';
 *   test.use({ vaultFiles: { 'weekly/2026-02-06.md': digest({ title: 'AI 周报', date: '2026-02-06', body: '## 模型\n\nGPT' }) } });
 *   test('...', async ({ page, almanac }) => { await page.goto(almanac.url); ... almanac.writeDigest(...) });
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect } from '@playwright/test';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const URL_LINE = /Almanac is serving .+ at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]+))/;

export interface DigestSpec {
  title: string;
  date?: string;
  tags?: string[];
  description?: string;
  body: string;
}

/** A digest file: YAML front matter and a Markdown body. */
export function digest(spec: DigestSpec): string {
  const lines = ['---', `title: ${JSON.stringify(spec.title)}`];
  if (spec.date) lines.push(`date: ${spec.date}`);
  if (spec.tags) lines.push(`tags: [${spec.tags.map((t) => JSON.stringify(t)).join(', ')}]`);
  if (spec.description) lines.push(`description: ${JSON.stringify(spec.description)}`);
  lines.push('---', '', spec.body.trim(), '');
  return lines.join('\n');
}

export interface AlmanacServe {
  /** The printed URL with the token (http://127.0.0.1:PORT/?token=...). */
  url: string;
  origin: string;
  token: string;
  vaultDir: string;
  dbPath: string;
  /** Writes (or overwrites) a file in the vault, creating folders. */
  writeDigest(relPath: string, content: string | Uint8Array): void;
  removeDigest(relPath: string): void;
  /** What the server printed so far (stdout and stderr). */
  output(): string;
  /** Sends SIGINT and waits for the exit (SIGKILL after 10 s); resolves with the exit code. */
  stop(): Promise<number | null>;
}

export interface StartOptions {
  /** Vault-relative path -> file content (text, or bytes such as images). */
  vaultFiles?: Record<string, string | Uint8Array>;
  /** Extra `almanac serve` arguments. */
  args?: string[];
}

function vaultFile(vaultDir: string, relPath: string): string {
  if (path.isAbsolute(relPath) || relPath.split(/[/\\]/).includes('..')) {
    throw new Error(`writeDigest: ${JSON.stringify(relPath)} must be a path inside the vault`);
  }
  return path.join(vaultDir, relPath);
}

export async function startAlmanacServe(options: StartOptions = {}): Promise<AlmanacServe> {
  const cli = path.join(ROOT, 'out', 'node', 'cli.js');
  if (!fs.existsSync(cli) || !fs.existsSync(path.join(ROOT, 'out', 'renderer', 'index.html'))) {
    throw new Error('the app is not built: run `npm run build` before the e2e tests');
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'almanac-e2e-'));
  const vaultDir = path.join(tmp, 'vault');
  const dbPath = path.join(tmp, 'index.db');
  fs.mkdirSync(vaultDir);
  const writeDigest = (relPath: string, content: string | Uint8Array): void => {
    const abs = vaultFile(vaultDir, relPath);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  };
  for (const [rel, content] of Object.entries(options.vaultFiles ?? {})) writeDigest(rel, content);

  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(ROOT, 'bin', 'almanac.js'), 'serve', vaultDir, '--port', '0', '--db', dbPath, ...(options.args ?? [])],
    { cwd: ROOT, env: { ...process.env, ALMANAC_CACHE_DIR: path.join(tmp, 'cache') }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`almanac serve printed no URL within 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const m = URL_LINE.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`almanac serve exited with ${code} before printing its URL:\n${output}`));
    });
  }).catch(async (err: unknown) => {
    child.kill('SIGKILL');
    fs.rmSync(tmp, { recursive: true, force: true });
    throw err;
  });

  let stopped: Promise<number | null> | null = null;
  const stop = (): Promise<number | null> => {
    stopped ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(kill);
      fs.rmSync(tmp, { recursive: true, force: true });
      return code;
    })();
    return stopped;
  };

  const url = match[1] as string;
  return {
    url,
    origin: new URL(url).origin,
    token: match[3] as string,
    vaultDir,
    dbPath,
    writeDigest,
    removeDigest: (relPath) => fs.rmSync(vaultFile(vaultDir, relPath), { force: true }),
    output: () => output,
    stop,
  };
}

export const test = base.extend<{ vaultFiles: Record<string, string | Uint8Array>; serveArgs: string[]; almanac: AlmanacServe }>({
  vaultFiles: [{}, { option: true }],
  serveArgs: [[], { option: true }],
  almanac: async ({ vaultFiles, serveArgs }, use) => {
    const server = await startAlmanacServe({ vaultFiles, args: serveArgs });
    try {
      await use(server);
    } finally {
      await server.stop();
    }
  },
});

export { expect };
