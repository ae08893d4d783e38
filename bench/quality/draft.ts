/**
 * `npm run bench:quality -- draft --vault REL [--corpora DIR] [--about TEXT] QUERY...`
 *
 * Grades QUERY over the vault REL (under --corpora) by the rubric
 * (rubric.ts) and prints a judgment file for bench/judgments: how the
 * committed ones were made, and how to judge a new vault the same way.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCorpus } from './corpus.js';
import { gradeQuery } from './rubric.js';

const USAGE = 'usage: npm run bench:quality -- draft --vault REL [--corpora DIR] [--about TEXT] QUERY...';

function langOf(query: string): 'zh' | 'en' | 'mixed' {
  const han = /\p{Script=Han}/u.test(query);
  return !han ? 'en' : /[A-Za-z]/.test(query) ? 'mixed' : 'zh';
}

async function main(argv: readonly string[]): Promise<void> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const values = new Map<string, string>();
  const queries: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i]!.startsWith('--')) values.set(argv[i]!, argv[++i] ?? '');
    else queries.push(argv[i]!);
  }
  const vault = values.get('--vault');
  if (vault === undefined || vault === '' || queries.length === 0) throw new Error(`bench:quality draft: a vault and at least one query are needed\n${USAGE}`);
  const corpora = path.resolve(values.get('--corpora') ?? path.join(root, '..', 'shared', 'corpora'));
  const corpus = await readCorpus(path.join(corpora, vault));
  const file = {
    vault,
    about: values.get('--about') ?? vault,
    queries: queries.map((query) => ({ query, lang: langOf(query), judgments: gradeQuery(corpus, query) })),
  };
  process.stdout.write(`${JSON.stringify(file, null, 1)}\n`);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
