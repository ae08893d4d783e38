/**
 * Mentions: the names digests set apart in bold or as link text, cleaned and
 * filtered in one place (core/text/mention-name.ts) and collected by the
 * parser per section (core/parse/mentions.ts), on digests written the way
 * the seed digest and the Chinese weeklies are; and the packed row the store
 * keeps them in (core/store/mention-rows.ts).
 */
import { describe, expect, it } from 'vitest';
import { parseDigest } from '../../src/core/parse/parse.js';
import { decodeMentionRow, encodeMentions, hash53, mentionKeyHash, spellingAt } from '../../src/core/store/mention-rows.js';
import { cleanMention, MAX_MENTION_CHARS, mentionKey, mentionName } from '../../src/core/text/mention-name.js';

describe('mentionName: a bold span or link text as a name', () => {
  it.each([
    ['Claude Opus 4.6', 'Claude Opus 4.6'],
    ['  Claude   Opus 4.6 ', 'Claude Opus 4.6'],
    ['Claude Opus 4.6。', 'Claude Opus 4.6'],
    ['GPT-5.3-Codex）', 'GPT-5.3-Codex'],
    ['「Kimi K2.5」', 'Kimi K2.5'],
    ['《三体》', '三体'],
    ['Anthropic：', 'Anthropic'],
    ['“Agent Swarm”', 'Agent Swarm'],
    ['ＧＰＴ－５', 'GPT-5'],
    ['🔥 Gemini 3 🚀', 'Gemini 3'],
    ['GPT-4o (mini)', 'GPT-4o (mini)'],
    ['(GPT-4o)', 'GPT-4o'],
    ['C#', 'C#'],
    ['C++', 'C++'],
    ['.NET', '.NET'],
    ['@OpenAI', '@OpenAI'],
    ['Node.js.', 'Node.js'],
    ['github.com', 'github.com'],
    ['百万级上下文窗口', '百万级上下文窗口'],
  ])('%j -> %j', (span, name) => {
    expect(mentionName(span)).toBe(name);
  });

  it.each([
    ['', 'empty'],
    ['。', 'only punctuation'],
    ['100%', 'a number'],
    ['2026年', 'a date'],
    ['25%', 'a number'],
    ['1,000,000', 'a number'],
    ['https://www.anthropic.com/news', 'a URL'],
    ['www.example.org/p?q=1', 'a URL'],
    ['a.b@example.com', 'an e-mail address'],
    ['github.com/facebook/flipper', 'a URL without its scheme'],
    ['链接', 'a generic link text'],
    ['原文', 'a generic link text'],
    ['阅读原文', 'a generic link text'],
    ['Link', 'a generic link text, any case'],
    ['here', 'a generic link text'],
    ['via', 'a generic link text'],
    ['利率一降再降，恰恰说明了社会的平均利润率在不断下降。', 'a sentence (clause punctuation)'],
    ['第一步：找到“个人-市场-产品”这三者交叉的那个定位。', 'a sentence (a colon between Chinese words)'],
    ['OpenAI、Anthropic', 'a list, not one name'],
    ['This is important, read it', 'a sentence (comma)'],
    ['one two three four five six seven eight nine', 'a phrase of nine words'],
    ['x'.repeat(MAX_MENTION_CHARS + 1), 'longer than the limit'],
  ])('%j is no name: %s', (span) => {
    expect(mentionName(span)).toBeNull();
  });

  it('keeps a name of exactly the limit', () => {
    expect(mentionName('x'.repeat(MAX_MENTION_CHARS))).toBe('x'.repeat(MAX_MENTION_CHARS));
  });

  it('gives one key for the spellings of one name, and the same for what a user types', () => {
    const spellings = ['Claude Opus 4.6', '**Claude Opus 4.6**。', 'claude opus 4.6', 'ＣＬＡＵＤＥ　ＯＰＵＳ　４．６', '「Claude  Opus 4.6」'];
    expect(new Set(spellings.map(mentionKey))).toEqual(new Set(['claude opus 4.6']));
    expect(mentionKey('OpenAI')).not.toBe(mentionKey('Open AI'));
    expect(cleanMention('**GPT-5.3-Codex**）')).toBe('GPT-5.3-Codex');
  });
});

