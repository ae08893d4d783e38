/**
 * Property test: the engine against a trusted oracle (plain substring and
 * whole-word checks over the same text) on a generated mixed Chinese/English
 * corpus. Seeded, so a failure reproduces.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchEngine } from '../../src/core/search/engine.js';
import { buildQuery } from '../../src/core/search/query-builder.js';
import { parseQuery } from '../../src/core/search/query-parser.js';
import { findMatches } from '../../src/core/search/snippet.js';
import { normalizeText, splitRuns } from '../../src/core/text/tokenize.js';
import { SearchFixture, type FixtureDigest } from './search-fixtures.js';

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CJK_WORDS = [
  '智能', '代理', '代理人', '模型', '大模型', '安全', '后门', '检测', '后门检测', '开源', '发布', '芯片', '量子', '计算',
  '推理', '训练', '数据', '数据集', '评测', '基准', '多模态', '视觉', '语言', '编程', '助手', '工具', '框架', '研究',
  '论文', '团队', '公司', '融资', '市场', '用户', '产品', '功能', '更新', '版本', '性能', '提升', '成本', '下降',
  '机器人', '自动驾驶', '医疗', '教育', '政策', '监管', '隐私', '对齐', '强化学习', '蒸馏', '微调', '上下文', '窗口',
  'カタカナ', '한국어',
];
const LATIN_WORDS = [
  'OpenAI', 'Anthropic', 'Antrhopic', 'Claude', 'Opus', 'GPT-5.3-Codex', 'Codex', 'code', 'coder', 'agent', 'agents',
  'agentic', 'model', 'models', 'modeling', 'Kimi', 'K2.5', '4.6', 'Gemini', 'DeepSeek', 'release', 'released',
  'benchmark', 'benchmarks', 'safety', 'safe', 'vision', 'token', 'tokens', 'tokenizer', 'reasoning', 'reason',
  'ＧＰＵ', 'GPU', 'Llama', 'Mistral', 'robotics', 'robot', 'data', 'dataset',
];
const PUNCT = ['，', '。', '、', '；', ' ', ' ', ' ', ', ', '. ', '：', '（', '）', '—'];

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

function phrase(rand: () => number, min: number, max: number): string {
  const n = min + Math.floor(rand() * (max - min + 1));
  let out = '';
  for (let i = 0; i < n; i++) {
    const word = rand() < 0.6 ? pick(rand, CJK_WORDS) : pick(rand, LATIN_WORDS);
    // CJK words often run together without a separator, as in real Chinese text.
    out += i === 0 ? word : (rand() < 0.45 ? '' : pick(rand, PUNCT)) + word;
  }
  return out;
}

function generateCorpus(seed: number, count: number): FixtureDigest[] {
  const rand = prng(seed);
  const digests: FixtureDigest[] = [];
  for (let i = 0; i < count; i++) {
    const day = new Date(Date.UTC(2025, 0, 1) + i * 3 * 86_400_000).toISOString().slice(0, 10);
    const sections = Array.from({ length: 1 + Math.floor(rand() * 4) }, (_, k) =>
      k === 0 && rand() < 0.5 ? { text: phrase(rand, 5, 30) } : { heading: phrase(rand, 1, 3), text: phrase(rand, 5, 30) },
    );
    digests.push({ path: `w/${String(i).padStart(3, '0')}.md`, title: phrase(rand, 1, 4), date: day, tags: [], sections });
  }
  return digests;
}

/** Every searchable field of a digest, normalised. */
function fields(d: FixtureDigest): string[] {
  return [d.title, ...d.sections.flatMap((s) => [...(s.headingPath ?? (s.heading ? [s.heading] : [])), s.text])].map(normalizeText);
}

const corpus = generateCorpus(20260206, 200);
let fx: SearchFixture;
let engine: SearchEngine;

beforeAll(() => {
  fx = SearchFixture.create(corpus);
  engine = new SearchEngine(fx.db);
});
afterAll(() => fx.close());

