/**
 * A digest prepared by the parse worker (store/prepare.ts attachPrepared: texts
 * and mentions packed, the originals dropped) is stored exactly as the same
 * digest prepared by the store itself.
 */
import { describe, expect, it } from 'vitest';
import { parseDigest } from '../../src/core/parse/parse.js';
import { attachPrepared } from '../../src/core/store/prepare.js';
import { digestRecord, useStoreFixture } from '../helpers/store-fixture.js';

const fx = useStoreFixture('almanac-store-prepared-');

const TEXT = [
  '---',
  'title: 周刊 第 12 期',
  'date: 2026-02-06',
  '---',
  '',
  '导语：**OpenAI** 与 **Kimi K2.5** 的消息。',
  '',
  '## 模型',
  '',
  '**Claude Opus 4.6** 发布，见 [Anthropic 公告](https://www.anthropic.com/news/claude?utm_source=x)。',
  '',
  '### 工具',
  '',
  '- [**ripgrep**](https://github.com/BurntSushi/ripgrep) 和 **OpenAI** 又一次出现。',
  '',
].join('\n');

describe('a digest prepared in the parse worker', () => {
  it('stores the same mention, text and link rows as one the store prepares', () => {
    const parsed = parseDigest(TEXT, 'weekly/2026-02-06.md');
    expect(parsed.mentions?.length).toBeGreaterThan(3);
    const rows = (prepared: boolean): unknown[] => {
      const store = fx.open(`${fx.dir.root}/${prepared ? 'worker' : 'store'}.db`);
      store.putDigest(digestRecord('weekly/2026-02-06.md', { parsed: prepared ? attachPrepared(parsed) : parsed }));
      return ['mention', 'digest_text', 'text_chunk', 'digest_site', 'section_sig'].map((table) => store.db.prepare(`SELECT * FROM ${table}`).raw().all());
    };
    const fromWorker = rows(true);
    expect(fromWorker[0]).toHaveLength(1);
    expect(fromWorker).toEqual(rows(false));
  });
});
