import { afterEach, describe, expect, it } from 'vitest';
import { parseDigest } from '../../src/core/parse/parse.js';
import { ParsePool } from '../../src/core/parse/pool.js';
import { attachPrepared } from '../../src/core/store/prepare.js';
import { unpackDigestText } from '../../src/core/store/stored-text.js';
import { bodyOf } from '../helpers/worker.js';
import type { ParsedDigest } from '../../src/core/types.js';

/** Built by vitest's globalSetup (scripts/build-node.mjs). */
const workerUrl = new URL('../../out/node/parse-worker.js', import.meta.url);

const pools: ParsePool[] = [];
function pool(options: Omit<ConstructorParameters<typeof ParsePool>[0], 'workerUrl'> = {}): ParsePool {
  const p = new ParsePool({ workerUrl, ...options });
  pools.push(p);
  return p;
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.destroy()));
});

function digestText(n: number): string {
  return `---\ntitle: 周刊 ${n}\ndate: 2026-02-0${(n % 9) + 1}\ntags: [ai, 模型]\n---\n# 第 ${n} 期\n\n## 模型\n\nClaude Opus 4.6 与 GPT-5.3-Codex (${n})\n\n- [上周](../weekly/${n - 1})\n`;
}

/** What the worker posts: the in-process parse, prepared for the store (the texts travel packed only). */
function workerParse(text: string, path: string): ParsedDigest {
  return attachPrepared(parseDigest(text, path));
}

function isPlainTextFallback(d: ParsedDigest, reason: string): boolean {
  return d.warnings.some((w) => w.includes(reason));
}

describe('ParsePool', () => {
  it('parses through the real worker exactly like parseDigest in-process', async () => {
    const text = digestText(7);
    const result = await pool({ size: 1 }).parse(text, 'weekly/7.md');
    expect(result).toEqual(workerParse(text, 'weekly/7.md'));
    expect(result.warnings.some((w) => w.includes('plain text'))).toBe(false);
    // The body and section texts come back packed, not as strings: nothing is lost on the way.
    const inProcess = parseDigest(text, 'weekly/7.md');
    expect(result.body).toBe('');
    expect(result.sections.map((s) => s.text)).toEqual(inProcess.sections.map(() => ''));
    expect(unpackDigestText(result.prepared!.text)).toEqual({ body: inProcess.body, sections: inProcess.sections.map((s) => s.text) });
    expect(result.sections.map((s) => s.heading)).toEqual(inProcess.sections.map((s) => s.heading));
  });

  it('matches many concurrent results to the right paths with at most `size` workers', async () => {
    const p = pool({ size: 2 });
    const inputs = Array.from({ length: 40 }, (_, i) => ({ path: `weekly/${i}.md`, text: digestText(i) }));
    const results = await Promise.all(inputs.map((f) => p.parse(f.text, f.path)));
    results.forEach((r, i) => {
      const input = inputs[i];
      if (!input) throw new Error('missing input');
      expect(r).toEqual(workerParse(input.text, input.path));
    });
    expect(p.liveWorkers).toBeLessThanOrEqual(2);
    expect(p.liveWorkers).toBeGreaterThan(0);
  });

  it('falls back to plain text when a file runs over the time budget, and stays usable', async () => {
    const p = pool({ size: 1, timeBudgetMs: 5 });
    // About 4 MB: remark needs seconds, far beyond 5 ms.
    const big = Array.from({ length: 40_000 }, (_, i) => `## 标题 ${i}\n\n段落 **粗体** [链接](x${i}.md) 中文 English words ${i}.\n`).join('\n');
    const slow = await p.parse(big, 'weekly/big.md');
    expect(isPlainTextFallback(slow, 'parse took longer than 5 ms; indexed as plain text')).toBe(true);
    expect(bodyOf(slow)).toBe(big);
    expect(slow.sections).toHaveLength(1);
    expect(slow.sections[0]?.text).toContain('段落');

    const generous = pool({ size: 1, timeBudgetMs: 60_000 });
    const text = digestText(3);
    expect(await generous.parse(text, 'weekly/3.md')).toEqual(workerParse(text, 'weekly/3.md'));
    // The first pool replaced its terminated worker and still answers.
    const again = await p.parse('tiny', 'weekly/tiny.md');
    expect(bodyOf(again)).toBe('tiny');
  });

  it('survives 50,000 nested ">" and a 1,000-level nested list', async () => {
    const p = pool({ size: 2, timeBudgetMs: 1000 });
    const quotes = `${'>'.repeat(50_000)} deep\n`;
    const list = Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n');
    const [q, l] = await Promise.all([p.parse(quotes, 'quotes.md'), p.parse(list, 'list.md')]);
    // Whatever the parser manages, each file resolves with its whole text and the pool carries on.
    expect(bodyOf(q)).toBe(quotes);
    expect(bodyOf(l)).toBe(list);
    expect(q.warnings.some((w) => w.includes('plain text'))).toBe(true);
    expect(l.warnings.some((w) => w.includes('plain text'))).toBe(true);
    const text = digestText(1);
    expect(await p.parse(text, 'after.md')).toEqual(workerParse(text, 'after.md'));
  });

  it('falls back to plain text when the worker runs out of its memory budget', async () => {
    const p = pool({ size: 1, memoryBudgetMb: 32, timeBudgetMs: 60_000 });
    const flat = Array.from({ length: 60_000 }, (_, i) => `- item ${i}`).join('\n');
    const result = await p.parse(flat, 'flat.md');
    expect(isPlainTextFallback(result, 'parse ran out of memory (over 32 MB); indexed as plain text')).toBe(true);
    expect(bodyOf(result)).toBe(flat);
    const ok = await p.parse('# ok\n', 'ok.md'); // parsed by a fresh worker: the body travels packed
    expect(ok.sections.map((s) => s.heading)).toEqual(['ok']);
    expect(bodyOf(ok)).toBe('# ok\n');
  });

  it('size 0 parses in-process', async () => {
    const text = digestText(2);
    const p = pool({ size: 0 });
    expect(await p.parse(text, 'a.md')).toEqual(parseDigest(text, 'a.md'));
    expect(p.liveWorkers).toBe(0);
  });

  it('close() lets queued parses finish, then refuses new ones', async () => {
    const p = pool({ size: 1 });
    const pending = [1, 2, 3].map((n) => p.parse(digestText(n), `${n}.md`));
    await p.close();
    const done = await Promise.all(pending);
    expect(done.map((d) => bodyOf(d).includes('Claude Opus 4.6'))).toEqual([true, true, true]);
    expect(p.liveWorkers).toBe(0);
    await expect(p.parse('x', 'late.md')).rejects.toThrow('ParsePool is closed (cannot parse late.md)');
  });

  it('rejects with a clear error when the worker script cannot start', async () => {
    const missing = new URL('../../out/node/no-such-worker.js', import.meta.url);
    const p = new ParsePool({ workerUrl: missing, size: 1 });
    pools.push(p);
    await expect(p.parse('# x', 'x.md')).rejects.toThrow(`parse worker ${missing.href} failed to start`);
    await expect(p.parse('# y', 'y.md')).rejects.toThrow('failed to start');
  });

  it('validates its options', () => {
    expect(() => new ParsePool({ workerUrl, size: -1 })).toThrow('ParsePool: size must be an integer >= 0, got -1');
    expect(() => new ParsePool({ workerUrl, timeBudgetMs: 0 })).toThrow('timeBudgetMs must be an integer >= 1, got 0');
  });
});