const found = (query: string): string[] => engine.search({ query, limit: 0, facets: false }).results.map((r) => r.path);

describe('search oracle', () => {
  it('returns exactly the digests containing a CJK substring', () => {
    const rand = prng(7);
    const cjkRuns = corpus.flatMap((d) => fields(d).flatMap((f) => splitRuns(f).filter((r) => r.kind === 'cjk').map((r) => r.text)));
    const queries = new Set<string>();
    while (queries.size < 200) {
      const run = Array.from(pick(rand, cjkRuns));
      const len = Math.min(run.length, 1 + Math.floor(rand() * 6));
      const start = Math.floor(rand() * (run.length - len + 1));
      queries.add(run.slice(start, start + len).join(''));
    }
    // Some that are (almost surely) absent: characters of the corpus in random order.
    const chars = [...new Set(cjkRuns.join(''))];
    for (let i = 0; i < 40; i++) queries.add(Array.from({ length: 2 + Math.floor(rand() * 4) }, () => pick(rand, chars)).join(''));

    let nonEmpty = 0;
    let empty = 0;
    for (const q of queries) {
      const expected = corpus.filter((d) => fields(d).some((f) => f.includes(q))).map((d) => d.path).sort();
      expect(found(q).sort(), `query ${q}`).toEqual(expected);
      if (expected.length > 0) nonEmpty++;
      else empty++;
    }
    expect(nonEmpty).toBeGreaterThan(150);
    expect(empty).toBeGreaterThan(5);
  });

  it('returns every digest containing a Latin word, exact matches ranked before prefix and typo matches', () => {
    const rand = prng(11);
    const words = [...new Set(corpus.flatMap((d) => fields(d).flatMap((f) => splitRuns(f).filter((r) => r.kind === 'word').map((r) => r.text))))];
    expect(words.length).toBeGreaterThan(30);
    let expandedSeen = 0;
    for (let i = 0; i < 60; i++) {
      const w = pick(rand, words);
      const exact = new Set(
        corpus.filter((d) => fields(d).some((f) => splitRuns(f).some((r) => r.kind === 'word' && r.text === w))).map((d) => d.path),
      );
      // No trailing space: the word is "being typed", so prefix and typo expansion are on.
      const result = found(w);
      expect(new Set(result.slice(0, exact.size)), `query ${w}`).toEqual(exact);
      if (result.length > exact.size) expandedSeen++;
    }
    expect(expandedSeen).toBeGreaterThan(5);
  });

  it('matches mixed CJK + Latin terms exactly where the highlighter finds them', () => {
    const rand = prng(13);
    const queries = new Set<string>();
    const allFields = corpus.flatMap((d) => fields(d));
    while (queries.size < 80) {
      const runs = splitRuns(pick(rand, allFields));
      const i = Math.floor(rand() * Math.max(0, runs.length - 1));
      const a = runs[i];
      const b = runs[i + 1];
      if (!a || !b || a.kind === b.kind) continue;
      // A leading CJK part may be the end of its run, a trailing one the start of its run.
      const cut = (text: string, from: 'start' | 'end'): string => {
        const chars = Array.from(text);
        const n = 1 + Math.floor(rand() * Math.min(3, chars.length));
        return (from === 'end' ? chars.slice(-n) : chars.slice(0, n)).join('');
      };
      queries.add(`${a.kind === 'cjk' ? cut(a.text, 'end') : a.text}${b.kind === 'cjk' ? cut(b.text, 'start') : b.text}`);
    }
    for (const q of queries) {
      const terms = buildQuery(parseQuery(`${q} `)).highlight;
      const expected = corpus.filter((d) => fields(d).some((f) => findMatches(f, terms).length > 0)).map((d) => d.path).sort();
      expect(expected.length, `query ${q}`).toBeGreaterThan(0);
      expect(found(`${q} `).sort(), `query ${q}`).toEqual(expected);
    }
  });
});
