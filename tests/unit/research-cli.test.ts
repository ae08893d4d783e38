/** `almanac trends` and `almanac saved` through the built CLI (out/node/cli.js; run `npm run build:node` first). */
import { existsSync, readdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SavedSearch, TrendsResponse } from '../../src/shared/research.js';
import { formatTrends } from '../../src/cli/commands/trends.js';
import { runCli } from '../helpers/cli.js';
import { digest, tempDir, type TempDir } from '../helpers/temp-vault.js';

let vault: TempDir;
let cache: TempDir;
let env: NodeJS.ProcessEnv;

beforeEach(() => {
  vault = tempDir('almanac-research-vault-');
  cache = tempDir('almanac-research-cache-');
  env = { ALMANAC_CACHE_DIR: cache.root };
  vault.write('weekly/2024-01-05.md', digest({ title: 'W01', date: '2024-01-05', tags: ['AI'] }, '## A\n\nagent 框架发布。\n\n## B\n\nRAG 与 agent。\n'));
  vault.write('weekly/2024-01-26.md', digest({ title: 'W04', date: '2024-01-26', tags: ['AI'] }, '## A\n\nMCP 协议。\n'));
  vault.write('weekly/2024-03-01.md', digest({ title: 'W09', date: '2024-03-01', tags: ['安全'] }, '## A\n\nagent 安全。\n\n## B\n\nMCP agent。\n'));
});

afterEach(() => {
  vault.cleanup();
  cache.cleanup();
});

describe('almanac trends', () => {
  it('prints a table with a column per query, a row per month and the totals', async () => {
    const r = await runCli(['trends', 'agent', 'MCP', '--vault', vault.root, '--by', 'month'], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n').map((l) => l.trim().split(/\s+/))).toEqual([
      ['PERIOD', 'SECTIONS', 'agent', 'MCP'],
      ['2024-01', '3', '2', '1'],
      ['2024-02', '0', '0', '0'],
      ['2024-03', '2', '2', '1'],
      ['total', '5', '4', '2'],
    ]);
  });

  it('prints the same numbers as CSV and as JSON, normalised and by digests', async () => {
    const csv = await runCli(['trends', 'agent', '--vault', vault.root, '--by', 'year', '--normalise', '--csv'], { env });
    expect(csv.stdout).toBe('period,from,to,total sections,agent,agent (share)\r\n2024,2024-01-01,2024-12-31,5,4,0.8\r\n');
    const json = await runCli(['trends', 'agent', 'tag:AI', '--vault', vault.root, '--by', 'month', '--unit', 'digests', '--json', '--from', '2024-01-01', '--to', '2024-01-31'], { env });
    const r = JSON.parse(json.stdout) as TrendsResponse;
    expect(r.periods.map((p) => [p.key, p.total])).toEqual([['2024-01', 2]]);
    expect(r.series.map((s) => [s.query, s.counts])).toEqual([
      ['agent', [1]],
      ['tag:AI', [2]],
    ]);
  });

  it('names the option of a bad value and refuses more than six queries', async () => {
    const bad = await runCli(['trends', 'agent', '--vault', vault.root, '--by', 'day'], { env });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('trends: --by must be one of "week", "month", "year", got "day"');
    const many = await runCli(['trends', 'a', 'b', 'c', 'd', 'e', 'f', 'g', '--vault', vault.root], { env });
    expect(many.code).toBe(1);
    expect(many.stderr).toContain('trends: the queries must hold 1 to 6 queries, got 7');
    const none = await runCli(['trends', '--vault', vault.root], { env });
    expect(none.stderr).toContain('trends: missing queries');
  });

  it('fits query headers to a narrow terminal and says what was left out', () => {
    const r: TrendsResponse = {
      by: 'year',
      unit: 'sections',
      normalise: true,
      periods: [{ key: '2024', from: '2024-01-01', to: '2024-12-31', total: 8 }],
      series: [{ query: '非常长的查询词语非常长的查询词语', counts: [2], values: [0.25], total: 2, notices: [] }],
      clippedBefore: '1990-01-01',
      tookMs: 1,
    };
    const text = formatTrends(r, 40);
    expect(text).toContain('note: periods before 1990-01-01 are left out');
    expect(text).toContain('25.00%');
    expect(text.split('\n')[1]).toMatch(/…/);
  });
});

describe('almanac saved', () => {
  it('adds, lists with the new digests since, runs (marking them seen) and removes, beside the index', async () => {
    const add = await runCli(['saved', 'add', '智能体', 'agent', '-MCP', '--tag', 'AI', '--vault', vault.root], { env });
    expect(add.stderr).toBe('');
    expect(add.stdout).toMatch(/^Saved "智能体"\.\nNAME\s+NEW\s+QUERY\s+FILTERS\n智能体\s+0\s+agent -MCP\s+tag:AI\n$/);
    vault.write('weekly/2024-03-08.md', digest({ title: 'W10', date: '2024-03-08', tags: ['AI'] }, '## A\n\nagent 新闻。\n'));
    const list = await runCli(['saved', 'list', '--vault', vault.root, '--json'], { env });
    expect((JSON.parse(list.stdout) as SavedSearch[]).map((s) => [s.name, s.newCount, s.query, s.tags])).toEqual([['智能体', 1, 'agent -MCP', ['AI']]]);
    const run = await runCli(['saved', 'run', '智能体', '--vault', vault.root], { env });
    expect(run.stdout.split('\n')[0]).toMatch(/^智能体: 1 new since /);
    expect(run.stdout).toContain('weekly/2024-03-08.md');
    const after = await runCli(['saved', 'list', '--vault', vault.root], { env });
    expect(after.stdout.split('\n')[1]).toMatch(/^智能体\s+0\s/);
    expect(readdirSync(vault.root).sort()).toEqual(['weekly']);
    const files = readdirSync(cache.root, { recursive: true }).map(String);
    expect(files.some((f) => f.endsWith('.saved-searches.json'))).toBe(true);
    const removed = await runCli(['saved', 'remove', '智能体', '--vault', vault.root], { env });
    expect(removed.stdout).toContain('Removed "智能体".\nNo saved searches.');
    const missing = await runCli(['saved', 'run', '智能体', '--vault', vault.root], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no saved search named "智能体"');
    expect(existsSync(vault.root)).toBe(true);
  });

  it('says what is wrong with a bad command line', async () => {
    const noAction = await runCli(['saved', '--vault', vault.root], { env });
    expect(noAction.stderr).toContain('saved: expected list, add, remove or run, got nothing');
    const noQuery = await runCli(['saved', 'add', 'x', '--vault', vault.root], { env });
    expect(noQuery.stderr).toContain('saved add: missing the query');
    const twoNames = await runCli(['saved', 'remove', 'a', 'b', '--vault', vault.root], { env });
    expect(twoNames.stderr).toContain('saved remove: expected one name, got 2 arguments');
  });
});
