/**
 * `almanac serve [vault]`: the localhost web mode. Serves the built UI and the
 * AlmanacApi on 127.0.0.1 with a per-launch token, indexes the vault in the
 * background, re-indexes on file changes, and runs until Ctrl-C.
 */
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { WatchBatch } from '../../core/watch/watcher.js';
import { startAutoReindex, type AutoReindex } from '../../core/watch/auto-reindex.js';
import { createServer, type AlmanacServer } from '../../server/server.js';
import { parseByteSize, parseCommandLine } from '../args.js';
import { EXIT, UsageError, type CliContext, type Command, type CommandSpec } from '../command.js';
import { formatDurationMs, summaryCounts } from '../progress.js';
import { openCliVault, type CliVault } from '../vault.js';
import { gitDatesFlag } from './git-dates-flag.js';

export const SERVE_HELP = `Usage: almanac serve [vault] [options]

Serves Almanac's interface at http://127.0.0.1:PORT/ for this machine only,
and keeps the index current while files in the vault change. Without a vault
it serves the bundled sample vault. Stop it with Ctrl-C.

Options:
  --port N                port to listen on (default 4848, or a free port when
                          4848 is busy; 0 picks a free port)
  --db FILE               index file (default: a per-user cache folder,
                          or $ALMANAC_CACHE_DIR when set)
  --exclude GLOB          skip matching files or folders (repeatable)
  --max-file-size BYTES   skip larger files (default 8M; accepts K, M, G)
  --no-git-dates          do not date undated digests by their first git
                          commit (--git-dates: do again; default on)
  --open                  open the URL in the default browser
  --no-open               do not open a browser (the default)
  --allow-open            let the page switch to another vault folder
                          (refused by default: a page must not choose folders)
  -h, --help              show this help

The printed URL carries a per-launch access token; anyone without it (other
users, other web pages) is refused. The vault is never written to.
`;

const OPTIONS = {
  port: { type: 'string' },
  db: { type: 'string' },
  exclude: { type: 'string', multiple: true },
  'max-file-size': { type: 'string' },
  'git-dates': { type: 'boolean' },
  'no-git-dates': { type: 'boolean' },
  open: { type: 'boolean' },
  'no-open': { type: 'boolean' },
  'allow-open': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const DEFAULT_PORT = 4848;

/** The first of the candidate paths (relative to this module, bundled or not) that exists. */
function findBesideApp(candidates: string[]): string | null {
  for (const rel of candidates) {
    const p = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(p)) return p;
  }
  return null;
}

/** resources/sample-vault, from out/node/cli.js (bundled) or src/cli/commands/serve.ts. */
export function bundledSampleVault(): string | null {
  return findBesideApp(['../../resources/sample-vault', '../../../resources/sample-vault']);
}

/** out/renderer, the built UI (ALMANAC_UI_DIR overrides). */
export function builtUiDir(env: NodeJS.ProcessEnv): string {
  if (env.ALMANAC_UI_DIR) return env.ALMANAC_UI_DIR;
  return findBesideApp(['../renderer', '../../../out/renderer']) ?? fileURLToPath(new URL('../renderer', import.meta.url));
}

export function parsePort(text: string | undefined): number | null {
  if (text === undefined) return null;
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) {
    throw new UsageError(`serve: --port must be a port number from 0 to 65535, got ${JSON.stringify(text)}`);
  }
  return Number(text);
}

function isAddressInUse(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && err.code === 'EADDRINUSE';
}

function openBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  try {
    spawn(cmd, args, { stdio: 'ignore', detached: true }).on('error', () => undefined).unref();
  } catch {
    // The URL is printed anyway.
  }
}

function describeBatch(batch: WatchBatch): string {
  const parts = [
    batch.changed.length > 0 ? `${batch.changed.length} changed` : '',
    batch.removed.length > 0 ? `${batch.removed.length} removed` : '',
    batch.overflowed ? 'too many to follow one by one: re-scanning the vault' : '',
  ].filter(Boolean);
  return parts.join(', ');
}

