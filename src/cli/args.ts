/**
 * Command-line parsing shared by the sub-commands: node:util parseArgs reads
 * the arguments (non-strict, with its tokens) and the checks here say what is
 * wrong in our own words, as UsageError (exit 1): an unknown option, an
 * option without its value, a value given to a flag. A value may start with a
 * single '-' (`--limit -1` reaches the range check with the normal message,
 * and `--tag -x` is a tag), but not with '--': that is the next option, and
 * the value was forgotten.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './command.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface ParsedCommandLine<O extends Options> {
  values: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>>['values'];
  positionals: string[];
}

export interface CommandLineOptions {
  /**
   * Arguments that start with a single '-' and are not a short option of the
   * command (-h) are positionals: a query's exclusions (-芯片, -"a phrase",
   * -tag:x) typed as they are, instead of "unknown option -芯". An argument
   * that is the value of a string option (--tag -x) stays its value.
   */
  dashedPositionals?: boolean;
}

/** Marks an argument kept out of option parsing (restored after); no argument can contain U+0000. */
const KEPT = '\u0000';

/** Replaces the dashed positionals by markers, so that parseArgs cannot read them as options. */
function keepDashedPositionals(argv: string[], options: Options, kept: string[]): string[] {
  const shorts = new Set(Object.values(options).flatMap((o) => (o.short === undefined ? [] : [`-${o.short}`])));
  const takesValue = new Set(Object.entries(options).flatMap(([name, o]) => (o.type === 'string' ? [`--${name}`, ...(o.short === undefined ? [] : [`-${o.short}`])] : [])));
  const end = argv.indexOf('--');
  return argv.map((arg, i) => {
    if ((end >= 0 && i > end) || !/^-[^-]/.test(arg) || shorts.has(arg) || takesValue.has(argv[i - 1] ?? '')) return arg;
    kept.push(arg);
    return `${KEPT}${kept.length - 1}`;
  });
}

type Token = NonNullable<ReturnType<typeof parseArgs<{ options: Options; allowPositionals: true; strict: false; tokens: true }>>['tokens']>[number];

/** The usage error an option token deserves, or null when it is well formed. */
function optionProblem(token: Extract<Token, { kind: 'option' }>, options: Options): string | null {
  const spec = options[token.name];
  if (spec === undefined) return `unknown option ${token.rawName}`;
  if (spec.type === 'boolean' && token.value !== undefined) return `${token.rawName} takes no value, got ${JSON.stringify(token.value)}`;
  if (spec.type === 'string' && token.value === undefined) return `${token.rawName} needs a value`;
  if (spec.type === 'string' && !token.inlineValue && token.value!.startsWith('--')) {
    return `${token.rawName} needs a value (got the option ${token.value}; write ${token.rawName}=${token.value} if that is the value)`;
  }
  return null;
}

export function parseCommandLine<O extends Options>(command: string, argv: string[], options: O, how: CommandLineOptions = {}): ParsedCommandLine<O> {
  const kept: string[] = [];
  const args = how.dashedPositionals ? keepDashedPositionals(argv, options, kept) : argv;
  const { values, positionals, tokens } = parseArgs({ args, options, allowPositionals: true, strict: false, tokens: true });
  for (const token of tokens) {
    const problem = token.kind === 'option' ? optionProblem(token, options) : null;
    if (problem !== null) throw new UsageError(`${command}: ${problem}`);
  }
  const restore = (p: string): string => (p.startsWith(KEPT) ? kept[Number(p.slice(1))]! : p);
  // Every option was checked against its spec above, so the values have the types a strict parse gives.
  return { values: values as ParsedCommandLine<O>['values'], positionals: positionals.map(restore) };
}

/** A whole number as typed ("-1" included: the range check that follows names the allowed range); UsageError otherwise. */
export function wholeNumber(command: string, option: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^[+-]?\d+$/.test(text.trim())) throw new UsageError(`${command}: ${option} must be a whole number, got ${JSON.stringify(text)}`);
  return Number(text.trim());
}

const SIZE_RE = /^(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?$/i;
const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** "8388608", "512K", "8M", "8MB", "1GiB" -> bytes. */
export function parseByteSize(option: string, text: string): number {
  const m = SIZE_RE.exec(text.trim());
  const unit = (m?.[2] ?? '').toLowerCase().charAt(0);
  const bytes = m ? Math.floor(Number(m[1]) * (UNITS[unit] ?? NaN)) : NaN;
  if (!Number.isFinite(bytes) || bytes < 1024) {
    throw new UsageError(`${option} must be a size of at least 1024 bytes (e.g. 8388608 or 8M), got ${JSON.stringify(text)}`);
  }
  return bytes;
}

/** The one positional argument a command needs; usage error when missing or repeated. */
export function onePositional(command: string, positionals: string[], name: string): string {
  if (positionals.length === 0) throw new UsageError(`${command}: missing ${name}`);
  if (positionals.length > 1) throw new UsageError(`${command}: unexpected argument ${JSON.stringify(positionals[1])}`);
  return positionals[0]!;
}
