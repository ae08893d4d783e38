/** What every `almanac` sub-command receives and returns. */
export interface CliContext {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Resolves when the user asks to stop (Ctrl-C); long-running commands watch it. */
  interrupted: Promise<void>;
}

/** Exit codes of the CLI. */
export const EXIT = {
  ok: 0,
  usage: 1,
  notFound: 2,
  busy: 3,
  failure: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A sub-command: parses its own argv (after the command name) and returns the exit code. */
export type Command = (argv: string[], ctx: CliContext) => Promise<ExitCode>;

/** Thrown for a bad command line; the dispatcher prints the message and exits with EXIT.usage. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Thrown when a vault, file or index cannot be found or read; exit EXIT.notFound. */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

/** Thrown when the index is locked by another process for longer than Almanac waits; exit EXIT.busy. */
export class BusyError extends Error {
  override name = 'BusyError';
}
