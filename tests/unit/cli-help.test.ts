/**
 * Help everywhere, and every option documented: `almanac help <command>`,
 * `<command> --help` and `<command> -h` print the command's help; its options
 * are listed before any closing paragraph, and each option the command accepts
 * appears there and in the README's command-line section.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXIT_HELP, type CommandSpec } from '../../src/cli/command.js';
import { COMMANDS, loadSpec } from '../../src/cli/command-table.js';
import { runCli } from '../helpers/cli.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The options block of a help text, and the option lines found after it ended. */
function optionsBlock(help: string): { block: string; after: string[] } {
  const lines = help.split('\n');
  const start = lines.indexOf('Options:');
  const end = lines.indexOf('', start);
  return { block: lines.slice(start + 1, end).join('\n'), after: lines.slice(end).filter((l) => /^ {2}-/.test(l)) };
}

/** The option spellings of a spec: --name, and -x for a short one. */
function spellings(spec: CommandSpec): string[] {
  return Object.entries(spec.options ?? {}).flatMap(([name, o]) => [`--${name}`, ...(o.short ? [`-${o.short}`] : [])]);
}

/** The README's synopsis of a command: its `almanac <name>` line and the indented lines after it. */
function readmeSynopsis(name: string): string {
  const section = README.slice(README.indexOf('## Command line'), README.indexOf('\n## ', README.indexOf('## Command line') + 1));
  const lines = section.split('\n');
  const first = lines.findIndex((l) => l.startsWith(`almanac ${name} `) || l === `almanac ${name}`);
  expect(first, `README: no synopsis line "almanac ${name} ..."`).toBeGreaterThanOrEqual(0);
  const rest = lines.slice(first + 1);
  const more = rest.findIndex((l) => !/^\s/.test(l));
  return [lines[first], ...rest.slice(0, more < 0 ? rest.length : more)].join('\n');
}

describe('almanac help', () => {
  it('lists the commands, -h/--help, -v/--version and the exit statuses; help and --help agree', async () => {
    const help = await runCli(['help']);
    expect(help.code).toBe(0);
    for (const name of Object.keys(COMMANDS)) expect(help.stdout).toContain(`  ${name.padEnd(8)}${COMMANDS[name]!.summary}`);
    expect(help.stdout).toContain('-v, --version');
    expect(help.stdout).toContain('-h, --help');
    expect(help.stdout).toContain(EXIT_HELP);
    expect((await runCli(['--help'])).stdout).toBe(help.stdout);
    const unknown = await runCli(['help', 'frobnicate']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('almanac: unknown command "frobnicate"');
  });

  it.each(Object.keys(COMMANDS))('%s: the same help from `almanac help <command>`, --help and -h, every option listed before any closing paragraph', async (name) => {
    const spec = await loadSpec(COMMANDS[name]!);
    expect(spec.help).toMatch(new RegExp(`^Usage: almanac ${name}\\b`));
    for (const args of [['help', name], [name, '--help'], [name, '-h']]) {
      expect(await runCli(args), args.join(' ')).toMatchObject({ code: 0, stdout: spec.help });
    }
    const { block, after } = optionsBlock(spec.help);
    expect(after, 'option lines after the closing paragraph').toEqual([]);
    for (const option of spellings(spec)) expect(block, `${name} --help lists ${option}`).toMatch(new RegExp(`(^|[ ,(])${option}\\b`, 'm'));
  });

  it.each(Object.keys(COMMANDS))("%s: every option is in the README's command-line section", async (name) => {
    const spec = await loadSpec(COMMANDS[name]!);
    const synopsis = readmeSynopsis(name);
    for (const option of spellings(spec).filter((o) => o.startsWith('--') && o !== '--help')) {
      expect(synopsis, `README synopsis of ${name} names ${option}`).toMatch(new RegExp(`${option}\\b`));
    }
  });
});
