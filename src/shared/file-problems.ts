/**
 * Why a file was skipped or a vault entry not followed, as a code with
 * parameters (the model of notices.ts). The core attaches the English text
 * (`reason`, for the CLI, scripts and logs); the UI shows its own language
 * from the code and parameters (renderer i18n keys `problem.<code>`, whose
 * English table is FILE_PROBLEM_TEXT_EN below). `{error}` is a system error
 * code such as ENOENT, or an error's message when it has no code.
 */
import { fillTemplate } from './notices.js';

export const FILE_PROBLEM_TEXT_EN = {
  'too-large': 'too large ({size} > {limit} limit)',
  binary: 'binary file (NUL bytes)',
  'not-text': 'not valid UTF-8, UTF-16 or GB18030 text',
  'not-regular-file': 'not a regular file',
  'cannot-read-file': 'cannot read file ({error})',
  'cannot-stat': 'cannot read file information ({error})',
  'cannot-read-folder': 'cannot read folder ({error})',
  'symlink-loop': 'symlink loop',
  'dangling-symlink': 'dangling symlink',
  'symlink-outside-vault': 'symlink points outside the vault',
  'cannot-resolve-symlink': 'cannot resolve symlink ({error})',
  'cannot-read-symlink-target': 'cannot read symlink target ({error})',
  'folder-already-scanned': 'symlink to a folder already scanned through {through}',
  'same-file': 'same file as {path} (reached through a symlink); indexed once',
  'could-not-be-indexed': 'could not be indexed ({error})',
  'could-not-be-stored': 'could not be stored ({error})',
  /** A reason without a code: stored by an index written before codes existed. */
  other: '{text}',
} as const;

export type FileProblemCode = keyof typeof FILE_PROBLEM_TEXT_EN;

export type FileProblemParams = Readonly<Record<string, string>>;

export interface FileProblem {
  code: FileProblemCode;
  params: FileProblemParams;
}

/** A problem of one vault path, with its English text (`reason`). */
export interface FileProblemEntry extends FileProblem {
  path: string;
  reason: string;
}

export const FILE_PROBLEM_CODES = Object.keys(FILE_PROBLEM_TEXT_EN) as FileProblemCode[];

export function fileProblem(code: FileProblemCode, params: FileProblemParams = {}): FileProblem {
  return { code, params };
}

/** A reason known only as text. */
export function otherProblem(text: string): FileProblem {
  return { code: 'other', params: { text } };
}

/** The English text of a problem (the wording the CLI prints). */
export function fileProblemText(problem: FileProblem): string {
  return fillTemplate(FILE_PROBLEM_TEXT_EN[problem.code], problem.params);
}

export function problemEntry(path: string, problem: FileProblem): FileProblemEntry {
  return { path, code: problem.code, params: problem.params, reason: fileProblemText(problem) };
}

function isParams(value: unknown): value is FileProblemParams {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
}

/** `value` when it is a FileProblem (a known code and string parameters), else the 'other' problem of `fallbackText`. */
export function asFileProblem(value: unknown, fallbackText: string): FileProblem {
  if (typeof value !== 'object' || value === null) return otherProblem(fallbackText);
  const { code, params } = value as { code?: unknown; params?: unknown };
  if (typeof code !== 'string' || !Object.hasOwn(FILE_PROBLEM_TEXT_EN, code) || !isParams(params)) return otherProblem(fallbackText);
  return { code: code as FileProblemCode, params: { ...params } };
}

/** The stored form of a problem (the index's `file.reason` column). */
export function encodeFileProblem(problem: FileProblem): string {
  return JSON.stringify({ code: problem.code, params: problem.params });
}

/**
 * A stored reason back as a problem. A value that is not an encoded problem
 * (an index written before codes, whose column holds the English text) is
 * the 'other' problem of that text.
 */
export function decodeFileProblem(stored: string): FileProblem {
  if (!stored.startsWith('{')) return otherProblem(stored);
  try {
    return asFileProblem(JSON.parse(stored), stored);
  } catch {
    return otherProblem(stored);
  }
}
