/**
 * The fast indexing engine (markdown-it) must yield exactly the sections and
 * links of the remark engine (the renderer's parser), and the same plain text.
 * A seeded generator of tricky Markdown plus hand-written edge cases; real
 * corpora are checked by scripts/check-parse-equivalence.mjs.
 */
import { describe, expect, it } from 'vitest';
import { compareEngines, diffParses, type EngineDifference } from '../../src/core/parse/equivalence.js';
import { parseDigest } from '../../src/core/parse/parse.js';

function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['本周', 'OpenAI', '发布了', 'GPT-5.3-Codex', '开源', 'Claude Opus 4.6', '模型', 'the', 'release', '，', '。', '（注）', '“引号”', '😀', 'v2.0', 'a_b_c', '3~5', '100%', 'C++', '&amp;', '&copy;', '\\*'];
const INLINE = [
  (w: string) => `**${w}**`,
  (w: string) => `*${w}*`,
  (w: string) => `_${w}_`,
  (w: string) => `~~${w}~~`,
  (w: string) => `~${w}~`,
  (w: string) => `\`${w}\``,
  (w: string) => `[${w}](../weekly/2026-02-06.md)`,
  (w: string) => `[${w}](https://example.com/a_(b) "title")`,
  (w: string) => `[${w}][ref]`,
  (w: string) => `[${w}]`,
  (w: string) => `![${w}](img.png)`,
  (w: string) => `<https://auto.example/${w.length}>`,
  (w: string) => `详见https://example.com/${w.length}。`,
  (w: string) => `see www.example.org/p?q=${w.length}.`,
  (w: string) => `mail a.b@example.com or ${w}`,
  (w: string) => `<span>${w}</span>`,
  (w: string) => `[${w} https://x.example](y)`,
  (w: string) => `(${w} https://x.example/a_b) z`,
  (w: string) => `[${w} 见https://open.example`,
  (w: string) => `${w}  \n${w}`,
  (w: string) => `${w}\\\n${w}`,
  (w: string) => `javascript:alert(${w.length})`,
  (w: string) => `[bad](javascript:alert(1)) ${w}`,
  (w: string) => `*${w}https://e.example/*x*`,
];

function inline(next: () => number): string {
  const parts: string[] = [];
  const n = 1 + Math.floor(next() * 6);
  for (let i = 0; i < n; i++) {
    const w = WORDS[Math.floor(next() * WORDS.length)]!;
    parts.push(next() < 0.5 ? INLINE[Math.floor(next() * INLINE.length)]!(w) : w);
  }
  return parts.join(next() < 0.7 ? ' ' : '');
}

const BLOCKS: ((next: () => number) => string)[] = [
  (n) => `${'#'.repeat(1 + Math.floor(n() * 6))} ${inline(n)}\n`,
  (n) => `## ${inline(n)} ##\n`,
  (n) => `   ### ${inline(n)}\n`,
  (n) => `    # indented code ${inline(n)}\n`,
  (n) => `${inline(n)}\n${n() < 0.5 ? '===' : '---'}\n`,
  (n) => `${inline(n)}\n${inline(n)}\n-----\n`,
  (n) => `${inline(n)}\n`,
  (n) => `${inline(n)}\n${inline(n)}\n\n`,
  () => '\n',
  () => '---\n',
  () => '***\n',
  (n) => `> ## ${inline(n)}\n> ${inline(n)}\n`,
  (n) => `> ${inline(n)}\n${inline(n)}\n`,
  (n) => `- ${inline(n)}\n  ## ${inline(n)}\n- [ ] ${inline(n)}\n- [x] done\n`,
  (n) => `1. ${inline(n)}\n   > # quoted in list\n2. ${inline(n)}\n\n   ${inline(n)}\n`,
  (n) => `- a\n  - b ${inline(n)}\n    - c\n\n      para\n`,
  (n) => `\`\`\`md\n## not a heading ${inline(n)}\n# neither\n\`\`\`\n`,
  (n) => `~~~\n# code\n${inline(n)}\n~~~\n`,
  (n) => `\`\`\`\n# unclosed ${inline(n)}\n`,
  (n) => `\t${inline(n)}\n`,
  (n) => `| 模型 | Vendor |\n|---|:--:|\n| ${inline(n)} | b |\n| c |\n| d | e | [hidden](h.md) |\n`,
  (n) => `| a |\n| - |\n`.concat(`| ${inline(n)} |\n`),
  (n) => `<div class="x">\n## in html ${inline(n)}\n</div>\n`,
  () => '<!-- comment\n# not heading\n-->\n',
  (n) => `<script>\nvar x = "${'#'}";\n</script>\n${inline(n)}\n`,
  () => '[ref]: https://example.com/ref "Ref"\n',
  () => '[Ref]: ../weekly/other.md\n',
  (n) => `[ref]:\n  https://late.example\n${inline(n)}\n`,
  (n) => `${inline(n)}\n[ref]: https://not-a-def.example\n`,
  () => '# \n',
  () => '#5 not a heading\n',
  () => '#\tTabbed\n',
  (n) => `# ${inline(n)} #####\n`,
  (n) => `  > ${inline(n)}\n  > ## q\n`,
  () => '\n\n\n',
  () => '   \n',
  (n) => `${inline(n)}\n    continued\n`,
  (n) => `- ${inline(n)}\n\n    code in list\n`,
];

