/** Hand-built ParsedDigest values, for store tests that do not go through the parser. */
import type { ParsedDigest, ParsedSection } from '../../src/core/types.js';

export function section(ordinal: number, headingPath: string[], text: string): ParsedSection {
  return {
    ordinal,
    heading: headingPath[headingPath.length - 1] ?? '',
    level: headingPath.length,
    headingPath,
    text,
    start: ordinal * 100,
    end: ordinal * 100 + 100,
  };
}

export function parsedDigest(over: Partial<ParsedDigest> = {}): ParsedDigest {
  return {
    title: 'AI 周报 第一期',
    date: '2026-02-06',
    tags: ['AI'],
    description: null,
    meta: { layout: 'post' },
    body: '## 模型\n本周 GPT-5.3-Codex 发布。\n',
    sections: [section(0, [], '导语'), section(1, ['模型'], '本周 GPT-5.3-Codex 发布。')],
    links: [],
    warnings: [],
    ...over,
  };
}
