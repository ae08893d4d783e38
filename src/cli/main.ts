/**
 * The `almanac` command line: dispatches to a sub-command and maps errors to
 * exit codes (see command.ts): 1 for a bad command line, 2 for a vault, file
 * or index that cannot be found or read, 3 for an index locked by another
 * process, 4 for anything else.
 *
 * Each command's module is imported when it runs: `search` must not pay for
 * the web server, the exporter (remark, rehype) or the watcher at start-up.
 */
import { readFileSync } from 'node:fs';
import { BusyError, EXIT, NotFoundError, UsageError, type CliContext, type Command, type ExitCode } from './command.js';

interface CommandEntry {
  load: () => Promise<Command>;
  summary: string;
}

const COMMANDS: Record<string, CommandEntry> = {
  index: { load: async () => (await import('./commands/index.js')).indexCommand, summary: 'index a vault of Markdown digests (incremental)' },
  search: { load: async () => (await import('./commands/search.js')).searchCommand, summary: 'search a vault (Chinese and English, tags, dates)' },
  show: { load: async () => (await import('./commands/show.js')).showCommand, summary: 'show one digest with its series, links and backlinks' },
  serve: { load: async () => (await import('./commands/serve.js')).serveCommand, summary: 'open the Almanac UI in a browser (localhost web mode)' },
  export: { load: async () => (await import('./commands/export.js')).exportCommand, summary: 'export sections as one Markdown or HTML document' },
};

const HELP = `Usage: almanac <command> [options]

Offline search for vaults of weekly Markdown digests. The vault is never
modified; the index lives in a per-user cache folder (or --db FILE).

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(8)}${c.summary}`)
  .join('\n')}

Run 'almanac <command> --help' for the options of a command.
  --version   print the version
`;

function version(): string {
  try {
    // out/node/cli.js -> package.json two folders up.
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export async function runCli(argv: string[], ctx: CliContext): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    ctx.stdout.write(HELP);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    ctx.stdout.write(`${version()}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    ctx.stderr.write(`almanac: unknown command ${JSON.stringify(name)}\nRun 'almanac --help' for the list of commands.\n`);
    return EXIT.usage;
  }
  try {
    const run = await command.load();
    return await run(rest, ctx);
  } catch (err) {
    if (err instanceof UsageError) {
      ctx.stderr.write(`almanac: ${err.message}\nRun 'almanac ${name} --help' for usage.\n`);
      return EXIT.usage;
    }
    if (err instanceof NotFoundError) {
      ctx.stderr.write(`almanac: ${err.message}\n`);
      return EXIT.notFound;
    }
    if (err instanceof BusyError) {
      ctx.stderr.write(`almanac: ${err.message}\n`);
      return EXIT.busy;
    }
    ctx.stderr.write(`almanac: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT.failure;
  }
}

function processContext(): CliContext {
  let interrupts = 0;
  const interrupted = new Promise<void>((resolve) => {
    process.on('SIGINT', () => {
      interrupts++;
      if (interrupts > 1) process.exit(130);
      resolve();
    });
  });
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), interrupted };
}

const code = await runCli(process.argv.slice(2), processContext());
// Let stdout drain (large --json output into a pipe) before exiting.
process.exitCode = code;
process.stdout.write('', () => process.exit(code));
