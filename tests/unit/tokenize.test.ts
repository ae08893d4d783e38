import { describe, expect, it } from 'vitest';
import {
  cjkRunTokens,
  indexTokenString,
  indexTokens,
  normalizeText,
  splitRuns,
  splitRunsWithOffsets,
} from '../../src/core/text/tokenize.js';

describe('tokenize', () => {
  it('emits the overlapping bigrams of a CJK run followed by its last character', () => {
    expect(cjkRunTokens('后门检测')).toEqual(['后门', '门检', '检测', '测']);
    expect(cjkRunTokens('测')).toEqual(['测']);
    expect(cjkRunTokens('代理')).toEqual(['代理', '理']);
  });

  it('splits mixed Chinese and English into runs and keeps version-like words whole', () => {
    expect(indexTokens('OpenAI 发布 GPT-5.3-Codex，K2.5 与 Claude Opus 4.6。')).toEqual([
      'openai', '发布', '布', 'gpt', '5.3', 'codex', 'k2.5', '与', 'claude', 'opus', '4.6',
    ]);
  });

  it('does not keep a trailing full stop or join across other punctuation', () => {
    expect(indexTokens('Version 4.6. Next: foo_bar, a.b')).toEqual(['version', '4.6', 'next', 'foo_bar', 'a.b']);
  });

  it('normalises full-width forms and case (ＧＰＴ = GPT)', () => {
    expect(normalizeText('ＧＰＴ－５')).toBe('gpt-5');
    expect(indexTokenString('ＧＰＴ 智能')).toBe(indexTokenString('gpt 智能'));
  });

  it('treats kana and hangul as CJK runs', () => {
    expect(splitRuns(normalizeText('カタカナ한국어'))).toEqual([{ kind: 'cjk', text: 'カタカナ한국어' }]);
  });

  it('reports run offsets in the normalised string', () => {
    const norm = normalizeText('AI 安全, gpt-5');
    expect(splitRunsWithOffsets(norm).map((r) => norm.slice(r.start, r.end))).toEqual(['ai', '安全', 'gpt', '5']);
  });
});