const SEED_STYLE = `---
title: 2026年2月第一周AI及科技新闻周报
date: 2026-02-06
tags: [AI]
---
本周，全球AI技术与产业迎来多项突破。

## 深度报道与点评

### 1. OpenAI 与 Anthropic 旗舰模型新纪元

OpenAI发布了**GPT-5.3-Codex**，速度提升25%。同日Anthropic推出了**Claude Opus 4.6**，创新性地支持了**百万级上下文窗口**。

### 2. 开源大模型

Moonshot发布的**Kimi K2.5**成为开源领域焦点（仅Sonnet 4.5一半）。详见[原文](https://example.com/kimi)与[Hugging Face](https://huggingface.co/moonshotai)。

- **Anthropic**：发布了MCP Apps开放规范。
- **ＧＰＴ－５.３－Ｃｏｄｅｘ**）再次登顶。
- **利率一降再降，恰恰说明了社会的平均利润率在不断下降。**
- **100%** 的开发者 **claude opus 4.6**。

## 一句话消息

[https://github.com/moonshotai/Kimi](https://github.com/moonshotai/Kimi) · [链接](https://x.example) · **2026年**
`;

describe('parsed mentions of a digest in the seed style', () => {
  const names = (engine: 'fast' | 'remark') => parseDigest(SEED_STYLE, 'weekly/2026-02-06.md', { engine }).mentions;

  it('lists each name once per section, in document order, bold spans before link texts', () => {
    expect(names('fast')).toEqual([
      { name: 'GPT-5.3-Codex', section: 2 },
      { name: 'Claude Opus 4.6', section: 2 },
      { name: '百万级上下文窗口', section: 2 },
      { name: 'Kimi K2.5', section: 3 },
      { name: 'Anthropic', section: 3 },
      { name: 'GPT-5.3-Codex', section: 3 },
      { name: 'claude opus 4.6', section: 3 },
      { name: 'Hugging Face', section: 3 },
    ]);
  });

  it('gives the same mentions with either engine', () => {
    expect(names('remark')).toEqual(names('fast'));
  });

  it('takes link texts only from links out of the vault: a link to another week is navigation', () => {
    const md = '# T\n\n[上一期 2026-11-15](../2026-11-15.md) · [Anthropic](https://www.anthropic.com) · [Kimi](./kimi.md) · [Qwen](//qwen.example)\n';
    for (const engine of ['fast', 'remark'] as const) expect(parseDigest(md, 'weekly/x.md', { engine }).mentions).toEqual([{ name: 'Anthropic', section: 0 }]);
  });

  it('finds none in a digest without bold spans or named links', () => {
    expect(parseDigest('# T\n\nPlain text [here](x.md) and *emphasis*.\n', 'x.md').mentions).toEqual([]);
  });
});

describe('the mention row of a digest', () => {
  it('packs names by the hash of their key, with sections and spellings, and reads them back', () => {
    const mentions = [
      { name: 'OpenAI', section: 2 },
      { name: 'Claude Opus 4.6', section: 1 },
      { name: '芯片', section: 1 },
      { name: 'OpenAI', section: 2 },
      { name: 'openai', section: 3 },
    ];
    const row = decodeMentionRow(encodeMentions(mentions)!);
    expect(row.keys).toEqual([mentionKeyHash('OpenAI'), mentionKeyHash('Claude Opus 4.6'), mentionKeyHash('芯片'), mentionKeyHash('OPENAI')]);
    expect(row.keys[0]).toBe(row.keys[3]);
    // A spelling that is its key has the key's hash as its id; the others an id of their own.
    expect(row.spellings[2]).toBe(row.keys[2]);
    expect(row.spellings[3]).toBe(row.keys[3]);
    expect(row.spellings[0]).not.toBe(row.keys[0]);
    expect(row.pairs).toEqual([1, 1, 1, 2, 2, 0, 3, 3]);
    const bytes = encodeMentions(mentions)!;
    expect([0, 1, 2, 3].map((e) => spellingAt(bytes, e))).toEqual(['OpenAI', 'Claude Opus 4.6', '芯片', 'openai']);
    expect(spellingAt(bytes, 4)).toBeNull();
    expect(encodeMentions([])).toBeNull();
  });

  it('reads what it can of a damaged row instead of failing', () => {
    const bytes = encodeMentions([{ name: 'A', section: 0 }, { name: 'B', section: 1 }])!;
    expect(decodeMentionRow(bytes.subarray(0, 5)).keys.length).toBeLessThan(2);
    expect(spellingAt(bytes.subarray(0, bytes.length - 2), 0)).toBeNull();
    expect(hash53('x')).toBe(hash53('x'));
    expect(hash53('x')).not.toBe(hash53('y'));
    expect(Number.isSafeInteger(hash53('任何文字'))).toBe(true);
  });
});