function document(next: () => number): string {
  let body = '';
  const n = 1 + Math.floor(next() * 12);
  for (let i = 0; i < n; i++) body += BLOCKS[Math.floor(next() * BLOCKS.length)]!(next);
  if (next() < 0.3) body = `---\ntitle: T\ndate: 2026-02-06\n---\n${body}`;
  return body;
}

function explain(body: string, diffs: EngineDifference[]): string {
  return `${JSON.stringify(body)}\n${diffs.map((d) => `${d.kind}: ${d.detail}`).join('\n')}`;
}

describe('fast engine vs remark: generated documents', () => {
  it('gives identical sections, links and plain text for 400 seeded documents', () => {
    const next = rng(20260206);
    const failures: string[] = [];
    for (let i = 0; i < 400; i++) {
      const body = document(next);
      const diffs = compareEngines(body, 'weekly/2026-02-06.md');
      if (diffs.length > 0) failures.push(explain(body, diffs));
    }
    expect(failures, failures.join('\n\n')).toEqual([]);
  });
});

const EDGE_CASES: [string, string][] = [
  ['setext headings', 'Title\n=====\n\ntext\n\nSub\n---\n\nmore\n'],
  ['multi-line setext', 'one\ntwo\n===\n'],
  ['setext after a definition', '[a]: /x\nFoo\n===\n'],
  ['heading in block quote and list', '> # q\n\n- # l\n\n1. ## m\n'],
  ['indented code with #', '    # code\n    ## more\n'],
  ['fenced code with #', '```\n# a\n## b\n```\n## real\n'],
  ['tilde fence inside backtick fence', '````\n~~~\n# x\n````\n'],
  ['HTML blocks', '<div>\n# x\n</div>\n\n<details><summary>S</summary>\n\n## inside\n\n</details>\n'],
  ['HTML comment with heading', '<!--\n# x\n-->\n# y\n'],
  ['reference definitions', '[A]: https://a.example\n[a]: https://second.example\n\n# [A] and [a][] and [b]\n'],
  ['autolinks', '<https://a.example> <mailto:x@y.z> <me@example.com>\n'],
  ['GFM literals', 'https://a.example/x. www.b.example, c@d.example; http://e.example/(f)g).\n'],
  ['literals in CJK text', '详见https://example.com/路径，或www.例子.com。邮件foo@bar.com。\n'],
  ['literal after open bracket', '[看这里 https://x.example 和 [y]\n'],
  ['images are not links', '![alt [x](y)](z.png) ![a](b.png "t")\n'],
  ['emphasis and code in headings', '## **粗体** *em* `code` [link](x.md) <b>html</b>\n'],
  ['trailing hashes', '# A #\n## B ##   \n### C \\#\n#### D #x\n'],
  ['tabs', '#\tTab heading\n\t# code\n-\titem\n'],
  ['CJK punctuation', '## 第一章：开始（上）——“引”\n\n正文，句号。\n'],
  ['emoji offsets', '😀 lead\n\n## 🚀 rocket 🚀\n\ntext 🎉\n'],
  ['strikethrough', '~one~ ~~two~~ ~~~three~~~ 3~5 [~s~](x)\n'],
  ['task list', '- [ ] open\n- [x] done\n- [ ]\n- [x]not\n'],
  ['table with missing and extra cells', '| a | b |\n|---|---|\n| 1 |\n| 2 | 3 | [x](hidden.md) |\n'],
  ['table after paragraph', 'para\n| a | b |\n|---|---|\n| 1 | 2 |\n'],
  ['escaped pipe in table', '| a \\| b | c |\n|---|---|\n| `x \\| y` | [l](m) |\n'],
  ['entities', '# &amp; &copy; &#x4E2D; &bogus;\n[&amp;](a&amp;b)\n'],
  ['link destinations kept raw', '[a](<b c.md>) [d](e%20f.md) [g](h\\_i.md) [j](/k?l#m)\n'],
  ['hard breaks', 'a  \nb\\\nc\n'],
  ['lazy continuation', '> quote\ncontinued\n# after\n'],
  ['empty and whitespace', '   \n\n\t\n'],
  ['only front matter', '---\ntitle: x\n---\n'],
  ['deep block quotes', `## Deep\n\n${'>'.repeat(150)} bottom [x](y.md)\n\n## After\n`],
  ['nesting beyond the fast limit (remark decides)', `${'> '.repeat(400)}# deep [x](y.md)\n\n## After\n`],
  ['deep lists', `${Array.from({ length: 60 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n')}\n# End\n`],
  ['footnotes take the remark path', 'Text[^1] https://a.example\n\n[^1]: https://note.example\n\n## Next\n'],
  ['heading with only markup', '## **\n## []()\n'],
  ['link in heading path', '# [A](a.md)\n## B https://b.example\n### C\n'],
  ['ATX closing not a heading', '#hashtag\n##\n'],
  ['bold names in Chinese sentences', 'OpenAI发布了**GPT-5.3-Codex**，Anthropic推出了**Claude Opus 4.6**。\n\n- **Anthropic**：发布（**MCP Apps**）\n'],
  ['bold nested, in links and link labels', '***Kimi K2.5*** **[Hugging Face](https://hf.example)** [**Cerebras** IPO](x.md) **outer **inner** outer**\n'],
  ['underscore bold and intraword markers', '__Anthropic__ foo__bar__ 模型__Gemini 3__发布 **a**b**c**\n'],
  ['bold in headings, tables and alt text', '## **ElevenLabs** 融资\n\n| **模型** | [链接](l.md) |\n|---|---|\n| **Gemini 3** | x |\n\n![**not a mention**](a.png)\n'],
  ['bold spans across sections', '**Lead Name**\n\n# One\n\n**OpenAI** and **OpenAI**\n\n## Two\n\n**openai** [OpenAI](https://openai.example)\n'],
  [
    'raw HTML with a slash in an unquoted attribute value',
    '看视频\n<a href=https://v.example/BV1 target="_blank"><img src="c.jpg" /></a>\n\n- item\n\n  <img src=https://u.example/a.gif width=70%>\n\n<a href=/p/q>\n\n<span title=a/>ok</span> <div class=a/b>\n',
  ],
  ['code spans across lines', 'run `gdb-redox <absolute\nfilepath> [args...]` now\n\n## H\n\n[`c\nd`](e.md) **`f\ng`** `\nh\n`\n'],
];

