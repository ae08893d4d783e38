/**
 * A bounded, seeded fuzz run: random and mutated Markdown with front matter
 * (byte flips, stray `---`, YAML anchors and aliases, deep nesting, random
 * Unicode with lone surrogates, CJK, huge numbers, tabs) through read ->
 * parse (worker pool, time budget) -> index, then random queries (operator
 * syntax included) and request options through the search engine.
 *
 * Invariants: decoding and the pool never throw or reject, parsed digests are
 * well-formed, every file ends up indexed or skipped with a reason, and search
 * never throws and answers consistently. The seed is fixed (FUZZ_SEED
 * overrides it to explore); the sample counts bound the run, and a wall-clock
 * budget cuts generation short on a slow machine (it never fails the test).
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { indexVault } from '../../src/core/index/indexer.js';
import { ParsePool } from '../../src/core/parse/pool.js';
import { decodeDigestBytes } from '../../src/core/read/read.js';
import { SearchEngine } from '../../src/core/search/engine.js';
import { Store } from '../../src/core/store/store.js';
import type { SearchRequest, SortOrder } from '../../src/shared/api.js';
import type { ParsedDigest } from '../../src/core/types.js';
import { seededRandom } from '../helpers/reliability-tools.js';
import { tempDir } from '../helpers/temp-vault.js';
import { bodyOf, WORKER_URL } from '../helpers/worker.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20260206);
const FILES = 160;
const QUERIES = 400;
const BUDGET_MS = 15_000;

type Random = () => number;

class Gen {
  constructor(readonly random: Random) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.random() < p;
  }
  times(n: number, f: (i: number) => string, sep = ''): string {
    return Array.from({ length: n }, (_, i) => f(i)).join(sep);
  }
}

const WORDS = ['GPT-5.3-Codex', 'Claude', 'Opus', '4.6', 'OpenAI', 'AI', 'agent', 'café', 'naïve', 'C++', 'node_modules', 'v1.2.3', 'e.g.', 'x86_64'];
const CJK = ['模型', '开源', '发布', '后门检测', '大模型', '智能体', '周报', '安全', '推理', '日本語', '한국어', '兆', '𠀀𠀁'];
const ODD = ['\t', '\u0000', '\u0001', '\u001b', '\u007f', '\u0085', '\u00a0', '\u200b', '\u200d', '\u202e', '\u2066', '\ufeff', '\ufffd', '\uffff', '\ud800', '\udfff', '\ud83d', '\ude00', '😀', '👩‍💻', 'é', 'e\u0301', 'ﬁ', 'Ⅻ', '１２３'];
const NUMBERS = ['1e309', '-1e309', '9007199254740993', '0x7fffffff', '.inf', '-.nan', '1_000_000', '0o777', '12345678901234567890123456789', '-0', '2026-13-45', '2026-02-30', '0000-00-00', '2026-W54'];
const SYNTAX = ['#', '##', '###', '>', '-', '*', '+', '1.', '|', '---', '***', '```', '~~~', '[', ']', '(', ')', '![', '<', '>', '&amp;', '&#0;', '\\', '`', '_', '~~', '[^1]', '<!--', '-->', '<div>', '</div>', '$$', ':::'];

function randomText(g: Gen, n: number): string {
  return g.times(n, () => {
    const r = g.random();
    if (r < 0.35) return `${g.pick(WORDS)} `;
    if (r < 0.65) return g.pick(CJK);
    if (r < 0.75) return g.pick(ODD);
    if (r < 0.85) return g.pick(SYNTAX);
    if (r < 0.9) return g.pick(NUMBERS);
    return String.fromCharCode(g.int(0x20, 0xffff));
  });
}

function randomFrontMatter(g: Gen): string {
  const lines: string[] = [];
  const scalar = (): string =>
    g.pick([
      () => JSON.stringify(randomText(g, 3)),
      () => g.pick(NUMBERS),
      () => 'null',
      () => '~',
      () => '[a, b, [c, {d: e}]]',
      () => '{a: 1, b: [2, 3]}',
      () => `&anchor${g.int(0, 3)} ${g.pick(WORDS)}`,
      () => `*anchor${g.int(0, 3)}`,
      () => '!!binary aGVsbG8=',
      () => '!!js/function "function(){ globalThis.__pwned = 1 }"',
      () => '|\n  block\n  text',
      () => `"${'['.repeat(g.int(1, 60))}"`,
      () => randomText(g, 2),
    ])();
  if (g.chance(0.6)) lines.push(`title: ${scalar()}`);
  if (g.chance(0.6)) lines.push(`date: ${g.chance(0.5) ? `2026-0${g.int(1, 9)}-${String(g.int(1, 31)).padStart(2, '0')}` : scalar()}`);
  if (g.chance(0.5)) lines.push(g.chance(0.5) ? `tags: [${g.times(g.int(0, 5), () => g.pick([...WORDS, ...CJK, '""', 'null', '1e309']), ', ')}]` : `tags: ${scalar()}`);
  if (g.chance(0.3)) lines.push(`description: ${scalar()}`);
  if (g.chance(0.2)) {
    const depth = g.int(5, 60);
    lines.push(`deep: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`);
  }
  if (g.chance(0.2)) lines.push('base: &b [1, 2, 3]', 'more: &m [*b, *b, *b, *b]', 'most: [*m, *m, *m, *m, *m]');
  if (g.chance(0.15)) lines.push(`${randomText(g, 2)}: ${scalar()}`);
  if (g.chance(0.1)) lines.push('\t tabbed: value', 'dup: 1', 'dup: 2');
  return lines.join('\n');
}

function randomBody(g: Gen): string {
  const blocks = g.int(1, 25);
  return g.times(
    blocks,
    () =>
      g.pick([
        () => `${'#'.repeat(g.int(1, 7))} ${randomText(g, g.int(0, 6))}`,
        () => randomText(g, g.int(1, 40)),
        () => g.times(g.int(1, 8), (i) => `${'  '.repeat(g.int(0, i))}${g.pick(['-', '*', '1.'])} ${randomText(g, 4)}`, '\n'),
        () => `${'>'.repeat(g.int(1, 40))} ${randomText(g, 5)}`,
        () => `| a | b |\n| --- | --- |\n${g.times(g.int(0, 6), () => `| ${randomText(g, 2)} | ${randomText(g, 2)} |`, '\n')}`,
        () => `\`\`\`${g.pick(['', 'js', 'mermaid'])}\n${randomText(g, 10)}\n${g.chance(0.7) ? '```' : ''}`,
        () => `[${randomText(g, 2)}](${g.pick(['../weekly/2026-02-06', 'javascript:alert(1)', 'http://evil.example/x', '#anchor', '%zz', '../../../../etc/passwd', randomText(g, 2)])})`,
        () => '---',
        () => `${'*'.repeat(g.int(1, 30))}${randomText(g, 3)}${'_'.repeat(g.int(1, 30))}`,
        () => `<${g.pick(['script', 'img src=x onerror=alert(1)', 'div', 'svg onload=alert(1)'])}>${randomText(g, 3)}`,
        () => `${g.pick(NUMBERS)}\t${g.pick(NUMBERS)}\t${randomText(g, 3)}`,
      ])(),
    '\n\n',
  );
}

/** Mutations of the encoded bytes: flips, insertions of `---`, duplication, truncation. */
function mutate(g: Gen, bytes: Uint8Array): Uint8Array {
  let out = Buffer.from(bytes);
  const rounds = g.int(1, 6);
  for (let r = 0; r < rounds && out.length > 0; r++) {
    const at = g.int(0, out.length - 1);
    switch (g.int(0, 4)) {
      case 0:
        out[at] = out[at]! ^ (1 << g.int(0, 7));
        break;
      case 1:
        out = Buffer.concat([out.subarray(0, at), Buffer.from(g.pick(['\n---\n', '---', '\n---js\n', '\r\n', '\r', '\uFEFF'])), out.subarray(at)]);
        break;
      case 2:
        out = Buffer.concat([out, out.subarray(at, Math.min(out.length, at + g.int(1, 400)))]);
        break;
      case 3:
        out = out.subarray(0, at);
        break;
      default:
        out[at] = g.int(0x80, 0xff);
    }
  }
  return out;
}

