/**
 * Command-line parsing shared by the sub-commands: node:util parseArgs in
 * strict mode, with its errors turned into UsageError (exit 1) and values
 * checked with messages that name the option.
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
   * -tag:x) typed as they are, instead of "Unknown option '-芯'". An argument
   * that is the value of a string option (--tag -x) is left to parseArgs.
   */
  dashedPositionals?: boolean;
}

/** Marks an argument kept out of option parsing (restored after); no argument can contain U+0000. */
const KEPT = '\u0000';

export function parseCommandLine<O extends Options>(command: string, argv: string[], options: O, how: CommandLineOptions = {}): ParsedCommandLine<O> {
  const kept: string[] = [];
  let args = argv;
  if (how.dashedPositionals) {
    const shorts = new Set(Object.values(options).flatMap((o) => (o.short === undefined ? [] : [`-${o.short}`])));
    const takesValue = new Set(Object.entries(options).flatMap(([name, o]) => (o.type === 'string' ? [`--${name}`, ...(o.short === undefined ? [] : [`-${o.short}`])] : [])));
    const end = argv.indexOf('--');
    args = argv.map((arg, i) => {
      if ((end >= 0 && i > end) || !/^-[^-]/.test(arg) || shorts.has(arg) || takesValue.has(argv[i - 1] ?? '')) return arg;
      kept.push(arg);
      return `${KEPT}${kept.length - 1}`;
    });
  }
  const restore = (p: string): string => (p.startsWith(KEPT) ? kept[Number(p.slice(1))]! : p);
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values, positionals: positionals.map(restore) };
  } catch (err) {
    const message = err instanceof Error ? err.message.replace(/\. To specify a positional argument.*$/s, '') : String(err);
    throw new UsageError(`${command}: ${message}`);
  }
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