// Metadata styles and the rewrites that run before either engine (MDX, heading ids): both engines see one body.
const ARCHIVE_CASES: [string, string, string][] = [
  ['Pelican header', 'content/2024-01-03-twir.md', 'Title: TWiR 528\nDate: 2024-01-03\n\n## Updates\n\n[x](y.md)\n\n# Quote of the Week\n'],
  ['TOML front matter', 'content/2024-06/index.md', '+++\ntitle = "T"\ndate = 2024-06-30\n+++\n\n## A {#a}\n\ntext https://a.example\n'],
  ['JSON front matter', 'x.md', '{\n  "title": "J"\n}\n# H\n\n[l](m.md)\n'],
  ['heading ids, ATX and setext', 'x.md', '# [Core](#core) {#core}\n\nSub {#sub}\n---\n\n```\n# kept {#kept}\n```\n'],
  [
    'MDX components, ESM and comments',
    'newsletter/219/index.mdx',
    'intro\n\nimport A from "./a.mdx";\n\n<A />\n\n## ⚛️ React {#react}\n\n<Tabs>\n<TabItem value="x">\n\n### Tab\n\n- [l](https://l.example) <B>b</B>\n\n</TabItem>\n</Tabs>\n\n{/* c */}\n<!-- truncate -->\n',
  ],
];