function randomDigest(g: Gen): Uint8Array {
  const front = g.chance(0.8) ? `${g.pick(['---', '---', '---yaml', '--- ', '---json'])}\n${randomFrontMatter(g)}\n${g.chance(0.9) ? '---' : ''}\n` : '';
  const bytes = Buffer.from(`${front}${randomBody(g)}\n`, 'utf8');
  return g.chance(0.4) ? mutate(g, bytes) : bytes;
}

function expectWellFormed(d: ParsedDigest, where: string): void {
  expect(typeof d.title, where).toBe('string');
  const body = bodyOf(d);
  if (d.date !== null) expect(d.date, where).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(Array.isArray(d.tags) && d.tags.every((t) => typeof t === 'string'), where).toBe(true);
  expect(() => JSON.stringify(d.meta), where).not.toThrow();
  // Only an empty body may have no section at all.
  if (body.trim() !== '') expect(d.sections.length, `${where}: ${JSON.stringify(body.slice(0, 200))}`).toBeGreaterThan(0);
  d.sections.forEach((s, i) => {
    expect(s.ordinal, where).toBe(i);
    expect(s.start >= 0 && s.start <= s.end && s.end <= body.length, `${where}: section ${i} [${s.start}, ${s.end}) of ${body.length}`).toBe(true);
  });
  for (const link of d.links) expect(link.section >= 0 && link.section < d.sections.length, where).toBe(true);
}