async function listen(vault: CliVault, port: number | null, allowOpen: boolean, ctx: CliContext): Promise<AlmanacServer> {
  const options = { api: vault.service, images: vault.service, staticDir: builtUiDir(ctx.env), allowOpen };
  if (port !== null) {
    try {
      return await createServer({ ...options, port });
    } catch (err) {
      if (isAddressInUse(err)) throw new PortBusyError(`serve: port ${port} is in use; choose another --port or --port 0`);
      throw err;
    }
  }
  try {
    return await createServer({ ...options, port: DEFAULT_PORT });
  } catch (err) {
    if (!isAddressInUse(err)) throw err;
    ctx.stderr.write(`almanac: port ${DEFAULT_PORT} is in use; using a free port instead\n`);
    return createServer({ ...options, port: 0 });
  }
}

class PortBusyError extends Error {}

/** Ctrl-C (the CLI's ctx.interrupted) or SIGTERM (service managers, test fixtures). */
function stopRequested(ctx: CliContext): Promise<void> {
  let onTerm: (() => void) | null = null;
  const term = new Promise<void>((resolve) => {
    onTerm = resolve;
    process.once('SIGTERM', resolve);
  });
  return Promise.race([ctx.interrupted, term]).finally(() => {
    if (onTerm) process.off('SIGTERM', onTerm);
  });
}

const run: Command = async (argv, ctx) => {
  const { values, positionals } = parseCommandLine('serve', argv, OPTIONS);
  if (values.help) {
    ctx.stdout.write(SERVE_HELP);
    return EXIT.ok;
  }
  if (positionals.length > 1) throw new UsageError(`serve: unexpected argument ${JSON.stringify(positionals[1])}`);
  if (values.open && values['no-open']) throw new UsageError('serve: --open and --no-open contradict each other');
  const port = parsePort(values.port);
  const maxFileBytes = values['max-file-size'] === undefined ? undefined : parseByteSize('--max-file-size', values['max-file-size']);

  let vaultArg = positionals[0];
  if (vaultArg === undefined) {
    const sample = bundledSampleVault();
    if (!sample) throw new UsageError('serve: no vault given and the bundled sample vault (resources/sample-vault) is missing');
    vaultArg = sample;
  }

  const vault = await openCliVault({ vault: vaultArg, db: values.db, exclude: values.exclude, maxFileBytes, gitDates: gitDatesFlag('serve', values), index: false }, ctx);
  let server: AlmanacServer | null = null;
  let watcher: AutoReindex | null = null;
  let stopping = false;
  try {
    try {
      server = await listen(vault, port, values['allow-open'] ?? false, ctx);
    } catch (err) {
      ctx.stderr.write(`almanac: ${err instanceof Error ? err.message : String(err)}\n`);
      return err instanceof PortBusyError ? EXIT.busy : EXIT.failure;
    }
    watcher = await startAutoReindex({
      api: vault.service,
      onBatch: (batch) => ctx.stderr.write(`almanac: files changed (${describeBatch(batch)}); re-indexing\n`),
      onError: (err) => ctx.stderr.write(`almanac: ${err.message}\n`),
    });
    ctx.stdout.write(`Almanac is serving ${vault.vaultPath} at ${server.url}\n`);
    ctx.stderr.write('almanac: press Ctrl-C to stop\n');
    if (values.open) openBrowser(server.url);

    // The first index runs in the background, so the page can show its progress.
    vault.service.reindex().then(
      (s) =>
        ctx.stderr.write(
          `almanac: indexed ${summaryCounts(s)} in ${formatDurationMs(s.elapsedMs)}\n`,
        ),
      (err: unknown) => {
        if (!stopping) ctx.stderr.write(`almanac: indexing failed: ${err instanceof Error ? err.message : String(err)}\n`);
      },
    );

    await stopRequested(ctx);
    stopping = true;
    ctx.stderr.write('almanac: stopping\n');
    return EXIT.ok;
  } finally {
    await watcher?.close();
    await server?.close();
    await vault.close();
  }
};

export const serveCommand: CommandSpec = {
  run,
  help: SERVE_HELP,
  arguments: { exclude: '--exclude', maxFileBytes: '--max-file-size' },
  options: OPTIONS,
};