describe('fast engine vs remark: archive styles', () => {
  it.each(ARCHIVE_CASES)('%s', (_name, path, text) => {
    const diffs = compareEngines(text, path);
    expect(diffs, explain(text, diffs)).toEqual([]);
    expect(parseDigest(text, path, { engine: 'remark' }).sections.length).toBeGreaterThan(0);
  });
});

describe('fast engine vs remark: edge cases', () => {
  it.each(EDGE_CASES)('%s', (_name, body) => {
    const diffs = compareEngines(body, 'weekly/2026-02-06.md');
    expect(diffs, explain(body, diffs)).toEqual([]);
  });

  it('compares something: the edge cases hold sections and links', () => {
    const d = parseDigest(EDGE_CASES.find(([n]) => n === 'link in heading path')![1], 'x.md');
    expect(d.sections.map((s) => s.headingPath)).toEqual([['A'], ['A', 'B https://b.example'], ['A', 'B https://b.example', 'C']]);
    expect(d.links).toEqual([
      { href: 'a.md', text: 'A', section: 0 },
      { href: 'https://b.example', text: 'https://b.example', section: 1 },
    ]);
  });

  it('compares something: raw HTML micromark refuses is text, code spans have no line endings', () => {
    const html = parseDigest(EDGE_CASES.find(([n]) => n === 'raw HTML with a slash in an unquoted attribute value')![1], 'x.md');
    expect(html.links.map((l) => l.href)).toEqual(['https://v.example/BV1', 'https://u.example/a.gif']);
    expect(html.sections[0]!.text).toContain('<a href=https://v.example/BV1 target="_blank">');
    expect(html.sections[0]!.text).not.toContain('<span');
    const code = parseDigest(EDGE_CASES.find(([n]) => n === 'code spans across lines')![1], 'x.md');
    expect(code.sections.map((s) => s.text)).toEqual(['run gdb-redox <absolute filepath> [args...] now', 'c d f g h']);
  });

  it('compares mentions: bold names and link texts, once per section, both engines alike', () => {
    const body = EDGE_CASES.find(([n]) => n === 'bold spans across sections')![1];
    const expected = [
      { name: 'Lead Name', section: 0 },
      { name: 'OpenAI', section: 1 },
      { name: 'openai', section: 2 },
    ];
    expect(parseDigest(body, 'x.md', { engine: 'fast' }).mentions).toEqual(expected);
    expect(parseDigest(body, 'x.md', { engine: 'remark' }).mentions).toEqual(expected);
    // [**Cerebras** IPO](x.md) links within the vault: its bold span is a mention, its link text is not.
    const nested = parseDigest(EDGE_CASES.find(([n]) => n === 'bold nested, in links and link labels')![1], 'x.md');
    expect(nested.mentions!.map((m) => m.name)).toEqual(['Kimi K2.5', 'Hugging Face', 'Cerebras', 'outer inner outer', 'inner']);
  });

  it('reports a difference when the engines disagree', () => {
    // Guard against a comparison that cannot fail: injected differences are seen.
    const body = '# A\n\n[x](y.md) text\n';
    const remark = parseDigest(body, 'x.md', { engine: 'remark' });
    const fast = parseDigest(body, 'x.md', { engine: 'fast' });
    expect(fast).toEqual(remark);
    expect(diffParses(remark, fast)).toEqual([]);
    const shifted = { ...fast, sections: fast.sections.map((s) => ({ ...s, start: s.start + 1 })) };
    expect(diffParses(remark, shifted).map((d) => d.kind)).toEqual(['section']);
    const relinked = { ...fast, links: [{ ...fast.links[0]!, href: 'z.md' }] };
    expect(diffParses(remark, relinked).map((d) => d.kind)).toEqual(['link']);
    const renamed = { ...fast, mentions: [{ name: 'y', section: 0 }] };
    expect(diffParses(remark, renamed).map((d) => d.kind)).toEqual(['mention']);
    const retexted = { ...fast, sections: fast.sections.map((s) => ({ ...s, text: `${s.text}!` })) };
    expect(diffParses(remark, retexted).map((d) => d.kind)).toEqual(['text']);
    // A text difference is shown where it starts, not as two whole texts.
    expect(diffParses(remark, retexted)[0]!.detail).toBe('#0 of 1/1: at character 6: remark "x text" fast "x text!"');
  });
});
