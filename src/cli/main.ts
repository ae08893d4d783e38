/**
 * The `almanac` command line: dispatches to a sub-command, prints help
 * (`almanac help [command]`, `almanac <command> --help`) and maps errors to
 * exit statuses by their code (command.ts: EXIT_FOR_CODE), never by their text.
 * The commands are listed in command-table.ts.
 */
import { readFileSync } from 'node:fs';
import { isAlmanacError, type AlmanacError } from '../shared/errors.js';
import { EXIT, EXIT_FOR_CODE, EXIT_HELP, UsageError, type CliContext, type CommandSpec, type ExitCode } from './command.js';
import { COMMANDS, loadSpec } from './command-table.js';

const HELP = `Usage: almanac <command> [options]
       almanac help <command>

Offline search for vaults of weekly Markdown digests. The vault is never
modified; the index lives in a per-user cache folder (or --db FILE).

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(8)}${c.summary}`)
  .join('\n')}

Options:
  -h, --help      print this help ('almanac <command> --help' or
                  'almanac help <command>' for the options of a command)
  -v, --version   print the version

${EXIT_HELP}`;

function version(): string {
  try {
    // out/node/cli.js -> package.json two folders up.
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function unknownCommand(name: string, ctx: CliContext): ExitCode {
  ctx.stderr.write(`almanac: unknown command ${JSON.stringify(name)}\nRun 'almanac help' for the list of commands.\n`);
  return EXIT.usage;
}

/** `almanac help [command]`. */
async function help(topic: string | undefined, ctx: CliContext): Promise<ExitCode> {
  if (topic === undefined) {
    ctx.stdout.write(HELP);
    return EXIT.ok;
  }
  const entry = COMMANDS[topic];
  if (!entry) return unknownCommand(topic, ctx);
  const spec = await loadSpec(entry);
  if (spec.help !== '') ctx.stdout.write(spec.help);
  else return spec.run(['--help'], ctx);
  return EXIT.ok;
}

/**
 * The message of an 'invalid-argument' error from the core, with the argument
 * named as the user typed it ("--limit must be ..."); the core's own message
 * when the command does not pass that argument on from an option.
 */
function argumentMessage(command: string, err: AlmanacError, spec: CommandSpec): string {
  const { argument, problem } = err.params;
  const option = typeof argument === 'string' ? spec.arguments?.[argument] : undefined;
  return option !== undefined && typeof problem === 'string' ? `${command}: ${option} ${problem}` : err.message;
}

/** Prints what went wrong and returns the exit status of its code. */
function report(err: unknown, command: string, spec: CommandSpec, ctx: CliContext): ExitCode {
  if (!isAlmanacError(err)) {
    ctx.stderr.write(`almanac: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT.failure;
  }
  if (err.code !== 'invalid-argument') {
    ctx.stderr.write(`almanac: ${err.message}\n`);
    return EXIT_FOR_CODE[err.code];
  }
  const message = err instanceof UsageError ? err.message : argumentMessage(command, err, spec);
  ctx.stderr.write(`almanac: ${message}\nRun 'almanac ${command} --help' for usage.\n`);
  return EXIT.usage;
}

export async function runCli(argv: string[], ctx: CliContext): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    ctx.stdout.write(HELP);
    return EXIT.usage;
  }
  if (name === '--help' || name === '-h') return help(undefined, ctx);
  if (name === 'help') return help(rest[0], ctx);
  if (name === '--version' || name === '-v') {
    ctx.stdout.write(`${version()}\n`);
    return EXIT.ok;
  }
  const entry = COMMANDS[name];
  if (!entry) return unknownCommand(name, ctx);
  const spec = await loadSpec(entry);
  try {
    return await spec.run(rest, ctx);
  } catch (err) {
    return report(err, name, spec, ctx);
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
