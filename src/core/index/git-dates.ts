/**
 * The `git` date source: when the vault is inside a git work tree and git is
 * installed, the day each Markdown file was first committed (its author
 * date, as written, without a zone conversion), from ONE `git log` pass over
 * the vault, never one per file. The vault-wide step (vault-wide.ts) caches
 * the result for the HEAD commit, so a run with nothing new costs one
 * `git rev-parse HEAD`.
 *
 * Nothing in the vault may make this run anything: git is started with a
 * fixed argument list (no shell), no pager, no system config, hooks pointed at
 * /dev/null, no fsmonitor, no signature checks, no external diff or textconv,
 * no terminal prompt, the GIT_* variables of our own environment removed (a
 * GIT_DIR there would point git elsewhere), and a timeout. Renames count as
 * new files (`--no-renames`): following each file's history would cost a pass
 * per file.
 *
 * Any failure means "no git dates": git not installed or the vault not in a
 * repository (or one without commits) silently; anything else (a repository
 * git refuses as of "dubious ownership", a timeout, a crash) as a message for
 * one warning.
 */
import { execFile } from 'node:child_process';
import { isMarkdownPath } from '../vault/paths.js';

export const GIT_TIMEOUT_MS = { head: 5_000, log: 30_000 } as const;
/** Output git may produce for the log at most (about 100 bytes per file of the history). */
const MAX_LOG_BYTES = 256 * 1024 * 1024;

/** What asking git gave: a value, no git history (silent), or a failure to report. */
export type GitAnswer<T> = { ok: true; value: T } | { ok: false; warning: string | null };

const SAFE_CONFIG = [
  '--no-pager',
  '-c',
  'core.fsmonitor=false',
  '-c',
  'core.hooksPath=/dev/null',
  '-c',
  'log.showSignature=false',
  '-c',
  'core.untrackedCache=false',
];

const NO_HISTORY_RE = /not a git repository|unknown revision|ambiguous argument 'HEAD'|does not have any commits/i;

function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('GIT_')) env[key] = value;
  return { ...env, GIT_TERMINAL_PROMPT: '0', GIT_CONFIG_NOSYSTEM: '1', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' };
}

function runGit(vaultPath: string, args: readonly string[], timeoutMs: number): Promise<GitAnswer<string>> {
  return new Promise((resolve) => {
    execFile(
      'git',
      ['-C', vaultPath, ...SAFE_CONFIG, ...args],
      { env: gitEnv(), timeout: timeoutMs, maxBuffer: MAX_LOG_BYTES, encoding: 'utf8', shell: false, windowsHide: true },
      (err, stdout, stderr) => {
        if (!err) return resolve({ ok: true, value: stdout });
        const e = err as NodeJS.ErrnoException & { killed?: boolean; signal?: string | null };
        if (e.code === 'ENOENT') return resolve({ ok: false, warning: null }); // git is not installed
        if (NO_HISTORY_RE.test(stderr)) return resolve({ ok: false, warning: null });
        const why = e.killed || e.signal ? `no answer within ${timeoutMs / 1000} s` : (stderr.trim().split('\n')[0] ?? e.message);
        resolve({ ok: false, warning: `git dates are not available: git ${args[0]} failed (${why || e.message})` });
      },
    );
  });
}

/** The HEAD commit of the repository the vault is in. */
export async function gitHead(vaultPath: string): Promise<GitAnswer<string>> {
  const answer = await runGit(vaultPath, ['rev-parse', 'HEAD'], GIT_TIMEOUT_MS.head);
  if (!answer.ok) return answer;
  const head = answer.value.trim();
  return /^[0-9a-f]{40,64}$/.test(head) ? { ok: true, value: head } : { ok: false, warning: null };
}

/**
 * Parses `git log --format=%x01%aI --name-only -z` output: a header token
 * "\x01<ISO date>" before each commit's NUL-terminated names (the first after
 * a newline). The log runs newest first, so the last date seen for a path is
 * its first commit.
 */
export function parseFirstCommitDays(output: string): Map<string, string> {
  const days = new Map<string, string>();
  let day: string | null = null;
  for (const token of output.split('\0')) {
    if (token.startsWith('\x01')) {
      const d = token.slice(1, 11);
      day = /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : null;
      continue;
    }
    const path = token.startsWith('\n') ? token.slice(1) : token;
    if (day !== null && path !== '' && isMarkdownPath(path)) days.set(path, day);
  }
  return days;
}

/** The day each Markdown file of the vault was first committed, by vault-relative path. */
export async function firstCommitDays(vaultPath: string): Promise<GitAnswer<Map<string, string>>> {
  const answer = await runGit(
    vaultPath,
    ['log', '--diff-filter=A', '--no-renames', '--no-ext-diff', '--no-textconv', '--format=%x01%aI', '--name-only', '-z', '--relative', '--', '.'],
    GIT_TIMEOUT_MS.log,
  );
  return answer.ok ? { ok: true, value: parseFirstCommitDays(answer.value) } : answer;
}
