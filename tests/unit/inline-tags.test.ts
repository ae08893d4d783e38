import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexVault } from '../../src/core/index/indexer.js';
import { inlineTags } from '../../src/core/parse/inline-tags.js';
import { parseDigest } from '../../src/core/parse/parse.js';
import { Store } from '../../src/core/store/store.js';
import { digest, tempDir } from '../helpers/temp-vault.js';
import { countingParser, inProcessPool } from '../helpers/worker.js';

describe('inlineTags', () => {
  it.each([
    ['#agents and #模型 here', ['agents', '模型']],
    ['nested #ai/agents/mcp, trailing #todo/ and #a-b-', ['ai/agents/mcp', 'todo', 'a-b']],
    ['#GPT-5 then #gpt-5 again, #Claude_Opus', ['GPT-5', 'Claude_Opus']],
    ['本周关注\u3000#智能体，与 #开源模型。', ['智能体', '开源模型']],
    ['at the start\n#first\n\t#tabbed', ['first', 'tabbed']],
  ])('%s', (body, expected) => {
    expect(inlineTags(body)).toEqual(expected);
  });

  it.each([
    ['a heading', '# Heading\n## Sub'],
    ['numbers (issue references)', 'see #1234 and #2024/05'],
    ['a # inside a word or link', 'C# and F#, a[x](#anchor), https://x.test/#frag, &#123;'],
    ['inline code', 'use `#include` or ``#pragma ` once``'],
    ['fenced code', '```c\n#include <stdio.h>\n```'],
    ['a bare #', 'a # b #'],
    ['a tag over 100 characters', `#${'a'.repeat(101)}`],
  ])('finds none in %s', (_what, body) => {
    expect(inlineTags(body)).toEqual([]);
  });

  it('adds them after the metadata tags, once each, only when asked', () => {
    const text = '---\ntitle: W05\ntags: [AI]\n---\n\n## 本周\n\n#ai 与 #agents 的进展。\n';
    expect(parseDigest(text, 'w05.md').tags).toEqual(['AI']);
    expect(parseDigest(text, 'w05.md', { inlineTags: true }).tags).toEqual(['AI', 'agents']);
  });
});

describe('inline tags in an index run', () => {
  async function tagsOf(vaultSetup: (v: ReturnType<typeof tempDir>) => void): Promise<string[]> {
    const vault = tempDir('almanac-inline-tags-');
    const data = tempDir('almanac-inline-tags-db-');
    const pool = inProcessPool();
    const store = Store.open(path.join(data.root, 'index.db'));
    try {
      vault.write('weekly/w05.md', digest({ title: 'W05', date: '2024-02-02' }, '## 本周\n\n#agents 与 #开源 的进展。\n'));
      vaultSetup(vault);
      await indexVault({ vaultPath: vault.root, store, pool: countingParser(pool), settings: { exclude: [], maxFileBytes: 1 << 20 } });
      return store.tagsOf(store.digestByPath('weekly/w05.md')!.id);
    } finally {
      store.close();
      await pool.close();
      vault.cleanup();
      data.cleanup();
    }
  }

  it('reads them in an Obsidian vault (.obsidian/) and a Logseq one (logseq/config.edn), not elsewhere', async () => {
    expect(await tagsOf(() => {})).toEqual([]);
    expect(await tagsOf((v) => v.write('.obsidian/app.json', '{}'))).toEqual(['agents', '开源']);
    expect(await tagsOf((v) => v.write('logseq/config.edn', '{}'))).toEqual(['agents', '开源']);
  });

  it('parses every file again when the vault becomes an Obsidian vault', async () => {
    const vault = tempDir('almanac-inline-tags-');
    const data = tempDir('almanac-inline-tags-db-');
    const pool = inProcessPool();
    const parser = countingParser(pool);
    const store = Store.open(path.join(data.root, 'index.db'));
    const run = () => indexVault({ vaultPath: vault.root, store, pool: parser, settings: { exclude: [], maxFileBytes: 1 << 20 } });
    try {
      vault.write('w05.md', digest({ title: 'W05', date: '2024-02-02' }, '#agents\n'));
      await run();
      expect(store.tagsOf(store.digestByPath('w05.md')!.id)).toEqual([]);
      vault.write('.obsidian/app.json', '{}');
      parser.calls.length = 0;
      await run();
      expect(parser.calls).toEqual(['w05.md']);
      expect(store.tagsOf(store.digestByPath('w05.md')!.id)).toEqual(['agents']);
    } finally {
      store.close();
      await pool.close();
      vault.cleanup();
      data.cleanup();
    }
  });
});
