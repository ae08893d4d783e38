/**
 * What every `almanac` sub-command receives and returns, and how errors
 * become exit statuses. The core throws AlmanacError with a code; the CLI
 * switches on the code (never on message text): EXIT_FOR_CODE is the one
 * table, printed by `almanac help` and written in the README.
 */
import { AlmanacError, type ErrorCode } from '../shared/errors.js';

export interface CliContext {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Resolves when the user asks to stop (Ctrl-C); long-running commands watch it. */
  interrupted: Promise<void>;
}

/** Exit statuses of the CLI. */
export const EXIT = {
  ok: 0,
  usage: 1,
  notFound: 2,
  busy: 3,
  failure: 4,
  notAvailable: 5,
  /** As for a process stopped by Ctrl-C (128 + SIGINT). */
  cancelled: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The exit status of each error code. */
export const EXIT_FOR_CODE: Readonly<Record<ErrorCode, ExitCode>> = {
  'invalid-argument': EXIT.usage,
  'not-found': EXIT.notFound,
  busy: EXIT.busy,
  internal: EXIT.failure,
  'not-available': EXIT.notAvailable,
  cancelled: EXIT.cancelled,
};

/** The exit-status table as `almanac help` prints it. */
export const EXIT_HELP = `Exit status:
  0    success
  1    bad command line or argument (the message names the option)
  2    not found: the vault, a digest or a section; or an index file that
       cannot be read or is not Almanac's (such a file is never changed)
  3    busy: another Almanac process is writing to the index; try again
  4    any other failure
  5    not available from the command line
  130  interrupted (Ctrl-C)
`;

/** A sub-command: parses its own argv (after the command name) and returns the exit code. */
export type Command = (argv: string[], ctx: CliContext) => Promise<ExitCode>;

/** A sub-command with its help and the command-line names of the API arguments it passes on. */
export interface CommandSpec {
  run: Command;
  help: string;
  /**
   * API argument name (an 'invalid-argument' error's `params.argument`) ->
   * what the user typed for it: `{ limit: '--limit' }` turns the core's
   * "search: request.limit must be between 0 and 10000, got 10001" into
   * "search: --limit must be between 0 and 10000, got 10001".
   */
  arguments?: Readonly<Record<string, string>>;
  /** The command's options (its parseArgs configuration), for the checks that every one is documented. */
  options?: Readonly<Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>>;
}

/** A bad command line, already phrased for it ('invalid-argument'; exit 1). */
export class UsageError extends AlmanacError {
  constructor(message: string) {
    super('invalid-argument', message);
  }
}

/** A vault, file, digest or section that cannot be found or read ('not-found'; exit 2). */
export class NotFoundError extends AlmanacError {
  constructor(message: string) {
    super('not-found', message);
  }
}
