/** `almanac serve` as a user runs it: the real CLI in a child process. */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { rawRequest, tempDir } from './server-fixtures.js';

const BIN = fileURLToPath(new URL('../../bin/almanac.js', import.meta.url));
const dirs: string[] = [];

afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function setupVault(): { root: string; vault: string } {
  const root = tempDir('almanac-serve-');
  dirs.push(root);
  const vault = path.join(root, 'vault');
  fs.mkdirSync(vault);
  fs.writeFileSync(path.join(vault, 'a.md'), '---\ntitle: Week A\ndate: 2026-02-06\n---\n\n## News\n\nClaude Opus 4.6\n');
  // A UI folder of our own, so the test does not depend on the renderer build.
  fs.mkdirSync(path.join(root, 'ui'));
  fs.writeFileSync(path.join(root, 'ui', 'index.html'), '<!doctype html><title>Almanac</title>');
  return { root, vault };
}

describe('almanac serve', () => {
  it('prints the tokenised URL, serves the vault, and exits 0 on SIGINT', async () => {
    const { root, vault } = setupVault();
    const child = spawn(process.execPath, [BIN, 'serve', vault, '--port', '0', '--db', path.join(root, 'index.db')], {
      env: { ...process.env, ALMANAC_UI_DIR: path.join(root, 'ui'), ALMANAC_CACHE_DIR: path.join(root, 'cache') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    let out = '';
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed:\n${out}`)), 30_000);
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /Almanac is serving (.+) at (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43})\n/.exec(out);
        if (m) {
          clearTimeout(timer);
          expect(m[1]).toBe(vault);
          resolve(m[2] as string);
        }
      });
    });
    const { port, searchParams } = new URL(url);
    const token = searchParams.get('token') as string;
    const getStatus = (headers: Record<string, string>) =>
      rawRequest(Number(port), { method: 'POST', path: '/api/getStatus', headers: { 'content-type': 'application/json', ...headers }, body: '{"args":[]}' });
    expect((await getStatus({})).status).toBe(401);
    expect((await getStatus({ authorization: `Bearer ${token}` })).status).toBe(200);
    const page = await rawRequest(Number(port), {});
    expect(page.body).toContain('<title>Almanac</title>');
    // Bound to the loopback address only: the port is not open on another local address.
    const other = await new Promise<string>((resolve) => {
      const req = http.get({ host: '127.0.0.2', port: Number(port), path: '/' }, () => resolve('connected'));
      req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      req.setTimeout(3_000, () => req.destroy(new Error('timeout')));
    });
    expect(other).not.toBe('connected');
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(out).toContain('almanac: stopping');
  });

  it('refuses a bad --port with a usage error', () => {
    const { root, vault } = setupVault();
    const r = spawnSync(process.execPath, [BIN, 'serve', vault, '--port', 'http', '--db', path.join(root, 'index.db')], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('serve: --port must be a port number from 0 to 65535, got "http"');
  });

  it('exits 3 when the port asked for is taken', async () => {
    const { root, vault } = setupVault();
    const blocker = http.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const child = spawn(process.execPath, [BIN, 'serve', vault, '--port', String(port), '--db', path.join(root, 'index.db')], {
        env: { ...process.env, ALMANAC_UI_DIR: path.join(root, 'ui') },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let err = '';
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(3);
      expect(err).toContain(`serve: port ${port} is in use; choose another --port or --port 0`);
    } finally {
      blocker.close();
    }
  });
});