function randomQuery(g: Gen): SearchRequest {
  const term = (): string =>
    g.pick([
      () => g.pick(WORDS),
      () => g.pick(CJK),
      () => `"${randomText(g, 2)}"`,
      () => `${g.pick(['tag', 'in', 'after', 'before', 'date', 'week', 'title', 'heading', 'TAG', 'foo'])}:${g.pick([...WORDS, ...CJK, ...NUMBERS, '', '"', '"a b"'])}`,
      () => `-${g.pick(WORDS)}`,
      () => 'OR',
      () => g.pick(['AND', 'NOT', 'NEAR', 'NEAR(', '*', '^', '(', ')', '{', '}', '+', ':', '"', '-', '--', '""']),
      () => randomText(g, g.int(1, 4)),
      () => g.pick(WORDS).slice(0, g.int(1, 4)),
    ])();
  const query = g.times(g.int(0, 7), term, g.pick([' ', ' ', '  ', '\t', '　']));
  const sorts: SortOrder[] = ['relevance', 'newest', 'oldest'];
  return {
    query: query.replace(/\u0000/g, ''),
    ...(g.chance(0.2) ? { tags: [g.pick([...WORDS, ...CJK, ''])] } : {}),
    ...(g.chance(0.1) ? { tagMode: g.pick(['any', 'all'] as const) } : {}),
    ...(g.chance(0.15) ? { from: g.pick(['2026-01-01', '2026-02', '2026', '2026-13-01', 'garbage']) } : {}),
    ...(g.chance(0.15) ? { to: g.pick(['2026-12-31', '2025-01-01', '']) } : {}),
    ...(g.chance(0.3) ? { sort: g.pick(sorts) } : {}),
    ...(g.chance(0.2) ? { offset: g.pick([0, 1, 5, 1000, -1, 0.5, Number.NaN]) } : {}),
    ...(g.chance(0.2) ? { limit: g.pick([0, 1, 3, 20, 10_000, -5]) } : {}),
    ...(g.chance(0.2) ? { facets: g.chance(0.5) } : {}),
  };
}

describe('fuzzing read, parse, index and search (seed ' + SEED + ')', () => {
  const data = tempDir('almanac-fuzz-');
  afterAll(() => data.cleanup());

  it('never crashes, hangs or answers inconsistently', async () => {
    const g = new Gen(seededRandom(SEED));
    const deadline = performance.now() + BUDGET_MS;
    const vault = path.join(data.root, 'vault');
    mkdirSync(path.join(vault, 'weekly'), { recursive: true });

    const pool = new ParsePool({ workerUrl: WORKER_URL, size: 2, timeBudgetMs: 3000 });
    const store = Store.open(path.join(data.root, 'index.db'));
    try {
      // read + parse, file by file (a failure names the sample).
      let written = 0;
      for (let i = 0; i < FILES && performance.now() < deadline; i++) {
        const bytes = randomDigest(g);
        const name = `weekly/fuzz-${String(i).padStart(3, '0')}${g.chance(0.1) ? ' 周报 ‮' : ''}.md`;
        writeFileSync(path.join(vault, name), bytes);
        written++;
        const read = decodeDigestBytes(bytes);
        if (!read.ok) {
          expect(read.problem.code, name).toMatch(/^(binary|not-text)$/);
          continue;
        }
        const parsed = await pool.parse(read.text, name);
        expectWellFormed(parsed, name);
      }
      expect(globalThis as { __pwned?: unknown }).not.toHaveProperty('__pwned');

      // index: every file is indexed or skipped with a reason, and one bad file never stops the others.
      const summary = await indexVault({ vaultPath: vault, store, pool, settings: { exclude: [], maxFileBytes: 1024 * 1024 } });
      expect(summary.files).toBe(written);
      expect(summary.digests + summary.skipped.length).toBe(written);
      for (const s of summary.skipped) expect(s.reason, s.path).toMatch(/\S/);
      expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');

      // search: random queries and options never throw, and the answers are consistent.
      const engine = new SearchEngine(store.db);
      for (let q = 0; q < QUERIES && (q < 50 || performance.now() < deadline); q++) {
        const request = randomQuery(g);
        let res;
        try {
          res = engine.search(request);
        } catch (err) {
          throw new Error(`search(${JSON.stringify(request)}) threw: ${err instanceof Error ? err.stack : String(err)}`);
        }
        const where = JSON.stringify(request);
        expect(res.total, where).toBeGreaterThanOrEqual(res.results.length);
        // A title-only hit's preview section is shown, not counted: it does not hold the query.
        expect(res.totalSections, where).toBeGreaterThanOrEqual(res.results.reduce((n, r) => n + r.sections.filter((s) => s.preview !== true).length, 0));
        for (const hit of res.results) {
          for (const s of hit.sections) {
            for (const [a, b] of s.ranges) expect(a >= 0 && a < b && b <= s.snippet.length, `${where}: range [${a}, ${b}) in ${s.snippet.length}`).toBe(true);
          }
        }
        if (res.results.length > 0 && g.chance(0.1)) {
          const section = res.results[0]!.sections[0];
          if (section) expect(() => engine.related(section.id, 5), where).not.toThrow();
        }
      }
    } finally {
      store.close();
      await pool.destroy();
    }
  }, 120_000);
});
